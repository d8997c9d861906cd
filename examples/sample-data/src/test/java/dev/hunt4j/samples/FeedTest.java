package dev.hunt4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The local IoC feed: story indicators present, decoys absent from every log. */
class FeedTest {
  private static final Set<String> STORY = Set.of(SampleDataSet.MALICIOUS_DOMAIN,
      SampleDataSet.C2_IP, SampleDataSet.PAYLOAD_URL, SampleDataSet.PAYLOAD_SHA256,
      SampleDataSet.PAYLOAD_MD5, SampleDataSet.DLL_SHA256, SampleDataSet.ATTACKER_IP);

  /** Whole-token occurrence, so 198.51.100.2 does not match inside 198.51.100.23. */
  private static boolean occurs(String text, String ioc) {
    for (int i = text.indexOf(ioc); i >= 0; i = text.indexOf(ioc, i + 1)) {
      int end = i + ioc.length();
      boolean before = i > 0 && token(text.charAt(i - 1));
      boolean after = end < text.length() && (token(text.charAt(end)) && text.charAt(end) != '.'
          || text.charAt(end) == '.' && end + 1 < text.length() && token(text.charAt(end + 1)));
      if (!before && !after) {
        return true;
      }
    }
    return false;
  }

  private static boolean token(char c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '-';
  }

  @Test
  void decoysAppearInNoLogAndStoryIndicatorsDo() throws Exception {
    String logs = Fixture.allLogText();
    int decoys = 0;
    for (Map<String, String> r : Fixture.feed().rows) {
      String ioc = r.get("Ioc");
      if (STORY.contains(ioc)) {
        assertTrue(occurs(logs, ioc), "story indicator missing from the logs: " + ioc);
      } else if (r.get("Severity").equals("information")
          && r.get("Description").toLowerCase(java.util.Locale.ROOT).contains("legitimate")) {
        assertTrue(occurs(logs, ioc), "benign informational indicator in use: " + ioc);
      } else {
        assertFalse(occurs(logs, ioc), "decoy found in logs: " + ioc);
        decoys++;
      }
    }
    assertTrue(decoys >= 45, "decoys " + decoys);
  }

  @Test
  void feedColumnsAndValues() throws Exception {
    Csv feed = Fixture.feed();
    assertEquals(List.of("Ioc", "IocType", "Severity", "Source", "Description", "FirstSeen"),
        feed.header);
    for (Map<String, String> r : feed.rows) {
      assertTrue(Set.of("ipv4", "dns", "url", "sha256", "md5").contains(r.get("IocType")));
      assertTrue(Set.of("high", "warning", "information").contains(r.get("Severity")));
      assertTrue(r.get("FirstSeen").compareTo("2026-03-02T00:00:00.000Z") < 0);
      String ioc = r.get("Ioc");
      switch (r.get("IocType")) {
        case "sha256" -> assertTrue(ioc.matches("[0-9a-f]{64}"), ioc);
        case "md5" -> assertTrue(ioc.matches("[0-9a-f]{32}"), ioc);
        case "ipv4" -> assertTrue(ioc.matches("\\d+\\.\\d+\\.\\d+\\.\\d+"), ioc);
        case "url" -> assertTrue(ioc.startsWith("http://") || ioc.startsWith("https://"), ioc);
        default -> assertTrue(ioc.matches("[a-z0-9.-]+\\.[a-z]{2,}"), ioc);
      }
    }
  }
}
