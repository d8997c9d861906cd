package dev.hunt4j.analysis.ioc;

import com.google.common.net.InetAddresses;
import dev.hunt4j.api.IocType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The single-pass scanner behind {@link IocExtractor}. It walks the text once; most characters cost one table
 * lookup. Candidates are parsed only at anchor characters: {@code .} (IPv4, domains), {@code :} (URLs at
 * {@code ://}, IPv6), {@code @} (e-mail), {@code \} and {@code /} (paths); hashes are checked where a run of hex
 * digits ends. A parser may look back from its anchor to where the candidate starts, never before what an earlier
 * indicator already took ({@code consumed}), and marks how far it looked so the next anchor inside the same
 * candidate does not parse it again: the scan stays linear.
 *
 * <p>One instance scans one text (or one URL part when scanning inside a URL) and is not reused.
 */
final class IocScanner {
    /** Immutable scan settings shared by all scans of one extractor. */
    record Config(boolean[] wanted, boolean includeHosts, boolean keepDefanged, boolean matchDefanged) {
        boolean wants(IocType t) {
            return wanted[t.ordinal()];
        }

        boolean wantsAny(IocType... types) {
            for (IocType t : types) {
                if (wanted[t.ordinal()]) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final int HEX = 1;
    private static final int DIGIT = 2;
    private static final int ALPHA = 4;
    private static final int LABEL = 8; // letters, digits, '-', '_'
    private static final int ANCHOR = 16;
    private static final byte[] CLS = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            int k = 0;
            if (c >= '0' && c <= '9') {
                k |= HEX | DIGIT | LABEL;
            } else if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                k |= ALPHA | LABEL;
                if (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
                    k |= HEX;
                }
            } else if (c == '-' || c == '_') {
                k |= LABEL;
            } else if (c == '.' || c == ':' || c == '@' || c == '\\' || c == '/') {
                k |= ANCHOR;
            }
            CLS[c] = (byte) k;
        }
    }

    /** How deep we look inside URLs found inside URLs (e.g. a redirect target in a query string). */
    private static final int MAX_NESTING = 2;
    private static final Set<String> SCHEMES = Set.of("http", "https", "ftp", "ftps", "sftp", "tftp", "telnet",
            "ldap", "ldaps", "file", "ws", "wss", "smb");
    /** Words that make a following dotted quad a version number: {@code version 1.2.3.4}, {@code build=1.0.0.1}. */
    private static final Set<String> VERSION_WORDS = Set.of("v", "ver", "vers", "version", "build", "release", "rel",
            "rev", "revision", "firmware", "fw", "patch", "kb", "sp");
    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "HEAD", "DELETE", "OPTIONS", "PATCH",
            "CONNECT", "PROPFIND");
    /** First segments of registry paths, which look like root-relative Windows paths. */
    private static final Set<String> REGISTRY_ROOTS = Set.of("hklm", "hkcu", "hku", "hkcr", "hkcc", "registry",
            "hkey_local_machine", "hkey_current_user", "hkey_users", "hkey_classes_root", "hkey_current_config");

    private final Config cfg;
    private final String s;
    private final String orig;
    private final int[] map;
    private final int lo;
    private final int hi;
    private final int level;
    private final List<IocMatch> out;
    private final DomainValidator domains = DomainValidator.INSTANCE;

    private int consumed;
    private int ip4Seen;
    private int ip6Seen;
    private int domSeen;
    private int winSeen;
    private int lxSeen;

    private IocScanner(Config cfg, String s, String orig, int[] map, int lo, int hi, int level, List<IocMatch> out) {
        this.cfg = cfg;
        this.s = s;
        this.orig = orig;
        this.map = map;
        this.lo = lo;
        this.hi = hi;
        this.level = level;
        this.out = out;
        this.consumed = lo;
    }

    /** All matches in {@code text}, in the order found (by position, indicators inside a URL right after it). */
    static List<IocMatch> scan(Config cfg, String text) {
        List<IocMatch> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        Refanger.Refanged r = cfg.matchDefanged() ? Refanger.refang(text) : null;
        String s = r == null ? text : r.text();
        new IocScanner(cfg, s, text, r == null ? null : r.map(), 0, s.length(), 0, out).run();
        return out;
    }

    private void run() {
        int hexStart = -1;
        for (int i = lo; i < hi; i++) {
            char c = s.charAt(i);
            int k = c < 128 ? CLS[c] : 0;
            if ((k & HEX) != 0) {
                if (hexStart < 0) {
                    hexStart = i;
                }
                continue;
            }
            if (hexStart >= 0) {
                if (i - hexStart >= 32) {
                    hash(hexStart, i);
                }
                hexStart = -1;
            }
            if ((k & ANCHOR) == 0 || i < consumed) {
                continue;
            }
            int next = switch (c) {
                case '.' -> dot(i);
                case ':' -> colon(i);
                case '@' -> email(i);
                case '\\' -> backslash(i);
                case '/' -> slash(i);
                default -> -1;
            };
            if (next > i) {
                i = next - 1;
            }
        }
        if (hexStart >= 0 && hi - hexStart >= 32) {
            hash(hexStart, hi);
        }
    }

    // ---------------------------------------------------------------- character helpers

    /** The character at {@code i}, or a space outside the scanned range (a neutral boundary). */
    private char ch(int i) {
        return i < lo || i >= hi ? ' ' : s.charAt(i);
    }

    private static int cls(char c) {
        return c < 128 ? CLS[c] : 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlpha(char c) {
        return (cls(c) & ALPHA) != 0;
    }

    private static boolean isAlnum(char c) {
        return (cls(c) & (ALPHA | DIGIT)) != 0;
    }

    private static boolean isHex(char c) {
        return (cls(c) & HEX) != 0;
    }

    /** Letters (any script), digits and underscore: what a token boundary must not be. */
    private static boolean isWordChar(char c) {
        return c < 128 ? (cls(c) & (ALPHA | DIGIT)) != 0 || c == '_' : Character.isLetterOrDigit(c);
    }

    private static boolean isLabelOrDot(char c) {
        return (cls(c) & LABEL) != 0 || c == '.';
    }

    private static boolean isSpace(char c) {
        return c <= ' ' || c == 0x7F || c >= 128 && (Character.isWhitespace(c) || Character.isSpaceChar(c));
    }

    /** Like {@link String#indexOf(int, int)} but never looks at or past {@code to}: the text may be megabytes long. */
    private int indexOf(char c, int from, int to) {
        for (int k = from; k < to; k++) {
            if (s.charAt(k) == c) {
                return k;
            }
        }
        return -1;
    }

    /** Like {@link String#lastIndexOf(int, int)} but never looks before {@code lowest}; -1 when not found. */
    private int lastIndexOf(char c, int from, int lowest) {
        for (int k = from; k >= lowest; k--) {
            if (s.charAt(k) == c) {
                return k;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- emitting

    private void emit(IocType t, int a, int b) {
        if (!cfg.wants(t)) {
            return;
        }
        String value = s.substring(a, b);
        int oa = map == null ? a : map[a];
        int ob = map == null ? b : map[b];
        String original = map == null ? value : orig.substring(oa, ob);
        out.add(new IocMatch(t, cfg.keepDefanged() ? original : value, original, oa, ob));
    }

    private int origPos(int i) {
        return map == null ? i : map[i];
    }

    // ---------------------------------------------------------------- hashes

    /**
     * A run of exactly 32, 40 or 64 hex digits between non-hex characters (MSTICPy's rule, so
     * {@code ...bd987hash} counts), in one letter case, with at least one digit and one letter. Mixed case and
     * all-digit runs are identifiers or numbers, not digests; GUIDs never qualify because of their dashes.
     */
    private void hash(int hs, int he) {
        int len = he - hs;
        IocType t = len == 32 ? IocType.MD5_HASH : len == 40 ? IocType.SHA1_HASH : len == 64 ? IocType.SHA256_HASH : null;
        if (t == null || hs < consumed || !cfg.wants(t) || ch(he) == '@' || len == 32 && ch(hs - 1) == '{' && ch(he) == '}') {
            return; // user@..., {GUID without dashes}
        }
        boolean digit = false;
        boolean lower = false;
        boolean upper = false;
        for (int k = hs; k < he; k++) {
            char c = s.charAt(k);
            if (c <= '9') {
                digit = true;
            } else if (c >= 'a') {
                lower = true;
            } else {
                upper = true;
            }
        }
        if (!digit || lower == upper) {
            return;
        }
        emit(t, hs, he);
        consumed = he;
    }

    // ---------------------------------------------------------------- '.' : IPv4 and domains

    private int dot(int i) {
        if (i >= ip4Seen && isDigit(ch(i - 1)) && cfg.wants(IocType.IPV4)) {
            int r = ipv4(i);
            if (r >= 0) {
                return r;
            }
        }
        if (i >= domSeen && cfg.wants(IocType.DNS)) {
            return domain(i);
        }
        return -1;
    }

    /**
     * A dotted quad. Not an IP when: an octet is over 255 or has a leading zero ({@code 010} means 8 to some
     * parsers and 10 to others); it is part of a longer dotted numeric run ({@code 10.0.19041.1.2},
     * {@code 1.2.3.4.5}); it touches a letter or digit ({@code v1.2.3.4}); it is followed by {@code .name}
     * ({@code 1.2.3.4.tar.gz}) or {@code -letter} ({@code 1.0.0.1-beta}); it follows {@code name-} or
     * {@code name_} ({@code python-3.1.2.4}); it follows a version word ({@code version 1.2.3.4},
     * {@code build=1.0.0.1}); or it follows a product token and a slash ({@code Chrome/120.0.0.0}).
     */
    private int ipv4(int i) {
        int floor = Math.max(lo, consumed);
        int rs = i;
        while (rs > floor && (isDigit(s.charAt(rs - 1)) || s.charAt(rs - 1) == '.')) {
            rs--;
        }
        int re = i + 1;
        while (re < hi && (isDigit(s.charAt(re)) || s.charAt(re) == '.')) {
            re++;
        }
        ip4Seen = re;
        int e = re;
        while (e > i && s.charAt(e - 1) == '.') {
            e--;
        }
        if (!isIpv4(rs, e)) {
            return -1;
        }
        char before = ch(rs - 1);
        if (isWordChar(before) || before == '.') {
            return -1;
        }
        char after = ch(e);
        if (e < re) {
            if (isAlpha(ch(re))) {
                return -1;
            }
        } else if (isWordChar(after) || after == '-' && isAlpha(ch(e + 1))) {
            return -1;
        }
        if ((before == '-' || before == '_') && isAlpha(ch(rs - 2))) {
            return -1;
        }
        if (versionContext(rs)) {
            return -1;
        }
        emit(IocType.IPV4, rs, e);
        consumed = e;
        return e;
    }

    /** Four parts of one to three digits, each 0-255 without a leading zero. */
    private boolean isIpv4(int a, int b) {
        int parts = 0;
        int p = a;
        while (p <= b) {
            int q = p;
            int v = 0;
            while (q < b && s.charAt(q) != '.') {
                char c = s.charAt(q);
                if (!isDigit(c) || q - p >= 3) {
                    return false;
                }
                v = v * 10 + (c - '0');
                q++;
            }
            int len = q - p;
            if (len == 0 || v > 255 || len > 1 && s.charAt(p) == '0') {
                return false;
            }
            parts++;
            p = q + 1;
        }
        return parts == 4;
    }

    private boolean versionContext(int rs) {
        int p = rs - 1;
        char b = ch(p);
        if (b == '/') {
            // Chrome/120.0.0.0 is a product version; /ip-address/1.2.3.4 (a path segment) is not
            int t = p - 1;
            boolean letter = false;
            while (t >= lo && p - t < 40 && (isAlnum(s.charAt(t)) || s.charAt(t) == '.' || s.charAt(t) == '-' || s.charAt(t) == '_')) {
                letter |= isAlpha(s.charAt(t));
                t--;
            }
            return letter && ch(t) != '/';
        }
        int seps = 0;
        while (seps < 3 && p >= lo && (b == ' ' || b == '=' || b == ':' || b == '\t' || b == '#' || b == '"' || b == '\'')) {
            p--;
            b = ch(p);
            seps++;
        }
        if (seps == 0 || p < lo) {
            return false;
        }
        int ws = p + 1;
        while (ws > lo && p + 1 - ws < 20 && isAlpha(s.charAt(ws - 1))) {
            ws--;
        }
        if (ws == p + 1) {
            return false;
        }
        String word = s.substring(ws, p + 1).toLowerCase(Locale.ROOT);
        return word.endsWith("version") || VERSION_WORDS.contains(word);
    }

    /** A host name in running text; see {@link #isDomainName} for what makes a name valid. */
    private int domain(int i) {
        int floor = Math.max(lo, consumed);
        int ds = i;
        while (ds > floor && isLabelOrDot(s.charAt(ds - 1))) {
            ds--;
        }
        int de = i + 1;
        while (de < hi && isLabelOrDot(s.charAt(de))) {
            de++;
        }
        domSeen = de;
        int a = ds;
        int b = de;
        while (a < b && !isAlnum(s.charAt(a))) {
            a++;
        }
        while (b > a && !isAlnum(s.charAt(b - 1))) {
            b--;
        }
        if (b - a < 4) {
            return -1;
        }
        char before = ch(a - 1);
        char after = ch(b);
        boolean network = false;
        if (before == '\\') {
            // \\host\share is a host; C:\dir\name.com is a file
            if (ch(a - 2) != '\\') {
                return -1;
            }
            network = true;
        } else if (before == '/') {
            // //host/path is a host; /dir/name.sh is a file (inside a URL path we are looking for names on purpose)
            if (ch(a - 2) == '/') {
                network = true;
            } else if (level == 0) {
                return -1;
            }
        } else if (before == '@') {
            network = true; // an e-mail/scp host that was not an e-mail (user@host:path)
        } else if (before == '$') {
            return -1; // $client.DownloadString, a PowerShell member
        }
        // name.Method( is code; name.key= is a setting; name@ is an e-mail's local part; dir.name\file is a path
        if (after == '(' || after == '=' || (after == '@' || after == '\\') && !network) {
            return -1;
        }
        if (!isDomainName(a, b, network)) {
            return -1;
        }
        emit(IocType.DNS, a, b);
        consumed = b;
        return b;
    }

    /**
     * Whether {@code s[a,b)} is a domain: the last label alphabetic (or {@code xn--}), not mixed-case
     * ({@code WScript.Shell}, {@code shell.Run} are code), no underscore in the registrable part, under an ICANN
     * suffix of the Public Suffix List, and — unless {@code network} says the position is a host's — not a file
     * name: a two-label name ending in a file extension that is also a TLD ({@code install.sh}, {@code a.zip}) or
     * a double-extension name ({@code invoice.pdf.zip}).
     */
    private boolean isDomainName(int a, int b, boolean network) {
        int lastDot = lastIndexOf('.', b - 1, a);
        if (lastDot < a + 1 || b - lastDot - 1 < 2 || b - lastDot - 1 > 63) {
            return false;
        }
        int tl = lastDot + 1;
        boolean idn = b - tl > 4 && s.regionMatches(true, tl, "xn--", 0, 4);
        boolean upper = false;
        boolean lower = false;
        for (int k = tl; k < b; k++) {
            char c = s.charAt(k);
            if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (!idn) {
                return false;
            }
        }
        if (upper && lower) {
            return false;
        }
        String tld = s.substring(tl, b).toLowerCase(Locale.ROOT);
        if (!domains.possibleTld(tld)) {
            return false;
        }
        int prevDot = lastIndexOf('.', lastDot - 1, a);
        int regStart = prevDot < a ? a : prevDot + 1;
        if (regStart == lastDot) {
            return false;
        }
        for (int k = regStart; k < lastDot; k++) {
            if (s.charAt(k) == '_') {
                return false;
            }
        }
        if (!network && DomainValidator.FILE_EXTENSIONS.contains(tld)) {
            if (prevDot < a) {
                return false; // name.ext
            }
            boolean www = s.regionMatches(true, a, "www.", 0, 4);
            if (!www) {
                int p = a;
                while (p < lastDot) {
                    int q = s.indexOf('.', p);
                    if (q > p && DomainValidator.INNER_FILE_EXTENSIONS.contains(s.substring(p, q).toLowerCase(Locale.ROOT))) {
                        return false;
                    }
                    p = q + 1;
                }
            }
        }
        return domains.isRegistrable(s.substring(a, b));
    }

    // ---------------------------------------------------------------- '@' : e-mail

    /**
     * An e-mail address: local part of letters, digits and {@code ._%+-}, a valid domain. Not an e-mail when it
     * is a path component ({@code C:\Users\bob@corp.com\...}, {@code /home/u@h.com/x}) or an scp/git target
     * ({@code git@github.com:org/repo}: then the host may still be reported as a domain).
     */
    private int email(int i) {
        if (!cfg.wantsAny(IocType.EMAIL, IocType.DNS)) {
            return -1;
        }
        int floor = Math.max(lo, consumed);
        int ls = i;
        while (ls > floor && i - ls <= 64 && isLocalChar(s.charAt(ls - 1))) {
            ls--;
        }
        if (i - ls > 64) {
            return -1;
        }
        while (ls < i && s.charAt(ls) == '.') {
            ls++;
        }
        if (ls == i || s.charAt(i - 1) == '.') {
            return -1;
        }
        int de = i + 1;
        while (de < hi && isLabelOrDot(s.charAt(de))) {
            de++;
        }
        int b = de;
        while (b > i + 1 && !isAlnum(s.charAt(b - 1))) {
            b--;
        }
        if (b <= i + 1 || !isAlnum(s.charAt(i + 1))) {
            return -1;
        }
        char before = ch(ls - 1);
        char after = ch(b);
        if (before == '\\' || before == '/' || after == '\\' || after == '/') {
            domSeen = Math.max(domSeen, de); // a path component: neither e-mail nor domain
            return -1;
        }
        if (after == ':' && !isDigit(ch(b + 1)) && !isSpace(ch(b + 1))) {
            return -1; // user@host:path
        }
        if (!isDomainName(i + 1, b, true)) {
            return -1;
        }
        if (cfg.wants(IocType.EMAIL)) {
            emit(IocType.EMAIL, ls, b);
            if (cfg.includeHosts()) {
                emit(IocType.DNS, i + 1, b);
            }
        } else {
            emit(IocType.DNS, i + 1, b);
        }
        consumed = b;
        return b;
    }

    private static boolean isLocalChar(char c) {
        return isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    // ---------------------------------------------------------------- ':' : URLs and IPv6

    private int colon(int i) {
        if (ch(i + 1) == '/' && ch(i + 2) == '/') {
            return url(i);
        }
        if (i >= ip6Seen && cfg.wants(IocType.IPV6)) {
            return ipv6(i);
        }
        return -1;
    }

    /**
     * A URL with a known scheme ({@code http}, {@code https}, {@code ftp}, ... and, after refanging, {@code hxxp}).
     * It ends at white space, quotes, {@code <>\^{}|}; then trailing {@code .,;:!?*} and unbalanced {@code )]}
     * are dropped, so {@code (see http://x.com/a_(b)).} gives {@code http://x.com/a_(b)}.
     */
    private int url(int i) {
        int floor = Math.max(lo, consumed);
        int ss = i;
        while (ss > floor && i - ss < 8 && isAlpha(s.charAt(ss - 1))) {
            ss--;
        }
        if (ss == i || isWordChar(ch(ss - 1)) || !SCHEMES.contains(s.substring(ss, i).toLowerCase(Locale.ROOT))) {
            return -1;
        }
        boolean file = i - ss == 4 && s.regionMatches(true, ss, "file", 0, 4);
        int p = i + 3;
        int q = p;
        int atSign = -1;
        while (q < hi) {
            char c = s.charAt(q);
            if (c == '@') {
                atSign = q;
                break;
            }
            if (c == '/' || c == '?' || c == '#' || isUrlEnd(c)) {
                break;
            }
            q++;
        }
        int hs = atSign >= 0 ? atSign + 1 : p;
        int he;
        int hostKind; // 0 name, 1 IPv4, 2 IPv6 literal
        if (ch(hs) == '[') {
            int close = indexOf(']', hs, Math.min(hi, hs + 50));
            if (close < 0 || close - hs > 48 || !isIpv6Literal(s.substring(hs + 1, close))) {
                return -1;
            }
            he = close + 1;
            hostKind = 2;
        } else {
            he = hs;
            while (he < hi && ((cls(s.charAt(he)) & LABEL) != 0 || s.charAt(he) == '.' || s.charAt(he) == '~')) {
                he++;
            }
            int trimmed = he;
            while (trimmed > hs && s.charAt(trimmed - 1) == '.') {
                trimmed--;
            }
            if (trimmed == hs && !file) {
                return -1;
            }
            hostKind = isHostName(hs, trimmed);
            if (hostKind < 0) {
                return -1;
            }
            if (trimmed < he) {
                // "see http://evil.com." — the dot ends the sentence, and the URL
                return finishUrl(ss, hs, trimmed, trimmed, -1, hostKind);
            }
        }
        int e = he;
        if (ch(e) == ':') {
            int d = e + 1;
            int port = 0;
            while (d < hi && isDigit(s.charAt(d)) && d - e <= 5) {
                port = port * 10 + s.charAt(d) - '0';
                d++;
            }
            if (d > e + 1 && port <= 65535 && !isDigit(ch(d))) {
                e = d;
            }
        }
        int pathStart = -1;
        char c = ch(e);
        if (e < hi && (c == '/' || c == '?' || c == '#')) {
            pathStart = e;
            while (e < hi && !isUrlEnd(s.charAt(e))) {
                e++;
            }
            e = trimUrlEnd(pathStart, e);
            if (e == pathStart) {
                pathStart = -1;
            }
        }
        return finishUrl(ss, hs, he, e, pathStart, hostKind);
    }

    private int finishUrl(int ss, int hs, int he, int e, int pathStart, int hostKind) {
        emit(IocType.URL, ss, e);
        if ((!cfg.wants(IocType.URL) || cfg.includeHosts()) && he > hs) {
            if (hostKind == 1) {
                emit(IocType.IPV4, hs, he);
            } else if (hostKind == 2) {
                emit(IocType.IPV6, hs + 1, he - 1);
            } else if (cfg.wants(IocType.DNS) && isDomainName(hs, he, true)) {
                emit(IocType.DNS, hs, he);
            }
        }
        consumed = e;
        if (pathStart >= 0 && level < MAX_NESTING && e - pathStart > 3) {
            scanInsideUrl(pathStart, e);
        }
        return e;
    }

    /**
     * Indicators inside a URL's path, query and fragment (MSTICPy also looks there): a VirusTotal link's IP or
     * hash, a redirect target. When percent-encoded, each {@code &}-separated part is decoded on its own first; its
     * matches then carry the span and text of that encoded part as their original.
     */
    private void scanInsideUrl(int a, int b) {
        if (indexOf('%', a, b) < 0) {
            new IocScanner(cfg, s, orig, map, a, b, level + 1, out).run();
            return;
        }
        // decode each query parameter on its own: an encoded URL in ?url=...&data=1 ends at the raw '&'
        int p = a;
        while (p < b) {
            int q = indexOf('&', p, b);
            if (q < 0) {
                q = b;
            }
            if (q > p) {
                String decoded = percentDecode(s, p, q);
                List<IocMatch> inner = new ArrayList<>();
                new IocScanner(cfg, decoded, decoded, null, 0, decoded.length(), level + 1, inner).run();
                int oa = origPos(p);
                int ob = origPos(q);
                String encoded = orig.substring(oa, ob);
                for (IocMatch m : inner) {
                    if (cfg.wants(m.type())) {
                        out.add(new IocMatch(m.type(), cfg.keepDefanged() ? encoded : m.observable(), encoded, oa, ob));
                    }
                }
            }
            p = q + 1;
        }
    }

    private static String percentDecode(String s, int a, int b) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(b - a);
        for (int i = a; i < b; i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < b && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                bytes.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else if (c < 128) {
                bytes.write(c);
            } else {
                byte[] enc = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(enc, 0, enc.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** -1 invalid, 0 a name (one or more LDH labels), 1 a valid IPv4 address. */
    private int isHostName(int a, int b) {
        if (a == b) {
            return 0;
        }
        boolean numeric = true;
        int labelStart = a;
        for (int k = a; k <= b; k++) {
            char c = k < b ? s.charAt(k) : '.';
            if (c == '.') {
                int len = k - labelStart;
                if (len == 0 || len > 63 || s.charAt(labelStart) == '-' || s.charAt(k - 1) == '-') {
                    return -1;
                }
                labelStart = k + 1;
            } else if (c == '~') {
                return -1;
            } else if (!isDigit(c)) {
                numeric = false;
            }
        }
        if (numeric) {
            return isIpv4(a, b) ? 1 : -1;
        }
        return b - a <= 253 ? 0 : -1;
    }

    private static boolean isUrlEnd(char c) {
        return isSpace(c) || c == '"' || c == '\'' || c == '`' || c == '<' || c == '>' || c == '\\' || c == '^'
                || c == '{' || c == '}' || c == '|';
    }

    private int trimUrlEnd(int ps, int e) {
        while (e > ps) {
            char c = s.charAt(e - 1);
            if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '*') {
                e--;
            } else if (c == ')' && count(ps, e, '(') < count(ps, e, ')')
                    || c == ']' && count(ps, e, '[') < count(ps, e, ']')) {
                e--;
            } else {
                break;
            }
        }
        return e;
    }

    private int count(int a, int b, char c) {
        int n = 0;
        for (int k = a; k < b; k++) {
            if (s.charAt(k) == c) {
                n++;
            }
        }
        return n;
    }

    /**
     * An IPv6 address, validated with Guava's {@link InetAddresses}: full, {@code ::}-compressed and IPv4-mapped
     * forms. Not reported: {@code ::} and other forms with fewer than four hex digits ({@code ::1},
     * {@code a::b}, C++ {@code A::B}), eight two-digit groups (an EUI-64/MAC address), anything touching a
     * letter, digit, dot or colon.
     */
    private int ipv6(int i) {
        int floor = Math.max(lo, consumed);
        int bs = i;
        while (bs > floor && i - bs < 40 && (isHex(s.charAt(bs - 1)) || s.charAt(bs - 1) == ':')) {
            bs--;
        }
        int fe = i + 1;
        while (fe < hi && fe - bs < 50 && (isHex(s.charAt(fe)) || s.charAt(fe) == ':' || s.charAt(fe) == '.')) {
            fe++;
        }
        ip6Seen = fe;
        int e = fe;
        while (e > i + 1 && s.charAt(e - 1) == '.') {
            e--;
        }
        if (e - bs >= 3 && s.charAt(e - 1) == ':' && s.charAt(e - 2) != ':') {
            e--; // "addr 2001:db8::1: next"
        }
        char before = ch(bs - 1);
        if (isWordChar(before) || before == '.' || before == ':' || isWordChar(ch(fe))) {
            return -1;
        }
        if (!isIpv6Literal(s.substring(bs, e))) {
            return -1;
        }
        emit(IocType.IPV6, bs, e);
        consumed = e;
        return e;
    }

    private static boolean isIpv6Literal(String c) {
        int colons = 0;
        int hexDigits = 0;
        int groups = 0;
        int groupLen = 0;
        boolean allTwo = true;
        for (int k = 0; k < c.length(); k++) {
            char x = c.charAt(k);
            if (x == ':') {
                colons++;
                if (groupLen > 0) {
                    groups++;
                    allTwo &= groupLen == 2;
                }
                groupLen = 0;
            } else if (x == '.') {
                groupLen = -1000; // dotted tail: not a MAC
                allTwo = false;
            } else {
                hexDigits++;
                groupLen++;
            }
        }
        if (groupLen > 0) {
            groups++;
            allTwo &= groupLen == 2;
        }
        if (colons < 2 || hexDigits < 4) {
            return false;
        }
        if (allTwo && groups == 8) {
            return false;
        }
        return InetAddresses.isInetAddress(c);
    }

    // ---------------------------------------------------------------- '\' and '/' : paths

    private int backslash(int i) {
        if (level == 0 && i >= winSeen && cfg.wants(IocType.WINDOWS_PATH)) {
            winPath(i, '\\');
        }
        return -1;
    }

    private int slash(int i) {
        if (level > 0) {
            return -1;
        }
        if (i >= winSeen && cfg.wants(IocType.WINDOWS_PATH) && ch(i - 1) == ':' && isAlpha(ch(i - 2))
                && !isWordChar(ch(i - 3)) && ch(i + 1) != '/') {
            winPath(i, '/'); // C:/Windows/x
            return -1;
        }
        if (i >= lxSeen && cfg.wants(IocType.LINUX_PATH) && !(ch(i - 1) == ':' && isAlpha(ch(i - 2)) && !isWordChar(ch(i - 3)))) {
            lxPath(i); // (C:/x is a Windows path even when only Linux paths are wanted)
        }
        return -1;
    }

    /** Before a path: start of text, white space, quotes, {@code = ( [ { , ; < > | &}. */
    private static boolean isPathBoundary(char c) {
        return isSpace(c) || c == '"' || c == '\'' || c == '`' || c == '=' || c == '(' || c == '[' || c == '{'
                || c == ',' || c == ';' || c == '<' || c == '>' || c == '|' || c == '&';
    }

    /**
     * A Windows path: {@code C:\...}, {@code C:/...}, {@code \\server\share\...}, {@code .\x}, {@code ..\x},
     * {@code %VAR%\x}, {@code \??\C:\...}, or a root-relative {@code \dir\file} (two segments at least, and not a
     * registry key such as {@code \HKCU\...}). Inside quotes it runs to the closing quote. Unquoted it ends at a
     * comma ({@code rundll32 C:\x\a.dll,Entry}) and crosses a single space only when a following word continues
     * the path ({@code C:\Program Files (x86)\App\x.exe}) and the segment so far has no dot, so
     * {@code C:\x\a.exe C:\y} gives two paths.
     */
    private void winPath(int i, char sep) {
        int start = -1;
        int minSegs = 1;
        boolean unc = false;
        char p1 = ch(i - 1);
        if (p1 == ':' && isAlpha(ch(i - 2)) && !isWordChar(ch(i - 3))) {
            start = i - 2;
            char q = ch(start - 2);
            if (ch(start - 1) == '\\' && (q == '?' || q == '.') && (ch(start - 3) == '?' || ch(start - 3) == '\\')
                    && ch(start - 4) == '\\') {
                start -= 4; // \??\C:\, \\?\C:\, \\.\C:\
            }
            if (!isPathBoundary(ch(start - 1)) && ch(start - 1) != ':') {
                start = -1;
            }
        } else if (sep == '\\' && ch(i + 1) == '\\' && (isPathBoundary(p1) || p1 == ':' || p1 == '@')) {
            if ((ch(i + 2) == '?' || ch(i + 2) == '.') && ch(i + 3) == '\\' && isAlpha(ch(i + 4)) && ch(i + 5) == ':') {
                return; // \\?\C:\x — reported from its drive letter
            }
            start = i;
            unc = true;
        } else if (p1 == '.') {
            int d = ch(i - 2) == '.' ? i - 2 : i - 1;
            if (isPathBoundary(ch(d - 1)) || ch(d - 1) == ':') {
                start = d;
            }
        } else if (p1 == '%') {
            int d = i - 2;
            while (d >= lo && i - d < 40 && (isAlnum(s.charAt(d)) || s.charAt(d) == '_' || s.charAt(d) == '(' || s.charAt(d) == ')')) {
                d--;
            }
            if (d < i - 2 && ch(d) == '%' && (isPathBoundary(ch(d - 1)) || ch(d - 1) == ':')) {
                start = d;
            }
        } else if (sep == '\\' && isPathBoundary(p1)) {
            start = i;
            minSegs = 2;
        }
        if (start < 0) {
            return;
        }
        char quote = ch(start - 1) == '"' || ch(start - 1) == '\'' ? ch(start - 1) : 0;
        int j = unc ? i + 1 : i;
        int segs = 0;
        int firstSegStart = -1;
        int firstSegEnd = -1;
        while (j < hi && s.charAt(j) == sep) {
            j++;
            int segStart = j;
            boolean dotInSeg = false;
            while (j < hi) {
                char c = s.charAt(j);
                if (c == sep || c < ' ' || c == quote || c == ',' && quote == 0) {
                    break; // rundll32 x.dll,Entry — a comma ends an unquoted path
                }
                if (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' && !(unc && segs == 0) || c == '"'
                        || c == '<' || c == '>' || c == '|') {
                    break;
                }
                if (isSpace(c)) {
                    if (quote == 0 && !(c == ' ' && !dotInSeg && j > segStart && continuesPath(j + 1, sep))) {
                        break;
                    }
                }
                dotInSeg |= c == '.';
                j++;
            }
            if (j > segStart) {
                segs++;
                if (firstSegStart < 0) {
                    firstSegStart = segStart;
                    firstSegEnd = j;
                }
            }
            if (j < hi && s.charAt(j) == sep && j + 1 < hi && s.charAt(j + 1) == sep && !unc) {
                j++; // "C:\\Users\\x" as written in JSON or source code
            }
        }
        int e = j;
        while (e > i + 1) {
            char c = s.charAt(e - 1);
            if (c == '.' || c == ',' || c == ';' || c == ' ' || c == '\'' || c == ')' && count(start, e, '(') < count(start, e, ')')
                    || c == ']' && count(start, e, '[') < count(start, e, ']')) {
                e--;
            } else {
                break;
            }
        }
        winSeen = Math.max(j, i + 1);
        if (unc) {
            minSegs = 2; // server and share
        }
        if (segs < minSegs || e <= i + 1) {
            return;
        }
        if (minSegs == 2 && !unc && REGISTRY_ROOTS.contains(s.substring(firstSegStart, firstSegEnd).toLowerCase(Locale.ROOT))) {
            return;
        }
        emit(IocType.WINDOWS_PATH, start, e);
    }

    /**
     * Whether the unquoted text at {@code k} continues a path across a space: one of the next three words contains
     * the separator ({@code Program Files (x86)\\Google}), and none before it starts a switch or holds a colon or quote.
     */
    private boolean continuesPath(int k, char sep) {
        int j = k;
        for (int word = 0; word < 3; word++) {
            char first = ch(j);
            if (!(isAlnum(first) || first == '(')) {
                return false;
            }
            for (; j < hi; j++) {
                char c = s.charAt(j);
                if (isSpace(c)) {
                    break;
                }
                if (c == ':' || c == '"' || c == '\'' || c == ',') {
                    return false;
                }
                if (c == sep) {
                    return true;
                }
            }
            if (j >= hi || s.charAt(j) != ' ') {
                return false;
            }
            j++;
        }
        return false;
    }

    /**
     * A Linux path: absolute with at least two segments ({@code /bin/bash}, not a Windows switch like {@code /c}),
     * or relative {@code ./x}, {@code ../x}, {@code ~/x}; starting at a boundary (so {@code and/or}, dates and MIME
     * types are not paths) and never {@code //}.
     */
    private void lxPath(int i) {
        if (ch(i + 1) == '/') {
            lxSeen = i + 2;
            return;
        }
        char p1 = ch(i - 1);
        int start;
        int minSegs;
        if (p1 == '.') {
            int d = ch(i - 2) == '.' ? i - 2 : i - 1;
            if (!(isPathBoundary(ch(d - 1)) || ch(d - 1) == ':')) {
                return;
            }
            start = d;
            minSegs = 1;
        } else if (p1 == '~') {
            if (!(isPathBoundary(ch(i - 2)) || ch(i - 2) == ':')) {
                return;
            }
            start = i - 1;
            minSegs = 1;
        } else if (isPathBoundary(p1) || p1 == ':') {
            start = i;
            minSegs = 2;
        } else {
            return;
        }
        if (start == i && afterHttpMethod(start)) {
            lxSeen = i + 1;
            return; // "GET /index.php HTTP/1.1" is a URL path, not a file
        }
        char quote = ch(start - 1) == '"' || ch(start - 1) == '\'' ? ch(start - 1) : 0;
        int j = i;
        int segs = 0;
        while (j < hi && s.charAt(j) == '/') {
            j++;
            int segStart = j;
            while (j < hi) {
                char c = s.charAt(j);
                if (c == quote || !(isLxChar(c) || c == ' ' && quote != 0)) {
                    break;
                }
                j++;
            }
            if (j > segStart) {
                segs++;
            } else {
                break;
            }
        }
        lxSeen = j;
        int e = j;
        while (e > i + 1 && (s.charAt(e - 1) == '.' && s.charAt(e - 2) != '.' && s.charAt(e - 2) != '/'
                || s.charAt(e - 1) == ',' || s.charAt(e - 1) == ' ')) {
            e--;
        }
        if (segs < minSegs) {
            return;
        }
        emit(IocType.LINUX_PATH, start, e);
    }

    private boolean afterHttpMethod(int start) {
        if (start - 1 <= lo || s.charAt(start - 1) != ' ') {
            return false;
        }
        int e = start - 1;
        int b = e;
        while (b > lo && e - b < 8 && s.charAt(b - 1) >= 'A' && s.charAt(b - 1) <= 'Z') {
            b--;
        }
        return HTTP_METHODS.contains(s.substring(b, e)) && !isWordChar(ch(b - 1));
    }

    private static boolean isLxChar(char c) {
        return c < 128 ? isAlnum(c) || c == '.' || c == '_' || c == '-' || c == '+' || c == '@' || c == '~' || c == '%'
                || c == '=' || c == '$' || c == '#' : !isSpace(c);
    }
}
