package dev.hunt4j.runtime.enrich;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * IP ranges outside the global unicast space (IANA's special-purpose address registries, as Python's
 * {@code ipaddress.is_global}, which MSTICPy uses): such addresses mean nothing to an internet TI service, and
 * sending them would leak internal addressing and spend quota.
 */
final class SpecialAddresses {
    private record Range(byte[] prefix, int bits, String name) {
        boolean contains(byte[] a) {
            if (a.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (a[full] & mask) == (prefix[full] & mask);
        }
    }

    private static final List<Range> RANGES = List.of(
            range("0.0.0.0", 8, "'this network' 0.0.0.0/8"),
            range("10.0.0.0", 8, "private range 10.0.0.0/8"),
            range("100.64.0.0", 10, "carrier-grade NAT range 100.64.0.0/10"),
            range("127.0.0.0", 8, "loopback range 127.0.0.0/8"),
            range("169.254.0.0", 16, "link-local range 169.254.0.0/16"),
            range("172.16.0.0", 12, "private range 172.16.0.0/12"),
            range("192.0.0.0", 24, "IETF protocol range 192.0.0.0/24"),
            range("192.0.2.0", 24, "documentation range 192.0.2.0/24 (TEST-NET-1)"),
            range("192.168.0.0", 16, "private range 192.168.0.0/16"),
            range("198.18.0.0", 15, "benchmarking range 198.18.0.0/15"),
            range("198.51.100.0", 24, "documentation range 198.51.100.0/24 (TEST-NET-2)"),
            range("203.0.113.0", 24, "documentation range 203.0.113.0/24 (TEST-NET-3)"),
            range("224.0.0.0", 4, "multicast range 224.0.0.0/4"),
            range("240.0.0.0", 4, "reserved range 240.0.0.0/4"),
            range("::", 128, "the unspecified address ::"),
            range("::1", 128, "the loopback address ::1"),
            range("100::", 64, "discard range 100::/64"),
            range("2001:db8::", 32, "documentation range 2001:db8::/32"),
            range("2002::", 16, "6to4 range 2002::/16"),
            range("fc00::", 7, "unique local range fc00::/7"),
            range("fe80::", 10, "link-local range fe80::/10"),
            range("fec0::", 10, "site-local range fec0::/10"),
            range("ff00::", 8, "multicast range ff00::/8"));

    private SpecialAddresses() {
    }

    private static Range range(String address, int bits, String name) {
        try {
            return new Range(InetAddress.getByName(address).getAddress(), bits, name);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Why {@code a} is not a global address, or {@code null} when it is one. */
    static String why(InetAddress a) {
        byte[] b = a.getAddress();
        for (Range r : RANGES) {
            if (r.contains(b)) {
                return r.name();
            }
        }
        if (a instanceof Inet4Address && b[0] == (byte) 255 && b[1] == (byte) 255 && b[2] == (byte) 255 && b[3] == (byte) 255) {
            return "the broadcast address";
        }
        return null;
    }
}
