package dev.hunt4j.samples;

import static dev.hunt4j.samples.SampleDataSet.ATTACKER_IP;
import static dev.hunt4j.samples.SampleDataSet.C2_IP;
import static dev.hunt4j.samples.SampleDataSet.COMPROMISED_USER;
import static dev.hunt4j.samples.SampleDataSet.LATERAL_TARGET_HOST;
import static dev.hunt4j.samples.SampleDataSet.MALICIOUS_DOMAIN;
import static dev.hunt4j.samples.SampleDataSet.PATIENT_ZERO_HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The planted intrusion is complete and consistent across the files. */
class StoryTest {
  private static final String WKS_IP = "10.20.10.107";

  private static Instant time(Map<String, ?> row) {
    return Instant.parse((String) row.get("TimeGenerated"));
  }

  private static Map<String, String> rdpLogon() throws Exception {
    List<Map<String, String>> ok = Fixture.logons().rows.stream()
        .filter(r -> r.get("EventID").equals("4624") && r.get("IpAddress").equals(ATTACKER_IP))
        .collect(Collectors.toList());
    assertEquals(1, ok.size(), "exactly one successful logon from the attacker");
    return ok.get(0);
  }

  private static Map<String, String> encodedPowerShell() throws Exception {
    List<Map<String, String>> ps = Fixture.processes().rows.stream()
        .filter(r -> r.get("NewProcessName").endsWith("\\powershell.exe")
            && r.get("CommandLine").contains(" -enc "))
        .collect(Collectors.toList());
    assertEquals(1, ps.size());
    return ps.get(0);
  }

