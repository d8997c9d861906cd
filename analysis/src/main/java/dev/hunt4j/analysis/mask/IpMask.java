package dev.hunt4j.analysis.mask;

/**
 * Structure-preserving IP address masking: a keyed Feistel permutation over the host bits of the address's
 * range, so an address maps to exactly one address of the same kind and two addresses never share a mask
 * (joins on masked addresses stay exact). Cycle-walking keeps the result in the same class: private stays in
 * its private block, public stays public, and the few addresses that are kept as they are never become the
 * image of another address.
 */
final class IpMask {
    /** Feistel rounds: 8 as in FF3-1; the domains can be as small as 8 bits. */
    private static final int ROUNDS = 8;

    private enum Kind { KEEP, WITHIN, PUBLIC, EMBED_V4 }

    /** An address class: matched on its first {@code matchLen} bits, masked below {@code keepLen} bits. */
    private record Range(long hi, long lo, int matchLen, int keepLen, Kind kind, int id) {
        boolean contains(long h, long l) {
            if (matchLen == 0) {
                return true;
            }
            if (matchLen <= 64) {
                long m = matchLen == 64 ? -1L : ~(-1L >>> matchLen);
                return (h & m) == hi;
            }
            long m = matchLen == 128 ? -1L : ~(-1L >>> (matchLen - 64));
            return h == hi && (l & m) == lo;
        }
    }

    // IPv4 addresses live in the low 32 bits of "lo" with hi = 0; match lengths count from bit 96.
    private static final Range[] V4 = {
        v4("0.0.0.0", 32, Kind.KEEP, 1),          // unspecified
        v4("255.255.255.255", 32, Kind.KEEP, 2),  // limited broadcast
        v4("127.0.0.1", 32, Kind.KEEP, 3),        // the loopback everyone uses: carries nothing
        v4("224.0.0.0", 24, Kind.KEEP, 4),        // local network control: protocol addresses (mDNS, LLMNR, ...)
        v4("192.0.0.0", 24, Kind.WITHIN, 5),      // IETF protocol assignments
        v4("192.0.2.0", 24, Kind.WITHIN, 6),      // TEST-NET-1
        v4("192.88.99.0", 24, Kind.WITHIN, 7),    // 6to4 relay anycast
        v4("198.51.100.0", 24, Kind.WITHIN, 8),   // TEST-NET-2
        v4("203.0.113.0", 24, Kind.WITHIN, 9),    // TEST-NET-3
        v4("169.254.0.0", 16, Kind.WITHIN, 10),   // link-local
        v4("192.168.0.0", 16, Kind.WITHIN, 11),   // private
        v4("198.18.0.0", 15, Kind.WITHIN, 12),    // benchmarking
        v4("172.16.0.0", 12, Kind.WITHIN, 13),    // private (172.16.0.0-172.31.255.255)
        v4("100.64.0.0", 10, Kind.WITHIN, 14),    // shared address space (carrier-grade NAT)
        v4("0.0.0.0", 8, Kind.WITHIN, 15),        // "this network"
        v4("10.0.0.0", 8, Kind.WITHIN, 16),       // private
        v4("127.0.0.0", 8, Kind.WITHIN, 17),      // loopback
        v4("224.0.0.0", 4, Kind.WITHIN, 18),      // multicast
        v4("240.0.0.0", 4, Kind.WITHIN, 19),      // reserved
    };
    private static final Range V4_PUBLIC = new Range(0, 0, 0, 0, Kind.PUBLIC, 20);
    /** The bits each {@link #V4} range matches on. */
    private static final long[] V4_MASKS = new long[V4.length];

    static {
        for (int i = 0; i < V4.length; i++) {
            int len = V4[i].matchLen;
            V4_MASKS[i] = len == 0 ? 0 : (0xffffffffL << (32 - len)) & 0xffffffffL;
        }
    }

    private static final Range[] V6 = {
        v6("::", 128, 128, Kind.KEEP, 41),
        v6("::1", 128, 128, Kind.KEEP, 42),
        v6("::ffff:0:0", 96, 96, Kind.EMBED_V4, 43),   // IPv4-mapped: the IPv4 rules apply to the last 32 bits
        v6("64:ff9b::", 96, 96, Kind.EMBED_V4, 44),    // NAT64
        v6("100::", 64, 64, Kind.WITHIN, 45),          // discard-only
        v6("2001:db8::", 32, 32, Kind.WITHIN, 46),     // documentation
        v6("2001::", 23, 23, Kind.WITHIN, 47),         // IETF protocol assignments (Teredo, ...)
        v6("2002::", 16, 16, Kind.WITHIN, 48),         // 6to4
        v6("fe80::", 10, 10, Kind.WITHIN, 49),         // link-local
        v6("ff00::", 8, 16, Kind.WITHIN, 50),          // multicast: flags and scope kept
        v6("fc00::", 7, 7, Kind.WITHIN, 51),           // unique local (private)
        v6("::", 8, 8, Kind.WITHIN, 52),               // reserved (incl. IPv4-compatible)
        v6("2000::", 3, 3, Kind.PUBLIC, 53),           // global unicast
    };
    /** Everything else (unassigned space): keep the first byte. */
    private static final Range V6_OTHER = new Range(0, 0, 0, 8, Kind.WITHIN, 54);

