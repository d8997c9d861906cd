package dev.hunt4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnsureTest {
  private static final String MARKER = ".hunt4j-sample-" + SampleDataSet.VERSION;
  private static final FileTime OLD = FileTime.from(Instant.parse("2001-01-01T00:00:00Z"));

  private static List<Path> allFiles(Path dir) {
    List<Path> l = new ArrayList<>();
    for (String f : SampleDataSet.FILES) {
      l.add(dir.resolve(f));
    }
    l.add(dir.resolve(MARKER));
    return l;
  }

  private static void backdate(Path dir) throws Exception {
    for (Path p : allFiles(dir)) {
      Files.setLastModifiedTime(p, OLD);
    }
  }

  @Test
  void generatesOnceThenLeavesACompleteSetAlone(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("nested").resolve("data");
    assertEquals(dir, SampleDataSet.ensure(dir));
    for (Path p : allFiles(dir)) {
      assertTrue(Files.isRegularFile(p), p.toString());
    }
    backdate(dir);
    SampleDataSet.ensure(dir);
    for (Path p : allFiles(dir)) {
      assertEquals(OLD, Files.getLastModifiedTime(p), p + " was rewritten");
    }
  }

  @Test
  void regeneratesWhenAFileIsMissing(@TempDir Path dir) throws Exception {
    SampleDataSet.ensure(dir);
    String hash = GenerationTest.sha256(dir.resolve("win_logon_events.csv"));
    Files.delete(dir.resolve("win_logon_events.csv"));
    SampleDataSet.ensure(dir);
    assertEquals(hash, GenerationTest.sha256(dir.resolve("win_logon_events.csv")));
  }

  @Test
  void regeneratesWhenAFileIsTruncated(@TempDir Path dir) throws Exception {
    SampleDataSet.ensure(dir);
    String hash = GenerationTest.sha256(dir.resolve("network_flows.jsonl.gz"));
    Files.write(dir.resolve("network_flows.jsonl.gz"), new byte[10]);
    SampleDataSet.ensure(dir);
    assertEquals(hash, GenerationTest.sha256(dir.resolve("network_flows.jsonl.gz")));
  }

  @Test
  void regeneratesWhenTheMarkerIsMissing(@TempDir Path dir) throws Exception {
    SampleDataSet.ensure(dir);
    backdate(dir);
    Files.delete(dir.resolve(MARKER));
    SampleDataSet.ensure(dir);
    assertTrue(Files.isRegularFile(dir.resolve(MARKER)));
    assertNotEquals(OLD, Files.getLastModifiedTime(dir.resolve("dns_events.csv")));
  }

  @Test
  void concurrentCallersGetOneCompleteSet(@TempDir Path dir) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<Path>> calls = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        calls.add(pool.submit(() -> SampleDataSet.ensure(dir)));
      }
      for (Future<Path> f : calls) {
        assertEquals(dir, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    for (String f : SampleDataSet.FILES) {
      assertEquals(GenerationTest.sha256(Fixture.file(f)), GenerationTest.sha256(dir.resolve(f)), f);
    }
  }
}
