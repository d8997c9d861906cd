package dev.hunt4j.analysis.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.hash.Hashing;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SipHashTest {
    private static final byte[] KEY = new byte[16];

    static {
        for (int i = 0; i < 16; i++) {
            KEY[i] = (byte) i;
        }
    }

    private final SipHash sip = new SipHash(KEY);

    @Test
    void referenceVectors() {
        // from the SipHash paper / reference implementation (key 00..0f, message 00..len-1)
        assertEquals(0x726fdb47dd0e0e31L, sip.hash(new byte[0]));
        byte[] m = new byte[15];
        for (int i = 0; i < m.length; i++) {
            m[i] = (byte) i;
        }
        assertEquals(0xa129ca6149be45e5L, sip.hash(m));
    }

    @Test
    void agreesWithGuava() {
        Random r = new Random(1);
        long k0 = SipHash.le64(KEY, 0);
        long k1 = SipHash.le64(KEY, 8);
        for (int len = 0; len < 70; len++) {
            byte[] b = new byte[len];
            r.nextBytes(b);
            assertEquals(Hashing.sipHash24(k0, k1).hashBytes(b).asLong(), sip.hash(b), "length " + len);
        }
    }

    @Test
    void wordAndCharEntryPointsHashTheSameBytes() {
        Random r = new Random(2);
        for (int i = 0; i < 200; i++) {
            long a = r.nextLong();
            long b = r.nextLong();
            byte[] bytes = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(a).putLong(b).array();
            assertEquals(sip.hash(bytes), sip.hash(a, b));
        }
        String[] samples = {"", "a", "ab", "abc", "abcd", "abcde", "WS01", "MSTICAlertsWin1", "Ünïcødé-Ωmega", "x.y"};
        for (String s : samples) {
            String padded = "<<" + s + ">>";
            assertEquals(sip.hash(s.getBytes(StandardCharsets.UTF_16LE)), sip.hashChars(padded, 2, 2 + s.length(), false), s);
            assertEquals(sip.hash(s.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_16LE)),
                    sip.hashChars(padded, 2, 2 + s.length(), true), s);
        }
    }
}
