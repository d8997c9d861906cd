package dev.hunt4j.runtime.enrich;

import dev.hunt4j.analysis.ioc.IocExtractor;
import dev.hunt4j.analysis.ioc.IocMatch;
import dev.hunt4j.api.IocType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Pre-processing of observables before any lookup, as MSTICPy's {@code preprocess_observable}: refang
 * ({@code hxxp://evil[.]com}), infer the type when not given, validate (a domain under a public suffix, a URL with a
 * valid host, a hash of the right length and enough entropy) and note IP addresses that are not global.
 *
 * <p>Recognition and refanging are the IoC extractor's ({@link IocExtractor}): one set of rules decides what an
 * observable is, whether it was found in a log line or typed by an analyst. Thread-safe.
 */
public final class Observables {
    /** Below this Shannon entropy (bits per character) a hex string is a placeholder, not a hash (MSTICPy's rule). */
    static final double MIN_HASH_ENTROPY = 3.0;

    private static final IocExtractor EXTRACTOR = IocExtractor.builder().includePaths(true).parallelism(1).build();
    private static final List<IocType> PREFERENCE = List.of(IocType.URL, IocType.EMAIL, IocType.IPV4, IocType.IPV6,
            IocType.SHA256_HASH, IocType.SHA1_HASH, IocType.MD5_HASH, IocType.DNS, IocType.WINDOWS_PATH, IocType.LINUX_PATH);

    private Observables() {
    }

    /**
     * Prepares one observable.
     *
     * @param text the observable as given; may be defanged
     * @param type its type, or {@code null} to infer it
     */
    public static PreparedObservable prepare(String text, IocType type) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            return invalid(s, type, "the observable is empty");
        }
        if (isHexRun(s) || type == IocType.MD5_HASH || type == IocType.SHA1_HASH || type == IocType.SHA256_HASH) {
            PreparedObservable hash = hash(s, type);
            if (hash != null) {
                return hash;
            }
        }
        IocMatch m = whole(s);
        if (m == null && s.length() > 1 && s.endsWith(".") && !s.contains("/")) {
            m = whole(s.substring(0, s.length() - 1)); // a fully qualified name: evil.com.
        }
        if (m == null) {
            return unrecognised(s, type);
        }
        IocType found = m.type();
        if (type != null && type != found) {
            if (type == IocType.HOSTNAME && found == IocType.DNS) {
                return new PreparedObservable(s, m.observable().toLowerCase(Locale.ROOT), IocType.HOSTNAME, null, null);
            }
            return invalid(s, type, "'" + s + "' is " + article(found) + " " + found.id() + ", not " + article(type) + " " + type.id());
        }
        String value = m.observable();
        return switch (found) {
            case IPV4, IPV6 -> ip(s, value, found);
            case DNS -> new PreparedObservable(s, value.toLowerCase(Locale.ROOT), found, null, null);
            default -> new PreparedObservable(s, value, found, null, null);
        };
    }

    /** The one match covering all of {@code s}, preferring the larger kinds (a URL over the domain inside it). */
    private static IocMatch whole(String s) {
        IocMatch best = null;
        for (IocMatch m : EXTRACTOR.find(s)) {
            if (m.start() == 0 && m.end() == s.length()
                    && (best == null || PREFERENCE.indexOf(m.type()) < PREFERENCE.indexOf(best.type()))) {
                best = m;
            }
        }
        return best;
    }

    /** Text the extractor does not take as a whole: a few explicitly typed cases are still fine. */
    private static PreparedObservable unrecognised(String s, IocType type) {
        if (type == IocType.DNS || type == IocType.HOSTNAME) {
            // A name the extractor reads as a file in free text (install.sh, invoice.zip) is still a domain when the
            // analyst says so: checked in a host position, as the domain of an e-mail address.
            String probe = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
            IocMatch m = whole("x@" + probe);
            if (m != null && m.type() == IocType.EMAIL) {
                return new PreparedObservable(s, m.observable().substring(2).toLowerCase(Locale.ROOT), type, null, null);
            }
            if (type == IocType.HOSTNAME && probe.matches("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")) {
                return new PreparedObservable(s, probe.toUpperCase(Locale.ROOT), type, null, null); // a NetBIOS name
            }
            return invalid(s, type, "'" + s + "' is not a valid domain name (it must end in a public suffix such as .com or .co.uk)");
        }
        if (type == null) {
            return invalid(s, null, "cannot tell what kind of observable '" + s + "' is (not an IP address, domain, URL, "
                    + "e-mail address, hash or path)");
        }
        String hint = switch (type) {
            case URL -> " (a URL needs a scheme such as http:// and a valid host)";
            case IPV4, IPV6 -> "";
            case EMAIL -> " (the domain must end in a public suffix)";
            default -> "";
        };
        return invalid(s, type, "'" + s + "' is not a valid " + type.id() + hint);
    }

    private static PreparedObservable hash(String s, IocType type) {
        if (!isHexRun(s)) {
            return invalid(s, type, "'" + s + "' is not a " + type.id() + ": a hash is " + hexLength(type) + " hex digits");
        }
        IocType byLength = switch (s.length()) {
            case 32 -> IocType.MD5_HASH;
            case 40 -> IocType.SHA1_HASH;
            case 64 -> IocType.SHA256_HASH;
            default -> null;
        };
        if (byLength == null) {
            return type == null ? null : invalid(s, type, "'" + s + "' has " + s.length() + " hex digits; " + type.id()
                    + " has " + hexLength(type));
        }
        if (type != null && type != byLength) {
            return invalid(s, type, "'" + s + "' has " + s.length() + " hex digits: " + article(byLength) + " " + byLength.id()
                    + ", not " + article(type) + " " + type.id());
        }
        String value = s.toLowerCase(Locale.ROOT);
        double h = entropy(value);
        if (h < MIN_HASH_ENTROPY) {
            return invalid(s, byLength, String.format(Locale.ROOT, "'%s' looks like a placeholder, not a hash "
                    + "(entropy %.2f bits per character, a real hash has at least %.1f)", s, h, MIN_HASH_ENTROPY));
        }
        return new PreparedObservable(s, value, byLength, null, null);
    }

    private static PreparedObservable ip(String input, String value, IocType type) {
        InetAddress a;
        try {
            a = InetAddress.getByName(value); // a literal checked by the extractor: no name lookup happens
        } catch (UnknownHostException e) {
            return invalid(input, type, "'" + input + "' is not a valid " + type.id());
        }
        String normalised = type == IocType.IPV6 ? value.toLowerCase(Locale.ROOT) : value;
        return new PreparedObservable(input, normalised, type, null, SpecialAddresses.why(a));
    }

    private static PreparedObservable invalid(String input, IocType type, String why) {
        return new PreparedObservable(input, input, type, why, null);
    }

    private static boolean isHexRun(String s) {
        if (s.length() < 32) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    /** Shannon entropy in bits per character. */
    static double entropy(String s) {
        int[] counts = new int[128];
        for (int i = 0; i < s.length(); i++) {
            counts[s.charAt(i) & 0x7F]++;
        }
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / s.length();
                h -= p * Math.log(p) / Math.log(2);
            }
        }
        return h;
    }

    private static String hexLength(IocType type) {
        return switch (type) {
            case MD5_HASH -> "32";
            case SHA1_HASH -> "40";
            default -> "64";
        };
    }

    private static String article(IocType t) {
        return switch (t) {
            case IPV4, IPV6, EMAIL, MD5_HASH -> "an";
            default -> "a";
        };
    }
}
