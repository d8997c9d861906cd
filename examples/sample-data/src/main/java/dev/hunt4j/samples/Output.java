package dev.hunt4j.samples;

import java.util.ArrayList;
import java.util.List;

/** Everything the generators produce, in memory until {@link SampleDataSet} writes it. */
final class Output {
  static final String PROCESSES = "win_process_events.csv";
  static final String LOGONS = "win_logon_events.csv";
  static final String SYSLOG = "linux_syslog.csv";
  static final String AUDITD = "linux_auditd.jsonl";
  static final String FLOWS = "network_flows.jsonl.gz";
  static final String DNS = "dns_events.csv";
  static final String ALERTS = "security_alerts.json";
  static final String FEED = "ioc_feed.csv";
  static final String README = "README.md";

  final Table processes = new Table(PROCESSES, "TimeGenerated", "Computer", "EventID", "Account",
      "SubjectUserSid", "SubjectUserName", "SubjectDomainName", "SubjectLogonId", "NewProcessId",
      "NewProcessName", "ProcessId", "ParentProcessName", "CommandLine", "TokenElevationType");
  final Table logons = new Table(LOGONS, "TimeGenerated", "Computer", "EventID", "Account",
      "TargetUserName", "TargetDomainName", "TargetUserSid", "TargetLogonId", "LogonType",
      "LogonProcessName", "AuthenticationPackageName", "IpAddress", "WorkstationName", "Status",
      "SubStatus");
  final Table syslog = new Table(SYSLOG, "TimeGenerated", "Computer", "Facility", "SeverityLevel",
      "ProcessName", "ProcessID", "HostIP", "SyslogMessage");
  final Table auditd = new Table(AUDITD, "TimeGenerated", "Computer", "EventType", "pid", "ppid",
      "uid", "auid", "user", "exe", "cmdline", "cwd", "tty");
  final Table flows = new Table(FLOWS, "TimeGenerated", "Computer", "SrcIP", "SrcPort", "DestIP",
      "DestPort", "L4Protocol", "FlowDirection", "BytesSent", "BytesReceived", "ProcessName");
  final Table dns = new Table(DNS, "TimeGenerated", "Computer", "ClientIP", "Name", "QueryType",
      "IPAddresses", "ResultCode");

  final List<Alert> alerts = new ArrayList<>();
  /** SSH sessions opened from Windows workstations, replayed on the Linux side. */
  final List<SshSession> ssh = new ArrayList<>();

  /** An interactive SSH session from a workstation to a Linux host. */
  record SshSession(String fromIp, int srcPort, String linuxUser, String toHost, long start,
      long end, int kind) {}
}