    private final SipHash prf;

    IpMask(SipHash prf) {
        this.prf = prf;
    }

    /**
     * Masks an IPv4 or IPv6 address, also in the forms {@code a.b.c.d:port}, {@code [v6]:port} and
     * {@code v6%zone}; returns {@code null} when {@code s} is none of them.
     */
    String mask(String s) {
        int n = s.length();
        if (n == 0) {
            return null;
        }
        long v4 = parseV4Long(s, 0, n);
        if (v4 >= 0) {
            return formatV4(maskV4(v4));
        }
        // a.b.c.d:port
        int colon = s.indexOf(':');
        if (colon > 0 && colon == s.lastIndexOf(':') && isPort(s, colon + 1, n)) {
            long a = parseV4Long(s, 0, colon);
            return a < 0 ? null : formatV4(maskV4(a)) + s.substring(colon);
        }
        // [v6] or [v6]:port
        if (s.charAt(0) == '[') {
            int close = s.indexOf(']');
            if (close < 0 || (close + 1 < n && !(s.charAt(close + 1) == ':' && isPort(s, close + 2, n)))) {
                return null;
            }
            String inner = maskV6Text(s.substring(1, close));
            return inner == null ? null : "[" + inner + "]" + s.substring(close + 1);
        }
        return colon < 0 ? null : maskV6Text(s);
    }

    private String maskV6Text(String s) {
        int pct = s.indexOf('%');
        int end = pct < 0 ? s.length() : pct;
        long[] a = new long[2];
        int tail = parseV6(s, 0, end, a);
        if (tail < 0) {
            return null;
        }
        long[] m = maskV6(a[0], a[1]);
        boolean dotted = tail == 1 && isEmbedV4(m[0], m[1]);
        return formatV6(m[0], m[1], dotted) + s.substring(end);
    }

    // ---- IPv4 ----

    long maskV4(long a) {
        Range r = classifyV4(a);
        if (r.kind == Kind.KEEP) {
            return a;
        }
        int keep = r.kind == Kind.PUBLIC ? 0 : r.matchLen;
        long y = a;
        do {
            y = permute(0, y, 32 - keep, r.id)[1];
        } while (classifyV4(y) != r);
        return y;
    }

    private static Range classifyV4(long a) {
        for (int i = 0; i < V4.length; i++) {
            if ((a & V4_MASKS[i]) == V4[i].lo) {
                return V4[i];
            }
        }
        return V4_PUBLIC;
    }

    // ---- IPv6 ----

    long[] maskV6(long hi, long lo) {
        Range r = classifyV6(hi, lo);
        switch (r.kind) {
            case KEEP:
                return new long[] {hi, lo};
            case EMBED_V4:
                return new long[] {hi, (lo & 0xffffffff00000000L) | maskV4(lo & 0xffffffffL)};
            default:
                long[] y = {hi, lo};
                do {
                    y = permute(y[0], y[1], 128 - r.keepLen, r.id);
                } while (classifyV6(y[0], y[1]) != r);
                return y;
        }
    }

    private static Range classifyV6(long hi, long lo) {
        for (Range r : V6) {
            if (r.contains(hi, lo)) {
                return r;
            }
        }
        return V6_OTHER;
    }

    private static boolean isEmbedV4(long hi, long lo) {
        return classifyV6(hi, lo).kind == Kind.EMBED_V4;
    }

    // ---- the permutation ----

    /**
     * A balanced (or, for odd widths, alternating unbalanced) Feistel network over the low {@code n} bits of
     * the 128-bit value {@code hi:lo}; the bits above are kept. Round function: SipHash of (tweak, round, half).
     */
    private long[] permute(long hi, long lo, int n, int tweak) {
        if (n == 0) {
            return new long[] {hi, lo};
        }
        int v = (n + 1) / 2;
        int u = n - v;
        long right = lo & mask(v);
        long left = (v == 64 ? hi : (lo >>> v) | (hi << (64 - v))) & mask(u);
        int wl = u;
        int wr = v;
        long base = ((long) tweak << 16) | ((long) n << 8);
        // up to 64 bits (all of IPv4) the halves fit in 32 bits: one-word SipHash input, about half the work
        boolean oneWord = n <= 64;
        long wordBase = ((long) tweak << 48) | ((long) n << 40);
        for (int round = 0; round < ROUNDS; round++) {
            long f = oneWord ? prf.hash(wordBase | ((long) round << 32) | right) : prf.hash(base | round, right);
            long t = left ^ (f & mask(wl));
            left = right;
            right = t;
            int w = wl;
            wl = wr;
            wr = w;
        }
        // after an even number of rounds the widths are back to (u, v)
        long hostLo = right | (v == 64 ? 0 : left << v);
        long hostHi = v == 64 ? left : left >>> (64 - v);
        long maskLo = n >= 64 ? -1L : mask(n);
        long maskHi = n > 64 ? mask(n - 64) : 0;
        return new long[] {(hi & ~maskHi) | (hostHi & maskHi), (lo & ~maskLo) | (hostLo & maskLo)};
    }

