package dev.hunt4j.samples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Benign activity of the Windows estate: boots, services, background tasks, and a working day per
 * employee (logon, mail, browser, documents, consoles, lunch lock, logoff), with the DNS queries,
 * flows and domain-controller logons that go with them.
 */
final class WindowsActivity {
  /** "Until the process's boot ends." */
  static final long FOREVER = 1000L * T.DAY;

  /** Who sits at which workstation; stay-on machines are never shut down in the window. */
  record Desk(String host, String user, boolean stayOn, int absentDay) {}

  /** One planned office day of a desk's user. */
  record Workday(int day, long arrive, long lunchStart, long lunchEnd, long leave) {}

  static final List<Desk> DESKS = List.of(
      new Desk("WKS-01", "asmith", false, -1),
      new Desk("WKS-02", "bjohnson", true, -1),
      new Desk("WKS-03", "cwilliams", false, -1),
      new Desk("WKS-04", "dkim", false, -1),
      new Desk("WKS-05", "egarcia", false, -1),
      new Desk("WKS-06", "fnguyen", false, 2),
      // patient zero stays on overnight and its user is out on day 2 (index 1)
      new Desk("WKS-07", "mlopez", true, 1),
      new Desk("WKS-08", "hpatel", false, -1));

  private static final String[] CLSIDS = {"AB8902B4-09CA-4BB6-B78D-A8F59079A8D5",
      "3EB3C877-1F16-487C-9050-104DBCD66683", "973D20D7-562D-44B9-B70B-5A0F49CCDF3F",
      "E10F6C3A-F1AE-4ADC-AA9D-2FE65525666E", "06622D85-6856-4460-8DE1-A81921B41C4B"};

  private final Output out;
  private final Net net;
  private final Rng seed;
  final Map<String, WinHost> hosts = new LinkedHashMap<>();
  final List<Session> sessions = new ArrayList<>();
  private final Map<String, List<Workday>> plans = new LinkedHashMap<>();

  WindowsActivity(Output out, Net net, Rng seed) {
    this.out = out;
    this.net = net;
    this.seed = seed;
  }

  WinHost host(String name) {
    return hosts.get(name);
  }

  void run() {
    for (Topology.Host h : Topology.WINDOWS) {
      hosts.put(h.name(), new WinHost(h, seed.derive("win/" + h.name()), out));
    }
    for (WinHost h : hosts.values()) {
      if (h.workstation()) {
        planWorkstation(h);
      } else {
        planServer(h);
      }
    }
    for (WinHost h : hosts.values()) {
      for (Boot b : List.copyOf(h.boots)) {
        background(h, b);
      }
    }
    for (WinHost h : hosts.values()) {
      if (h.workstation()) {
        for (Workday d : plans.get(h.name)) {
          workday(h, desk(h.name), d);
        }
      }
    }
    remoteWorkers();
  }

  static Desk desk(String host) {
    for (Desk d : DESKS) {
      if (d.host().equals(host)) {
        return d;
      }
    }
    throw new IllegalArgumentException(host);
  }

