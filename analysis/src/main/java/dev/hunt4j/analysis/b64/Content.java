package dev.hunt4j.analysis.b64;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** What decoded bytes are: file type by magic number, text in UTF-8 or UTF-16, hashes, printable form. */
final class Content {
    /** Decoded text and the encoding it was found in ({@code utf-8} or {@code utf-16}, MSTICPy's names). */
    record Text(String text, String encoding) {
    }

    private static final int PRINTABLE_BYTES = 1024;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Content() {
    }

    /**
     * The file type by its leading bytes, with MSTICPy's names where it has one ({@code exe}, {@code dll},
     * {@code sys}, {@code zip}, {@code gz}, {@code tar}, {@code 7z}, {@code rar}, {@code pdf}, {@code msi} for any
     * OLE compound file, {@code wim}), plus {@code elf}, {@code zlib}, {@code cab}, {@code png}, {@code jpg},
     * {@code gif}, {@code class}, {@code lnk}; null when unknown.
     */
    static String sniff(byte[] b) {
        int n = b.length;
        if (n >= 2 && b[0] == 'M' && b[1] == 'Z') {
            return peKind(b);
        }
        if (n >= 4 && b[0] == 'P' && b[1] == 'K' && (b[2] == 3 && b[3] == 4 || b[2] == 5 && b[3] == 6)) {
            return "zip";
        }
        if (n >= 3 && (b[0] & 0xFF) == 0x1F && (b[1] & 0xFF) == 0x8B && b[2] == 8) {
            return "gz";
        }
        if (isTar(b)) {
            return "tar";
        }
        if (startsWith(b, 0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C)) {
            return "7z";
        }
        if (startsWith(b, 'R', 'a', 'r', '!', 0x1A, 0x07)) {
            return "rar";
        }
        if (startsWith(b, '%', 'P', 'D', 'F', '-')) {
            return "pdf";
        }
        if (startsWith(b, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            return "msi";
        }
        if (startsWith(b, 'M', 'S', 'W', 'I', 'M', 0, 0, 0)) {
            return "wim";
        }
        if (startsWith(b, 0x7F, 'E', 'L', 'F')) {
            return "elf";
        }
        if (startsWith(b, 'M', 'S', 'C', 'F', 0, 0, 0, 0)) {
            return "cab";
        }
        if (startsWith(b, 0x89, 'P', 'N', 'G')) {
            return "png";
        }
        if (startsWith(b, 0xFF, 0xD8, 0xFF)) {
            return "jpg";
        }
        if (startsWith(b, 'G', 'I', 'F', '8')) {
            return "gif";
        }
        if (startsWith(b, 0xCA, 0xFE, 0xBA, 0xBE)) {
            return "class";
        }
        if (startsWith(b, 0x4C, 0, 0, 0, 0x01, 0x14, 0x02, 0)) {
            return "lnk";
        }
        if (n >= 2 && (b[0] & 0xFF) == 0x78 && ((b[0] & 0xFF) * 256 + (b[1] & 0xFF)) % 31 == 0
                && (b[1] & 0x20) == 0) {
            return "zlib";
        }
        return null;
    }

    private static boolean startsWith(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** {@code dll} when the PE header says so, {@code sys} for native-subsystem images, else {@code exe}. */
    private static String peKind(byte[] b) {
        if (b.length < 0x40) {
            return "exe";
        }
        int pe = le32(b, 0x3C);
        if (pe < 0 || pe > b.length - 24 || b[pe] != 'P' || b[pe + 1] != 'E' || b[pe + 2] != 0 || b[pe + 3] != 0) {
            return "exe";
        }
        int characteristics = le16(b, pe + 22);
        if ((characteristics & 0x2000) != 0) {
            return "dll";
        }
        int subsystemAt = pe + 24 + 68;
        if (subsystemAt + 2 <= b.length && le16(b, subsystemAt) == 1) {
            return "sys";
        }
        return "exe";
    }

    /** A POSIX/GNU tar header: {@code ustar} at 257 and a correct header checksum. */
    static boolean isTar(byte[] b) {
        if (b.length < 512 || b[257] != 'u' || b[258] != 's' || b[259] != 't' || b[260] != 'a' || b[261] != 'r') {
            return false;
        }
        return tarChecksumOk(b, 0);
    }

    static boolean tarChecksumOk(byte[] b, int off) {
        long stored = octal(b, off + 148, 8);
        if (stored < 0) {
            return false;
        }
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += i >= 148 && i < 156 ? ' ' : b[off + i] & 0xFF;
        }
        return sum == stored;
    }

    /** A tar octal field (NUL/space padded); -1 when malformed or in base-256 form. */
    static long octal(byte[] b, int off, int len) {
        long v = 0;
        boolean any = false;
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xFF;
            if (c == 0 || c == ' ') {
                if (any) {
                    break;
                }
                continue;
            }
            if (c < '0' || c > '7') {
                return -1;
            }
            any = true;
            v = v * 8 + (c - '0');
            if (v > (1L << 40)) {
                return -1;
            }
        }
        return any ? v : 0;
    }

