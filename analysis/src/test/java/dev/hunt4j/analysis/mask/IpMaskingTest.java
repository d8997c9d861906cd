package dev.hunt4j.analysis.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.net.InetAddresses;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Addresses stay valid and in their class; checked against an independent CIDR implementation. */
class IpMaskingTest {
    private static final Masker M = Masker.builder().key(TestKeys.KEY_A).build();
    private static final int SAMPLES = 2000;

    /** IPv4 special ranges, written independently of the code under test. */
    private static final List<String> V4_SPECIAL = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10",
            "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24",
            "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4");

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16",
        "100.64.0.0/10", "224.0.0.0/4", "198.18.0.0/15"})
    void specialRangesStayInTheirRange(String cidr) {
        Random r = new Random(cidr.hashCode());
        int unchanged = 0;
        Set<String> outputs = new HashSet<>();
        Set<String> inputs = new HashSet<>();
        for (int i = 0; i < SAMPLES; i++) {
            String a = randomIn(cidr, r);
            if (!inputs.add(a)) {
                continue;
            }
            String m = M.ip(a);
            assertTrue(InetAddresses.isInetAddress(m), m);
            assertTrue(inCidr(m, cidr), a + " -> " + m + " left " + cidr);
            outputs.add(m);
            if (m.equals(a)) {
                unchanged++;
            }
        }
        assertEquals(inputs.size(), outputs.size(), "two addresses share a mask");
        assertTrue(unchanged <= 1, unchanged + " addresses unchanged in " + cidr);
    }

    @Test
    void the172BlockIs172Dot16To31Only() {
        Random r = new Random(7);
        for (int second = 0; second < 256; second++) {
            String a = "172." + second + "." + r.nextInt(256) + "." + r.nextInt(256);
            String m = M.ip(a);
            boolean privateIn = second >= 16 && second <= 31;
            assertEquals(privateIn, inCidr(m, "172.16.0.0/12"), a + " -> " + m);
            if (!privateIn) {
                assertTrue(isPublicV4(m), a + " -> " + m + " should be public");
            }
        }
    }

    @Test
    void publicStaysPublic() {
        Random r = new Random(11);
        int n = 0;
        while (n < 20_000) {
            String a = (r.nextInt(256)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
            if (!isPublicV4(a)) {
                continue;
            }
            n++;
            String m = M.ip(a);
            assertTrue(isPublicV4(m), a + " -> " + m);
            assertNotEquals(a, m);
        }
    }

    @Test
    void permutationOfAWholeBlockIsABijection() {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < 65536; i++) {
            out.add(M.ip("169.254." + (i >> 8) + "." + (i & 0xff)));
        }
        assertEquals(65536, out.size());
    }

    @Test
    void keptAddresses() {
        for (String a : List.of("0.0.0.0", "255.255.255.255", "127.0.0.1", "224.0.0.251", "224.0.0.252", "::",
                "::1", "", "-")) {
            assertEquals(a, M.ip(a));
        }
        // no other loopback address may take 127.0.0.1's place (cycle-walking)
        for (int i = 0; i < 5000; i++) {
            String a = "127.0." + (i >> 8) + "." + (i & 0xff);
            if (!a.equals("127.0.0.1")) {
                assertNotEquals("127.0.0.1", M.ip(a), a);
            }
        }
    }

    @Test
    void ipv6RangesAndForms() {
        Random r = new Random(3);
        for (int i = 0; i < SAMPLES; i++) {
            checkV6In("fe80::/10", r);
            checkV6In("fc00::/7", r);
            checkV6In("ff02::/16", r);
            checkV6In("2001:db8::/32", r);
            String pub = randomIn("2000::/3", r);
            if (isSpecialV6Global(pub)) {
                continue;
            }
            String m = M.ip(pub);
            assertTrue(inCidr(m, "2000::/3") && !isSpecialV6Global(m), pub + " -> " + m);
        }
        assertTrue(M.ip("[2001:4860:4860::8888]:443").matches("\\[[0-9a-f:]+]:443"));
        assertTrue(M.ip("fe80::1%eth0").endsWith("%eth0"));
        String mapped = M.ip("::ffff:10.1.2.3");
        assertTrue(mapped.startsWith("::ffff:10."), mapped);
        assertEquals(mapped.substring("::ffff:".length()), M.ip("10.1.2.3"), "mapped address masks like IPv4");
        assertEquals(M.ip("2001:DB8:0:0:0:0:0:1"), M.ip("2001:db8::1"), "spelling does not matter");
        assertTrue(M.ip("1.2.3.4:8080").endsWith(":8080"));
    }

    @Test
    void notAnAddressIsMaskedAsText() {
        String m = M.ip("not-an-ip");
        assertEquals("not-an-ip".length(), m.length());
        assertNotEquals("not-an-ip", m);
        assertEquals('-', m.charAt(3));
    }

    private void checkV6In(String cidr, Random r) {
        String a = randomIn(cidr, r);
        String m = M.ip(a);
        assertTrue(InetAddresses.isInetAddress(m), m);
        assertTrue(inCidr(m, cidr), a + " -> " + m + " left " + cidr);
    }

    private static boolean isSpecialV6Global(String a) {
        return inCidr(a, "2001:db8::/32") || inCidr(a, "2001::/23") || inCidr(a, "2002::/16");
    }

    static boolean isPublicV4(String a) {
        return V4_SPECIAL.stream().noneMatch(c -> inCidr(a, c));
    }

    static boolean inCidr(String addr, String cidr) {
        String[] p = cidr.split("/");
        InetAddress a = InetAddresses.forString(addr);
        InetAddress net = InetAddresses.forString(p[0]);
        if ((a instanceof Inet4Address) != (net instanceof Inet4Address)) {
            return false;
        }
        int bits = a.getAddress().length * 8;
        int len = Integer.parseInt(p[1]);
        BigInteger x = new BigInteger(1, a.getAddress()).shiftRight(bits - len);
        BigInteger y = new BigInteger(1, net.getAddress()).shiftRight(bits - len);
        return x.equals(y);
    }

    static String randomIn(String cidr, Random r) {
        String[] p = cidr.split("/");
        InetAddress net = InetAddresses.forString(p[0]);
        byte[] b = net.getAddress();
        int len = Integer.parseInt(p[1]);
        byte[] rnd = new byte[b.length];
        r.nextBytes(rnd);
        for (int bit = len; bit < b.length * 8; bit++) {
            int mask = 0x80 >>> (bit % 8);
            b[bit / 8] = (byte) ((b[bit / 8] & ~mask) | (rnd[bit / 8] & mask));
        }
        try {
            InetAddress a = InetAddress.getByAddress(b);
            return a instanceof Inet6Address ? InetAddresses.toAddrString(a) : a.getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
