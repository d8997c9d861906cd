package dev.hunt4j.analysis.mask;

import com.google.thirdparty.publicsuffix.PublicSuffixPatterns;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The masking rules for every {@link MaskType}. Stateless apart from its keys and settings, so one instance
 * serves all threads.
 *
 * <p>Text is masked word by word: each maximal run of letters and digits ("token") is replaced by a run of
 * the same length, letters by letters of the same case and digits by digits, through a keyed permutation of
 * the tokens of its pattern (see {@link #maskToken}). The token is case-folded first, so {@code WS01}, {@code ws01.contoso.com}, {@code WS01$} and
 * <code>CONTOSO&#92;alice</code> / {@code alice@contoso.com} mask their common parts the same way and masked data
 * still joins across columns and tables. The price is that equal words stay equal, which is the point.
 */
final class MaskRules {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** Account names that identify no one (kept in every form). */
    private static final Set<String> WELL_KNOWN_ACCOUNTS = Set.of("system", "local system", "localsystem",
            "local service", "localservice", "network service", "networkservice", "anonymous logon",
            "administrator", "administrators", "guest", "defaultaccount", "wdagutilityaccount", "krbtgt",
            "everyone", "authenticated users", "interactive", "iusr", "root", "nobody");
    /** Domains whose accounts are all well-known: <code>NT AUTHORITY&#92;anything</code> is kept whole. */
    private static final Set<String> WELL_KNOWN_ACCOUNT_DOMAINS = Set.of("nt authority", "builtin", "nt service",
            "window manager", "font driver host");
    /** Domain names that identify no one; the account name after them is still masked. */
    private static final Set<String> WELL_KNOWN_DOMAINS = Set.of("nt authority", "builtin", "nt service",
            "window manager", "font driver host", "workgroup", "iis apppool", "nt virtual machine",
            "nt pseudo domain");
    private static final Set<String> WELL_KNOWN_HOSTS = Set.of("localhost", "localhost.localdomain");
    private static final AtomicBoolean SUFFIXES_LOADING = new AtomicBoolean();

    private final SipHash tokenPrf;
    private final SipHash tokenPrp;
    private final SipHash idPrf1;
    private final SipHash idPrf2;
    private final IpMask ipMask;
    private final ColumnMap map;
    private final String[] keepDomainSuffixes;

    MaskRules(SipHash tokenPrf, SipHash tokenPrp, SipHash idPrf1, SipHash idPrf2, SipHash ipPrf, ColumnMap map) {
        this.tokenPrf = tokenPrf;
        this.tokenPrp = tokenPrp;
        this.idPrf1 = idPrf1;
        this.idPrf2 = idPrf2;
        this.ipMask = new IpMask(ipPrf);
        this.map = map;
        this.keepDomainSuffixes = map.keepDomains().toArray(new String[0]);
    }

    ColumnMap map() {
        return map;
    }

    /** Whether masking as {@code t} may look up public suffixes (host names, also inside accounts, URLs, ...). */
    static boolean mayMaskHostNames(MaskType t) {
        switch (t) {
            case HOST: case DOMAIN: case ACCOUNT: case EMAIL: case UPN: case URL: case AUTO: case JSON:
                return true;
            default:
                return false;
        }
    }

    /**
     * Starts loading Guava's Public Suffix List on a background thread (once per JVM), when these rules keep
     * public suffixes: building it takes about 0.1 s, which would otherwise stall the first host name while
     * the table is already being read. A thread that needs the list first simply waits for the class
     * initialisation to finish.
     */
    void loadPublicSuffixesInBackground() {
        if (map.maskPublicSuffix() || !SUFFIXES_LOADING.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(MaskRules::touchPublicSuffixes, "hunt4j-public-suffixes");
        t.setDaemon(true);
        t.start();
    }

    private static void touchPublicSuffixes() {
        PublicSuffixPatterns.EXACT.size();
    }

    String mask(MaskType type, String v) {
        if (v == null) {
            return null;
        }
        switch (type) {
            case IP: return ip(v);
            case SID: return sid(v);
            case ACCOUNT: return account(v);
            case UPN:
            case EMAIL: return email(v);
            case HOST: return host(v);
            case DOMAIN: return domain(v);
            case GUID: return guid(v);
            case URL: return url(v);
            case RESOURCE_ID: return resourceId(v);
            case STR: return string(v);
            case JSON: return json(v);
            case AUTO: return auto(v);
            case KEEP: return v;
            default: throw new IllegalStateException(type.name());
        }
    }

    // ---- text ----

    String string(String s) {
        return tokens(s, 0, s.length());
    }

    /** {@code s} with the tokens in {@code [from, to)} masked. */
    String tokens(String s, int from, int to) {
        int i = from;
        while (i < to && !isWordChar(s.charAt(i))) {
            i++;
        }
        if (i == to) {
            return s; // nothing to mask: no copy
        }
        char[] out = s.toCharArray();
        tokensInto(out, s, i, to);
        return new String(out);
    }

    /** Writes the masks of the tokens in {@code s[from, to)} into {@code out} (a copy of {@code s}). */
    private void tokensInto(char[] out, String s, int from, int to) {
        int i = from;
        while (i < to) {
            if (!isWordChar(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < to && isWordChar(s.charAt(i))) {
                i++;
            }
            maskToken(out, s, start, i);
        }
    }

    /** Tokens whose mixed-radix value is below this use the permutation; longer ones the PRF (see below). */
    private static final long PRP_LIMIT = 1L << 62;
    private static final int PRP_ROUNDS = 8;
    /**
     * Below this many possible tokens (one or two characters, three digits): a binary Feistel network with
     * cycle-walking, made fixed-point free, so {@code 7} or {@code ab} never mask to themselves. From it up: a
     * Feistel network directly on the two mixed-radix halves of the token (no cycle-walking, a quarter of the
     * work), where a token keeps its value with probability 1/n, under one in a thousand.
     */
    private static final long SMALL_DOMAIN = 1L << 10;
    /** Domains below this get two more rounds (small-domain Feistel networks need more, as in FF1). */
    private static final long MEDIUM_DOMAIN = 1L << 20;

    /**
     * Masks one token into {@code out}. ASCII tokens of up to 13 letters or 18 digits (nearly all of them) are
     * read as a mixed-radix number (26 per letter, case folded; 10 per digit) and mapped through a keyed
     * permutation of all tokens with the same letter/digit pattern, so two different tokens never share a mask
     * (short host numbers like {@code WKS-7} and {@code WKS-8} would collide often otherwise). Longer or
     * non-ASCII tokens take 64 bits from SipHash instead: collisions there are negligible.
     */
    private void maskToken(char[] out, String s, int start, int end) {
        int len = end - start;
        if (len <= 18) {
            long n = 1;
            long x = 0;
            int pattern = 0;
            boolean ascii = true;
            for (int j = start; j < end; j++) {
                char c = s.charAt(j);
                int radix;
                int d;
                if (c >= '0' && c <= '9') {
                    radix = 10;
                    d = c - '0';
                } else if (c >= 'a' && c <= 'z') {
                    radix = 26;
                    d = c - 'a';
                    pattern |= 1 << (j - start);
                } else if (c >= 'A' && c <= 'Z') {
                    radix = 26;
                    d = c - 'A';
                    pattern |= 1 << (j - start);
                } else {
                    ascii = false;
                    break;
                }
                if (n > PRP_LIMIT / radix) {
                    ascii = false;
                    break;
                }
                n *= radix;
                x = x * radix + d;
            }
            if (ascii) {
                long tweak = ((long) len << 18) | pattern;
                long y = n < SMALL_DOMAIN ? derange(x, n, tweak) : mixedFeistel(x, s, start, end, tweak);
                for (int j = end - 1; j >= start; j--) {
                    char c = s.charAt(j);
                    if (c <= '9') {
                        out[j] = (char) ('0' + y % 10);
                        y /= 10;
                    } else {
                        out[j] = (char) ((c <= 'Z' ? 'A' : 'a') + y % 26);
                        y /= 26;
                    }
                }
                return;
            }
        }
        fill(out, s, start, end, tokenPrf.hashChars(s, start, end, true));
    }

    /**
     * A keyed permutation of [0, n) without fixed points: P(P^-1(x) + 1 mod n), with P a Feistel network
     * over enough bits and cycle-walking back into [0, n).
     */
    private long derange(long x, long n, long tweak) {
        int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(n - 1));
        long z = x;
        do {
            z = feistel(z, bits, tweak, true);
        } while (z >= n);
        z = z + 1 == n ? 0 : z + 1;
        do {
            z = feistel(z, bits, tweak, false);
        } while (z >= n);
        return z;
    }

    /**
     * A keyed permutation of the tokens with this pattern: the positions are split into a left and a right
     * group with value ranges {@code a} and {@code b} ({@code a * b} is exactly the number of such tokens, so
     * no cycle-walking is needed), and the rounds alternately add SipHash(round, other half) to one half
     * modulo its range.
     */
    private long mixedFeistel(long x, String s, int start, int end, long tweak) {
        // split where the two ranges are closest (products of 10s and 26s)
        long total = 1;
        for (int j = start; j < end; j++) {
            total *= s.charAt(j) <= '9' ? 10 : 26;
        }
        long a = 1;
        long bestA = 1;
        long best = Long.MAX_VALUE;
        for (int j = start; j < end - 1; j++) {
            a *= s.charAt(j) <= '9' ? 10 : 26;
            long larger = Math.max(a, total / a);
            if (larger < best) {
                best = larger;
                bestA = a;
            }
        }
        long b = total / bestA;
        long left = x / b;
        long right = x % b;
        long base = tweak << 41;
        int rounds = total < MEDIUM_DOMAIN ? PRP_ROUNDS + 2 : PRP_ROUNDS;
        for (int r = 0; r < rounds; r++) {
            if ((r & 1) == 0) {
                left = addMod(left, tokenPrp.hash(base | ((long) r << 38) | right), bestA);
            } else {
                right = addMod(right, tokenPrp.hash(base | ((long) r << 38) | left), b);
            }
        }
        return left * b + right;
    }

    /** {@code (v + f mod m) mod m} for {@code v < m < 2^62}, with the reduction by multiply-high, not division. */
    private static long addMod(long v, long f, long m) {
        long add = Math.multiplyHigh(f >>> 1, m << 1); // floor(f' * 2m / 2^64), in [0, m)
        long sum = v + add;
        return sum >= m ? sum - m : sum;
    }

    /** One pass of the token Feistel network over {@code bits} bits, or its inverse. */
    private long feistel(long z, int bits, long tweak, boolean inverse) {
        int v = (bits + 1) / 2; // width of the right half; the left has bits - v
        int u = bits - v;
        long base = tweak << 34;
        if (!inverse) {
            long left = z >>> v;
            long right = z & ((1L << v) - 1);
            int wl = u;
            int wr = v;
            for (int r = 0; r < PRP_ROUNDS; r++) {
                long t = (left ^ tokenPrp.hash(base | ((long) r << 31) | right)) & ((1L << wl) - 1);
                left = right;
                right = t;
                int w = wl;
                wl = wr;
                wr = w;
            }
            return (left << v) | right; // an even number of rounds: widths are (u, v) again
        }
        long left = z >>> v;
        long right = z & ((1L << v) - 1);
        int wl = u;
        int wr = v;
        for (int r = PRP_ROUNDS - 1; r >= 0; r--) {
            // undo round r: its output was (left = old right, right = old left ^ F(old right))
            long oldRight = left;
            long oldLeft = (right ^ tokenPrp.hash(base | ((long) r << 31) | oldRight)) & ((1L << wr) - 1);
            left = oldLeft;
            right = oldRight;
            int w = wl;
            wl = wr;
            wr = w;
        }
        return (left << v) | right;
    }

    /** Like {@link #tokens} for the path and query of a URL: percent-escapes ({@code %20}) are kept. */
    private String urlTail(String u, int from) {
        int n = u.length();
        char[] out = u.toCharArray();
        int seg = from;
        for (int i = from; i < n; ) {
            if (u.charAt(i) == '%' && i + 2 < n && Character.digit(u.charAt(i + 1), 16) >= 0
                    && Character.digit(u.charAt(i + 2), 16) >= 0) {
                tokensInto(out, u, seg, i);
                i += 3;
                seg = i;
            } else {
                i++;
            }
        }
        tokensInto(out, u, seg, n);
        return new String(out, from, n - from);
    }

    private static boolean isWordChar(char c) {
        if (c < 128) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
        return Character.isLetterOrDigit(c);
    }

    /**
     * Writes the mask of token {@code s[start,end)} into {@code out}: digits from digits, letters from letters
     * with the case kept. A draw that reproduces the token (likely only for one or two characters) is drawn
     * again from the next stream, so no token masks to itself.
     */
    private static void fill(char[] out, String s, int start, int end, long seed) {
        for (int attempt = 0; ; attempt++) {
            long state = seed + attempt * 0xD1B54A32D192ED03L;
            boolean same = true;
            for (int j = start; j < end; j++) {
                char c = s.charAt(j);
                long r = mix(state + (j - start + 1) * GOLDEN);
                char m;
                if (c >= '0' && c <= '9' || (c >= 128 && Character.isDigit(c))) {
                    m = (char) ('0' + reduce(r, 10));
                } else if (c >= 'A' && c <= 'Z' || (c >= 128 && Character.isUpperCase(c))) {
                    m = (char) ('A' + reduce(r, 26));
                } else {
                    m = (char) ('a' + reduce(r, 26));
                }
                out[j] = m;
                if (same && Character.toLowerCase(m) != Character.toLowerCase(c)) {
                    same = false;
                }
            }
            if (!same) {
                return;
            }
            if (attempt == 16) {
                // astronomically unlikely except for one char; shift it deterministically
                char c = out[start];
                out[start] = Character.isDigit(c) ? (char) ('0' + (c - '0' + 1) % 10)
                        : (char) (c == 'z' ? 'a' : c == 'Z' ? 'A' : c + 1);
                return;
            }
        }
    }

    /** SplitMix64's finaliser: spreads the token's 64-bit PRF value over the characters. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A uniform value in [0, n) from the high 32 bits of {@code r} (multiply-shift, no division). */
    private static int reduce(long r, int n) {
        return (int) (((r >>> 32) * n) >>> 32);
    }

    // ---- addresses ----

    String ip(String s) {
        if (s.isEmpty() || s.equals("-")) {
            return s;
        }
        String m = ipMask.mask(s);
        return m != null ? m : string(s);
    }

    // ---- host and domain names ----

    String host(String h) {
        if (h.isEmpty() || h.equals("-") || WELL_KNOWN_HOSTS.contains(h.toLowerCase(Locale.ROOT))) {
            return h;
        }
        char c0 = h.charAt(0);
        if ((c0 >= '0' && c0 <= '9') || c0 == ':' || c0 == '[' || (c0 >= 'a' && c0 <= 'f')
                || (c0 >= 'A' && c0 <= 'F')) {
            String ip = ipMask.mask(h);
            if (ip != null) {
                return ip;
            }
        }
        int end = h.endsWith(".") ? h.length() - 1 : h.length();
        int keepFrom = keptSuffixStart(h, end);
        return tokens(h, 0, keepFrom);
    }

    /** Where the kept tail of a DNS name starts: a {@code keep_domains} entry or the public suffix. */
    private int keptSuffixStart(String h, int end) {
        int lastDot = h.lastIndexOf('.', end - 1);
        if (lastDot < 0 && keepDomainSuffixes.length == 0) {
            return end;
        }
        String lower = h.substring(0, end).toLowerCase(Locale.ROOT);
        int best = end;
        for (String d : keepDomainSuffixes) {
            if (lower.equals(d)) {
                return 0;
            }
            if (lower.endsWith(d) && lower.charAt(lower.length() - d.length() - 1) == '.') {
                best = Math.min(best, end - d.length());
            }
        }
        if (!map.maskPublicSuffix() && lastDot >= 0) {
            String suffix = publicSuffix(lower);
            if (suffix != null) {
                best = Math.min(best, suffix.length() == lower.length() ? 0 : end - suffix.length());
            }
        }
        return best;
    }

    /**
     * The public suffix of a lower-case name (judged on its last five labels), {@code null} when none. This is
     * the lookup {@code InternetDomainName.publicSuffix()} does, on Guava's copy of the Public Suffix List,
     * without its validation and list building, which cost microseconds per name.
     */
    static String publicSuffix(String lower) {
        int[] starts = new int[6];
        int count = 0;
        int end = lower.length();
        int i = end;
        while (count < 5) {
            int dot = lower.lastIndexOf('.', i - 1);
            if (dot == i - 1 && i < end) {
                return null; // empty label
            }
            starts[count++] = dot + 1;
            if (dot < 0) {
                break;
            }
            i = dot;
        }
        // starts[k] = start of the suffix with k + 1 labels; try the longest first
        for (int k = count - 1; k >= 0; k--) {
            String ancestor = lower.substring(starts[k]);
            if (PublicSuffixPatterns.EXACT.containsKey(ancestor)) {
                return ancestor;
            }
            if (PublicSuffixPatterns.EXCLUDED.containsKey(ancestor)) {
                return k > 0 ? lower.substring(starts[k - 1]) : null;
            }
            if (k > 0 && PublicSuffixPatterns.UNDER.containsKey(lower.substring(starts[k - 1]))) {
                return ancestor;
            }
        }
        return null;
    }

    String domain(String d) {
        if (d.isEmpty() || d.equals("-") || WELL_KNOWN_DOMAINS.contains(d.toLowerCase(Locale.ROOT))) {
            return d;
        }
        return host(d);
    }

    // ---- accounts ----

    String account(String a) {
        if (a.isEmpty() || a.equals("-") || isWellKnownAccount(a)) {
            return a;
        }
        int bs = a.indexOf('\\');
        if (bs >= 0) {
            String dom = a.substring(0, bs);
            if (WELL_KNOWN_ACCOUNT_DOMAINS.contains(dom.toLowerCase(Locale.ROOT))) {
                return a;
            }
            return join(domain(dom), '\\', userName(a.substring(bs + 1)));
        }
        if (a.indexOf('@') > 0) {
            return email(a);
        }
        return userName(a);
    }

    private String userName(String u) {
        if (u.isEmpty() || isWellKnownAccount(u)) {
            return u;
        }
        if (u.length() > 1 && u.charAt(u.length() - 1) == '$') {
            // machine account: masked like the host name it belongs to
            return host(u.substring(0, u.length() - 1)).concat("$");
        }
        return string(u);
    }

    /** {@code a + sep + b}, without string concatenation, which the client JIT runs slowly. */
    private static String join(String a, char sep, String b) {
        return new StringBuilder(a.length() + 1 + b.length()).append(a).append(sep).append(b).toString();
    }

    private static boolean isWellKnownAccount(String a) {
        String l = a.toLowerCase(Locale.ROOT);
        return WELL_KNOWN_ACCOUNTS.contains(l) || isNumbered(l, "dwm-") || isNumbered(l, "umfd-");
    }

    private static boolean isNumbered(String l, String prefix) {
        if (!l.startsWith(prefix) || l.length() == prefix.length()) {
            return false;
        }
        for (int i = prefix.length(); i < l.length(); i++) {
            if (l.charAt(i) < '0' || l.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    String email(String e) {
        if (e.isEmpty() || e.equals("-")) {
            return e;
        }
        int at = e.lastIndexOf('@');
        if (at < 0) {
            return userName(e);
        }
        return join(tokens(e.substring(0, at), 0, at), '@', host(e.substring(at + 1)));
    }

    // ---- identifiers ----

    /**
     * Domain and machine SIDs (S-1-5-21-a-b-c[-RID]): a-b-c masked together (so one domain keeps one masked
     * domain part), the RID kept. Azure AD SIDs (S-1-12-1-a-b-c-d, which encode the object ID): all four
     * masked. Every other SID is well-known or derived from a public name (service, app-container, logon
     * session SIDs) and is kept.
     */
    String sid(String s) {
        if (s.isEmpty() || s.equals("-")) {
            return s;
        }
        int n = s.length();
        if (n < 5 || (s.charAt(0) != 'S' && s.charAt(0) != 's') || s.charAt(1) != '-') {
            return string(s);
        }
        int[] dash = new int[16];
        int parts = 0;
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (c == '-') {
                if (parts == dash.length || i == n - 1 || s.charAt(i + 1) == '-') {
                    return string(s);
                }
                dash[parts++] = i;
            } else if (c < '0' || c > '9') {
                return string(s);
            }
        }
        // components: rev = [dash0+1, dash1), authority = [dash1+1, dash2), sub_k = [dash_{k+1}+1, ...)
        if (parts < 3) {
            return string(s);
        }
        String authority = s.substring(dash[1] + 1, dash[2]);
        int subs = parts - 2;
        String first = s.substring(dash[2] + 1, parts > 3 ? dash[3] : n);
        int masked;
        if (authority.equals("5") && first.equals("21") && subs >= 4) {
            masked = 3;
        } else if (authority.equals("12") && first.equals("1") && subs == 5) {
            masked = 4;
        } else {
            return s;
        }
        int from = dash[3] + 1;
        int to = 3 + masked < parts ? dash[3 + masked] : n;
        // hash "21-a-b-c" / "1-a-b-c-d": the leading sub-authority separates the two kinds
        long h1 = idPrf1.hashChars(s, dash[2] + 1, to, false);
        long h2 = idPrf2.hashChars(s, dash[2] + 1, to, false);
        StringBuilder sb = new StringBuilder(n + 8).append(s, 0, from);
        for (int k = 0; k < masked; k++) {
            long word = k < 2 ? h1 : h2;
            long v = (k % 2 == 0 ? word : word >>> 32) & 0xffffffffL;
            if (k > 0) {
                sb.append('-');
            }
            sb.append(v);
        }
        return sb.append(s, to, n).toString();
    }

    /**
     * GUIDs keep their shape (braces, dashes, case) and their version and variant digits, so the result is a
     * valid UUID of the same version; the nil GUID is kept. A value that is not GUID-shaped is masked as
     * {@link MaskType#AUTO}.
     */
    String guid(String g) {
        if (g.isEmpty() || g.equals("-")) {
            return g;
        }
        int from = 0;
        int to = g.length();
        if (to >= 2 && g.charAt(0) == '{' && g.charAt(to - 1) == '}') {
            from = 1;
            to--;
        }
        long hi = 0;
        long lo = 0;
        boolean dashed = to - from == 36;
        if (!dashed && to - from != 32) {
            return autoNotGuid(g);
        }
        boolean upper = false;
        int digits = 0;
        for (int i = from; i < to; i++) {
            char c = g.charAt(i);
            int p = i - from;
            if (dashed && (p == 8 || p == 13 || p == 18 || p == 23)) {
                if (c != '-') {
                    return autoNotGuid(g);
                }
                continue;
            }
            int d = Character.digit(c, 16);
            if (d < 0 || c > 'f') {
                return autoNotGuid(g);
            }
            upper |= c >= 'A' && c <= 'F';
            if (digits < 16) {
                hi = (hi << 4) | d;
            } else {
                lo = (lo << 4) | d;
            }
            digits++;
        }
        if (hi == 0 && lo == 0) {
            return g;
        }
        long m1 = idPrf1.hash(hi, lo);
        long m2 = idPrf2.hash(hi, lo);
        char[] out = g.toCharArray();
        String hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
        digits = 0;
        for (int i = from; i < to; i++) {
            int p = i - from;
            if (dashed && (p == 8 || p == 13 || p == 18 || p == 23)) {
                continue;
            }
            if (digits != 12 && digits != 16) { // version and variant digits are kept
                long word = digits < 16 ? m1 : m2;
                out[i] = hex.charAt((int) ((word >>> (4 * (digits % 16))) & 0xf));
            }
            digits++;
        }
        return new String(out);
    }

    private static boolean isGuidShape(String g) {
        int n = g.length();
        int from = 0;
        if (n == 38 && g.charAt(0) == '{' && g.charAt(37) == '}') {
            from = 1;
            n = 37;
        }
        if (n - from != 36) {
            return false;
        }
        for (int i = from; i < n; i++) {
            int p = i - from;
            char c = g.charAt(i);
            if (p == 8 || p == 13 || p == 18 || p == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (Character.digit(c, 16) < 0 || c > 'f') {
                return false;
            }
        }
        return true;
    }

    // ---- URLs and resource IDs ----

    /** Scheme, port and punctuation kept; user info and path masked as text; the host like {@link #host}. */
    String url(String u) {
        int sep = u.indexOf("://");
        if (sep <= 0 || !isScheme(u, sep)) {
            return u.isEmpty() || u.equals("-") ? u : string(u);
        }
        int hostStart = sep + 3;
        int authEnd = u.length();
        for (int i = hostStart; i < u.length(); i++) {
            char c = u.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                authEnd = i;
                break;
            }
        }
        StringBuilder sb = new StringBuilder(u.length() + 8).append(u, 0, hostStart);
        int at = u.lastIndexOf('@', authEnd - 1);
        if (at >= hostStart) {
            sb.append(tokens(u.substring(hostStart, at + 1), 0, at + 1 - hostStart));
            hostStart = at + 1;
        }
        String hostPort = u.substring(hostStart, authEnd);
        String ip = hostPort.isEmpty() ? null : ipMask.mask(hostPort);
        if (ip != null) {
            sb.append(ip);
        } else {
            int colon = hostPort.lastIndexOf(':');
            if (colon > 0 && isDigits(hostPort, colon + 1)) {
                sb.append(host(hostPort.substring(0, colon))).append(hostPort, colon, hostPort.length());
            } else {
                sb.append(host(hostPort));
            }
        }
        return sb.append(urlTail(u, authEnd)).toString();
    }

    private static boolean isScheme(String u, int end) {
        for (int i = 0; i < end; i++) {
            char c = u.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigits(String s, int from) {
        if (from >= s.length()) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Azure resource IDs ({@code /subscriptions/ID/resourceGroups/NAME/providers/NS/TYPE/NAME/...}): the
     * keywords, provider namespaces and resource types are kept; subscription IDs are masked as GUIDs and
     * names like host labels (so the VM name matches the masked {@code Computer}).
     */
    String resourceId(String r) {
        if (r.isEmpty() || r.equals("-")) {
            return r;
        }
        StringBuilder sb = new StringBuilder(r.length());
        int state = 0; // 0 keyword expected, 1 value expected, 2 namespace expected, 3 type expected
        int i = 0;
        while (i <= r.length()) {
            int slash = r.indexOf('/', i);
            int end = slash < 0 ? r.length() : slash;
            String seg = r.substring(i, end);
            if (!seg.isEmpty()) {
                switch (state) {
                    case 1:
                        sb.append(isGuidShape(seg) ? guid(seg) : string(seg));
                        state = 0;
                        break;
                    case 2:
                        sb.append(seg);
                        state = 3;
                        break;
                    case 3:
                        sb.append(seg);
                        state = 4;
                        break;
                    case 4:
                        sb.append(isGuidShape(seg) ? guid(seg) : string(seg));
                        state = 3;
                        break;
                    default:
                        String l = seg.toLowerCase(Locale.ROOT);
                        if (l.equals("providers")) {
                            sb.append(seg);
                            state = 2;
                        } else if (l.equals("subscriptions") || l.equals("resourcegroups")
                                || l.equals("managementgroups") || l.equals("tenants")) {
                            sb.append(seg);
                            state = 1;
                        } else {
                            sb.append(isGuidShape(seg) ? guid(seg) : string(seg));
                        }
                }
            }
            if (slash < 0) {
                break;
            }
            sb.append('/');
            i = slash + 1;
        }
        return sb.toString();
    }

    // ---- shape detection and JSON ----

    /** Masks by the value's shape; see {@link MaskType#AUTO}. */
    String auto(String v) {
        if (v.isEmpty() || v.equals("-")) {
            return v;
        }
        if (isGuidShape(v)) {
            return guid(v);
        }
        return autoNotGuid(v);
    }

    private String autoNotGuid(String v) {
        if (v.isEmpty() || v.equals("-")) {
            return v;
        }
        char c0 = v.charAt(0);
        if ((c0 >= '0' && c0 <= '9') || c0 == ':' || c0 == '[' || (c0 >= 'a' && c0 <= 'f')
                || (c0 >= 'A' && c0 <= 'F')) {
            String ip = ipMask.mask(v);
            if (ip != null) {
                return ip;
            }
        }
        if ((c0 == 'S' || c0 == 's') && v.startsWith("-1-", 1)) {
            return sid(v);
        }
        if (v.indexOf("://") > 0) {
            return url(v);
        }
        if (v.regionMatches(true, 0, "/subscriptions/", 0, 15)) {
            return resourceId(v);
        }
        boolean spaces = v.indexOf(' ') >= 0;
        if (!spaces && v.indexOf('@') > 0) {
            return email(v);
        }
        int bs = v.indexOf('\\');
        if (bs > 0 && bs == v.lastIndexOf('\\') && v.indexOf(':') < 0) {
            return account(v);
        }
        return string(v);
    }

    String json(String text) {
        if (text.isEmpty() || text.equals("-")) {
            return text;
        }
        String out = JsonMask.mask(text, this);
        return out != null ? out : string(text);
    }

    /** A JSON number under a masked key: each run of digits masked, still a valid number (no leading zero). */
    String number(String n) {
        char[] out = n.toCharArray();
        int i = 0;
        while (i < n.length()) {
            if (n.charAt(i) < '0' || n.charAt(i) > '9') {
                i++;
                continue;
            }
            int start = i;
            while (i < n.length() && n.charAt(i) >= '0' && n.charAt(i) <= '9') {
                i++;
            }
            maskToken(out, n, start, i);
        }
        int f = n.startsWith("-") ? 1 : 0;
        if (out.length > f + 1 && out[f] == '0' && out[f + 1] >= '0' && out[f + 1] <= '9') {
            out[f] = (char) ('1' + (n.charAt(f) - '0') % 9);
        }
        return new String(out);
    }
}
