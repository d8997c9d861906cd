package dev.hunt4j.samples;

import java.util.ArrayList;
import java.util.List;

/**
 * A Windows host: allocates pids (with reuse, as Windows does) and writes its 4688 and 4624/4625
 * events. A pid is only handed out when no other process holds it over the new process's lifetime,
 * so "the latest process with that pid started before the child" is always the true parent.
 */
final class WinHost {
  private static final int PID_BASE = 0x100;
  /** Pids are multiples of 4 from 0x100; a small range so reuse happens often over 3 days. */
  private static final int PID_SLOTS = 1536;

  final Topology.Host info;
  final String name;
  final String ip;
  final Rng rng;
  final Output out;
  final Account machine;
  final Identity system;
  final Identity localService;
  final Identity networkService;
  final List<Boot> boots = new ArrayList<>();
  /** Per pid slot, the [start, end) spans of the processes that held it. */
  private final List<List<long[]>> pidUse = new ArrayList<>(java.util.Collections.nCopies(
      PID_SLOTS, (List<long[]>) null));
  private final java.util.Set<Long> logonIds = new java.util.HashSet<>();

  WinHost(Topology.Host info, Rng rng, Output out) {
    this.info = info;
    this.name = info.name();
    this.ip = info.ip();
    this.rng = rng;
    this.out = out;
    // 4688 names a SYSTEM creator by the machine account, as the real log does
    this.machine = new Account(Topology.DOMAIN, name + "$", "S-1-5-18");
    this.system = new Identity(machine, 0x3e7, Identity.FULL);
    this.localService = new Identity(Account.LOCAL_SERVICE, 0x3e5, Identity.FULL);
    this.networkService = new Identity(Account.NETWORK_SERVICE, 0x3e4, Identity.FULL);
  }

  boolean workstation() {
    return info.role() == Topology.Role.WORKSTATION;
  }

  Boot bootAt(long t) {
    for (Boot b : boots) {
      if (t >= b.start && t < b.end) {
        return b;
      }
    }
    return null;
  }

  /**
   * A fresh logon id. Real LUIDs grow with time, so the id follows the logon time (generation
   * order is not chronological); a lookup-only set keeps ids unique on the host.
   */
  long newLogonId(long t) {
    long id = 0x3f000 + Math.max(0, t - (T.START - 8 * T.DAY)) / 64 + rng.nextInt(16);
    while (!logonIds.add(id)) {
      id++;
    }
    return id;
  }

  /** The System process (pid 4) of a boot: the root of its tree, logged with parent 0x0. */
  WinProc root(Boot b) {
    long[] span = {b.start, b.end};
    WinProc p = new WinProc(this, b, null, 4, "System", "", system, b.start, span);
    emit(p, system);
    return p;
  }

  WinProc spawn(WinProc parent, long t, String path, String cmd, Identity runAs, long life) {
    return spawnAs(parent, t, path, cmd, runAs, life, parent.runAs);
  }

  /** Like {@link #spawn} but returns null when the parent is not running at t. */
  WinProc trySpawn(WinProc parent, long t, String path, String cmd, Identity runAs, long life) {
    if (parent == null || !parent.aliveAt(t)) {
      return null;
    }
    return spawnAs(parent, t, path, cmd, runAs, life, parent.runAs);
  }

  /**
   * Creates a process. {@code subject} is the creator's token the 4688 event names (normally the
   * parent's; WMI impersonates its remote caller instead).
   */
  WinProc spawnAs(WinProc parent, long t, String path, String cmd, Identity runAs, long life,
      Identity subject) {
    if (!parent.aliveAt(t)) {
      throw new IllegalStateException(name + ": " + parent.image() + " (" + Fmt.hex(parent.pid)
          + ") not running at " + Fmt.iso(t) + " to start " + path);
    }
    long end = Math.min(t + Math.max(1, life), parent.boot.end);
    long[] span = {t, end};
    int pid = allocate(span);
    WinProc p = new WinProc(this, parent.boot, parent, pid, path, cmd, runAs, t, span);
    emit(p, subject);
    return p;
  }

  /** Ends a process early (LogonUI at logon); only used before any later child exists. */
  void terminate(WinProc p, long t) {
    if (t > p.start && t < p.span[1]) {
      p.span[1] = t;
    }
  }

  private int allocate(long[] span) {
    for (int tries = 0; tries < 200; tries++) {
      int slot = rng.nextInt(PID_SLOTS);
      if (free(slot, span)) {
        return take(slot, span);
      }
    }
    for (int slot = 0; slot < PID_SLOTS; slot++) {
      if (free(slot, span)) {
        return take(slot, span);
      }
    }
    throw new IllegalStateException(name + ": out of pids");
  }

  private boolean free(int slot, long[] span) {
    List<long[]> uses = pidUse.get(slot);
    if (uses != null) {
      for (long[] u : uses) {
        if (u[0] < span[1] && span[0] < u[1]) {
          return false;
        }
      }
    }
    return true;
  }

  private int take(int slot, long[] span) {
    if (pidUse.get(slot) == null) {
      pidUse.set(slot, new ArrayList<>(4));
    }
    pidUse.get(slot).add(span);
    return PID_BASE + slot * 4;
  }

  private void emit(WinProc p, Identity subject) {
    Account a = subject.account();
    out.processes.add(p.start, name, 4688, a.qualified(), a.sid(), a.name(), a.domain(),
        Fmt.hex(subject.logonId()), Fmt.hex(p.pid), p.path,
        p.parent == null ? "0x0" : Fmt.hex(p.parent.pid), p.parent == null ? "" : p.parent.path,
        p.cmd, p.runAs.elevation());
  }

  /** A 4624 with a fresh logon id; returns the id. */
  long logon(long t, int type, Account a, String process, String pkg, String srcIp, String wks) {
    long id = newLogonId(t);
    logon(t, type, a, id, process, pkg, srcIp, wks);
    return id;
  }

  /** A 4624 for a known logon id (well-known ids of service accounts). */
  void logon(long t, int type, Account a, long id, String process, String pkg, String srcIp,
      String wks) {
    out.logons.add(t, name, 4624, a.qualified(), a.name(), a.domain(), a.sid(), Fmt.hex(id), type,
        process, pkg, srcIp, wks, "", "");
  }

  /** A 4625; nonexistent or mistyped accounts carry the NULL SID and no logon id. */
  void failedLogon(long t, int type, String domain, String user, String process, String pkg,
      String srcIp, String wks, String subStatus) {
    out.logons.add(t, name, 4625, domain + "\\" + user, user, domain, "S-1-0-0", "", type, process,
        pkg, srcIp, wks, "0xc000006d", subStatus);
  }
}
