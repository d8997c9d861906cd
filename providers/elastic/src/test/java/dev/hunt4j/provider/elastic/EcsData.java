package dev.hunt4j.provider.elastic;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deterministic ECS test documents, shaped like what Elastic Defend, Winlogbeat (Sysmon and Security), the System
 * integration, Packetbeat and Kibana's detection engine write, indexed under their usual index names. The counts below
 * are what the tests expect from the built-in queries.
 */
final class EcsData {
    static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");
    static final String PROCESS_INDEX = "logs-endpoint.events.process-default";
    static final String WINLOGBEAT_INDEX = "winlogbeat-8.19.0";
    static final String AUTH_INDEX = "logs-system.auth-default";
    static final String PACKETBEAT_INDEX = "packetbeat-8.19.0";
    static final String ALERTS_INDEX = ".alerts-security.alerts-default";
    static final String ENDPOINT_ALERTS_INDEX = "logs-endpoint.alerts-default";
    static final String TCK_INDEX = "hunt4j-tck";
    static final String PAGING_INDEX = "hunt4j-paging";
    static final String TYPES_INDEX = "hunt4j-types";

    static final String[] HOSTS = {"wks-01.contoso.com", "wks-02.contoso.com", "wks-03.contoso.com", "wks-07.contoso.com",
        "srv-db"};
    static final String[] USERS = {"alice", "bob", "svc-backup", "carol"};

    /** Process starts per host index in {@link #PROCESS_INDEX} (60 docs: 12 per host) plus 10 Sysmon 1 in Winlogbeat. */
    static final int DEFEND_PROCESSES = 60;
    static final int SYSMON_PROCESSES = 10;
    static final int LOGONS_OK_WIN = 15;
    static final int LOGONS_FAILED_WIN = 8;
    static final int LOGONS_OK_LINUX = 5;
    static final int LOGONS_FAILED_LINUX = 6;
    static final int SYSMON_NETWORK = 10;
    static final int SYSMON_DNS = 10;
    static final int PACKETBEAT_FLOWS = 20;
    static final int PACKETBEAT_DNS = 15;
    static final int KIBANA_ALERTS = 6;
    static final int ENDPOINT_ALERTS = 3;
    static final int TCK_DOCS = 72;

    private EcsData() {
    }

