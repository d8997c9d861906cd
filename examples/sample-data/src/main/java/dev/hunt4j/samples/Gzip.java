package dev.hunt4j.samples;

import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * A small gzip writer: LZ77 with hash chains and the fixed Huffman code of RFC 1951, in one block.
 * Own code instead of {@code GZIPOutputStream} because the JDK's deflater is the platform's zlib,
 * whose output bytes differ between zlib builds (zlib, zlib-ng, patched forks); this keeps the
 * compressed file byte-identical on every machine. It compresses JSON lines about 6 to 1.
 */
final class Gzip {
  private static final int WSIZE = 1 << 15;
  private static final int WMASK = WSIZE - 1;
  private static final int HBITS = 15;
  private static final int MAX_CHAIN = 32;
  private static final int NICE = 128;

  private static final int[] LEN_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
      35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
  private static final int[] LEN_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
      4, 4, 4, 4, 5, 5, 5, 5, 0};
  private static final int[] DIST_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
      257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
  private static final int[] DIST_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8,
      8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

  /** Bit-reversed fixed Huffman codes (deflate sends Huffman codes most significant bit first). */
  private static final int[] LIT_CODE = new int[288];
  private static final int[] LIT_BITS = new int[288];
  private static final int[] DIST_CODE = new int[30];
  /** Length 3..258 to its length symbol index 0..28. */
  private static final int[] LEN_INDEX = new int[259];

  static {
    for (int s = 0; s < 288; s++) {
      int code;
      int bits;
      if (s < 144) {
        code = 0x30 + s;
        bits = 8;
      } else if (s < 256) {
        code = 0x190 + s - 144;
        bits = 9;
      } else if (s < 280) {
        code = s - 256;
        bits = 7;
      } else {
        code = 0xc0 + s - 280;
        bits = 8;
      }
      LIT_CODE[s] = reverse(code, bits);
      LIT_BITS[s] = bits;
    }
    for (int d = 0; d < 30; d++) {
      DIST_CODE[d] = reverse(d, 5);
    }
    for (int i = 0; i < LEN_BASE.length; i++) {
      int top = Math.min(258, LEN_BASE[i] + (1 << LEN_EXTRA[i]) - 1);
      for (int len = LEN_BASE[i]; len <= top; len++) {
        LEN_INDEX[len] = i; // later codes win, so 258 maps to symbol 285 as RFC 1951 requires
      }
    }
  }

  private Gzip() {}

  private static int reverse(int code, int bits) {
    int r = 0;
    for (int i = 0; i < bits; i++) {
      r = (r << 1) | ((code >>> i) & 1);
    }
    return r;
  }

  /** The gzip member (RFC 1952) for {@code in}, with MTIME 0 and OS "unknown". */
  static byte[] compress(byte[] in) {
    Bits out = new Bits(in.length / 5 + 64);
    int[] header = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255};
    for (int b : header) {
      out.bits(b, 8);
    }
    out.bits(1, 1); // BFINAL
    out.bits(1, 2); // BTYPE 01: fixed Huffman
    deflate(in, out);
    out.bits(LIT_CODE[256], LIT_BITS[256]);
    out.alignToByte();
    CRC32 crc = new CRC32();
    crc.update(in);
    out.le32((int) crc.getValue());
    out.le32(in.length);
    return out.toByteArray();
  }

  private static int hash(byte[] in, int i) {
    int h = ((in[i] & 0xff) << 10) ^ ((in[i + 1] & 0xff) << 5) ^ (in[i + 2] & 0xff);
    return (h ^ (h >>> HBITS)) & ((1 << HBITS) - 1);
  }

  private static void deflate(byte[] in, Bits out) {
    int n = in.length;
    int[] head = new int[1 << HBITS];
    Arrays.fill(head, -1);
    int[] prev = new int[WSIZE];
    int i = 0;
    while (i < n) {
      int bestLen = 0;
      int bestDist = 0;
      if (i + 3 <= n) {
        int h = hash(in, i);
        int maxLen = Math.min(258, n - i);
        int limit = i - WSIZE;
        int cand = head[h];
        int chain = MAX_CHAIN;
        while (cand > limit && cand >= 0 && chain-- > 0 && bestLen < maxLen) {
          if (in[cand + bestLen] == in[i + bestLen]) {
            int len = 0;
            while (len < maxLen && in[cand + len] == in[i + len]) {
              len++;
            }
            if (len > bestLen) {
              bestLen = len;
              bestDist = i - cand;
              if (len >= NICE) {
                break;
              }
            }
          }
          cand = prev[cand & WMASK];
        }
        prev[i & WMASK] = head[h];
        head[h] = i;
      }
      if (bestLen >= 3) {
        match(out, bestLen, bestDist);
        int end = i + bestLen;
        for (int j = i + 1; j < end && j + 3 <= n; j++) {
          int h = hash(in, j);
          prev[j & WMASK] = head[h];
          head[h] = j;
        }
        i = end;
      } else {
        int b = in[i] & 0xff;
        out.bits(LIT_CODE[b], LIT_BITS[b]);
        i++;
      }
    }
  }

  private static void match(Bits out, int len, int dist) {
    int li = LEN_INDEX[len];
    int sym = 257 + li;
    out.bits(LIT_CODE[sym], LIT_BITS[sym]);
    if (LEN_EXTRA[li] > 0) {
      out.bits(len - LEN_BASE[li], LEN_EXTRA[li]);
    }
    int di = 29;
    while (DIST_BASE[di] > dist) {
      di--;
    }
    out.bits(DIST_CODE[di], 5);
    if (DIST_EXTRA[di] > 0) {
      out.bits(dist - DIST_BASE[di], DIST_EXTRA[di]);
    }
  }

  /** Little-endian bit sink as deflate wants it. */
  private static final class Bits {
    private byte[] buf;
    private int len;
    private long acc;
    private int count;

    Bits(int capacity) {
      buf = new byte[Math.max(64, capacity)];
    }

    void bits(int value, int n) {
      acc |= ((long) value & ((1L << n) - 1)) << count;
      count += n;
      while (count >= 8) {
        put((byte) acc);
        acc >>>= 8;
        count -= 8;
      }
    }

    void alignToByte() {
      if (count > 0) {
        put((byte) acc);
        acc = 0;
        count = 0;
      }
    }

    void le32(int v) {
      bits(v & 0xffff, 16);
      bits(v >>> 16, 16);
    }

    private void put(byte b) {
      if (len == buf.length) {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
      buf[len++] = b;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buf, len);
    }
  }
}