  @Test
  void encodedCommandIsUtf16Base64OfADownloadFromTheMaliciousDomain() throws Exception {
    Map<String, String> ps = encodedPowerShell();
    assertEquals(PATIENT_ZERO_HOST, ps.get("Computer"));
    String cmd = ps.get("CommandLine");
    String b64 = cmd.substring(cmd.indexOf(" -enc ") + 6).trim();
    String script = new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_16LE);
    assertTrue(script.contains("DownloadString('http://" + MALICIOUS_DOMAIN + "/"), script);
    assertEquals(SampleDataSet.PAYLOAD_URL, script.substring(script.indexOf("('") + 2,
        script.indexOf("')")));
  }

  @Test
  void passwordSprayPrecedesTheCompromisedUsersLogon() throws Exception {
    List<Map<String, String>> failed = Fixture.logons().rows.stream()
        .filter(r -> r.get("EventID").equals("4625") && r.get("IpAddress").equals(ATTACKER_IP))
        .collect(Collectors.toList());
    assertTrue(failed.size() >= 20, "failed logons " + failed.size());
    Instant first = time(failed.get(0));
    Instant last = time(failed.get(failed.size() - 1));
    assertTrue(Duration.between(first, last).compareTo(Duration.ofMinutes(15)) <= 0);
    Set<String> accounts = failed.stream().map(r -> r.get("TargetUserName"))
        .collect(Collectors.toSet());
    assertTrue(accounts.size() >= 25, "accounts sprayed " + accounts.size());
    for (Map<String, String> f : failed) {
      assertEquals("WIN-DC01", f.get("Computer"));
      assertEquals("3", f.get("LogonType"));
      assertTrue(Set.of("0xc000006a", "0xc0000064").contains(f.get("SubStatus")));
    }
    Map<String, String> ok = rdpLogon();
    assertEquals(COMPROMISED_USER, ok.get("TargetUserName"));
    assertEquals(PATIENT_ZERO_HOST, ok.get("Computer"));
    assertTrue(Set.of("3", "10").contains(ok.get("LogonType")));
    assertTrue(time(ok).isAfter(last));
    assertTrue(Duration.between(last, time(ok)).toMinutes() < 30);
  }

  @Test
  void intruderProcessesRunInTheRdpLogonSession() throws Exception {
    Map<String, String> logon = rdpLogon();
    Map<String, String> ps = encodedPowerShell();
    assertEquals(COMPROMISED_USER, ps.get("SubjectUserName"));
    assertEquals(logon.get("TargetLogonId"), ps.get("SubjectLogonId"));
    List<String> images = Fixture.processes().rows.stream()
        .filter(r -> r.get("Computer").equals(PATIENT_ZERO_HOST)
            && r.get("SubjectLogonId").equals(logon.get("TargetLogonId")))
        .map(r -> r.get("CommandLine")).collect(Collectors.toList());
    for (String expected : List.of("whoami  /all", "net  group \"domain admins\" /domain",
        "nltest  /dclist:contoso.local")) {
      assertTrue(images.contains(expected), expected);
    }
    assertTrue(images.stream().anyMatch(c -> c.contains(SampleDataSet.PAYLOAD_PATH)));
  }

  @Test
  void domainResolvesToC2BeforeTheHostTalksToIt() throws Exception {
    List<Map<String, String>> queries = Fixture.dns().rows.stream()
        .filter(r -> r.get("Name").equals(MALICIOUS_DOMAIN)).collect(Collectors.toList());
    assertFalse(queries.isEmpty());
    for (Map<String, String> q : queries) {
      assertEquals(C2_IP, q.get("IPAddresses"));
    }
    Instant firstQuery = time(queries.get(0));
    assertEquals(WKS_IP, queries.get(0).get("ClientIP"));
    List<Map<String, Object>> c2 = Fixture.flows().stream()
        .filter(f -> C2_IP.equals(f.get("DestIP"))).collect(Collectors.toList());
    assertFalse(c2.isEmpty());
    assertTrue(time(c2.get(0)).isAfter(firstQuery));
    assertEquals(PATIENT_ZERO_HOST, c2.get(0).get("Computer"));
    assertEquals("powershell.exe", c2.get(0).get("ProcessName"));
    Set<Object> ports = new HashSet<>();
    Set<Object> processes = new HashSet<>();
    for (Map<String, Object> f : c2) {
      ports.add(f.get("DestPort"));
      processes.add(f.get("ProcessName"));
    }
    assertEquals(Set.of(80L, 443L), ports);
    assertTrue(processes.containsAll(List.of("powershell.exe", "svc-upd.exe", "rundll32.exe")));
    assertTrue(time(c2.get(0)).isAfter(time(encodedPowerShell())));
  }

  @Test
  void lateralMovementFollowsTheFirstHop() throws Exception {
    Instant firstHop = time(rdpLogon());
    List<Map<String, String>> lateral = Fixture.logons().rows.stream()
        .filter(r -> r.get("Computer").equals(LATERAL_TARGET_HOST)
            && r.get("EventID").equals("4624") && r.get("LogonType").equals("3")
            && r.get("TargetUserName").equals(COMPROMISED_USER) && r.get("IpAddress").equals(WKS_IP)
            && time(r).isAfter(firstHop))
        .collect(Collectors.toList());
    assertFalse(lateral.isEmpty());
    Set<String> logonIds = lateral.stream().map(r -> r.get("TargetLogonId"))
        .collect(Collectors.toSet());
    List<Map<String, String>> remote = Fixture.processes().rows.stream()
        .filter(r -> r.get("Computer").equals(LATERAL_TARGET_HOST)
            && r.get("ParentProcessName").endsWith("\\WmiPrvSE.exe")
            && r.get("SubjectUserName").equals(COMPROMISED_USER))
        .collect(Collectors.toList());
    assertEquals(1, remote.size());
    Map<String, String> cmd = remote.get(0);
    assertTrue(logonIds.contains(cmd.get("SubjectLogonId")));
    assertTrue(cmd.get("CommandLine").contains("rundll32.exe"));
    Instant wmic = Fixture.processes().rows.stream()
        .filter(r -> r.get("Computer").equals(PATIENT_ZERO_HOST)
            && r.get("CommandLine").startsWith("wmic  /node:" + LATERAL_TARGET_HOST))
        .map(StoryTest::time).findFirst().orElseThrow();
    assertTrue(time(cmd).isAfter(wmic));
    assertTrue(time(cmd).isAfter(firstHop));
  }

  @Test
  void alertsCoverTheStoryAndPointAtRealProcesses() throws Exception {
    List<Map<String, Object>> story = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Object o : Fixture.alerts()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> a = (Map<String, Object>) o;
      String id = (String) a.get("SystemAlertId");
      assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), id);
      assertTrue(ids.add(id));
      assertTrue(Set.of("High", "Medium", "Low", "Informational").contains(a.get("AlertSeverity")));
      MiniJson.parse((String) a.get("Entities")); // a JSON array kept as a string
      String entity = (String) a.get("CompromisedEntity");
      if (entity.equals(PATIENT_ZERO_HOST) || entity.equals(LATERAL_TARGET_HOST)
          || ((String) a.get("Entities")).contains(ATTACKER_IP)) {
        story.add(a);
      }
    }
    assertTrue(story.size() >= 4, "story alerts " + story.size());
    assertTrue(Fixture.alerts().size() > story.size(), "benign alerts too");
    Map<String, Object> ps = story.stream()
        .filter(a -> ((String) a.get("AlertName")).contains("PowerShell")
            && a.get("CompromisedEntity").equals(PATIENT_ZERO_HOST)).findFirst().orElseThrow();
    Map<String, String> proc = encodedPowerShell();
    assertTrue(((String) ps.get("Entities")).contains("\"ProcessId\":\""
        + proc.get("NewProcessId") + "\""));
    assertNotNull(story.stream().filter(a -> ((String) a.get("AlertName")).contains("WMI")
        && a.get("CompromisedEntity").equals(LATERAL_TARGET_HOST)).findFirst().orElse(null));
    assertTrue(story.stream().anyMatch(a -> ((String) a.get("Entities"))
        .contains(SampleDataSet.PAYLOAD_SHA256)));
  }

  @Test
  void feedHoldsTheStoryIndicators() throws Exception {
    Set<String> iocs = Fixture.feed().rows.stream().map(r -> r.get("Ioc"))
        .collect(Collectors.toSet());
    for (String ioc : List.of(MALICIOUS_DOMAIN, C2_IP, SampleDataSet.PAYLOAD_URL,
        SampleDataSet.PAYLOAD_SHA256)) {
      assertTrue(iocs.contains(ioc), ioc);
    }
    assertTrue(MALICIOUS_DOMAIN.matches("[a-z0-9-]+\\.(com|net|org|io)"),
        "under a real public suffix");
    assertTrue(ATTACKER_IP.startsWith("203.0.113.") && C2_IP.startsWith("198.51.100."));
  }
}
