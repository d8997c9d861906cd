package dev.hunt4j.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationTest {
  private static final String MARKER = ".hunt4j-sample-" + SampleDataSet.VERSION;

  @Test
  void twoRunsWriteIdenticalBytes(@TempDir Path a, @TempDir Path b) throws Exception {
    Manifest ma = SampleDataSet.generate(a);
    Manifest mb = SampleDataSet.generate(b);
    assertEquals(ma.rowsPerFile(), mb.rowsPerFile());
    List<String> names = new ArrayList<>(SampleDataSet.FILES);
    names.add(MARKER);
    for (String f : names) {
      assertEquals(sha256(a.resolve(f)), sha256(b.resolve(f)), f);
    }
  }

  @Test
  void inMemoryBuildIsRepeatableWithinOneJvm() {
    Map<String, byte[]> first = new LinkedHashMap<>();
    Map<String, byte[]> second = new LinkedHashMap<>();
    SampleDataSet.build(first, new TreeMap<>());
    SampleDataSet.build(second, new TreeMap<>());
    assertEquals(first.keySet(), second.keySet());
    for (String f : first.keySet()) {
      assertArrayEquals(first.get(f), second.get(f), f);
    }
  }

  @Test
  void manifestListsEveryDataFileSortedWithItsRecordCount() throws IOException {
    Manifest m = Fixture.manifest();
    List<String> expected = new ArrayList<>(SampleDataSet.FILES);
    expected.remove("README.md");
    expected.sort(null);
    assertEquals(expected, new ArrayList<>(m.rowsPerFile().keySet()));
    for (String f : List.of("win_process_events.csv", "win_logon_events.csv", "linux_syslog.csv",
        "dns_events.csv", "ioc_feed.csv")) {
      assertEquals(Csv.read(m.file(f)).rows.size(), m.rowsPerFile().get(f), f);
    }
    assertEquals(Files.readAllLines(m.file("linux_auditd.jsonl")).size(),
        m.rowsPerFile().get("linux_auditd.jsonl"));
    assertEquals(Fixture.flows().size(), m.rowsPerFile().get("network_flows.jsonl.gz"));
    assertEquals(Fixture.alerts().size(), m.rowsPerFile().get("security_alerts.json"));
  }

  @Test
  void sizeAndVolumeStayInBounds() throws IOException {
    Manifest m = Fixture.manifest();
    long total = 0;
    for (String f : SampleDataSet.FILES) {
      total += f.endsWith(".gz")
          ? String.join("\n", Fixture.gunzipLines(m.file(f))).length() : Files.size(m.file(f));
    }
    assertTrue(total < 15_000_000, "uncompressed total " + total);
    long processes = m.rowsPerFile().get("win_process_events.csv");
    assertTrue(processes >= 20_000 && processes <= 40_000, "process events " + processes);
  }

  @Test
  void generationIsFast(@TempDir Path dir) throws IOException {
    Fixture.manifest(); // warm up
    long t0 = System.nanoTime();
    SampleDataSet.generate(dir);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    // the budget is well under 2 s; allow slack for a loaded CI machine
    assertTrue(ms < 6_000, "generate took " + ms + " ms");
  }

  @Test
  void generateReplacesStaleFiles(@TempDir Path dir) throws IOException {
    SampleDataSet.generate(dir);
    String before = sha256(dir.resolve("dns_events.csv"));
    Files.writeString(dir.resolve("dns_events.csv"), "junk", StandardCharsets.UTF_8);
    SampleDataSet.generate(dir);
    assertEquals(before, sha256(dir.resolve("dns_events.csv")));
  }

  @Test
  void readmeDescribesEveryFile() throws IOException {
    String readme = Files.readString(Fixture.file("README.md"));
    for (String f : SampleDataSet.FILES) {
      if (!f.equals("README.md")) {
        assertTrue(readme.contains("### " + f), f);
      }
    }
  }

  static String sha256(Path p) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(Files.readAllBytes(p)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
