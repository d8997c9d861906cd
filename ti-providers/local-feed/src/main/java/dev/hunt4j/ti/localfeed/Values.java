package dev.hunt4j.ti.localfeed;

import dev.hunt4j.api.IocType;
import dev.hunt4j.api.Severity;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** How feed values are refanged, typed and compared. */
final class Values {
    private static final Pattern DOT = Pattern.compile("\\s?(?:\\[\\.]|\\(\\.\\)|\\{\\.}|\\[dot]|\\(dot\\))\\s?", Pattern.CASE_INSENSITIVE);
    private static final Pattern AT = Pattern.compile("\\s?(?:\\[@]|\\[at]|\\(at\\))\\s?", Pattern.CASE_INSENSITIVE);
    private static final Pattern SCHEME = Pattern.compile("^hxxp(s?)(\\[:]|\\[://]|:)", Pattern.CASE_INSENSITIVE);
    private static final Pattern IPV4 = Pattern.compile("(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");

    private Values() {
    }

    /**
     * A feed value in its plain form: trimmed, with the common defanging undone ({@code hxxp://}, {@code [.]},
     * {@code [dot]}, {@code [at]}). Feeds copied from reports are often defanged; the host refangs what it looks up,
     * so both sides meet in the plain form.
     */
    static String refang(String raw) {
        String s = raw.strip();
        if (s.indexOf('[') < 0 && s.indexOf('(') < 0 && s.indexOf('{') < 0 && !s.regionMatches(true, 0, "hxx", 0, 3)) {
            return s;
        }
        s = DOT.matcher(s).replaceAll(".");
        s = AT.matcher(s).replaceAll("@");
        java.util.regex.Matcher m = SCHEME.matcher(s);
        if (m.find()) {
            s = "http" + m.group(1).toLowerCase(Locale.ROOT) + (m.group(2).equals("[://]") ? "://" : ":") + s.substring(m.end());
        }
        return s.replace("[://]", "://").replace("[:]", ":");
    }

    /** The type of a plain value, or {@code null} when it is none of the usual kinds. */
    static IocType infer(String v) {
        if (v.isEmpty()) {
            return null;
        }
        String host = cidrBase(v);
        if (IPV4.matcher(host).matches()) {
            return IocType.IPV4;
        }
        if (host.indexOf(':') >= 0 && host.matches("[0-9a-fA-F:.]+")) {
            return IocType.IPV6;
        }
        if (HEX.matcher(v).matches()) {
            return switch (v.length()) {
                case 32 -> IocType.MD5_HASH;
                case 40 -> IocType.SHA1_HASH;
                case 64 -> IocType.SHA256_HASH;
                default -> null;
            };
        }
        if (v.contains("://")) {
            return IocType.URL;
        }
        if (v.matches("[A-Za-z]:\\\\.*") || v.startsWith("\\\\")) {
            return IocType.WINDOWS_PATH;
        }
        if (v.startsWith("/")) {
            return IocType.LINUX_PATH;
        }
        if (v.indexOf('@') > 0 && v.indexOf(' ') < 0) {
            return IocType.EMAIL;
        }
        if (v.matches("(?i)[a-z0-9_-]+(\\.[a-z0-9_-]+)*\\.[a-z][a-z0-9-]*")) {
            return IocType.DNS;
        }
        return null;
    }

    /** The part before a {@code /prefix}, for CIDR blocks. */
    static String cidrBase(String v) {
        int slash = v.indexOf('/');
        return slash > 0 && v.indexOf("://") < 0 ? v.substring(0, slash) : v;
    }

    /**
     * The key a value is indexed and looked up by: lower case (host names, hashes, e-mail domains and Windows paths
     * are case-insensitive; URLs are compared whole, ignoring case), IPv6 in full form, Linux paths as written.
     */
    static String key(String v) {
        String s = v.strip();
        if (s.startsWith("/")) {
            return s;
        }
        if (s.indexOf(':') >= 0 && s.matches("[0-9a-fA-F:.]+")) {
            try {
                return InetAddress.getByName(s).getHostAddress().toLowerCase(Locale.ROOT);
            } catch (UnknownHostException e) {
                return s.toLowerCase(Locale.ROOT);
            }
        }
        return s.toLowerCase(Locale.ROOT);
    }

    /** A severity written in a feed: hunt4j's names, plus {@code critical}, {@code medium}, {@code low}, {@code info}. */
    static Severity severity(String text, Severity fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "high", "critical", "severe", "malicious" -> Severity.HIGH;
            case "warning", "medium", "moderate", "suspicious" -> Severity.WARNING;
            case "information", "informational", "info", "low" -> Severity.INFORMATION;
            case "unknown", "none" -> Severity.UNKNOWN;
            default -> fallback;
        };
    }
}
