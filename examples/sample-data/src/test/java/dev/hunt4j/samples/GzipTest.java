package dev.hunt4j.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The own deflate encoder produces valid gzip that the JDK's inflater reads back. */
class GzipTest {
  private static byte[] roundTrip(byte[] data) throws IOException {
    byte[] gz = Gzip.compress(data);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  @Test
  void roundTripsAssortedInputs() throws IOException {
    Rng r = new Rng(42);
    byte[] random = new byte[200_000];
    for (int i = 0; i < random.length; i++) {
      random[i] = (byte) r.nextInt(256);
    }
    byte[] runs = new byte[100_000];
    Arrays.fill(runs, (byte) 'a');
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      text.append("{\"TimeGenerated\":\"2026-03-02T00:00:").append(i % 60).append("\",\"n\":")
          .append(r.nextInt(1000)).append("}\n");
    }
    for (byte[] data : new byte[][] {new byte[0], {7}, "ab".getBytes(StandardCharsets.UTF_8),
        "abcabcabcabcabcabc".getBytes(StandardCharsets.UTF_8), random, runs,
        text.toString().getBytes(StandardCharsets.UTF_8)}) {
      assertArrayEquals(data, roundTrip(data), "length " + data.length);
    }
  }

  @Test
  void compressesJsonLinesWell() {
    StringBuilder text = new StringBuilder();
    Rng r = new Rng(7);
    for (int i = 0; i < 5_000; i++) {
      text.append("{\"TimeGenerated\":\"2026-03-02T08:").append(10 + i % 50)
          .append(":00.000Z\",\"Computer\":\"WKS-0").append(1 + r.nextInt(8))
          .append("\",\"DestPort\":443,\"ProcessName\":\"chrome.exe\"}\n");
    }
    byte[] raw = text.toString().getBytes(StandardCharsets.UTF_8);
    assertTrue(Gzip.compress(raw).length * 4 < raw.length);
  }
}