    private static long mask(int bits) {
        return bits >= 64 ? -1L : (1L << bits) - 1;
    }

    // ---- parsing and formatting ----

    /** The address as an unsigned 32-bit value, or -1 when {@code s[from,to)} is not dotted-quad IPv4. */
    static long parseV4Long(String s, int from, int to) {
        long a = 0;
        int parts = 0;
        int i = from;
        while (parts < 4) {
            int start = i;
            int v = 0;
            while (i < to && i - start < 3) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                v = v * 10 + (c - '0');
                i++;
            }
            if (i == start || v > 255) {
                return -1;
            }
            a = (a << 8) | v;
            parts++;
            if (parts < 4) {
                if (i >= to || s.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return i == to ? a : -1;
    }

    private static boolean isPort(String s, int from, int to) {
        if (from >= to || to - from > 5) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static String formatV4(long a) {
        // by hand rather than string concatenation, which the client JIT runs slowly
        char[] out = new char[15];
        int p = 0;
        for (int shift = 24; shift >= 0; shift -= 8) {
            int b = (int) (a >>> shift) & 0xff;
            if (b >= 100) {
                out[p++] = (char) ('0' + b / 100);
            }
            if (b >= 10) {
                out[p++] = (char) ('0' + b / 10 % 10);
            }
            out[p++] = (char) ('0' + b % 10);
            if (shift > 0) {
                out[p++] = '.';
            }
        }
        return new String(out, 0, p);
    }

    /**
     * Parses IPv6 text (no zone, no brackets) into {@code out = {hi, lo}}: returns 0, 1 when it ended in a
     * dotted IPv4 tail, or -1 when the text is not an IPv6 address.
     */
    static int parseV6(String s, int from, int to, long[] out) {
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = from;
        boolean dotted = false;
        if (to - from < 2) {
            return -1;
        }
        if (s.charAt(i) == ':') {
            if (s.charAt(i + 1) != ':') {
                return -1;
            }
            gap = 0;
            i += 2;
        }
        while (i < to) {
            if (count == 8) {
                return -1;
            }
            int start = i;
            int v = 0;
            while (i < to && i - start < 4) {
                int d = Character.digit(s.charAt(i), 16);
                if (d < 0) {
                    break;
                }
                v = (v << 4) | d;
                i++;
            }
            if (i < to && s.charAt(i) == '.') {
                // dotted IPv4 tail: takes two groups and must end the address
                long a = parseV4Long(s, start, to);
                if (a < 0 || count > 6) {
                    return -1;
                }
                groups[count++] = (int) (a >>> 16);
                groups[count++] = (int) (a & 0xffff);
                dotted = true;
                i = to;
                break;
            }
            if (i == start) {
                return -1;
            }
            groups[count++] = v;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != ':') {
                return -1;
            }
            i++;
            if (i < to && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return -1;
                }
                gap = count;
                i++;
            } else if (i == to) {
                return -1; // trailing single colon
            }
        }
        int[] full = new int[8];
        if (gap >= 0) {
            if (count == 8) {
                return -1;
            }
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - (count - gap), count - gap);
        } else {
            if (count != 8) {
                return -1;
            }
            full = groups;
        }
        long hi = 0;
        long lo = 0;
        for (int g = 0; g < 4; g++) {
            hi = (hi << 16) | full[g];
            lo = (lo << 16) | full[g + 4];
        }
        out[0] = hi;
        out[1] = lo;
        return dotted ? 1 : 0;
    }

    /** RFC 5952 text: lower case, the longest run of two or more zero groups as {@code ::}. */
    static String formatV6(long hi, long lo, boolean dottedTail) {
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) ((hi >>> (48 - 16 * i)) & 0xffff);
            g[i + 4] = (int) ((lo >>> (48 - 16 * i)) & 0xffff);
        }
        int groups = dottedTail ? 6 : 8;
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < groups; ) {
            if (g[i] == 0) {
                int j = i;
                while (j < groups && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder sb = new StringBuilder(41);
        for (int i = 0; i < groups; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        if (dottedTail) {
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(formatV4(lo & 0xffffffffL));
        }
        return sb.toString();
    }

    private static Range v4(String addr, int len, Kind kind, int id) {
        long a = parseV4Long(addr, 0, addr.length());
        return new Range(0, a, len, len, kind, id);
    }

    private static Range v6(String addr, int matchLen, int keepLen, Kind kind, int id) {
        long[] a = new long[2];
        parseV6(addr, 0, addr.length(), a);
        return new Range(a[0], a[1], matchLen, keepLen, kind, id);
    }
}
