package dev.hunt4j.samples;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The fictitious company: hosts, addresses, accounts, and the outside names they resolve. */
final class Topology {
  static final String DOMAIN = "CONTOSO";
  static final String DNS_DOMAIN = "contoso.local";
  static final String DOMAIN_SID = "S-1-5-21-3623811015-3361044348-30300820";
  /** Backup appliance: target of the nightly backups, not itself logged. */
  static final String NAS_IP = "10.20.1.40";

  enum Role { DC, FILE_SERVER, WORKSTATION, LINUX_WEB, LINUX_DB }

  /** A monitored host with its fixed address. */
  record Host(String name, String ip, Role role) {}

  enum Kind { FINANCE, SALES, MARKETING, DEV, HR, IT, ADMIN, SERVICE, REMOTE, BUILTIN }

  /** A domain account; {@code desk} is the workstation it works at, if any. */
  record User(String name, String fullName, int rid, Kind kind, String desk) {
    Account account() {
      return new Account(DOMAIN, name, DOMAIN_SID + "-" + rid);
    }
  }

  static final Host DC = new Host("WIN-DC01", "10.20.1.10", Role.DC);
  static final Host FILE = new Host("SRV-FILE01", "10.20.1.20", Role.FILE_SERVER);
  static final Host WEB = new Host("LNX-WEB01", "10.20.2.10", Role.LINUX_WEB);
  static final Host DB = new Host("LNX-DB01", "10.20.2.20", Role.LINUX_DB);

  static final List<Host> WINDOWS = List.of(DC, FILE,
      new Host("WKS-01", "10.20.10.101", Role.WORKSTATION),
      new Host("WKS-02", "10.20.10.102", Role.WORKSTATION),
      new Host("WKS-03", "10.20.10.103", Role.WORKSTATION),
      new Host("WKS-04", "10.20.10.104", Role.WORKSTATION),
      new Host("WKS-05", "10.20.10.105", Role.WORKSTATION),
      new Host("WKS-06", "10.20.10.106", Role.WORKSTATION),
      new Host("WKS-07", "10.20.10.107", Role.WORKSTATION),
      new Host("WKS-08", "10.20.10.108", Role.WORKSTATION));
  static final List<Host> LINUX = List.of(WEB, DB);

  static final List<User> USERS = List.of(
      new User("Administrator", "Built-in administrator", 500, Kind.BUILTIN, null),
      new User("asmith", "Alice Smith", 1104, Kind.FINANCE, "WKS-01"),
      new User("bjohnson", "Ben Johnson", 1105, Kind.SALES, "WKS-02"),
      new User("cwilliams", "Chloe Williams", 1106, Kind.MARKETING, "WKS-03"),
      new User("dkim", "Daniel Kim", 1107, Kind.DEV, "WKS-04"),
      new User("egarcia", "Elena Garcia", 1108, Kind.HR, "WKS-05"),
      new User("fnguyen", "Frank Nguyen", 1109, Kind.FINANCE, "WKS-06"),
      new User("mlopez", "Maria Lopez", 1110, Kind.FINANCE, "WKS-07"),
      new User("hpatel", "Hari Patel", 1111, Kind.IT, "WKS-08"),
      new User("adm-hpatel", "Hari Patel (admin)", 1112, Kind.ADMIN, null),
      new User("svc_backup", "Backup service", 1113, Kind.SERVICE, null),
      new User("jmartinez", "Jorge Martinez", 1115, Kind.REMOTE, null),
      new User("klee", "Kim Lee", 1116, Kind.REMOTE, null),
      new User("lwhite", "Laura White", 1117, Kind.REMOTE, null),
      new User("nharris", "Noah Harris", 1118, Kind.REMOTE, null),
      new User("oclark", "Olivia Clark", 1119, Kind.REMOTE, null),
      new User("plewis", "Paul Lewis", 1120, Kind.REMOTE, null),
      new User("rwalker", "Rita Walker", 1121, Kind.REMOTE, null),
      new User("shall", "Sam Hall", 1122, Kind.REMOTE, null),
      new User("tallen", "Tom Allen", 1123, Kind.REMOTE, null),
      new User("vyoung", "Vera Young", 1124, Kind.REMOTE, null),
      new User("wking", "Will King", 1125, Kind.REMOTE, null),
      new User("xwright", "Xena Wright", 1126, Kind.REMOTE, null),
      new User("yscott", "Yusuf Scott", 1127, Kind.REMOTE, null),
      new User("zgreen", "Zoe Green", 1128, Kind.REMOTE, null));

  /** Names the password spray tried that do not exist in the domain (SubStatus 0xc0000064). */
  static final List<String> SPRAY_NONEXISTENT =
      List.of("admin", "test", "backup", "scanner", "helpdesk", "user1", "sqladmin");

  /** Laptops on the VPN pool that are not monitored themselves; only the DC sees them. */
  static String laptopIp(User u) {
    return "10.20.20." + (u.rid() - 1100);
  }

  static User user(String name) {
    for (User u : USERS) {
      if (u.name().equals(name)) {
        return u;
      }
    }
    throw new IllegalArgumentException(name);
  }

