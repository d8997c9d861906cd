package dev.hunt4j.analysis.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class Sha256Test {
    @Test
    void knownAnswers() {
        // FIPS 180-4 examples and RFC 4231 test case 2
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                hex(Sha256.digest(new byte[0])));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                hex(Sha256.digest("abc".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                hex(Sha256.digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                hex(Sha256.hmac("Jefe".getBytes(StandardCharsets.US_ASCII),
                        "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void sameAsTheJdkForEveryLengthAroundTheBlockSize() throws Exception {
        Random r = new Random(7);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        Mac mac = Mac.getInstance("HmacSHA256");
        for (int len = 0; len < 200; len++) {
            byte[] msg = new byte[len];
            r.nextBytes(msg);
            assertArrayEquals(md.digest(msg), Sha256.digest(msg), "digest of " + len + " bytes");
            byte[] key = new byte[1 + r.nextInt(100)]; // shorter and longer than the 64-byte block
            r.nextBytes(key);
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            assertArrayEquals(mac.doFinal(msg), Sha256.hmac(key, msg), "HMAC of " + len + " bytes, key " + key.length);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
