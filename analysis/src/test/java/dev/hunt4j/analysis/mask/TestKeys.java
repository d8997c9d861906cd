package dev.hunt4j.analysis.mask;

/** Fixed keys, so failures reproduce. */
final class TestKeys {
    static final byte[] KEY_A = bytes(1);
    static final byte[] KEY_B = bytes(2);

    private TestKeys() {
    }

    private static byte[] bytes(int seed) {
        byte[] k = new byte[32];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (seed * 31 + i * 7);
        }
        return k;
    }
}
