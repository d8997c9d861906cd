package dev.hunt4j.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Kinds of observable (indicator of compromise). Names follow MSTICPy's {@code IoCType}. */
public enum IocType {
    IPV4, IPV6, DNS, URL, EMAIL, MD5_HASH, SHA1_HASH, SHA256_HASH, WINDOWS_PATH, LINUX_PATH, HOSTNAME;

    /** The lower-case name used in tables and on the command line, e.g. {@code md5_hash}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an id (case-insensitive; {@code md5} is accepted for {@code md5_hash}, likewise sha1/sha256). */
    public static IocType parse(String text) {
        String key = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (key.equals("MD5") || key.equals("SHA1") || key.equals("SHA256")) {
            key = key + "_HASH";
        }
        try {
            return valueOf(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown IoC type '" + text + "', expected one of "
                    + Arrays.stream(values()).map(IocType::id).collect(Collectors.joining(", ")));
        }
    }
}