    /** An index template giving every test index ECS-like mappings (strings as keyword, addresses as ip). */
    static String template() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("@timestamp", Json.object("type", "date"));
        props.put("event", Json.object("properties", Json.object("created", Json.object("type", "date"))));
        for (String group : List.of("source", "destination", "client", "server")) {
            props.put(group, Json.object("properties", Json.object("ip", Json.object("type", "ip"))));
        }
        props.put("host", Json.object("properties", Json.object("ip", Json.object("type", "ip"))));
        props.put("related", Json.object("properties", Json.object("ip", Json.object("type", "ip"))));
        props.put("dns", Json.object("properties", Json.object("resolved_ip", Json.object("type", "ip"))));
        props.put("winlog", Json.object("properties", Json.object("event_data", Json.object("type", "object", "enabled", false))));
        Map<String, Object> mappings = Json.object(
                "dynamic_templates", List.of(Json.object("strings_as_keyword", Json.object("match_mapping_type", "string",
                        "mapping", Json.object("type", "keyword", "ignore_above", 1024)))),
                "properties", props);
        return Json.write(Json.object("index_patterns", List.of("logs-*", "winlogbeat-*", "packetbeat-*", "auditbeat-*",
                        "filebeat-*", ".alerts-security.alerts-*", "hunt4j-*"),
                "priority", 500,
                "template", Json.object("settings", Json.object("number_of_shards", 1, "number_of_replicas", 0),
                        "mappings", mappings)));
    }

    /** Loads the ECS data set into the node (once). */
    static void load(RealNode node) {
        node.once("ecs", () -> {
            node.call("PUT", "/_index_template/hunt4j-ecs-test", template());
            // Kibana creates its alerts index hidden; a .-pattern must still find it
            node.call("PUT", "/" + ALERTS_INDEX, Json.write(Json.object("settings", Json.object("index.hidden", true))));
            StringBuilder bulk = new StringBuilder();
            defendProcesses(bulk);
            winlogbeat(bulk);
            linuxAuth(bulk);
            packetbeat(bulk);
            alerts(bulk);
            tck(bulk);
            node.bulk(bulk);
        });
    }

    private static void add(StringBuilder bulk, String index, Map<String, Object> doc) {
        bulk.append(Json.write(Json.object("index", Json.object("_index", index)))).append('\n');
        bulk.append(Json.write(doc)).append('\n');
    }

    static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private static Map<String, Object> host(String name) {
        boolean linux = name.startsWith("srv");
        return Json.object("name", name, "hostname", name.split("\\.")[0], "os", Json.object("family", linux ? "linux" : "windows"),
                "ip", List.of("10.0.0." + (10 + List.of(HOSTS).indexOf(name)), "fe80::" + (10 + List.of(HOSTS).indexOf(name))));
    }

    private static void defendProcesses(StringBuilder bulk) {
        String[][] programs = {
            {"C:\\Windows\\System32\\cmd.exe", "cmd.exe", "cmd.exe /c whoami"},
            {"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "powershell.exe",
                "powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAKQA="},
            {"C:\\Program Files\\Mozilla Firefox\\firefox.exe", "firefox.exe", "\"C:\\Program Files\\Mozilla Firefox\\firefox.exe\" -url \"https://example.org/?q=a&b=\\\"c\\\"\""},
            {"C:\\Windows\\System32\\svchost.exe", "svchost.exe", "svchost.exe -k netsvcs -p"},
        };
        for (int i = 0; i < DEFEND_PROCESSES; i++) {
            String h = HOSTS[i % HOSTS.length];
            String[] prog = programs[i % programs.length];
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("@timestamp", at(i * 37).toString());
            doc.put("event", Json.object("category", List.of("process"), "type", List.of("start"), "action", "start",
                    "kind", "event", "created", at(i * 37 + 1).toString()));
            doc.put("host", host(h));
            doc.put("user", Json.object("name", USERS[i % USERS.length], "domain", "CONTOSO", "id", "S-1-5-21-1004-" + (1000 + i % 4)));
            doc.put("process", Json.object("pid", 4000L + i, "name", prog[1], "executable", prog[0], "command_line", prog[2],
                    "args", List.of(prog[1], "arg" + i), "hash", Json.object("sha256", sha(i)),
                    "parent", Json.object("pid", 600L + i % 3, "executable", "C:\\Windows\\explorer.exe")));
            // Elastic Agent writes some keys with dots in them rather than as nested objects
            doc.put("data_stream.type", "logs");
            doc.put("data_stream.dataset", "endpoint.events.process");
            add(bulk, PROCESS_INDEX, doc);
        }
    }

    static String sha(int i) {
        return String.format("%064x", 0xabcdefL * (i + 1));
    }

    private static void winlogbeat(StringBuilder bulk) {
        for (int i = 0; i < SYSMON_PROCESSES; i++) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("@timestamp", at(5 + i * 61).toString());
            doc.put("event", Json.object("category", List.of("process"), "type", List.of("start"), "code", "1",
                    "action", "Process Create (rule: ProcessCreate)", "kind", "event"));
            doc.put("host", host(HOSTS[3]));
            doc.put("user", Json.object("name", "bob", "domain", "CONTOSO"));
            doc.put("process", Json.object("pid", 7000L + i, "name", "rundll32.exe", "executable", "C:\\Windows\\System32\\rundll32.exe",
                    "command_line", "rundll32.exe C:\\Users\\bob\\AppData\\Local\\Temp\\x" + i + ".dll,Start",
                    "parent", Json.object("pid", 4001L, "executable", "C:\\Windows\\System32\\cmd.exe")));
            doc.put("winlog", Json.object("channel", "Microsoft-Windows-Sysmon/Operational", "event_id", "1",
                    "event_data", Json.object("RuleName", "-", "IntegrityLevel", "Medium", "Hashes", "SHA256=" + sha(100 + i))));
            add(bulk, WINLOGBEAT_INDEX, doc);
        }
        for (int i = 0; i < LOGONS_OK_WIN + LOGONS_FAILED_WIN; i++) {
            boolean ok = i < LOGONS_OK_WIN;
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("@timestamp", at(11 + i * 53).toString());
            doc.put("event", Json.object("category", List.of("authentication"), "type", List.of(ok ? "start" : "info"),
                    "outcome", ok ? "success" : "failure", "code", ok ? "4624" : "4625", "action", ok ? "logged-in" : "logon-failed",
                    "kind", "event"));
            doc.put("host", host(HOSTS[i % 4]));
            doc.put("user", Json.object("name", ok ? USERS[i % 2] : "administrator", "domain", "CONTOSO"));
            doc.put("source", Json.object("ip", ok ? "10.0.0." + (50 + i % 3) : "203.0.113.66", "port", 50000L + i));
            doc.put("winlog", Json.object("channel", "Security", "event_id", ok ? "4624" : "4625",
                    "logon", Json.object("type", i % 3 == 0 ? "RemoteInteractive" : "Network")));
            add(bulk, WINLOGBEAT_INDEX, doc);
        }
        for (int i = 0; i < SYSMON_NETWORK; i++) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("@timestamp", at(17 + i * 47).toString());
            doc.put("event", Json.object("category", List.of("network"), "type", List.of("connection", "start"), "code", "3",
                    "kind", "event"));
            doc.put("host", host(HOSTS[3]));
            doc.put("process", Json.object("pid", 4001L, "name", "powershell.exe"));
            doc.put("source", Json.object("ip", "10.0.0.13", "port", 51000L + i));
            doc.put("destination", Json.object("ip", i % 2 == 0 ? "198.51.100.7" : "10.0.0.14", "port", i % 2 == 0 ? 443L : 445L));
            doc.put("network", Json.object("transport", "tcp", "direction", "egress"));
            add(bulk, WINLOGBEAT_INDEX, doc);
        }
        for (int i = 0; i < SYSMON_DNS; i++) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("@timestamp", at(19 + i * 43).toString());
            doc.put("event", Json.object("category", List.of("network"), "type", List.of("protocol", "info"), "code", "22",
                    "kind", "event"));
            doc.put("host", host(HOSTS[3]));
            doc.put("process", Json.object("pid", 4001L, "name", "powershell.exe"));
            doc.put("dns", Json.object("question", Json.object("name", i % 2 == 0 ? "evil.example.net" : "cdn.evil.example.net",
                    "type", "A"), "resolved_ip", List.of("198.51.100.7")));
            add(bulk, WINLOGBEAT_INDEX, doc);
        }
    }

    private static void linuxAuth(StringBuilder bulk) {
        for (int i = 0; i < LOGONS_OK_LINUX + LOGONS_FAILED_LINUX; i++) {
            boolean ok = i < LOGONS_OK_LINUX;
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("@timestamp", at(23 + i * 59).toString());
            doc.put("event", Json.object("category", List.of("authentication"), "type", List.of(ok ? "start" : "info"),
                    "outcome", ok ? "success" : "failure", "action", "ssh_login", "kind", "event"));
            doc.put("host", host("srv-db"));
            doc.put("user", Json.object("name", ok ? "carol" : "root"));
            doc.put("source", Json.object("ip", ok ? "10.0.0.50" : "203.0.113.66", "port", 40000L + i));
            doc.put("system", Json.object("auth", Json.object("ssh", Json.object("method", "password"))));
            add(bulk, AUTH_INDEX, doc);
        }
    }

    private static void packetbeat(StringBuilder bulk) {
        for (int i = 0; i < PACKETBEAT_FLOWS; i++) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("@timestamp", at(29 + i * 31).toString());
            doc.put("event", Json.object("category", List.of("network"), "type", List.of("connection"), "kind", "event",
                    "dataset", "flow"));
            doc.put("host", host(HOSTS[i % 3]));
            doc.put("source", Json.object("ip", "10.0.0." + (10 + i % 3), "port", 52000L + i, "bytes", 1000L + i));
            doc.put("destination", Json.object("ip", i % 4 == 0 ? "198.51.100.7" : "93.184.216.34", "port", i % 5 == 0 ? 22L : 443L,
                    "bytes", 20000L + i));
            doc.put("network", Json.object("transport", "tcp", "direction", "egress"));
            add(bulk, PACKETBEAT_INDEX, doc);
        }
        for (int i = 0; i < PACKETBEAT_DNS; i++) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("@timestamp", at(31 + i * 29).toString());
            doc.put("event", Json.object("category", List.of("network"), "type", List.of("protocol"), "kind", "event",
                    "dataset", "dns"));
            doc.put("host", host(HOSTS[i % 3]));
            doc.put("source", Json.object("ip", "10.0.0." + (10 + i % 3)));
            doc.put("dns", Json.object("question", Json.object("name", i % 3 == 0 ? "www.example.org" : "Evil.Example.NET", "type", "A"),
                    "resolved_ip", List.of("93.184.216.34", "93.184.216.35"), "response_code", "NOERROR"));
            add(bulk, PACKETBEAT_INDEX, doc);
        }
    }

    private static void alerts(StringBuilder bulk) {
        String[] severities = {"low", "medium", "high", "critical", "high", "medium"};
        for (int i = 0; i < KIBANA_ALERTS; i++) {
            // Kibana writes alert fields with dotted keys at the top level
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("@timestamp", at(41 + i * 97).toString());
            doc.put("event.kind", "signal");
            doc.put("kibana.alert.uuid", "alert-" + i);
            doc.put("kibana.alert.rule.name", i % 2 == 0 ? "Suspicious PowerShell Encoded Command" : "Brute Force Logons");
            doc.put("kibana.alert.severity", severities[i]);
            doc.put("kibana.alert.risk_score", 21.0 + i * 15.5);
            doc.put("host", Json.object("name", HOSTS[i % 4]));
            doc.put("user", Json.object("name", USERS[i % 2]));
            doc.put("process", Json.object("executable", "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
                    "command_line", "powershell.exe -enc SQBFAFgA"));
            doc.put("threat", List.of(
                    Json.object("framework", "MITRE ATT&CK", "tactic", Json.object("name", "Execution"),
                            "technique", List.of(Json.object("id", "T1059"), Json.object("id", "T1059.001"))),
                    Json.object("framework", "MITRE ATT&CK", "tactic", Json.object("name", "Defense Evasion"),
                            "technique", List.of(Json.object("id", "T1027")))));
            add(bulk, ALERTS_INDEX, doc);
        }
        for (int i = 0; i < ENDPOINT_ALERTS; i++) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("@timestamp", at(300 + i * 10).toString());
            doc.put("event", Json.object("kind", "alert", "category", List.of("malware"), "severity", 73L));
            doc.put("rule", Json.object("name", "Malicious Behavior Detection Alert"));
            doc.put("message", "Malware Prevention Alert");
            doc.put("host", Json.object("name", HOSTS[3]));
            add(bulk, ENDPOINT_ALERTS_INDEX, doc);
        }
    }

    /** The TCK's data: 72 process events an hour and a minute apart. */
    private static void tck(StringBuilder bulk) {
        for (int i = 0; i < TCK_DOCS; i++) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("@timestamp", T0.plus(Duration.ofMinutes(i * 61L)).toString());
            doc.put("host", Json.object("name", "host-" + i % 4 + ".contoso.com"));
            doc.put("event", Json.object("code", i % 3 == 0 ? 4624L : 4688L));
            doc.put("user", Json.object("name", "CONTOSO\\user" + i % 5));
            doc.put("process", Json.object("command_line", "cmd.exe /c echo \"" + i + "\""));
            doc.put("elapsed_ms", i * 1.5);
            doc.put("tags", List.of("tck", "n" + i));
            add(bulk, TCK_INDEX, doc);
        }
    }

    /**
     * A 3-shard index of {@code n} documents with a unique {@code seq}, a low-cardinality {@code bucket} and timestamps
     * shared by 100 documents each: paging must return every document exactly once, whatever the sort.
     */
    static void loadPaging(RealNode node, int n) {
        node.once("paging", () -> {
            node.call("PUT", "/" + PAGING_INDEX, Json.write(Json.object(
                    "settings", Json.object("number_of_shards", 3, "number_of_replicas", 0),
                    "mappings", Json.object("properties", Json.object("@timestamp", Json.object("type", "date"),
                            "seq", Json.object("type", "long"), "bucket", Json.object("type", "keyword"))))));
            StringBuilder bulk = new StringBuilder();
            for (int i = 0; i < n; i++) {
                add(bulk, PAGING_INDEX, Json.object("@timestamp", at(i / 100).toString(), "seq", (long) i, "bucket", "b" + i % 7));
                if (bulk.length() > 4_000_000) {
                    node.bulk(bulk);
                    bulk.setLength(0);
                }
            }
            node.bulk(bulk);
        });
    }

    /** Documents whose values do not fit their mapping (kept by ignore_malformed), and epoch-number dates. */
    static void loadTypes(RealNode node) {
        node.once("types", () -> {
            node.call("PUT", "/" + TYPES_INDEX, Json.write(Json.object(
                    "settings", Json.object("number_of_shards", 1, "number_of_replicas", 0),
                    "mappings", Json.object("properties", Json.object(
                            "@timestamp", Json.object("type", "date"),
                            "seen", Json.object("type", "date", "format", "epoch_second"),
                            "count", Json.object("type", "long", "ignore_malformed", true),
                            "ratio", Json.object("type", "double"),
                            "flag", Json.object("type", "boolean"),
                            "note", Json.object("type", "keyword"))))));
            List<Map<String, Object>> docs = new ArrayList<>();
            docs.add(Json.object("@timestamp", 1709251200000L, "seen", 1709251200L, "count", 5L, "ratio", 0.5, "flag", true, "note", "a"));
            docs.add(Json.object("@timestamp", "2024-03-01T00:00:01.5Z", "seen", "1709251201", "count", "7", "ratio", "1.25",
                    "flag", "false", "note", 42L));
            docs.add(Json.object("@timestamp", "2024-03-01T00:00:02Z", "count", "n/a", "note", List.of("x", "y")));
            StringBuilder bulk = new StringBuilder();
            for (Map<String, Object> d : docs) {
                add(bulk, TYPES_INDEX, d);
            }
            node.bulk(bulk);
        });
    }
}
