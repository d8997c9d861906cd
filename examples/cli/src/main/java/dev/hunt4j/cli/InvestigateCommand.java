package dev.hunt4j.cli;

import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.runtime.DataProvider;
import dev.hunt4j.runtime.Hunt4j;
import dev.hunt4j.runtime.QueryResult;
import dev.hunt4j.samples.SampleDataSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hunt4j investigate --demo}: follows a password spray to what the attacker did, on the sample data,
 * through the local provider's query library. Every fact printed is derived from query results; nothing
 * about the planted story is hard-coded here.
 */
@Command(name = "investigate", description = "Run an investigation. --demo runs one on the bundled sample data.")
final class InvestigateCommand implements Callable<Integer> {
    private static final Pattern SUSPICIOUS = Pattern.compile(
            "(?i)(-enc(odedcommand)?\\s|-nop\\b|-w(indowstyle)? hidden|downloadstring|iex\\b|/node:|psexec|whoami|nltest|net\\s+group|rundll32|\\\\temp\\\\)");
    private static final int SPRAY_MIN_ACCOUNTS = 10;

    @ParentCommand
    Hunt4jCli root;
    @Option(names = "--demo", required = true, description = "investigate the bundled sample data (the only mode until pipelines land)")
    boolean demo;
    @Option(names = "--data-dir", paramLabel = "DIR", description = "where the sample data is (generated there when missing)")
    Path dataDir;
    @Option(names = "--rows", paramLabel = "N", description = "rows to show per table (default 10)")
    int rows = 10;
    @Spec
    CommandSpec spec;

