package dev.hunt4j.samples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** One data set generated per test JVM (under target/) and parsed on demand, shared by tests. */
final class Fixture {
  private static Manifest manifest;
  private static Csv processes;
  private static Csv logons;
  private static Csv dns;
  private static Csv feed;
  private static List<Map<String, Object>> flows;
  private static List<Object> alerts;

  private Fixture() {}

  static synchronized Manifest manifest() {
    if (manifest == null) {
      try {
        manifest = SampleDataSet.generate(Path.of("target", "sample-data-fixture"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return manifest;
  }

  static Path file(String name) {
    return manifest().file(name);
  }

  static synchronized Csv processes() throws IOException {
    if (processes == null) {
      processes = Csv.read(file("win_process_events.csv"));
    }
    return processes;
  }

  static synchronized Csv logons() throws IOException {
    if (logons == null) {
      logons = Csv.read(file("win_logon_events.csv"));
    }
    return logons;
  }

  static synchronized Csv dns() throws IOException {
    if (dns == null) {
      dns = Csv.read(file("dns_events.csv"));
    }
    return dns;
  }

  static synchronized Csv feed() throws IOException {
    if (feed == null) {
      feed = Csv.read(file("ioc_feed.csv"));
    }
    return feed;
  }

  static synchronized List<Map<String, Object>> flows() throws IOException {
    if (flows == null) {
      flows = jsonLines(gunzipLines(file("network_flows.jsonl.gz")));
    }
    return flows;
  }

  @SuppressWarnings("unchecked")
  static synchronized List<Object> alerts() throws IOException {
    if (alerts == null) {
      alerts = (List<Object>) MiniJson.parse(Files.readString(file("security_alerts.json")));
    }
    return alerts;
  }

  static List<String> gunzipLines(Path gz) throws IOException {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
      List<String> lines = new ArrayList<>();
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        lines.add(l);
      }
      return lines;
    }
  }

  static List<Map<String, Object>> jsonLines(List<String> lines) {
    List<Map<String, Object>> out = new ArrayList<>(lines.size());
    for (String l : lines) {
      out.add(MiniJson.object(l));
    }
    return out;
  }

  /** Every log's full text (the flows decompressed), for substring searches. */
  static String allLogText() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String f : List.of("win_process_events.csv", "win_logon_events.csv", "linux_syslog.csv",
        "linux_auditd.jsonl", "dns_events.csv", "security_alerts.json")) {
      sb.append(Files.readString(file(f))).append('\n');
    }
    for (String l : gunzipLines(file("network_flows.jsonl.gz"))) {
      sb.append(l).append('\n');
    }
    return sb.toString();
  }
}