  static Host host(String name) {
    for (Host h : WINDOWS) {
      if (h.name().equals(name)) {
        return h;
      }
    }
    for (Host h : LINUX) {
      if (h.name().equals(name)) {
        return h;
      }
    }
    throw new IllegalArgumentException(name);
  }

  /** A/AAAA answers the DNS server gives; lookup only, never iterated (order-free). */
  private static final Map<String, String[]> ANSWERS = new HashMap<>();

  static {
    String[][] table = {
        {"www.google.com", "142.250.180.4"},
        {"fonts.googleapis.com", "142.250.179.202"},
        {"update.googleapis.com", "142.250.180.3"},
        {"clients2.google.com", "142.250.178.14"},
        {"www.bing.com", "13.107.21.200", "204.79.197.200"},
        {"outlook.office365.com", "52.97.146.2", "52.97.211.162", "40.99.10.18"},
        {"login.microsoftonline.com", "20.190.160.14", "40.126.32.74"},
        {"teams.microsoft.com", "52.113.194.132"},
        {"contoso.sharepoint.com", "13.107.136.10"},
        {"contoso-my.sharepoint.com", "13.107.136.11"},
        {"settings-win.data.microsoft.com", "20.42.73.29"},
        {"v10.events.data.microsoft.com", "20.42.65.92"},
        {"wdcp.microsoft.com", "20.44.10.123"},
        {"definitionupdates.microsoft.com", "20.150.45.33"},
        {"fe2cr.update.microsoft.com", "20.72.205.209"},
        {"ctldl.windowsupdate.com", "93.184.221.240"},
        {"www.msftconnecttest.com", "13.107.4.52"},
        {"time.windows.com", "168.61.215.74"},
        {"github.com", "140.82.121.4"},
        {"api.github.com", "140.82.121.6"},
        {"pypi.org", "151.101.0.223"},
        {"files.pythonhosted.org", "151.101.1.63"},
        {"docs.python.org", "151.101.128.223"},
        {"stackoverflow.com", "104.18.32.7"},
        {"www.bbc.co.uk", "151.101.64.81"},
        {"www.linkedin.com", "13.107.42.14"},
        {"www.salesforce.com", "104.109.10.75"},
        {"contoso.my.salesforce.com", "85.222.137.12"},
        {"zoom.us", "170.114.52.2"},
        {"cdn.jsdelivr.net", "104.16.85.20"},
        {"www.amazon.de", "99.86.4.91"},
        {"www.wikipedia.org", "185.15.59.224"},
        {"www.reuters.com", "23.55.161.83"},
        {"mail.google.com", "142.250.179.197"},
        {"ipinfo.io", "34.117.59.81"},
        {"apt.example.net", "151.101.2.132", "151.101.66.132"},
        {"security.apt.example.net", "151.101.194.132"},
        {"0.debian.pool.ntp.org", "185.125.190.57"},
        {SampleDataSet.MALICIOUS_DOMAIN, SampleDataSet.C2_IP},
        {"WIN-DC01.contoso.local", "10.20.1.10"},
        {"contoso.local", "10.20.1.10"},
        {"SRV-FILE01.contoso.local", "10.20.1.20"},
        {"LNX-WEB01.contoso.local", "10.20.2.10"},
        {"LNX-DB01.contoso.local", "10.20.2.20"},
        {"_ldap._tcp.dc._msdcs.contoso.local", "10.20.1.10"},
        {"_kerberos._tcp.Default-First-Site-Name._sites.dc._msdcs.contoso.local", "10.20.1.10"},
    };
    for (String[] row : table) {
      ANSWERS.put(row[0], java.util.Arrays.copyOfRange(row, 1, row.length));
    }
  }

  /** The addresses a name resolves to, or null for NXDOMAIN. */
  static String[] resolve(String name) {
    String[] a = ANSWERS.get(name);
    return a == null ? null : a.clone();
  }

  /** Sites people browse, more popular ones listed more than once. */
  static final List<String> BROWSE = List.of("www.google.com", "www.google.com", "www.google.com",
      "fonts.googleapis.com", "www.bing.com", "login.microsoftonline.com", "contoso.sharepoint.com",
      "contoso.sharepoint.com", "www.linkedin.com", "www.bbc.co.uk", "www.reuters.com",
      "www.wikipedia.org", "cdn.jsdelivr.net", "www.amazon.de", "zoom.us", "mail.google.com",
      "stackoverflow.com");

  /** First two octets of networks scanning the internet for SSH (not documentation ranges). */
  static final List<String> SCANNER_NETS = List.of("61.177", "45.33", "89.248", "103.145",
      "141.98", "159.89", "167.94", "185.156", "193.32", "218.92");
  /** First two octets of the public web site's visitors. */
  static final List<String> CLIENT_NETS = List.of("81.2", "86.12", "92.40", "109.150", "151.228",
      "176.24", "2.120", "31.94", "5.81", "82.132", "90.218", "77.99");

  private Topology() {}
}