    private PrintWriter out;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        Path dir = SampleDataSet.ensure(dataDir != null ? dataDir : defaultDataDir());
        long t0 = System.nanoTime();
        try (Hunt4j h = root.open(spec.commandLine().getErr(),
                b -> b.provider("local", "local", Map.of("data_paths", List.of(dir.toString()))))) {
            DataProvider local = h.provider("local");
            out.println("hunt4j demo investigation on " + dir);
            out.println();

            List<Map<String, Object>> alerts = section(local, "Security alerts", "list_alerts", Map.of(),
                    List.of("TimeGenerated", "AlertName", "AlertSeverity", "CompromisedEntity"));

            // 1. Password spray: the source address that failed against the most accounts.
            List<Map<String, Object>> failures = run(local, "list_logon_failures", Map.of());
            Map<String, Set<String>> accountsPerIp = new TreeMap<>();
            Map<String, Integer> failuresPerIp = new HashMap<>();
            for (Map<String, Object> f : failures) {
                String ip = str(f.get("IpAddress"));
                accountsPerIp.computeIfAbsent(ip, k -> new TreeSet<>()).add(str(f.get("TargetUserName")));
                failuresPerIp.merge(ip, 1, Integer::sum);
            }
            out.printf("== Failed logons: %d, from %d source addresses%n", failures.size(), accountsPerIp.size());
            String sprayIp = accountsPerIp.entrySet().stream()
                    .max(Comparator.comparingInt((Map.Entry<String, Set<String>> e) -> e.getValue().size()))
                    .map(Map.Entry::getKey).orElse(null);
            if (sprayIp == null || accountsPerIp.get(sprayIp).size() < SPRAY_MIN_ACCOUNTS) {
                out.println("   no password spray found (no source failed against " + SPRAY_MIN_ACCOUNTS + "+ accounts)");
                return 0;
            }
            out.printf("   password spray: %s failed %d times against %d accounts%n%n", sprayIp, failuresPerIp.get(sprayIp),
                    accountsPerIp.get(sprayIp).size());

            // 2. What the spray achieved: successful logons from that address.
            List<Map<String, Object>> successes = run(local, "list_logons_from_ip", Map.of("ip_address", sprayIp));
            successes.removeIf(r -> !"4624".equals(str(r.get("EventID"))));
            printTable("Successful logons from " + sprayIp + " (" + successes.size() + ")", successes,
                    List.of("TimeGenerated", "Computer", "TargetUserName", "LogonType"));
            if (successes.isEmpty()) {
                out.println("   the spray did not succeed");
                return 0;
            }
            Map<String, Object> firstHop = successes.get(0);
            String account = str(firstHop.get("TargetUserName"));
            String host = str(firstHop.get("Computer"));
            Instant since = (Instant) firstHop.get("TimeGenerated");
            out.printf("   compromised: account %s on %s at %s%n%n", account, host, since);

            // 3. What the account ran after that, anywhere.
            List<Map<String, Object>> procs = run(local, "list_processes_by_account", Map.of("account_name", account));
            procs.removeIf(p -> ((Instant) p.get("TimeGenerated")).isBefore(since));
            List<Map<String, Object>> suspicious = procs.stream()
                    .filter(p -> SUSPICIOUS.matcher(str(p.get("CommandLine"))).find()).toList();
            printTable("Suspicious processes run by " + account + " after the logon (" + suspicious.size() + " of " + procs.size() + ")",
                    suspicious, List.of("TimeGenerated", "Computer", "ParentProcessName", "NewProcessName", "CommandLine"));
            Set<String> hosts = new TreeSet<>();
            procs.forEach(p -> hosts.add(str(p.get("Computer"))));

            // 4. Domains only the compromised host asked for: the likely download or command-and-control.
            // DNS is logged by the DNS server with the asking client's address, so find the host's address first.
            Set<String> hostIps = new TreeSet<>();
            for (Map<String, Object> f : run(local, "list_host_network_flows", Map.of("host_name", host))) {
                if ("O".equals(str(f.get("FlowDirection")))) {
                    hostIps.add(str(f.get("SrcIP")));
                }
            }
            // A domain nobody in the estate had looked up before the compromise is newly observed: worth a look.
            Map<String, Instant> firstSeen = new HashMap<>();
            for (Map<String, Object> d : rows(local.queryText("dns_events.csv | project TimeGenerated, Name", QueryOptions.defaults()))) {
                firstSeen.merge(str(d.get("Name")).toLowerCase(Locale.ROOT), (Instant) d.get("TimeGenerated"),
                        (a, b) -> a.isBefore(b) ? a : b);
            }
            Map<String, String> rare = new TreeMap<>();
            for (String ip : hostIps) {
                for (Map<String, Object> d : run(local, "list_dns_queries_from_ip", Map.of("ip_address", ip))) {
                    String name = str(d.get("Name")).toLowerCase(Locale.ROOT);
                    if (!firstSeen.get(name).isBefore(since)) {
                        rare.putIfAbsent(name, str(d.get("IPAddresses")));
                    }
                }
            }
            out.printf("== Domains %s (%s) looked up that nobody had looked up before the logon: %d%n", host,
                    String.join(", ", hostIps), rare.size());
            rare.forEach((d, ips) -> out.printf("   %s -> %s%n", d, ips));
            out.println();

            // 5. Lateral movement: other hosts where the account logged on after the compromise and then ran processes.
            List<Map<String, Object>> lateral = run(local, "list_logons_for_account", Map.of("account_name", account));
            lateral.removeIf(l -> !"4624".equals(str(l.get("EventID"))) || host.equals(str(l.get("Computer")))
                    || ((Instant) l.get("TimeGenerated")).isBefore(since) || sprayIp.equals(str(l.get("IpAddress"))));
            printTable("Logons by " + account + " on other hosts after the compromise", lateral,
                    List.of("TimeGenerated", "Computer", "LogonType", "IpAddress", "WorkstationName"));

            out.println("== Summary");
            out.printf("   password spray from %s (%d accounts) -> %s logged on to %s at %s%n", sprayIp,
                    accountsPerIp.get(sprayIp).size(), account, host, since);
            out.printf("   %d suspicious processes on %s; %d newly observed domains: %s%n", suspicious.size(), String.join(", ", hosts),
                    rare.size(), String.join(", ", rare.keySet()));
            Set<String> moved = new TreeSet<>();
            lateral.forEach(l -> moved.add(str(l.get("Computer"))));
            moved.retainAll(hosts);
            out.printf("   lateral movement to: %s%n", moved.isEmpty() ? "none seen" : String.join(", ", moved));
            out.printf("   %d alerts; finished in %d ms%n", alerts.size(), (System.nanoTime() - t0) / 1_000_000);
            out.flush();
            return 0;
        }
    }

    static Path defaultDataDir() {
        String configured = System.getProperty("hunt4j.sample.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "hunt4j", "sample-data-v" + SampleDataSet.VERSION);
    }

    private List<Map<String, Object>> section(DataProvider p, String title, String query, Map<String, ?> params, List<String> show) {
        List<Map<String, Object>> result = run(p, query, params);
        printTable(title + " (" + result.size() + ")", result, show);
        return result;
    }

    private static List<Map<String, Object>> run(DataProvider p, String query, Map<String, ?> params) {
        return rows(p.query(query, params, QueryOptions.defaults()));
    }

    private static List<Map<String, Object>> rows(QueryResult result) {
        List<Map<String, Object>> out = new ArrayList<>();
        try (QueryResult r = result) {
            List<Column> cols = r.columns();
            r.stream().forEachRow(row -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < row.length; i++) {
                    m.put(cols.get(i).name(), row[i]);
                }
                out.add(m);
            });
        }
        return out;
    }

    private void printTable(String title, List<Map<String, Object>> rowsIn, List<String> show) {
        out.println("== " + title);
        List<Column> cols = show.stream().map(n -> new Column(n, dev.hunt4j.api.data.ColumnType.STRING)).toList();
        List<Object[]> table = rowsIn.stream().limit(rows)
                .map(r -> show.stream().map(n -> (Object) RowWriter.text(r.get(n))).toArray()).toList();
        try {
            RowWriter.write(ResultStream.of(cols, table), RowWriter.Format.table, out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (rowsIn.size() > rows) {
            out.printf("   ... %d more%n", rowsIn.size() - rows);
        }
        out.println();
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }
}
