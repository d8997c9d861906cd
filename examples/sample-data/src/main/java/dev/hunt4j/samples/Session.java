package dev.hunt4j.samples;

/** An interactive logon session on a Windows host, from logon to logoff. */
final class Session {
  final WinHost host;
  final Boot boot;
  final Topology.User user;
  final Identity id;
  final long start;
  final long end;
  final long lunchStart;
  final long lunchEnd;
  WinProc winlogon;
  WinProc explorer;
  WinProc chrome;
  WinProc outlook;
  WinProc code;
  String chromeTrial;
  int rendererId = 7;

  Session(WinHost host, Boot boot, Topology.User user, Identity id, long start, long end,
      long lunchStart, long lunchEnd) {
    this.host = host;
    this.boot = boot;
    this.user = user;
    this.id = id;
    this.start = start;
    this.end = end;
    this.lunchStart = lunchStart;
    this.lunchEnd = lunchEnd;
  }

  /** Whether the user is at the desk (not before logon, at lunch or after logoff). */
  boolean active(long t) {
    return t > start && t < end - T.MIN && (t < lunchStart || t >= lunchEnd);
  }

  /** A lifetime of about {@code desired} that ends before the session does. */
  long life(long t, long desired) {
    return Math.max(500, Math.min(desired, end - t - 1));
  }

  String home() {
    return "C:\\Users\\" + user.name();
  }
}
