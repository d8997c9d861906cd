package dev.hunt4j.analysis.ioc;

import com.google.common.net.InternetDomainName;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Domain checks against the Public Suffix List that Guava ships ({@link InternetDomainName}); no TLD list is
 * written here. Results are cached because the same names and TLDs repeat across log lines and Guava's check
 * costs a few microseconds.
 */
final class DomainValidator {
    static final DomainValidator INSTANCE = new DomainValidator();

    /**
     * File extensions that are also top-level domains in the Public Suffix List and that, in logs and command
     * lines, name files far more often than hosts: {@code install.sh}, {@code main.py}, {@code invoice.zip},
     * {@code notes.one}, {@code libc.so}. This is a list of file extensions, not of TLDs: a name ending in one of
     * these is still a domain where the context says so (see {@link IocScanner}). Country codes that are mostly
     * used as domains ({@code .in}, {@code .ai}, {@code .cc}, {@code .ml}, ...) are deliberately not listed.
     */
    static final Set<String> FILE_EXTENSIONS = Set.of(
            "zip", "mov", "sh", "py", "pl", "pm", "ps", "rs", "md", "so", "mk", "cat", "one", "pub", "tf", "run",
            "fish", "mobi", "sv", "gs", "ax");

    /**
     * Extensions that, as an inner label, mark a double-extension file name such as {@code invoice.pdf.zip} or
     * {@code photo.jpg.one}: such names are files even with three labels.
     */
    static final Set<String> INNER_FILE_EXTENSIONS = Set.of(
            "pdf", "doc", "docx", "docm", "xls", "xlsx", "xlsm", "ppt", "pptx", "rtf", "txt", "csv", "jpg", "jpeg",
            "png", "gif", "exe", "dll", "scr", "js", "vbs", "hta", "lnk", "iso", "img", "tar", "html", "htm", "mp3",
            "mp4", "wav");

    private static final int MAX_CACHE = 50_000;

    private final ConcurrentHashMap<String, Boolean> tlds = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Boolean> names = new ConcurrentHashMap<>();

    private DomainValidator() {
    }

    /** Whether some name ending in this (lower-case) label can be under a registry suffix; a cheap pre-filter. */
    boolean possibleTld(String tldLower) {
        Boolean known = tlds.get(tldLower);
        if (known != null) {
            return known;
        }
        boolean ok;
        try {
            ok = InternetDomainName.from("x." + tldLower).hasRegistrySuffix();
        } catch (IllegalArgumentException e) {
            ok = false;
        }
        put(tlds, tldLower, ok);
        return ok;
    }

    /**
     * Whether {@code name} is a syntactically valid domain with at least one label under an ICANN (registry)
     * suffix: {@code evil.co.uk} yes, {@code co.uk} and {@code domain.like.iandom} no.
     */
    boolean isRegistrable(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        Boolean known = names.get(key);
        if (known != null) {
            return known;
        }
        boolean ok;
        try {
            ok = InternetDomainName.from(key).isUnderRegistrySuffix();
        } catch (IllegalArgumentException e) {
            ok = false;
        }
        put(names, key, ok);
        return ok;
    }

    private static void put(ConcurrentHashMap<String, Boolean> cache, String key, boolean value) {
        // Random text could fill the cache without bound; dropping it all now and then is cheap and safe.
        if (cache.size() >= MAX_CACHE) {
            cache.clear();
        }
        cache.put(key, value);
    }
}
