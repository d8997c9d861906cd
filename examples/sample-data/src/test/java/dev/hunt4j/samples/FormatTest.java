package dev.hunt4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** File formats: headers, quoting, timestamps, ordering, JSON validity. */
class FormatTest {
  private static final Pattern ISO =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
  private static final String FIRST = "2026-03-02T00:00:00.000Z";
  private static final String END = "2026-03-05T00:00:00.000Z";

  private static void assertTimesSortedInWindow(String file, List<String> times) {
    String previous = FIRST;
    for (String t : times) {
      assertTrue(ISO.matcher(t).matches(), file + ": " + t);
      assertTrue(t.compareTo(previous) >= 0, file + " not sorted at " + t);
      assertTrue(t.compareTo(END) < 0, file + ": after the window " + t);
      previous = t;
    }
    assertTrue(!times.isEmpty(), file);
  }

  @Test
  void csvFilesHaveTheSentinelColumnsAndAreSorted() throws Exception {
    Map<String, List<String>> headers = Map.of(
        "win_process_events.csv", List.of("TimeGenerated", "Computer", "EventID", "Account",
            "SubjectUserSid", "SubjectUserName", "SubjectDomainName", "SubjectLogonId",
            "NewProcessId", "NewProcessName", "ProcessId", "ParentProcessName", "CommandLine",
            "TokenElevationType"),
        "win_logon_events.csv", List.of("TimeGenerated", "Computer", "EventID", "Account",
            "TargetUserName", "TargetDomainName", "TargetUserSid", "TargetLogonId", "LogonType",
            "LogonProcessName", "AuthenticationPackageName", "IpAddress", "WorkstationName",
            "Status", "SubStatus"),
        "linux_syslog.csv", List.of("TimeGenerated", "Computer", "Facility", "SeverityLevel",
            "ProcessName", "ProcessID", "HostIP", "SyslogMessage"),
        "dns_events.csv", List.of("TimeGenerated", "Computer", "ClientIP", "Name", "QueryType",
            "IPAddresses", "ResultCode"));
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      Csv csv = Csv.read(Fixture.file(e.getKey()));
      assertEquals(e.getValue(), csv.header, e.getKey());
      assertTimesSortedInWindow(e.getKey(),
          csv.rows.stream().map(r -> r.get("TimeGenerated")).toList());
    }
  }

  @Test
  void windowsValuesLookLikeTheEventLog() throws Exception {
    for (Map<String, String> r : Fixture.processes().rows) {
      assertEquals("4688", r.get("EventID"));
      assertTrue(r.get("NewProcessId").matches("0x[0-9a-f]+"), r.toString());
      assertTrue(r.get("ProcessId").matches("0x[0-9a-f]+"), r.toString());
      assertTrue(r.get("SubjectLogonId").matches("0x[0-9a-f]+"), r.toString());
      assertTrue(List.of("%%1936", "%%1937", "%%1938").contains(r.get("TokenElevationType")));
      assertTrue(r.get("NewProcessName").equals("System")
          || r.get("NewProcessName").matches("[A-Z]:\\\\.+"), r.toString());
    }
    for (Map<String, String> r : Fixture.logons().rows) {
      assertTrue(List.of("4624", "4625").contains(r.get("EventID")));
      if (r.get("EventID").equals("4625")) {
        assertEquals("0xc000006d", r.get("Status"));
      } else {
        assertTrue(r.get("TargetLogonId").matches("0x[0-9a-f]+"));
      }
    }
    // quoting round-trips: command lines with commas and quotes survive
    assertTrue(Fixture.processes().rows.stream()
        .anyMatch(r -> r.get("CommandLine").contains("\"") && r.get("CommandLine").contains(",")));
  }

  @Test
  void jsonLinesParseAndAreSorted() throws Exception {
    List<Map<String, Object>> audit = Fixture.jsonLines(
        Files.readAllLines(Fixture.file("linux_auditd.jsonl")));
    assertTimesSortedInWindow("linux_auditd.jsonl",
        audit.stream().map(m -> (String) m.get("TimeGenerated")).toList());
    for (Map<String, Object> m : audit) {
      assertEquals(List.of("TimeGenerated", "Computer", "EventType", "pid", "ppid", "uid", "auid",
          "user", "exe", "cmdline", "cwd", "tty"), List.copyOf(m.keySet()));
      assertEquals("SYSCALL_EXECVE", m.get("EventType"));
      assertTrue(m.get("pid") instanceof Long && m.get("ppid") instanceof Long);
    }
    List<Map<String, Object>> flows = Fixture.flows();
    assertTimesSortedInWindow("network_flows.jsonl.gz",
        flows.stream().map(m -> (String) m.get("TimeGenerated")).toList());
    for (Map<String, Object> m : flows) {
      assertEquals(List.of("TimeGenerated", "Computer", "SrcIP", "SrcPort", "DestIP", "DestPort",
          "L4Protocol", "FlowDirection", "BytesSent", "BytesReceived", "ProcessName"),
          List.copyOf(m.keySet()));
      assertTrue(List.of("O", "I").contains(m.get("FlowDirection")));
      assertTrue(List.of("T", "U").contains(m.get("L4Protocol")));
    }
  }

  @Test
  void alertsAreAJsonArrayInTimeOrder() throws Exception {
    String previous = FIRST;
    for (Object o : Fixture.alerts()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> a = (Map<String, Object>) o;
      assertEquals(List.of("TimeGenerated", "AlertName", "AlertSeverity", "Description",
          "CompromisedEntity", "ProviderName", "AlertType", "SystemAlertId", "Entities",
          "Tactics"), List.copyOf(a.keySet()));
      String t = (String) a.get("TimeGenerated");
      assertTrue(t.compareTo(previous) >= 0);
      previous = t;
    }
  }

  @Test
  void internalHostsKeepTheirAddresses() throws Exception {
    Map<String, String> ips = Map.of("WKS-07", "10.20.10.107", "SRV-FILE01", "10.20.1.20",
        "LNX-WEB01", "10.20.2.10");
    for (Map<String, Object> f : Fixture.flows()) {
      String ip = ips.get((String) f.get("Computer"));
      if (ip != null) {
        String local = f.get("FlowDirection").equals("O") ? (String) f.get("SrcIP")
            : (String) f.get("DestIP");
        assertEquals(ip, local, f.toString());
      }
    }
    assertTrue(Instant.parse(FIRST).equals(SampleDataSet.START));
  }
}