    private static int le16(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    private static int le32(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    /**
     * The bytes as text, or null for binary. UTF-16 (PowerShell's {@code -EncodedCommand}) is recognised by a
     * byte-order mark or by almost every odd byte being zero; UTF-8 must decode strictly. Either way at least 95%
     * of the characters must be printable (tab, CR and LF count), so random bytes are not taken for text.
     */
    static Text text(byte[] b) {
        if (b.length == 0) {
            return null;
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return printable(decode(b, 2, StandardCharsets.UTF_16LE), "utf-16");
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return printable(decode(b, 2, StandardCharsets.UTF_16BE), "utf-16");
        }
        if (b.length >= 4) {
            int pairs = b.length / 2;
            int zeros = 0;
            for (int i = 1; i < b.length; i += 2) {
                if (b[i] == 0) {
                    zeros++;
                }
            }
            if (zeros >= pairs * 0.9) {
                int len = b.length % 2 == 0 ? b.length : b.length - 1;
                return printable(decode(java.util.Arrays.copyOf(b, len), 0, StandardCharsets.UTF_16LE), "utf-16");
            }
        }
        return printable(decode(b, 0, StandardCharsets.UTF_8), "utf-8");
    }

    private static String decode(byte[] b, int off, java.nio.charset.Charset cs) {
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, off, b.length - off)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static Text printable(String s, String encoding) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        int bad = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            if (Character.isISOControl(c) || c == '\uFFFD' || Character.getType(c) == Character.UNASSIGNED
                    || Character.getType(c) == Character.PRIVATE_USE || Character.isSurrogate(c) && encoding.equals("utf-16")
                    && !validSurrogate(s, i)) {
                bad++;
            }
        }
        return bad <= s.length() * 0.05 ? new Text(s, encoding) : null;
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** Hex MD5, SHA-1 and SHA-256 of {@code b}. */
    static String[] hashes(byte[] b) {
        return new String[] {digest("MD5", b), digest("SHA-1", b), digest("SHA-256", b)};
    }

    private static String digest(String alg, byte[] b) {
        try {
            return hex(MessageDigest.getInstance(alg).digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(alg + " is a required JDK algorithm", e);
        }
    }

    private static String hex(byte[] d) {
        char[] out = new char[d.length * 2];
        for (int i = 0; i < d.length; i++) {
            out[2 * i] = HEX[(d[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[d[i] & 0xF];
        }
        return new String(out);
    }

    /** MSTICPy's printable form, {@code 4d 5a 90 00}, cut after 1,024 bytes with the full size noted. */
    static String printableBytes(byte[] b) {
        int n = Math.min(b.length, PRINTABLE_BYTES);
        StringBuilder sb = new StringBuilder(n * 3 + 32);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(HEX[(b[i] >> 4) & 0xF]).append(HEX[b[i] & 0xF]);
        }
        if (b.length > n) {
            sb.append(" … (").append(b.length).append(" bytes)");
        }
        return sb.toString();
    }
}
