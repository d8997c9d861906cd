package dev.hunt4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins the output of this {@link SampleDataSet#VERSION}. When the generator changes on purpose,
 * bump VERSION (so folders prepared by {@code ensure} are regenerated) and put the new hashes
 * here. Passing on another OS or JDK is the cross-machine determinism check.
 */
class GoldenOutputTest {
  private static final String VERSION = "2";
  private static final String[] SHA256 = {
      "README.md", "4ed4c241a007511f9380c799f250e32905b7bb7a9f1bdf18012293fa8495da98",
      "dns_events.csv", "f53f5a21ac3ffd4227be84261d33c1e8a4b791311c7f7e01b516c225a48dd3fc",
      "ioc_feed.csv", "163a120195b697c60699729ce29a383db36107ee43b253838ecd5c2b5fdffd3c",
      "linux_auditd.jsonl", "fd16b12d2e1d745486ff2451e99231085bad5b1c1943180525fb222ad87a9071",
      "linux_syslog.csv", "4571a77078b20b931247876fb3a3279af40f47fa89989e402e377e0047027837",
      "network_flows.jsonl.gz", "c4c753b18f78f65ed2f57d34bea2c0178de7fb6b5d674b07d0cd14cf921c0d2c",
      "security_alerts.json", "119c6433c0178f5803498f0ef6100fc86b8dbe4cc51a0ae66d8959bd2d3da2fe",
      "win_logon_events.csv", "e8a6aa6386185aff25149beee26185e81dbc632b93c2aef79401b2a010fe5005",
      "win_process_events.csv", "a5eea6127975c419064e24872b9bacb336eabca2e33a12acb7328091491f8103",
  };

  @Test
  void outputOfThisVersionIsUnchanged() throws Exception {
    assertEquals(VERSION, SampleDataSet.VERSION,
        "VERSION changed: update the hashes in GoldenOutputTest to the new output");
    Map<String, String> expected = new LinkedHashMap<>();
    Map<String, String> actual = new LinkedHashMap<>();
    for (int i = 0; i < SHA256.length; i += 2) {
      expected.put(SHA256[i], SHA256[i + 1]);
      actual.put(SHA256[i], GenerationTest.sha256(Fixture.file(SHA256[i])));
    }
    assertEquals(expected, actual, "the generated data changed: if intended, bump "
        + "SampleDataSet.VERSION and update these hashes");
  }
}