  /** Console session of a user on a day, if any. */
  Session sessionOf(String user, int day) {
    for (Session s : sessions) {
      if (s.user.name().equals(user) && T.dayOf(s.start) == day
          && s.winlogon == s.boot.winlogon) {
        return s;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- planning and boots

  private void planWorkstation(WinHost h) {
    Desk desk = desk(h.name);
    Rng r = h.rng.derive("plan");
    List<Workday> days = new ArrayList<>();
    for (int day = 0; day < SampleDataSet.DAYS; day++) {
      long arrive = T.at(day, 7, 40) + r.between(0, 70 * T.MIN) + r.between(0, 999);
      long lunchStart = T.at(day, 11, 50) + r.between(0, 50 * T.MIN);
      long lunchEnd = lunchStart + r.between(25 * T.MIN, 60 * T.MIN);
      long leave = T.at(day, 16, 45) + r.between(0, 95 * T.MIN);
      if (day != desk.absentDay()) {
        days.add(new Workday(day, arrive, lunchStart, lunchEnd, leave));
      }
    }
    plans.put(h.name, days);
    if (desk.stayOn()) {
      boot(h, days.get(0).arrive() - r.between(70 * T.SEC, 5 * T.MIN), T.FAR);
    } else {
      for (Workday d : days) {
        boot(h, d.arrive() - r.between(70 * T.SEC, 6 * T.MIN),
            d.leave() + r.between(40 * T.SEC, 3 * T.MIN));
      }
    }
  }

  /**
   * Servers booted a week before the window and reboot for patches early on day 1; the few
   * processes started before that reboot are the data set's orphans (their parents predate it).
   */
  private void planServer(WinHost h) {
    Rng r = h.rng;
    boolean dc = h.info.role() == Topology.Role.DC;
    long reboot = T.at(0, 0, dc ? 12 : 27, r.between(0, 59), r.between(0, 999));
    Boot pre = boot(h, T.START - 6 * T.DAY - r.between(0, 5 * T.HOUR), reboot);
    long t = reboot - 11 * T.MIN - r.between(0, 60 * T.SEC);
    h.spawn(pre.services, t, "C:\\Windows\\servicing\\TrustedInstaller.exe",
        "C:\\Windows\\servicing\\TrustedInstaller.exe", h.system, 10 * T.MIN);
    t += r.between(20 * T.SEC, 50 * T.SEC);
    h.spawn(pre.dcom, t, "C:\\Windows\\WinSxS\\amd64_microsoft-windows-servicingstack_31bf3856ad364e35"
        + "_10.0.20348.2700_none_5b8e4c6c0a1e4b22\\TiWorker.exe",
        "C:\\Windows\\winsxs\\amd64_microsoft-windows-servicingstack_31bf3856ad364e35"
        + "_10.0.20348.2700_none_5b8e4c6c0a1e4b22\\TiWorker.exe -Embedding", h.system, 9 * T.MIN);
    monitoringScript(h, pre, reboot - 5 * T.MIN - r.between(0, 60 * T.SEC));
    boot(h, reboot + r.between(45 * T.SEC, 100 * T.SEC), T.FAR);
  }

  Boot boot(WinHost h, long t0, long end) {
    Rng r = h.rng;
    Boot b = new Boot(t0, end);
    h.boots.add(b);
    Identity sys = h.system;
    b.system = h.root(b);
    long t = t0 + r.between(150, 400);
    b.smss = h.spawn(b.system, t, Img.SMSS, "\\SystemRoot\\System32\\smss.exe", sys, FOREVER);
    t += r.between(900, 1600);
    WinProc smss0 = h.spawn(b.smss, t, Img.SMSS,
        "\\SystemRoot\\System32\\smss.exe 00000000 00000080 ", sys, r.between(400, 900));
    h.spawn(smss0, t + r.between(20, 60), Img.CSRSS, Img.CSRSS_CMD, sys, FOREVER);
    b.wininit = h.spawn(smss0, t + r.between(90, 180), Img.WININIT, "wininit.exe", sys, FOREVER);
    t += r.between(200, 400);
    WinProc smss1 = h.spawn(b.smss, t, Img.SMSS,
        "\\SystemRoot\\System32\\smss.exe 00000001 00000084 ", sys, r.between(400, 900));
    h.spawn(smss1, t + r.between(20, 60), Img.CSRSS, Img.CSRSS_CMD, sys, FOREVER);
    b.winlogon = h.spawn(smss1, t + r.between(90, 180), Img.WINLOGON, "winlogon.exe", sys,
        FOREVER);
    t += r.between(250, 500);
    b.services = h.spawn(b.wininit, t, Img.SERVICES, "C:\\Windows\\system32\\services.exe", sys,
        FOREVER);
    b.lsass = h.spawn(b.wininit, t + r.between(10, 40), Img.LSASS,
        "C:\\Windows\\system32\\lsass.exe", sys, FOREVER);
    t += r.between(60, 120);
    fontDriver(h, b.wininit, t, 0);
    fontDriver(h, b.winlogon, t + r.between(5, 30), 1);
    t += r.between(300, 800);
    h.spawn(b.winlogon, t, Img.DWM, "\"dwm.exe\"", windowManager(h, t - 40, 1), FOREVER);
    b.logonUi = h.spawn(b.winlogon, t + r.between(200, 600), Img.LOGONUI,
        "\"LogonUI.exe\" /flags:0x2 /state0:0xa3b92855 /state1:0x41c64e6d", sys, FOREVER);
    t += r.between(700, 1200);
    h.logon(t, 5, Account.SYSTEM, 0x3e7, "Advapi", "Negotiate", "-", "-");
    h.logon(t + r.between(100, 300), 5, Account.NETWORK_SERVICE, 0x3e4, "Advapi", "Negotiate",
        "-", "-");
    h.logon(t + r.between(300, 500), 5, Account.LOCAL_SERVICE, 0x3e5, "Advapi", "Negotiate", "-",
        "-");
    for (String[] s : services(h)) {
      t += r.between(40, 260);
      Identity as = switch (s[2]) {
        case "N" -> h.networkService;
        case "L" -> h.localService;
        case "B" -> backupService(h, t - 20);
        default -> h.system;
      };
      WinProc p = h.spawn(b.services, t, s[0], s[1], as, FOREVER);
      switch (s[3]) {
        case "dcom" -> b.dcom = p;
        case "schedule" -> b.schedule = p;
        case "usermgr" -> b.userManager = p;
        case "termsvc" -> b.termService = p;
        case "tablet" -> b.tabletInput = p;
        case "search" -> b.searchIndexer = p;
        case "defender" -> b.defender = p;
        case "health" -> b.monitoring = h.spawn(p, t + r.between(2000, 5000),
            Img.MONITORING_DIR + "MonitoringHost.exe",
            Img.quoted(Img.MONITORING_DIR + "MonitoringHost.exe") + " -Embedding", h.system,
            FOREVER);
        case "backup" -> b.backupAgent = p;
        default -> { }
      }
    }
    t += r.between(3000, 8000);
    wmiPrvSe(h, b, t);
    taskhost(h, b, t + r.between(500, 4000));
    bootNetwork(h, b, t + r.between(2000, 9000));
    return b;
  }

  private void fontDriver(WinHost h, WinProc parent, long t, int session) {
    Account a = new Account("Font Driver Host", "UMFD-" + session, "S-1-5-96-0-" + session);
    long id = h.logon(t - 10, 2, a, "Advapi", "Negotiate", "-", "-");
    h.spawn(parent, t, Img.FONTDRV, "\"fontdrvhost.exe\"", new Identity(a, id, Identity.FULL),
        FOREVER);
  }

  private Identity windowManager(WinHost h, long t, int session) {
    Account a = new Account("Window Manager", "DWM-" + session, "S-1-5-90-0-" + session);
    long id = h.logon(t, 2, a, "Advapi", "Negotiate", "-", "-");
    return new Identity(a, id, Identity.FULL);
  }

  private Identity backupService(WinHost h, long t) {
    Account a = Topology.user("svc_backup").account();
    long id = h.logon(t, 5, a, "Advapi", "Negotiate", "-", "-");
    return new Identity(a, id, Identity.FULL);
  }

  /** Services a host starts at boot: path, command line, account (S/N/L/B), role key. */
  private static List<String[]> services(WinHost h) {
    List<String[]> s = new ArrayList<>();
    String[][] svchosts = {
        {"-k DcomLaunch -p", "S", "dcom"},
        {"-k RPCSS -p", "N", ""},
        {"-k LocalServiceNetworkRestricted -p -s EventLog", "L", ""},
        {"-k LocalServiceNetworkRestricted -p", "L", ""},
        {"-k netsvcs -p -s Schedule", "S", "schedule"},
        {"-k netsvcs -p -s gpsvc", "S", ""},
        {"-k netsvcs -p -s Winmgmt", "S", ""},
        {"-k netsvcs -p -s ProfSvc", "S", ""},
        {"-k netsvcs -p -s UserManager", "S", "usermgr"},
        {"-k netsvcs -p -s SENS", "S", ""},
        {"-k netsvcs -p -s Themes", "S", ""},
        {"-k LocalService -p -s EventSystem", "L", ""},
        {"-k LocalService -p -s nsi", "L", ""},
        {"-k NetworkService -p -s Dnscache", "N", ""},
        {"-k NetworkService -p -s LanmanWorkstation", "N", ""},
        {"-k NetworkService -p -s NlaSvc", "N", ""},
        {"-k LocalServiceNoNetworkFirewall -p", "L", ""},
        {"-k LocalSystemNetworkRestricted -p -s SysMain", "S", ""},
        {"-k netsvcs -p -s iphlpsvc", "S", ""},
        {"-k termsvcs -s TermService", "N", "termsvc"},
        {"-k appmodel -p -s StateRepository", "S", ""},
        {"-k utcsvc -p", "S", ""},
        {"-k LocalService -s W32Time", "L", ""},
    };
    for (String[] v : svchosts) {
      s.add(new String[] {Img.SVCHOST, Img.svchost(v[0]), v[1], v[2]});
    }
    s.add(new String[] {"C:\\Windows\\System32\\spoolsv.exe", "C:\\Windows\\System32\\spoolsv.exe",
        "S", ""});
    s.add(new String[] {Img.MSMPENG, Img.quoted(Img.MSMPENG), "S", "defender"});
    s.add(new String[] {Img.DEFENDER_DIR + "NisSrv.exe", Img.quoted(Img.DEFENDER_DIR + "NisSrv.exe"),
        "L", ""});
    s.add(new String[] {"C:\\Program Files\\VMware\\VMware Tools\\vmtoolsd.exe",
        "\"C:\\Program Files\\VMware\\VMware Tools\\vmtoolsd.exe\"", "S", ""});
    s.add(new String[] {"C:\\Program Files\\VMware\\VMware Tools\\VMware VGAuth\\VGAuthService.exe",
        "\"C:\\Program Files\\VMware\\VMware Tools\\VMware VGAuth\\VGAuthService.exe\"", "S", ""});
    switch (h.info.role()) {
      case WORKSTATION -> {
        s.add(new String[] {Img.SVCHOST,
            Img.svchost("-k LocalSystemNetworkRestricted -p -s TabletInputService"), "S", "tablet"});
        s.add(new String[] {Img.SVCHOST, Img.svchost("-k wsappx -p -s AppXSvc"), "S", ""});
        s.add(new String[] {Img.SVCHOST, Img.svchost("-k netsvcs -p -s wuauserv"), "S", ""});
        s.add(new String[] {"C:\\Windows\\System32\\SecurityHealthService.exe",
            "C:\\Windows\\system32\\SecurityHealthService.exe", "S", ""});
        s.add(new String[] {"C:\\Windows\\System32\\SearchIndexer.exe",
            "C:\\Windows\\system32\\SearchIndexer.exe /Embedding", "S", "search"});
      }
      case DC -> {
        s.add(new String[] {"C:\\Windows\\System32\\dns.exe", "C:\\Windows\\system32\\dns.exe",
            "S", ""});
        s.add(new String[] {"C:\\Windows\\System32\\ismserv.exe",
            "C:\\Windows\\System32\\ismserv.exe", "S", ""});
        s.add(new String[] {"C:\\Windows\\System32\\dfsrs.exe", "C:\\Windows\\system32\\DFSRs.exe",
            "S", ""});
        s.add(new String[] {"C:\\Windows\\ADWS\\Microsoft.ActiveDirectory.WebServices.exe",
            "C:\\Windows\\ADWS\\Microsoft.ActiveDirectory.WebServices.exe", "S", ""});
        s.add(new String[] {Img.MONITORING_DIR + "HealthService.exe",
            Img.quoted(Img.MONITORING_DIR + "HealthService.exe"), "S", "health"});
      }
      case FILE_SERVER -> {
        s.add(new String[] {"C:\\Windows\\System32\\SearchIndexer.exe",
            "C:\\Windows\\system32\\SearchIndexer.exe /Embedding", "S", "search"});
        s.add(new String[] {"C:\\Program Files\\Contoso\\Backup Agent\\bkagent.exe",
            "\"C:\\Program Files\\Contoso\\Backup Agent\\bkagent.exe\" --service", "B", "backup"});
        s.add(new String[] {Img.MONITORING_DIR + "HealthService.exe",
            Img.quoted(Img.MONITORING_DIR + "HealthService.exe"), "S", "health"});
      }
      default -> throw new IllegalStateException(h.name);
    }
    return s;
  }

  private void bootNetwork(WinHost h, Boot b, long t) {
    Rng r = h.rng;
    net.connect(t, h.name, h.ip, "www.msftconnecttest.com", 80, r.between(150, 220),
        r.between(380, 460), "svchost.exe", r, false);
    if (h.info.role() == Topology.Role.DC) {
      net.resolve(t + 500, h.ip, "time.windows.com", r);
      net.flow(t + 520, h.name, h.ip, 123, Topology.resolve("time.windows.com")[0], 123, "U", "O",
          90, 90, null);
    } else {
      net.query(t - 300, h.ip, "_ldap._tcp.dc._msdcs.contoso.local", "SRV");
      net.flow(t + 400, h.name, h.ip, 123, Topology.DC.ip(), 123, "U", "O", 90, 90, null);
      dcMachine(h, t + r.between(200, 900));
    }
  }

  /** The host's computer account in the domain (target of its Kerberos logons at the DC). */
  private static Account computerAccount(WinHost h) {
    int rid = 1001 + Topology.WINDOWS.indexOf(h.info);
    return new Account(Topology.DOMAIN, h.name + "$", Topology.DOMAIN_SID + "-" + rid);
  }

  /** Machine logon at the DC and the Group Policy download that follows. */
  private void dcMachine(WinHost h, long t) {
    Rng r = h.rng;
    WinHost dc = hosts.get(Topology.DC.name());
    net.resolve(t - 20, h.ip, "WIN-DC01.contoso.local", r);
    net.flow(t, h.name, h.ip, Net.ephemeral(r, false), dc.ip, 88, "T", "O", r.between(1400, 1900),
        r.between(1300, 1700), "lsass.exe");
    dc.logon(t + r.between(5, 40), 3, computerAccount(h), "Kerberos", "Kerberos", h.ip, "-");
    net.flow(t + r.between(60, 200), h.name, h.ip, Net.ephemeral(r, false), dc.ip, 389, "T", "O",
        r.between(2000, 5000), r.between(4000, 12000), "svchost.exe");
    net.flow(t + r.between(300, 900), h.name, h.ip, Net.ephemeral(r, false), dc.ip, 445, "T", "O",
        r.between(3000, 9000), r.between(9000, 60000), "System");
  }

  /** A user's Kerberos logon at the DC (ticket for a workstation or share). */
  void dcUser(long t, Account a, WinHost from) {
    Rng r = from.rng;
    WinHost dc = hosts.get(Topology.DC.name());
    net.flow(t - r.between(5, 30), from.name, from.ip, Net.ephemeral(r, false), dc.ip, 88, "T",
        "O", r.between(1400, 2200), r.between(1300, 1800), "lsass.exe");
    dc.logon(t, 3, a, "Kerberos", "Kerberos", from.ip, "-");
  }

  /** A network logon on the file server (mapped drive or opened document). */
  void fileShare(long t, Account a, WinHost from, long bytesIn) {
    Rng r = from.rng;
    WinHost fs = hosts.get(Topology.FILE.name());
    net.resolve(t - 30, from.ip, "SRV-FILE01.contoso.local", r);
    net.flow(t, from.name, from.ip, Net.ephemeral(r, false), fs.ip, 445, "T", "O",
        r.between(2000, 30000), bytesIn, "System");
    fs.logon(t + r.between(5, 60), 3, a, "Kerberos", "Kerberos", from.ip, "-");
  }

  // ---------------------------------------------------------------- background

  static void every(Rng r, long from, long to, double perHour, LongConsumer action) {
    for (long t = from + r.gapMs(perHour); t < to; t += r.gapMs(perHour)) {
      action.accept(t);
    }
  }

  private void background(WinHost h, Boot b) {
    if (b.start < T.START) {
      return; // pre-window boots only contribute the explicit maintenance events
    }
    Rng r = h.rng;
    boolean server = !h.workstation();
    long from = b.start + 90 * T.SEC;
    long to = Math.min(b.end, T.END);
    every(r, from, to, 3.0, t -> taskhost(h, b, t));
    every(r, from, to, server ? 3.5 : 0.9, t -> wmiPrvSe(h, b, t));
    every(r, from, to, 1.2, t -> scheduledTask(h, b, t));
    every(r, from, to, 1.4, t -> h.trySpawn(b.dcom, t, Img.DLLHOST,
        "C:\\Windows\\system32\\DllHost.exe /Processid:{" + r.pickOf(CLSIDS) + "}", h.system,
        r.between(3 * T.SEC, 4 * T.MIN)));
    every(r, from, to, 1.3, t -> triggerService(h, b, t));
    every(r, from, to, 0.3, t -> h.trySpawn(b.services, t, Img.SPPSVC,
        "C:\\Windows\\system32\\sppsvc.exe", h.networkService, r.between(30 * T.SEC, 3 * T.MIN)));
    every(r, from, to, 0.25, t -> mpCmdRun(h, b, t));
    every(r, from, to, 0.12, t -> {
      if (h.trySpawn(b.schedule, t, Img.SYS32 + "usoclient.exe",
          "C:\\Windows\\system32\\usoclient.exe StartScan", h.system,
          r.between(5 * T.SEC, 60 * T.SEC)) != null) {
        net.connect(t + r.between(800, 3000), h.name, h.ip, "fe2cr.update.microsoft.com", 443,
            r.logNormal(9000, .5), r.logNormal(120000, 1), "svchost.exe", r, false);
      }
    });
    if (b.searchIndexer != null) {
      every(r, from, to, server ? 1.5 : 5.0, t -> search(h, b, t));
    }
    if (b.monitoring != null) {
      every(r, from, to, 11.0, t -> monitoringScript(h, b, t));
    }
    if (!server) {
      every(r, from, to, 0.5, t -> {
        String gu = "C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe";
        if (h.trySpawn(b.schedule, t, gu, Img.quoted(gu) + " /ua /installsource scheduler",
            h.system, r.between(8 * T.SEC, 90 * T.SEC)) != null) {
          net.connect(t + r.between(500, 2500), h.name, h.ip, "update.googleapis.com", 443,
              r.logNormal(2500, .4), r.logNormal(4000, .6), "GoogleUpdate.exe", r, false);
        }
      });
    }
    every(r, from, to, 1.2, t -> net.connect(t, h.name, h.ip,
        r.pickOf("settings-win.data.microsoft.com", "v10.events.data.microsoft.com"), 443,
        r.logNormal(6000, 1), r.logNormal(2500, .6), "svchost.exe", r, false));
    every(r, from, to, 2.0, t -> net.connect(t, h.name, h.ip, "wdcp.microsoft.com", 443,
        r.logNormal(3000, .8), r.logNormal(1800, .5), "MsMpEng.exe", r, false));
    if (h.info.role() != Topology.Role.DC) {
      for (long t = from + r.between(20 * T.MIN, 100 * T.MIN); t < to;
          t += 90 * T.MIN + r.between(-30 * T.MIN, 30 * T.MIN)) {
        dcMachine(h, t);
      }
    }
    for (int day = 0; day < SampleDataSet.DAYS; day++) {
      if (b.backupAgent != null) {
        long t = T.at(day, 1, 0, r.between(0, 40), r.between(0, 999));
        if (t > from && t < to) {
          nightlyBackup(h, b, t, day);
        }
      }
      if (h.info.role() == Topology.Role.DC) {
        long t = T.at(day, 1, 30, r.between(0, 40), r.between(0, 999));
        if (t > from && t < to) {
          systemStateBackup(h, b, t);
        }
      }
    }
  }

  /** Scheduled tasks that run a program directly rather than in taskhostw.exe. */
  private void scheduledTask(WinHost h, Boot b, long t) {
    Rng r = h.rng;
    String[][] tasks = {
        {"compattelrunner.exe", "C:\\Windows\\system32\\compattelrunner.exe -maintenance"},
        {"MusNotification.exe", "C:\\Windows\\system32\\MusNotification.exe"},
        {"defrag.exe", "C:\\Windows\\system32\\defrag.exe -c -h -o -$"},
        {"sc.exe", "C:\\Windows\\system32\\sc.exe start w32time task_started"},
        {"rundll32.exe", "C:\\Windows\\system32\\rundll32.exe C:\\Windows\\system32\\"
            + "Windows.Storage.ApplicationData.dll,CleanupTemporaryState"},
        {"rundll32.exe", "C:\\Windows\\system32\\rundll32.exe C:\\Windows\\system32\\"
            + "shell32.dll,SHCreateLocalServerRunDll {9aa46009-3ce0-458a-a354-715610a075e6} -Embedding"},
        {"DeviceCensus.exe", "C:\\Windows\\system32\\devicecensus.exe SystemCxt"},
        {"wsqmcons.exe", "C:\\Windows\\System32\\wsqmcons.exe"},
        {"dstokenclean.exe", "C:\\Windows\\System32\\dstokenclean.exe"},
    };
    String[] task = r.pickOf(tasks);
    h.trySpawn(b.schedule, t, Img.SYS32 + task[0], task[1], h.system,
        r.between(2 * T.SEC, 6 * T.MIN));
  }

  private void taskhost(WinHost h, Boot b, long t) {
    Rng r = h.rng;
    h.trySpawn(b.schedule, t, Img.TASKHOSTW, r.pickOf("taskhostw.exe",
        "taskhostw.exe -RegisterDevice -ProtectionStateChanged -FreeNetworkOnly",
        "taskhostw.exe Install $(Arg0)", "taskhostw.exe SYSTEM", "taskhostw.exe NGCKeyPregen"),
        h.system, r.between(20 * T.SEC, 25 * T.MIN));
  }

  private WinProc wmiPrvSe(WinHost h, Boot b, long t) {
    Rng r = h.rng;
    boolean secured = r.chance(0.6);
    return h.trySpawn(b.dcom, t, Img.WMIPRVSE, secured
        ? "C:\\Windows\\system32\\wbem\\wmiprvse.exe -secured -Embedding"
        : "C:\\Windows\\system32\\wbem\\wmiprvse.exe -Embedding",
        secured ? h.networkService : h.system, r.between(2 * T.MIN, 40 * T.MIN));
  }

  private void triggerService(WinHost h, Boot b, long t) {
    Rng r = h.rng;
    String[][] triggered = {
        {"-k LocalSystemNetworkRestricted -p -s PcaSvc", "S"},
        {"-k netsvcs -p -s BITS", "S"},
        {"-k wsappx -p -s ClipSVC", "S"},
        {"-k netsvcs -p -s wlidsvc", "S"},
        {"-k LocalServiceNetworkRestricted -p -s WarpJITSvc", "L"},
        {"-k netsvcs -p -s DsmSvc", "S"},
        {"-k NetworkService -p -s CryptSvc", "N"},
        {"-k LocalService -p -s BthAvctpSvc", "L"},
    };
    String[] s = r.pickOf(triggered);
    Identity as = s[1].equals("N") ? h.networkService
        : s[1].equals("L") ? h.localService : h.system;
    h.trySpawn(b.services, t, Img.SVCHOST, Img.svchost(s[0]), as,
        r.between(T.MIN, 25 * T.MIN));
  }

  private void mpCmdRun(WinHost h, Boot b, long t) {
    Rng r = h.rng;
    boolean update = r.chance(0.7);
    WinProc p = withConsole(h.trySpawn(b.defender, t, Img.MPCMDRUN, Img.quoted(Img.MPCMDRUN)
        + (update ? " SignatureUpdate -ScheduleJob -RestrictPrivileges -DefinitionUpdateAction 10"
        : " Scan -ScheduleJob -ScanTrigger 55 -IdleScheduledJob"), h.system,
        r.between(20 * T.SEC, 4 * T.MIN)));
    if (p != null && update) {
      net.connect(t + r.between(1500, 6000), h.name, h.ip, "definitionupdates.microsoft.com", 443,
          r.logNormal(4000, .4), r.logNormal(900_000, 1.2), "MpCmdRun.exe", r, false);
    }
  }

  private void search(WinHost h, Boot b, long t) {
    Rng r = h.rng;
    int n = r.between(1, 240);
    WinProc p = h.trySpawn(b.searchIndexer, t, Img.SEARCH_PROTOCOL,
        "\"C:\\Windows\\system32\\SearchProtocolHost.exe\" Global\\UsGthrFltPipeMssGthrPipe" + n
        + "_ Global\\UsGthrCtrlFltPipeMssGthrPipe" + n + " 1 -2147483646 \"Software\\Microsoft"
        + "\\Windows Search\" \"Mozilla/4.0 (compatible; MSIE 6.0; Windows NT; MS Search 4.0 Robot)"
        + "\" \"C:\\ProgramData\\Microsoft\\Search\\Data\\Temp\\usgthrsvc\" \"DownLevelDaemon\" ",
        h.system, r.between(30 * T.SEC, 5 * T.MIN));
    if (p != null) {
      int base = 4 * r.between(150, 250);
      h.trySpawn(b.searchIndexer, t + r.between(100, 500), Img.SEARCH_FILTER,
          "\"C:\\Windows\\system32\\SearchFilterHost.exe\" 0 " + base + " " + (base + 4) + " "
          + (base + 12) + " 8192 " + (base + 8) + " " + (base - 16) + " ", h.system,
          r.between(20 * T.SEC, 4 * T.MIN));
    }
  }

  private void monitoringScript(WinHost h, Boot b, long t) {
    Rng r = h.rng;
    String state = Img.MONITORING_DIR + "Health Service State\\";
    String cmd;
    String path;
    if (r.chance(0.55)) {
      path = Img.CSCRIPT;
      cmd = "\"C:\\Windows\\system32\\cscript.exe\" /nologo \"" + state
          + "Monitoring Host Temporary Files " + r.between(3, 19) + "\\" + r.between(1000, 9999) + "\\"
          + r.pickOf("GetDiskSpace.vbs", "CheckServiceState.vbs", "GetEventLogSize.vbs",
          "Discovery_2016.vbs") + "\"";
    } else {
      path = Img.POWERSHELL;
      String script = h.info.role() == Topology.Role.DC
          ? r.pickOf("Test-ADReplication.ps1", "Get-DnsServerStatistics.ps1", "Get-NetlogonState.ps1")
          : r.pickOf("Get-ShareUsage.ps1", "Get-DedupStatus.ps1", "Get-VolumeHealth.ps1");
      cmd = Img.quoted(Img.POWERSHELL) + " -NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass"
          + " -File \"" + state + "Resources\\" + r.between(100, 2999) + "\\" + script + "\"";
    }
    withConsole(h.trySpawn(b.monitoring, t, path, cmd, h.system,
        r.between(2 * T.SEC, 25 * T.SEC)));
  }

  private void nightlyBackup(WinHost h, Boot b, long t, int day) {
    Rng r = h.rng;
    Account a = Topology.user("svc_backup").account();
    long id = h.logon(t - r.between(200, 600), 4, a, "Advapi", "Negotiate", "-", "-");
    Identity bk = new Identity(a, id, Identity.FULL);
    long run = r.between(22 * T.MIN, 34 * T.MIN);
    WinProc cmd = withConsole(h.spawn(b.schedule, t, Img.CMD,
        "C:\\Windows\\system32\\cmd.exe /c \"C:\\Scripts\\nightly-backup.cmd\"", bk, run + T.MIN));
    WinProc robo = h.spawn(cmd, t + r.between(800, 2000), Img.SYS32 + "Robocopy.exe",
        "robocopy  D:\\Shares \\\\10.20.1.40\\backup\\SRV-FILE01 /MIR /R:1 /W:1 /NP /LOG:C:\\Scripts"
        + "\\logs\\backup-" + Fmt.ymd(t) + ".log", bk, run);
    long bytes = 1_700_000_000L + r.between(0, 700_000_000L);
    net.flow(robo.start + r.between(300, 900), h.name, h.ip, Net.ephemeral(r, false),
        Topology.NAS_IP, 445, "T", "O", bytes, bytes / 180, "robocopy.exe");
    if (day == 0) {
      out.alerts.add(new Alert(robo.start + 36 * T.MIN, "Unusual volume of data sent to internal host",
          "Informational", "SRV-FILE01 sent " + bytes / 1_000_000 + " MB to 10.20.1.40 over SMB, "
          + "above its 14-day baseline.", h.name, "ASI Scheduled Alerts", "ASI_InternalDataVolume",
          new Alert.Entities().host(h.name).account(a).ip(Topology.NAS_IP).process(robo).json(),
          "Exfiltration"));
    }
  }

  private void systemStateBackup(WinHost h, Boot b, long t) {
    Rng r = h.rng;
    Account a = Topology.user("svc_backup").account();
    long id = h.logon(t - r.between(200, 600), 4, a, "Advapi", "Negotiate", "-", "-");
    Identity bk = new Identity(a, id, Identity.FULL);
    WinProc p = withConsole(h.spawn(b.schedule, t, Img.SYS32 + "wbadmin.exe",
        "wbadmin  start systemstatebackup -backupTarget:\\\\10.20.1.40\\backup\\WIN-DC01 -quiet", bk,
        r.between(12 * T.MIN, 18 * T.MIN)));
    long bytes = 9_000_000_000L + r.between(0, 900_000_000L);
    net.flow(p.start + r.between(2000, 9000), h.name, h.ip, Net.ephemeral(r, false),
        Topology.NAS_IP, 445, "T", "O", bytes, bytes / 200, "wbengine.exe");
  }

  /** Console programs get a conhost.exe child right after they start. */
  static WinProc withConsole(WinProc p) {
    if (p == null) {
      return null;
    }
    long t = p.start + p.host.rng.between(3, 30);
    if (p.aliveAt(t)) {
      p.host.spawn(p, t, Img.CONHOST, Img.CONHOST_CMD, p.runAs, p.end() - t);
    }
    return p;
  }

  // ---------------------------------------------------------------- sessions

  private void workday(WinHost h, Desk desk, Workday d) {
    Topology.User u = Topology.user(desk.user());
    Rng r = h.rng;
    Boot b = h.bootAt(d.arrive());
    long t = d.arrive();
    Identity id = new Identity(u.account(), h.newLogonId(t), Identity.LIMITED);
    dcUser(t - r.between(150, 600), u.account(), h);
    h.logon(t, 2, u.account(), id.logonId(), "User32", "Negotiate", "127.0.0.1", h.name);
    h.terminate(b.logonUi, t + r.between(300, 900));
    Session s = new Session(h, b, u, id, t, d.leave(), d.lunchStart(), d.lunchEnd());
    s.winlogon = b.winlogon;
    sessions.add(s);
    shell(s, t + r.between(500, 900));
    fileShare(t + r.between(6000, 15000), u.account(), h, r.between(20_000, 200_000));
    apps(s);
    activity(s);
    specials(s, d.day());
    long back = d.lunchEnd();
    if (u.name().equals("egarcia") && d.day() == 0) {
      failedUnlocks(s, back);
    }
    h.logon(back, 7, u.account(), "User32", "Negotiate", "127.0.0.1", h.name);
    long off = d.leave() + r.between(800, 3000);
    b.logonUi = h.trySpawn(b.winlogon, off, Img.LOGONUI,
        "\"LogonUI.exe\" /flags:0x0 /state0:0xa3c64855 /state1:0x41c64e6d", h.system, FOREVER);
  }

  private void failedUnlocks(Session s, long back) {
    WinHost h = s.host;
    long t = back - 50 * T.SEC;
    for (int i = 0; i < 3; i++) {
      h.failedLogon(t, 7, Topology.DOMAIN, s.user.name(), "User32", "Negotiate", "127.0.0.1",
          h.name, "0xc000006a");
      t += h.rng.between(6 * T.SEC, 14 * T.SEC);
    }
    out.alerts.add(new Alert(back + 75 * T.SEC, "Multiple failed logon attempts", "Low",
        "3 failed unlock attempts (wrong password) for CONTOSO\\" + s.user.name() + " on " + h.name
        + " within one minute, followed by a successful unlock.", h.name, "ASI Scheduled Alerts",
        "ASI_FailedLogons", new Alert.Entities().host(h.name).account(s.user.account()).json(),
        "CredentialAccess"));
  }

  /** userinit, explorer and the per-session helpers Windows starts at logon. */
  void shell(Session s, long t) {
    WinHost h = s.host;
    Rng r = h.rng;
    Boot b = s.boot;
    WinProc init = h.spawn(s.winlogon, t, Img.USERINIT, "C:\\Windows\\system32\\userinit.exe",
        s.id, r.between(2500, 6000));
    t += r.between(400, 900);
    s.explorer = h.spawn(init, t, Img.EXPLORER, "C:\\Windows\\Explorer.EXE", s.id, s.end - t);
    h.trySpawn(b.userManager, t + r.between(50, 300), Img.SIHOST, "sihost.exe", s.id,
        s.life(t, FOREVER));
    h.trySpawn(b.schedule, t + r.between(300, 700), Img.TASKHOSTW,
        "taskhostw.exe {222A245B-E637-4AE9-A93F-A59CA119A75E}", s.id, s.life(t, FOREVER));
    h.trySpawn(b.tabletInput, t + r.between(300, 900), Img.CTFMON, "\"ctfmon.exe\"", s.id,
        s.life(t, FOREVER));
    h.trySpawn(b.dcom, t + r.between(900, 1500), Img.RUNTIMEBROKER,
        "C:\\Windows\\System32\\RuntimeBroker.exe -Embedding", s.id, s.life(t, FOREVER));
    String apps = "C:\\Windows\\SystemApps\\";
    h.trySpawn(b.dcom, t + r.between(1500, 2500), apps
        + "Microsoft.Windows.StartMenuExperienceHost_cw5n1h2txyewy\\StartMenuExperienceHost.exe",
        "\"" + apps + "Microsoft.Windows.StartMenuExperienceHost_cw5n1h2txyewy\\"
        + "StartMenuExperienceHost.exe\" -ServerName:App.AppXywbrabmsek0gm3tkwpr5kwzbs55tkqay.mca",
        s.id, s.life(t, FOREVER));
    if (h.workstation()) {
      h.trySpawn(b.dcom, t + r.between(2500, 3500), apps
          + "MicrosoftWindows.Client.CBS_cw5n1h2txyewy\\SearchHost.exe", "\"" + apps
          + "MicrosoftWindows.Client.CBS_cw5n1h2txyewy\\SearchHost.exe\" "
          + "-ServerName:CortanaUI.AppX8z9r6jm96hw4bsbneegw0kyxx296wr9t.mca", s.id,
          s.life(t, FOREVER));
      h.spawn(s.explorer, t + r.between(3500, 5000),
          "C:\\Windows\\System32\\SecurityHealthSystray.exe",
          "\"C:\\Windows\\System32\\SecurityHealthSystray.exe\" ", s.id, s.life(t, FOREVER));
    }
    h.spawn(s.explorer, t + r.between(5000, 6000),
        "C:\\Program Files\\VMware\\VMware Tools\\vmtoolsd.exe",
        "\"C:\\Program Files\\VMware\\VMware Tools\\vmtoolsd.exe\" -n vmusr", s.id,
        s.life(t, FOREVER));
  }

  private void apps(Session s) {
    WinHost h = s.host;
    Rng r = h.rng;
    long t = s.start + r.between(6 * T.SEC, 15 * T.SEC);
    String od = s.home() + "\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe";
    WinProc onedrive = h.spawn(s.explorer, t, od, Img.quoted(od) + " /background", s.id,
        s.life(t, FOREVER));
    every(r, t, onedrive.end(), 1.0, x -> net.connect(x, h.name, h.ip, "contoso-my.sharepoint.com",
        443, r.logNormal(20_000, 1.5), r.logNormal(15_000, 1.2), "OneDrive.exe", r, false));
    t += r.between(30 * T.SEC, 110 * T.SEC);
    s.outlook = h.spawn(s.explorer, t, Img.OUTLOOK, Img.quoted(Img.OUTLOOK) + " ", s.id,
        s.life(t, FOREVER));
    net.connect(t + 1500, h.name, h.ip, "login.microsoftonline.com", 443, r.between(3000, 6000),
        r.between(8000, 14000), "OUTLOOK.EXE", r, false);
    every(r, t + 2000, s.outlook.end(), 3.0, x -> net.connect(x, h.name, h.ip,
        "outlook.office365.com", 443, r.logNormal(4000, 1), r.logNormal(30_000, 1.3), "OUTLOOK.EXE",
        r, false));
    t += r.between(10 * T.SEC, 40 * T.SEC);
    WinProc teams = h.spawn(s.explorer, t, Img.TEAMS, Img.quoted(Img.TEAMS)
        + " msteams:system-initiated", s.id, s.life(t, FOREVER));
    String ud = s.home() + "\\AppData\\Local\\Packages\\MSTeams_8wekyb3d8bbwe\\LocalCache\\Microsoft"
        + "\\MSTeams\\EBWebView";
    WinProc wv = h.spawn(teams, t + r.between(1200, 2500), Img.WEBVIEW, Img.quoted(Img.WEBVIEW)
        + " --embedded-browser-webview=1 --webview-exe-name=ms-teams.exe \"--user-data-dir=" + ud
        + "\" --noerrdialogs --mojo-named-platform-channel-pipe=" + teams.pid + "."
        + r.between(1000, 9999) + "." + Long.toUnsignedString(r.nextLong() >>> 8), s.id,
        s.life(t, FOREVER));
    for (String type : new String[] {"gpu-process", "utility", "renderer"}) {
      h.spawn(wv, wv.start + r.between(200, 900), Img.WEBVIEW, Img.quoted(Img.WEBVIEW) + " --type="
          + type + " --embedded-browser-webview=1 --webview-exe-name=ms-teams.exe \"--user-data-dir="
          + ud + "\" --mojo-platform-channel-handle=" + r.between(1000, 5000) + " /prefetch:"
          + r.between(1, 8), s.id, s.life(wv.start, FOREVER));
    }
    every(r, wv.start + 5 * T.MIN, wv.end(), 1.5, x -> {
      if (s.active(x)) {
        h.trySpawn(wv, x, Img.WEBVIEW, Img.quoted(Img.WEBVIEW) + " --type=renderer "
            + "--embedded-browser-webview=1 --webview-exe-name=ms-teams.exe --renderer-client-id="
            + r.between(8, 90) + " --mojo-platform-channel-handle=" + r.between(1000, 9000)
            + " /prefetch:1", s.id, s.life(x, r.logNormal(10 * T.MIN, 1)));
      }
    });
    every(r, t + 3000, teams.end(), 4.0, x -> net.connect(x, h.name, h.ip, "teams.microsoft.com",
        443, r.logNormal(5000, 1), r.logNormal(20_000, 1.4), "ms-teams.exe", r, false));
    chrome(s, t + r.between(20 * T.SEC, 4 * T.MIN));
  }

  private void chrome(Session s, long t) {
    WinHost h = s.host;
    Rng r = h.rng;
    String q = Img.quoted(Img.CHROME);
    s.chrome = h.spawn(s.explorer, t, Img.CHROME, q + " ", s.id, s.life(t, FOREVER));
    s.chromeTrial = "--field-trial-handle=" + r.between(1800, 2100) + ",i,"
        + Long.toUnsignedString(r.nextLong()) + "," + Long.toUnsignedString(r.nextLong())
        + ",262144";
    String userData = s.home() + "\\AppData\\Local\\Google\\Chrome\\User Data";
    long x = t + r.between(80, 300);
    h.spawn(s.chrome, x, Img.CHROME, q + " --type=crashpad-handler \"--user-data-dir=" + userData
        + "\" /prefetch:4 --monitor-self-annotation=ptype=crashpad-handler \"--database="
        + userData + "\\Crashpad\" --url=https://clients2.google.com/cr/report "
        + "--annotation=plat=Win64 --annotation=prod=Chrome --annotation=ver=122.0.6261.112 "
        + "--initial-client-data=0x" + Integer.toHexString(r.between(0xf0, 0x130)) + ",0x"
        + Long.toHexString(0x7ff000000000L + r.between(0, 0xfffffffL)), s.id, s.life(x, FOREVER));
    x += r.between(200, 500);
    h.spawn(s.chrome, x, Img.CHROME, q + " --type=gpu-process " + s.chromeTrial
        + " --variations-seed-version --mojo-platform-channel-handle=" + r.between(1800, 2100)
        + " /prefetch:2", s.id, s.life(x, FOREVER));
    x += r.between(20, 80);
    h.spawn(s.chrome, x, Img.CHROME, q + " --type=utility --utility-sub-type=network.mojom."
        + "NetworkService --lang=en-US --service-sandbox-type=none " + s.chromeTrial
        + " --mojo-platform-channel-handle=" + r.between(2100, 2400) + " /prefetch:3", s.id,
        s.life(x, FOREVER));
    x += r.between(20, 80);
    h.spawn(s.chrome, x, Img.CHROME, q + " --type=utility --utility-sub-type=storage.mojom."
        + "StorageService --lang=en-US --service-sandbox-type=service " + s.chromeTrial
        + " --mojo-platform-channel-handle=" + r.between(2400, 2700) + " /prefetch:8", s.id,
        s.life(x, FOREVER));
    net.connect(x + 2000, h.name, h.ip, "update.googleapis.com", 443, r.between(1500, 3000),
        r.between(2000, 6000), "chrome.exe", r, false);
    every(r, x + 5 * T.SEC, s.chrome.end(), 32.0, y -> {
      if (s.active(y)) {
        renderer(s, y);
      }
    });
  }

  private void renderer(Session s, long t) {
    WinHost h = s.host;
    Rng r = h.rng;
    WinProc p = h.trySpawn(s.chrome, t, Img.CHROME, Img.quoted(Img.CHROME)
        + " --type=renderer --renderer-client-id=" + (s.rendererId++) + " --lang=en-US "
        + s.chromeTrial + " --mojo-platform-channel-handle=" + r.between(2800, 9000)
        + " /prefetch:1", s.id, s.life(t, r.logNormal(6 * T.MIN, 1.2)));
    if (p == null) {
      return;
    }
    List<String> sites = s.user.kind() == Topology.Kind.DEV
        ? List.of("github.com", "stackoverflow.com", "docs.python.org", "www.google.com",
            "pypi.org", "cdn.jsdelivr.net")
        : Topology.BROWSE;
    String site = r.pick(sites);
    if (s.user.name().equals("cwilliams") && T.dayOf(t) == 0 && r.chance(0.05)) {
      site = "ipinfo.io"; // the one indicator in the feed that also shows up, harmlessly
    }
    int n = r.chance(0.6) ? 1 : 2;
    for (int i = 0; i < n; i++) {
      net.connect(t + r.between(60, 4000), h.name, h.ip, i == 0 ? site : r.pick(sites), 443,
          r.logNormal(1500, .7), r.logNormal(45_000, 1.3), "chrome.exe", r, false);
    }
  }

  private void activity(Session s) {
    Rng r = s.host.rng;
    long from = s.start + 5 * T.MIN;
    long to = s.end - 5 * T.MIN;
    every(r, from, to, 1.5, t -> {
      if (s.active(t)) {
        openDocument(s, t, s.explorer);
      }
    });
    every(r, from, to, 0.15, t -> {
      if (s.active(t)) {
        openDocument(s, t, s.outlook);
      }
    });
    every(r, from, to, 2.0, t -> {
      if (s.active(t)) {
        misc(s, t);
      }
    });
    every(r, from, to, 0.4, t -> {
      if (s.active(t) && s.outlook.aliveAt(t)) {
        // a link clicked in a mail: Outlook starts the browser, which hands over and exits
        s.host.trySpawn(s.outlook, t, Img.CHROME, Img.quoted(Img.CHROME)
            + " --single-argument https://contoso.sharepoint.com/sites/intranet/news", s.id, 400);
      }
    });
    sessionHelpers(s, from, to);
    Topology.Kind k = s.user.kind();
    double rate = k == Topology.Kind.DEV || k == Topology.Kind.IT ? 1.4
        : k == Topology.Kind.FINANCE ? 0.4 : 0.3;
    every(r, from, to, rate, t -> {
      if (s.active(t)) {
        roleAction(s, t);
      }
    });
  }

  /** Short-lived helpers Windows starts in a user's session while it is in use. */
  private void sessionHelpers(Session s, long from, long to) {
    WinHost h = s.host;
    Rng r = h.rng;
    Boot b = s.boot;
    String apps = "C:\\Windows\\SystemApps\\";
    every(r, from, to, 3.0, t -> h.trySpawn(b.dcom, t, Img.BGTASKHOST,
        "\"C:\\Windows\\system32\\backgroundTaskHost.exe\" -ServerName:" + r.pickOf(
        "App.AppXmtcan0h2tfbfy7k9kmpxq0n3bqqagj3b.mca",
        "BackgroundTaskHost.WebAccountProvider",
        "CortanaUI.AppX8z9r6jm96hw4bsbneegw0kyxx296wr9t.mca"), s.id,
        r.between(3 * T.SEC, 90 * T.SEC)));
    if (b.searchIndexer != null) {
      // the indexer's per-user protocol host, named after the user's SID
      every(r, from, to, 3.0, t -> h.trySpawn(b.searchIndexer, t, Img.SEARCH_PROTOCOL,
          "\"C:\\Windows\\system32\\SearchProtocolHost.exe\" Global\\UsGthrFltPipeMssGthrPipe_"
          + s.user.account().sid() + r.between(100, 999) + " Global\\UsGthrCtrlFltPipeMssGthrPipe_"
          + s.user.account().sid() + r.between(100, 999) + " 1 -2147483646 \"Software\\Microsoft\\"
          + "Windows Search\" \"Mozilla/4.0 (compatible; MSIE 6.0; Windows NT; MS Search 4.0 Robot)\" "
          + "\"C:\\ProgramData\\Microsoft\\Search\\Data\\Temp\\usgthrsvc\" \"DownLevelDaemon\"  \"1\"",
          s.id, r.between(20 * T.SEC, 4 * T.MIN)));
    }
    every(r, from, to, 0.8, t -> h.trySpawn(b.dcom, t, Img.RUNTIMEBROKER,
        "C:\\Windows\\System32\\RuntimeBroker.exe -Embedding", s.id, r.between(T.MIN, 30 * T.MIN)));
    every(r, from, to, 0.6, t -> h.trySpawn(b.dcom, t, Img.SYS32 + "smartscreen.exe",
        "C:\\Windows\\System32\\smartscreen.exe -Embedding", s.id, r.between(5 * T.SEC, 5 * T.MIN)));
    every(r, from, to, 0.5, t -> h.trySpawn(b.dcom, t, Img.SYS32 + "CompPkgSrv.exe",
        "C:\\Windows\\System32\\CompPkgSrv.exe -Embedding", s.id, r.between(5 * T.SEC, 2 * T.MIN)));
    every(r, from, to, 0.4, t -> h.trySpawn(b.dcom, t, apps
        + "Microsoft.Windows.ShellExperienceHost_cw5n1h2txyewy\\ShellExperienceHost.exe", "\"" + apps
        + "Microsoft.Windows.ShellExperienceHost_cw5n1h2txyewy\\ShellExperienceHost.exe\" "
        + "-ServerName:App.AppXtk181tbxbce2qsex02s8tw7hfxa9xb3t.mca", s.id,
        r.between(30 * T.SEC, 20 * T.MIN)));
  }

  private static String[] documents(Session s) {
    String docs = s.home() + "\\Documents\\";
    return switch (s.user.kind()) {
      case FINANCE -> new String[] {"\\\\SRV-FILE01\\Finance\\Reports\\Q1-2026-forecast_v3.xlsx",
          "\\\\SRV-FILE01\\Finance\\AP\\vendor-payments-2026-02.xlsx",
          "\\\\SRV-FILE01\\Finance\\Board\\board-pack-2026.03.pptx", docs + "budget-FY26.xlsx",
          docs + "expense-policy-v2.1.docx"};
      case SALES -> new String[] {"\\\\SRV-FILE01\\Sales\\pipeline-Q1.xlsx",
          "\\\\SRV-FILE01\\Sales\\Proposals\\Fabrikam-proposal-v2.docx",
          docs + "customer-visits.xlsx"};
      case MARKETING -> new String[] {"\\\\SRV-FILE01\\Marketing\\Campaigns\\spring-launch.pptx",
          "\\\\SRV-FILE01\\Marketing\\brand-guidelines-3.0.pdf", docs + "social-calendar.xlsx"};
      case HR -> new String[] {"\\\\SRV-FILE01\\HR\\Onboarding\\checklist-2026.docx",
          "\\\\SRV-FILE01\\HR\\Payroll\\headcount-2026-02.xlsx", docs + "interview-notes.docx"};
      case DEV -> new String[] {"C:\\src\\billing-api\\docs\\design.docx",
          docs + "sprint-42-retro.docx"};
      default -> new String[] {"\\\\SRV-FILE01\\IT\\inventory-2026.xlsx",
          "\\\\SRV-FILE01\\IT\\network-diagram.pdf", docs + "oncall-rota.xlsx"};
    };
  }

  private void openDocument(Session s, long t, WinProc parent) {
    WinHost h = s.host;
    Rng r = h.rng;
    String file = r.pickOf(documents(s));
    if (parent == s.outlook) {
      file = s.home() + "\\AppData\\Local\\Microsoft\\Windows\\INetCache\\Content.Outlook\\"
          + r.hex(8).toUpperCase(java.util.Locale.ROOT) + "\\"
          + r.pickOf("invoice-4471.xlsx", "minutes.docx", "price-list-2026.xlsx", "agenda.docx");
    }
    String app = file.endsWith(".xlsx") ? Img.EXCEL : file.endsWith(".docx") ? Img.WINWORD
        : file.endsWith(".pptx") ? Img.POWERPNT
        : "C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\Acrobat.exe";
    WinProc p = h.trySpawn(parent, t, app, Img.quoted(app) + " \"" + file + "\"", s.id,
        s.life(t, r.logNormal(18 * T.MIN, .8)));
    if (p != null && file.startsWith("\\\\SRV-FILE01")) {
      net.flow(t + r.between(200, 900), h.name, h.ip, Net.ephemeral(r, false), Topology.FILE.ip(),
          445, "T", "O", r.logNormal(9000, .8), r.logNormal(900_000, 1.2), "System");
    }
  }

  private void misc(Session s, long t) {
    WinHost h = s.host;
    Rng r = h.rng;
    WinProc e = s.explorer;
    switch (r.nextInt(8)) {
      case 0 -> h.trySpawn(e, t, Img.NOTEPAD, "\"C:\\Windows\\system32\\NOTEPAD.EXE\" " + s.home()
          + "\\Documents\\" + r.pickOf("notes.txt", "todo-2026-03.txt", "meeting-notes_v1.2.3.txt",
          "config.ini", "setup.ps1"), s.id, s.life(t, r.between(2 * T.MIN, 40 * T.MIN)));
      case 1 -> cmdSession(s, t, r.between(1, 3), new String[][] {
          {"PING.EXE", "ping 10.20.1.20"}, {"ipconfig.exe", "ipconfig /all"},
          {"NETSTAT.EXE", "netstat -ano"}, {"nslookup.exe", "nslookup SRV-FILE01.contoso.local"},
          {"whoami.exe", "whoami"}, {"net.exe", "net use"}, {"gpupdate.exe", "gpupdate /force"},
          {"TRACERT.EXE", "tracert 10.20.2.10"}, {"HOSTNAME.EXE", "hostname"},
          {"systeminfo.exe", "systeminfo"}});
      case 2 -> h.trySpawn(e, t, Img.SYS32 + "calc.exe", "\"C:\\Windows\\system32\\calc.exe\" ",
          s.id, s.life(t, r.between(10 * T.SEC, 20 * T.MIN)));
      case 3 -> h.trySpawn(e, t, Img.SYS32 + "SnippingTool.exe",
          "\"C:\\Windows\\system32\\SnippingTool.exe\" ", s.id, s.life(t, r.between(20 * T.SEC,
          5 * T.MIN)));
      case 4 -> h.trySpawn(e, t, Img.SYS32 + "mspaint.exe", "\"C:\\Windows\\system32\\mspaint.exe\" ",
          s.id, s.life(t, r.between(T.MIN, 15 * T.MIN)));
      case 5 -> h.trySpawn(e, t, Img.SYS32 + "Taskmgr.exe", "\"C:\\Windows\\system32\\taskmgr.exe\" /4",
          s.id, s.life(t, r.between(30 * T.SEC, 10 * T.MIN)));
      case 6 -> h.trySpawn(e, t, "C:\\Program Files\\7-Zip\\7zFM.exe",
          "\"C:\\Program Files\\7-Zip\\7zFM.exe\" \"" + s.home() + "\\Downloads\\export-2026-03-0"
          + (T.dayOf(t) + 2) + ".zip\"", s.id, s.life(t, r.between(T.MIN, 8 * T.MIN)));
      default -> withConsole(h.trySpawn(e, t, Img.POWERSHELL, Img.quoted(Img.POWERSHELL) + " ",
          s.id, s.life(t, r.between(2 * T.MIN, 20 * T.MIN))));
    }
  }

  /** An interactive cmd.exe window running a few of the given {image, command line} programs. */
  private WinProc cmdSession(Session s, long t, int count, String[][] choices) {
    WinHost h = s.host;
    Rng r = h.rng;
    WinProc cmd = withConsole(h.trySpawn(s.explorer, t, Img.CMD,
        "\"C:\\Windows\\system32\\cmd.exe\" ", s.id, s.life(t, r.between(4 * T.MIN, 15 * T.MIN))));
    if (cmd == null) {
      return null;
    }
    long x = t + r.between(8 * T.SEC, 40 * T.SEC);
    for (int i = 0; i < count; i++) {
      String[] c = r.pickOf(choices);
      WinProc p = h.trySpawn(cmd, x, Img.SYS32 + c[0], c[1], s.id, r.between(300, 9000));
      if (p != null && c[1].startsWith("nslookup ")) {
        net.query(x + 40, h.ip, c[1].substring(9), "A");
      }
      if (p != null && c[0].equals("net.exe") && c[1].contains(" /domain")) {
        h.spawn(p, x + r.between(10, 40), Img.SYS32 + "net1.exe", "C:\\Windows\\system32\\net1 "
            + c[1].substring(4), s.id, r.between(200, 4000));
      }
      x += r.between(10 * T.SEC, 90 * T.SEC);
    }
    return cmd;
  }

  private WinProc psSession(Session s, long t, long life) {
    return withConsole(s.host.trySpawn(s.explorer, t, Img.POWERSHELL,
        Img.quoted(Img.POWERSHELL) + " ", s.id, s.life(t, life)));
  }

  private void roleAction(Session s, long t) {
    WinHost h = s.host;
    Rng r = h.rng;
    switch (s.user.kind()) {
      case DEV -> {
        if (r.chance(0.3)) {
          String code = s.home() + "\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe";
          h.trySpawn(s.explorer, t, code, Img.quoted(code) + " " + r.pickOf(
              "C:\\src\\billing-api\\README.md", "C:\\src\\billing-api\\setup.py",
              "C:\\src\\infra\\deploy.sh", "C:\\src\\billing-api\\app\\settings.py"), s.id,
              s.life(t, r.between(10 * T.MIN, 90 * T.MIN)));
          return;
        }
        WinProc ps = psSession(s, t, r.between(5 * T.MIN, 30 * T.MIN));
        if (ps == null) {
          return;
        }
        long x = t + r.between(10 * T.SEC, 60 * T.SEC);
        String git = "C:\\Program Files\\Git\\cmd\\git.exe";
        String py = "C:\\Python312\\python.exe";
        for (int i = r.between(1, 3); i > 0; i--) {
          switch (r.nextInt(5)) {
            case 0 -> h.trySpawn(ps, x, git, "\"" + git + "\" -C C:\\src\\billing-api checkout "
                + r.hex(40), s.id, r.between(300, 2000));
            case 1 -> {
              if (h.trySpawn(ps, x, git, "\"" + git + "\" pull --ff-only origin release/2.4.1",
                  s.id, r.between(1500, 6000)) != null) {
                net.connect(x + 300, h.name, h.ip, "github.com", 443, r.logNormal(4000, .5),
                    r.logNormal(90_000, 1), "git-remote-https.exe", r, false);
              }
            }
            case 2 -> h.trySpawn(ps, x, py, "\"" + py + "\" -m pytest tests\\ -q", s.id,
                r.between(5000, 60000));
            case 3 -> h.trySpawn(ps, x, py, "\"" + py + "\" setup.py bdist_wheel", s.id,
                r.between(3000, 20000));
            default -> {
              if (h.trySpawn(ps, x, py, "\"" + py + "\" -m pip install requests==2.31.0", s.id,
                  r.between(3000, 15000)) != null) {
                net.connect(x + 600, h.name, h.ip, "pypi.org", 443, r.logNormal(3000, .4),
                    r.logNormal(40_000, .6), "python.exe", r, false);
                net.connect(x + 1400, h.name, h.ip, "files.pythonhosted.org", 443,
                    r.logNormal(2000, .4), r.logNormal(300_000, .8), "python.exe", r, false);
              }
            }
          }
          x += r.between(20 * T.SEC, 3 * T.MIN);
        }
      }
      case IT -> {
        switch (r.nextInt(3)) {
          case 0 -> {
            if (h.trySpawn(s.explorer, t, Img.MMC, "\"C:\\Windows\\system32\\mmc.exe\" "
                + "\"C:\\Windows\\system32\\dsa.msc\"", s.id, s.life(t, r.between(2 * T.MIN,
                20 * T.MIN))) != null) {
              net.flow(t + 1200, h.name, h.ip, Net.ephemeral(r, false), Topology.DC.ip(), 389,
                  "T", "O", r.logNormal(8000, .6), r.logNormal(60_000, 1), "mmc.exe");
            }
          }
          case 1 -> cmdSession(s, t, r.between(1, 3), new String[][] {
              {"nltest.exe", "nltest /dsgetdc:contoso.local"}, {"gpresult.exe", "gpresult /r"},
              {"ipconfig.exe", "ipconfig /flushdns"}, {"PING.EXE", "ping -n 2 10.20.2.20"},
              {"net.exe", "net user hpatel /domain"}, {"repadmin.exe", "repadmin /replsummary"}});
          default -> {
            WinProc ps = psSession(s, t, r.between(3 * T.MIN, 20 * T.MIN));
            if (ps != null) {
              net.flow(t + r.between(20 * T.SEC, 90 * T.SEC), h.name, h.ip,
                  Net.ephemeral(r, false), Topology.DC.ip(), 9389, "T", "O",
                  r.logNormal(6000, .5), r.logNormal(40_000, 1), "powershell.exe");
            }
          }
        }
      }
      case FINANCE -> {
        String rep = "C:\\Tools\\ContosoReports\\report.exe";
        if (h.trySpawn(s.explorer, t, rep, Img.quoted(rep) + " --period 2026-02 --out C:\\Reports\\"
            + r.pickOf("AP-aging.pdf", "cashflow.xlsx", "report.exe.log"), s.id,
            s.life(t, r.between(20 * T.SEC, 4 * T.MIN))) != null) {
          net.flow(t + r.between(500, 3000), h.name, h.ip, Net.ephemeral(r, false),
              Topology.FILE.ip(), 445, "T", "O", r.logNormal(6000, .5), r.logNormal(2_000_000, 1),
              "System");
        }
      }
      default -> {
        String zoom = s.home() + "\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe";
        if (h.trySpawn(s.explorer, t, zoom, Img.quoted(zoom)
            + " \"--url=zoommtg://zoom.us/join?action=join&confno=8451" + r.between(1000000, 9999999)
            + "\"", s.id, s.life(t, r.between(15 * T.MIN, 50 * T.MIN))) != null) {
          net.connect(t + 900, h.name, h.ip, "zoom.us", 443, r.logNormal(2_000_000, .8),
              r.logNormal(9_000_000, .8), "Zoom.exe", r, false);
        }
      }
    }
  }

  /** Planned one-off events: admins at work, SSH sessions, a PUA install, a software rollout. */
  private void specials(Session s, int day) {
    WinHost h = s.host;
    Rng r = h.rng;
    switch (s.user.name()) {
      case "cwilliams" -> {
        if (day == 0) {
          long t = T.at(0, 9, 13, 41, 250);
          String setup = s.home() + "\\Downloads\\PDFConverterSetup.exe";
          WinProc p = h.spawn(s.explorer, t, setup, Img.quoted(setup) + " ", s.id, 48 * T.SEC);
          String setupHash = Hashes.sha256Hex("hunt4j sample: PDFConverterSetup.exe");
          out.alerts.add(new Alert(t + 31 * T.SEC, "Potentially unwanted application detected",
              "Low", "PDFConverterSetup.exe bundles adware (PUA:Win32/InstallCore). The file was "
              + "quarantined after execution.", h.name, "MDATP", "WindowsDefenderAv_PUA",
              new Alert.Entities().host(h.name).account(s.user.account()).process(p)
                  .file(setup, setupHash, Hashes.md5Hex("hunt4j sample: PDFConverterSetup.exe"))
                  .json(), "Execution"));
        }
      }
      case "asmith" -> {
        if (day == 2) {
          long t = T.at(2, 9, 40, 12, 811);
          String msi = "\\\\SRV-FILE01\\IT\\Software\\ContosoReports\\setup-10.0.19041.1.msi";
          h.spawn(s.explorer, t, Img.MSIEXEC, "\"C:\\Windows\\System32\\msiexec.exe\" /i \""
              + msi + "\" /qn", s.id, 25 * T.SEC);
          WinProc server = h.spawn(s.boot.services, t + 700, Img.MSIEXEC,
              "C:\\Windows\\system32\\msiexec.exe /V", h.system, 4 * T.MIN);
          h.spawn(server, t + 2100, "C:\\Windows\\SysWOW64\\msiexec.exe",
              "C:\\Windows\\syswow64\\MsiExec.exe -Embedding 5F1C2A3B4D5E6F708192A3B4C5D6E7F8 C",
              h.system, 90 * T.SEC);
          net.flow(t + 300, h.name, h.ip, Net.ephemeral(r, false), Topology.FILE.ip(), 445, "T",
              "O", 4200, 18_400_000, "System");
        }
      }
      case "dkim" -> {
        long[][] ssh = {{0, 10, 40, 15}, {0, 15, 20, 8}, {1, 11, 5, 20}, {2, 14, 30, 12}};
        for (long[] x : ssh) {
          if (x[0] == day) {
            ssh(s, T.at(day, (int) x[1], (int) x[2]) + r.between(0, 50_000), x[3] * T.MIN,
                "deploy", Topology.WEB, 0);
          }
        }
      }
      case "hpatel" -> {
        if (day == 0) {
          adminRdp(s, T.at(0, 14, 2) + r.between(0, 40_000), Topology.FILE.name(), 25);
          wmiQuery(s, T.at(0, 15, 10) + r.between(0, 40_000), "WKS-03");
        } else if (day == 1) {
          logonScript(s, T.at(1, 11, 30) + r.between(0, 40_000));
          ssh(s, T.at(1, 16, 0) + r.between(0, 40_000), 20 * T.MIN, "hpatel", Topology.DB, 1);
        } else {
          adminRdp(s, T.at(2, 9, 5) + r.between(0, 40_000), Topology.DC.name(), 20);
        }
      }
      default -> { }
    }
  }

  private void ssh(Session s, long t, long duration, String linuxUser, Topology.Host to,
      int kind) {
    WinHost h = s.host;
    Rng r = h.rng;
    WinProc ps = psSession(s, t, duration + 3 * T.MIN);
    long x = t + r.between(5 * T.SEC, 20 * T.SEC);
    String exe = "C:\\Windows\\System32\\OpenSSH\\ssh.exe";
    WinProc ssh = h.spawn(ps, x, exe, Img.quoted(exe) + " " + linuxUser + "@" + to.ip(), s.id,
        duration);
    int port = Net.ephemeral(r, false);
    net.flow(x + r.between(20, 60), h.name, h.ip, port, to.ip(), 22, "T", "O",
        r.logNormal(60_000, .6), r.logNormal(400_000, .8), "ssh.exe");
    out.ssh.add(new Output.SshSession(h.ip, port, linuxUser, to.name(), x + r.between(300, 700),
        ssh.end(), kind));
  }

  /** hpatel runs the domain's logon script by hand: PowerShell with -ExecutionPolicy Bypass. */
  private void logonScript(Session s, long t) {
    WinHost h = s.host;
    Rng r = h.rng;
    WinProc ps = withConsole(h.spawn(s.explorer, t, Img.POWERSHELL, Img.quoted(Img.POWERSHELL)
        + " -ExecutionPolicy Bypass -File \\\\contoso.local\\NETLOGON\\setup.ps1", s.id,
        40 * T.SEC));
    net.resolve(t + 200, h.ip, "contoso.local", r);
    net.flow(t + 260, h.name, h.ip, Net.ephemeral(r, false), Topology.DC.ip(), 445, "T", "O",
        3100, 14_200, "System");
    h.spawn(ps, t + 4100, Img.SYS32 + "reg.exe",
        "\"C:\\Windows\\system32\\reg.exe\" query HKLM\\SOFTWARE\\Contoso\\Agent /v Version", s.id,
        300);
    h.spawn(ps, t + 6900, Img.SYS32 + "gpupdate.exe", "\"C:\\Windows\\system32\\gpupdate.exe\" "
        + "/target:computer", s.id, 9 * T.SEC);
  }

  /** IT checks installed patches on a colleague's PC with WMIC: benign remote WMI. */
  private void wmiQuery(Session s, long t, String target) {
    WinHost h = s.host;
    Rng r = h.rng;
    WinHost dst = hosts.get(target);
    WinProc cmd = withConsole(h.spawn(s.explorer, t, Img.CMD, "\"C:\\Windows\\system32\\cmd.exe\" ",
        s.id, 6 * T.MIN));
    long x = t + r.between(15 * T.SEC, 40 * T.SEC);
    h.spawn(cmd, x, Img.WMIC, "wmic /node:" + target + " qfe list brief", s.id, 9 * T.SEC);
    net.resolve(x + 20, h.ip, target + ".contoso.local", r);
    net.flow(x + 60, h.name, h.ip, Net.ephemeral(r, false), dst.ip, 135, "T", "O", 1800, 1300,
        "WMIC.exe");
    net.flow(x + 160, h.name, h.ip, Net.ephemeral(r, false), dst.ip, 49668, "T", "O", 9000,
        41_000, "WMIC.exe");
    dst.logon(x + 120, 3, s.user.account(), "Kerberos", "Kerberos", h.ip, "-");
    Boot b = dst.bootAt(x);
    dst.trySpawn(b.dcom, x + 240, Img.WMIPRVSE,
        "C:\\Windows\\system32\\wbem\\wmiprvse.exe -secured -Embedding", dst.networkService,
        3 * T.MIN);
  }

  /** The IT admin's RDP session to a server with his admin account. */
  private void adminRdp(Session s, long t, String target, int minutes) {
    WinHost h = s.host;
    Rng r = h.rng;
    WinHost srv = hosts.get(target);
    long dur = minutes * T.MIN + r.between(0, 90_000);
    h.spawn(s.explorer, t, Img.MSTSC, "\"C:\\Windows\\system32\\mstsc.exe\" /v:" + target, s.id,
        dur + 30 * T.SEC);
    long lt = t + r.between(6 * T.SEC, 15 * T.SEC);
    net.resolve(lt - 2000, h.ip, target + ".contoso.local", r);
    net.flow(lt - 1500, h.name, h.ip, Net.ephemeral(r, false), srv.ip, 3389, "T", "O",
        r.logNormal(3_000_000, .5), r.logNormal(40_000_000, .5), "mstsc.exe");
    Topology.User adm = Topology.user("adm-hpatel");
    dcUser(lt - 700, adm.account(), h);
    long id = srv.logon(lt, 10, adm.account(), "User32", "Negotiate", h.ip, h.name);
    Session rs = rdpSession(srv, lt, lt + dur, adm, id, Identity.LIMITED);
    Identity elevated = new Identity(adm.account(), id, Identity.ELEVATED);
    long x = lt + r.between(20 * T.SEC, 60 * T.SEC);
    srv.spawn(rs.boot.schedule, x, Img.SYS32 + "ServerManager.exe",
        "\"C:\\Windows\\system32\\ServerManager.exe\" ", elevated, rs.life(x, FOREVER));
    x += r.between(2 * T.MIN, 5 * T.MIN);
    boolean dc = srv.info.role() == Topology.Role.DC;
    srv.spawn(rs.explorer, x, Img.MMC, "\"C:\\Windows\\system32\\mmc.exe\" \"C:\\Windows\\system32\\"
        + (dc ? "dsa.msc" : "fsmgmt.msc") + "\" ", elevated, rs.life(x, 8 * T.MIN));
    x += r.between(3 * T.MIN, 6 * T.MIN);
    WinProc ps = withConsole(srv.spawn(rs.explorer, x, Img.POWERSHELL, Img.quoted(Img.POWERSHELL)
        + " ", elevated, rs.life(x, 7 * T.MIN)));
    x += r.between(30 * T.SEC, 90 * T.SEC);
    if (dc) {
      srv.spawn(ps, x, Img.SYS32 + "repadmin.exe", "\"C:\\Windows\\system32\\repadmin.exe\" "
          + "/replsummary", elevated, 3 * T.SEC);
      srv.spawn(ps, x + r.between(40 * T.SEC, 90 * T.SEC), Img.SYS32 + "dcdiag.exe",
          "\"C:\\Windows\\system32\\dcdiag.exe\" /q", elevated, 40 * T.SEC);
      out.alerts.add(new Alert(lt + 55 * T.SEC, "RDP logon to a domain controller",
          "Informational", "CONTOSO\\adm-hpatel started a Remote Desktop session on WIN-DC01 from "
          + h.name + " (" + h.ip + ").", srv.name, "ASI Scheduled Alerts", "ASI_DcRdpLogon",
          new Alert.Entities().host(srv.name).account(adm.account()).ip(h.ip).json(),
          "LateralMovement"));
    } else {
      srv.spawn(ps, x, Img.SYS32 + "fsutil.exe", "\"C:\\Windows\\system32\\fsutil.exe\" volume "
          + "diskfree D:", elevated, 800);
    }
  }

  /**
   * A Remote Desktop session: its own smss.exe instance starts csrss.exe and winlogon.exe for the
   * new session, then userinit and explorer run as the user.
   */
  Session rdpSession(WinHost h, long t, long end, Topology.User u, long logonId,
      String elevation) {
    Rng r = h.rng;
    Boot b = h.bootAt(t);
    int n = b.nextSession++;
    Identity id = new Identity(u.account(), logonId, elevation);
    long x = t + r.between(300, 700);
    WinProc sm = h.spawn(b.smss, x, Img.SMSS, "\\SystemRoot\\System32\\smss.exe " + Fmt.hex8(n)
        + " " + Fmt.hex8(0x80 + 4L * r.between(1, 60)) + " ", h.system, r.between(900, 2000));
    h.spawn(sm, x + r.between(40, 120), Img.CSRSS, Img.CSRSS_CMD, h.system, end - x);
    WinProc wl = h.spawn(sm, x + r.between(150, 300), Img.WINLOGON, "winlogon.exe", h.system,
        end - x + 2000);
    x += r.between(400, 700);
    fontDriver(h, wl, x, n);
    h.spawn(wl, x + r.between(100, 300), Img.DWM, "\"dwm.exe\"", windowManager(h, x, n), end - x);
    Session s = new Session(h, b, u, id, t, end, end, end);
    s.winlogon = wl;
    sessions.add(s);
    shell(s, x + r.between(800, 1600));
    h.trySpawn(b.termService, x + r.between(2000, 3000), Img.RDPCLIP, "rdpclip", id,
        s.life(x, FOREVER));
    return s;
  }

  /** Staff on unmonitored laptops: the DC and the file server still see their logons. */
  private void remoteWorkers() {
    Rng r = seed.derive("win/laptops");
    WinHost dc = hosts.get(Topology.DC.name());
    WinHost fs = hosts.get(Topology.FILE.name());
    for (Topology.User u : Topology.USERS) {
      if (u.kind() != Topology.Kind.REMOTE) {
        continue;
      }
      String ip = Topology.laptopIp(u);
      for (int day = 0; day < SampleDataSet.DAYS; day++) {
        if (!r.chance(0.85)) {
          continue;
        }
        long t = T.at(day, 8, 0) + r.between(0, 90 * T.MIN);
        long end = T.at(day, 16, 30) + r.between(0, 90 * T.MIN);
        dc.logon(t, 3, u.account(), "Kerberos", "Kerberos", ip, "-");
        every(r, t, end, 0.9, x -> dc.logon(x, 3, u.account(), "Kerberos", "Kerberos", ip, "-"));
        every(r, t, end, 0.4, x -> fs.logon(x, 3, u.account(), "Kerberos", "Kerberos", ip, "-"));
      }
    }
  }
}
