package dev.hunt4j.samples;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The local threat-intel feed: the story's indicators, fifty decoys that occur nowhere in the
 * logs (so a lookup that matches them is a bug), and one informational indicator that does occur,
 * harmlessly.
 */
final class IocFeed {
  static final String[] COLUMNS = {"Ioc", "IocType", "Severity", "Source", "Description",
      "FirstSeen"};

  /** One indicator. */
  record Ioc(String ioc, String type, String severity, String source, String description,
      long firstSeen) {}

  private IocFeed() {}

  static List<Ioc> indicators(Rng r) {
    List<Ioc> l = new ArrayList<>();
    long d = T.DAY;
    l.add(new Ioc(SampleDataSet.MALICIOUS_DOMAIN, "dns", "high", "Contoso CTI",
        "Loader and C2 domain seen in intrusions against finance teams", T.START - 12 * d + 31_402_118));
    l.add(new Ioc(SampleDataSet.C2_IP, "ipv4", "high", "Contoso CTI",
        "C2 server resolving from nvcdn-sync.net", T.START - 11 * d + 52_113_009));
    l.add(new Ioc(SampleDataSet.PAYLOAD_URL, "url", "high", "Partner ISAC",
        "PowerShell download cradle stage 2", T.START - 9 * d + 40_220_731));
    l.add(new Ioc(SampleDataSet.PAYLOAD_SHA256, "sha256", "high", "Sandbox",
        "svc-upd.exe loader (beacons over HTTPS every ~5 minutes)", T.START - 9 * d + 61_907_554));
    l.add(new Ioc(SampleDataSet.PAYLOAD_MD5, "md5", "high", "Sandbox", "svc-upd.exe loader",
        T.START - 9 * d + 61_907_554));
    l.add(new Ioc(SampleDataSet.DLL_SHA256, "sha256", "warning", "Sandbox",
        "DLL side-loaded with rundll32 ... ,DllRegisterServer by the same actor",
        T.START - 7 * d + 12_334_870));
    l.add(new Ioc(SampleDataSet.ATTACKER_IP, "ipv4", "warning", "OSINT",
        "VPS seen password-spraying Microsoft 365 and on-premises AD", T.START - 4 * d + 73_999_120));
    l.add(new Ioc("ipinfo.io", "dns", "information", "OSINT",
        "IP geolocation service; legitimate, but malware uses it to profile victims",
        T.START - 60 * d));

    String[] ips = {"192.0.2.101", "192.0.2.117", "192.0.2.134", "192.0.2.158", "192.0.2.203",
        "192.0.2.245", "198.51.100.142", "198.51.100.177", "198.51.100.219", "203.0.113.108",
        "203.0.113.164", "203.0.113.231"};
    String[] domains = {"secure-docview.com", "invoice-portal-update.net", "m1crosoft-auth.com",
        "dropbox-sharefile.org", "wsus-patch-mirror.com", "okta-verify-login.net",
        "adobe-reader-update.info", "teams-meeting-join.net", "payroll-contoso.com",
        "cloudfront-static-cdn.org", "helpdesk-ticket-portal.com", "office365-storage.net",
        "docusign-envelope.co", "gstatic-fonts-cdn.net"};
    String[] urls = {"http://secure-docview.com/view.php?id=88231",
        "https://invoice-portal-update.net/inv/2026/03/INV-4471.zip",
        "http://wsus-patch-mirror.com/kb5034441.exe", "https://okta-verify-login.net/login",
        "http://198.51.100.177/a.ps1", "http://203.0.113.164:8080/stage2.bin",
        "https://teams-meeting-join.net/j/19-meeting", "http://adobe-reader-update.info/AcroRdrDC2400.exe"};
    String[] severities = {"high", "warning", "warning", "information"};
    String[] sources = {"Contoso CTI", "Partner ISAC", "OSINT", "Sandbox"};
    String[] ipWhy = {"Cobalt Strike team server", "Phishing kit host", "Scanner", "Tor exit relay",
        "Brute-force source"};
    String[] domainWhy = {"Credential phishing", "Malware distribution", "Typosquat", "C2 domain"};
    for (String ip : ips) {
      l.add(decoy(r, ip, "ipv4", severities, sources, r.pickOf(ipWhy)));
    }
    for (String dom : domains) {
      l.add(decoy(r, dom, "dns", severities, sources, r.pickOf(domainWhy)));
    }
    for (String url : urls) {
      l.add(decoy(r, url, "url", severities, sources, "Malicious download or phishing page"));
    }
    for (int i = 0; i < 10; i++) {
      l.add(decoy(r, r.hex(64), "sha256", severities, sources, r.pickOf("Emotet loader",
          "Qakbot DLL", "AsyncRAT", "Info-stealer", "Ransomware encryptor")));
    }
    for (int i = 0; i < 6; i++) {
      l.add(decoy(r, r.hex(32), "md5", severities, sources, r.pickOf("Malicious macro document",
          "Dropper", "Keylogger")));
    }
    l.sort(Comparator.comparingLong(Ioc::firstSeen).thenComparing(Ioc::ioc));
    return l;
  }

  private static Ioc decoy(Rng r, String ioc, String type, String[] severities, String[] sources,
      String why) {
    long seen = T.START - r.between(5 * T.DAY, 120 * T.DAY) + r.between(0, 999);
    return new Ioc(ioc, type, r.pickOf(severities), r.pickOf(sources), why, seen);
  }

  static byte[] csv(List<Ioc> iocs) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.join(",", COLUMNS)).append("\r\n");
    for (Ioc i : iocs) {
      String[] v = {i.ioc(), i.type(), i.severity(), i.source(), i.description(),
          Fmt.iso(i.firstSeen())};
      for (int k = 0; k < v.length; k++) {
        if (k > 0) {
          sb.append(',');
        }
        Fmt.csvField(sb, v[k]);
      }
      sb.append("\r\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
