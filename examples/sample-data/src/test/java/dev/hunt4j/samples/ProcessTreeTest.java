package dev.hunt4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Process trees can be rebuilt from the 4688 events by linking on (host, pid, time). */
class ProcessTreeTest {
  /** Orphans and links found by the standard algorithm: latest earlier process with that pid. */
  private record Linking(List<Map<String, String>> orphans, int linked, int reusedPids,
      int childrenOfReusedPids) {}

  private static Linking link() throws Exception {
    Map<String, Map<String, Map<String, String>>> latest = new LinkedHashMap<>();
    Map<String, Integer> uses = new HashMap<>();
    List<Map<String, String>> orphans = new ArrayList<>();
    int linked = 0;
    int childrenOfReused = 0;
    for (Map<String, String> r : Fixture.processes().rows) {
      Map<String, Map<String, String>> host = latest.computeIfAbsent(r.get("Computer"),
          k -> new HashMap<>());
      String ppid = r.get("ProcessId");
      if (ppid.equals("0x0")) {
        assertEquals("System", r.get("NewProcessName"));
        assertEquals("0x4", r.get("NewProcessId"));
      } else {
        Map<String, String> parent = host.get(ppid);
        if (parent == null) {
          orphans.add(r);
        } else {
          assertEquals(parent.get("NewProcessName"), r.get("ParentProcessName"),
              "parent image of " + r);
          assertTrue(parent.get("TimeGenerated").compareTo(r.get("TimeGenerated")) < 0);
          linked++;
          if (uses.getOrDefault(r.get("Computer") + ppid, 0) > 1) {
            childrenOfReused++;
          }
        }
      }
      host.put(r.get("NewProcessId"), r);
      uses.merge(r.get("Computer") + r.get("NewProcessId"), 1, Integer::sum);
    }
    int reused = (int) uses.values().stream().filter(n -> n > 1).count();
    return new Linking(orphans, linked, reused, childrenOfReused);
  }

  @Test
  void everyParentStartedEarlierOnTheSameHostExceptAFewOrphans() throws Exception {
    Linking l = link();
    assertTrue(l.orphans().size() >= 1 && l.orphans().size() <= 10,
        "orphans " + l.orphans().size());
    Map<String, String> firstBoot = new HashMap<>();
    for (Map<String, String> r : Fixture.processes().rows) {
      if (r.get("NewProcessName").equals("System")) {
        firstBoot.putIfAbsent(r.get("Computer"), r.get("TimeGenerated"));
      }
    }
    for (Map<String, String> o : l.orphans()) {
      // only servers that were up before the window have them, and only before their reboot
      assertTrue(Set.of("WIN-DC01", "SRV-FILE01").contains(o.get("Computer")), o.toString());
      assertTrue(o.get("TimeGenerated").compareTo(firstBoot.get(o.get("Computer"))) < 0);
    }
    assertTrue(l.linked() > 20_000 - 100);
  }

  @Test
  void pidsAreReusedSoLinkingNeedsTime() throws Exception {
    Linking l = link();
    assertTrue(l.reusedPids() > 100, "reused pids " + l.reusedPids());
    assertTrue(l.childrenOfReusedPids() > 100, "children of reused pids "
        + l.childrenOfReusedPids());
  }

  @Test
  void everyHostIsPresentAndOfficeHoursAreBusier() throws Exception {
    Map<String, Integer> perHost = new HashMap<>();
    int office = 0;
    int night = 0;
    for (Map<String, String> r : Fixture.processes().rows) {
      perHost.merge(r.get("Computer"), 1, Integer::sum);
      int hour = Instant.parse(r.get("TimeGenerated")).atOffset(java.time.ZoneOffset.UTC)
          .getHour();
      if (hour >= 9 && hour < 17) {
        office++;
      } else if (hour < 6) {
        night++;
      }
    }
    assertEquals(Set.of("WIN-DC01", "SRV-FILE01", "WKS-01", "WKS-02", "WKS-03", "WKS-04",
        "WKS-05", "WKS-06", "WKS-07", "WKS-08"), perHost.keySet());
    assertTrue(office / 8.0 > 3 * (night / 6.0), "office " + office + " night " + night);
  }

  @Test
  void accountsMatchTheirLogonSessions() throws Exception {
    Map<String, String> sessions = new HashMap<>();
    for (Map<String, String> r : Fixture.logons().rows) {
      if (r.get("EventID").equals("4624")) {
        sessions.put(r.get("Computer") + "|" + r.get("TargetLogonId"), r.get("TargetUserName"));
      }
    }
    int checked = 0;
    for (Map<String, String> r : Fixture.processes().rows) {
      String user = r.get("SubjectUserName");
      assertEquals(r.get("SubjectDomainName") + "\\" + user, r.get("Account"));
      if (Set.of("0x3e7", "0x3e4", "0x3e5").contains(r.get("SubjectLogonId"))
          || r.get("TimeGenerated").compareTo("2026-03-02T01:00:00.000Z") < 0) {
        continue;
      }
      assertEquals(user, sessions.get(r.get("Computer") + "|" + r.get("SubjectLogonId")),
          "no logon for " + r);
      checked++;
    }
    assertTrue(checked > 5_000, "checked " + checked);
  }
}
