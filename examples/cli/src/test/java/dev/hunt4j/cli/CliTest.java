package dev.hunt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hunt4j.samples.SampleDataSet;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end, in-process, with the real plugin zips from target/plugins and the sample data. */
class CliTest {
    @TempDir
    static Path data;
    static Path config;

    record Run(int code, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    @BeforeAll
    static void sampleData() throws Exception {
        assertTrue(Files.isDirectory(Path.of(System.getProperty("hunt4j.plugins.dir"))), "plugin zips were not copied to target/plugins");
        SampleDataSet.generate(data.resolve("samples"));
        config = data.resolve("hunt4j.yaml");
        Files.writeString(config, "providers:\n  local:\n    data_paths: [samples]\n");
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Hunt4jCli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    static Run runWithConfig(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return run(all);
    }

    @Test
    void queriesListShowsTheLocalProvidersBuiltInLibrary() {
        Run r = run("queries", "list", "--provider", "local", "--format", "csv");
        assertEquals(0, r.code(), r.err());
        assertEquals("Query,Environments,Description,Parameters,Source", r.lines().get(0));
        assertTrue(r.out().contains("list_host_logons"), r.out());
        assertTrue(r.lines().size() > 10, "expected the built-in library, got " + r.lines().size() + " lines");
    }

    @Test
    void queriesListLoadsQueryFilesFromPath() throws Exception {
        Path dir = Files.createDirectories(data.resolve("my-queries"));
        Files.writeString(dir.resolve("mine.yaml"), """
                metadata:
                  version: 1
                  description: My queries
                  data_environments: [LocalData]
                  data_families: [Mine]
                sources:
                  my_special_query:
                    description: Finds special things
                    args:
                      query: 'win_process_events.csv | where Computer == "{host}"'
                    parameters:
                      host:
                        description: a host
                        type: str
                """);
        Run r = run("queries", "list", "--path", dir.toString(), "--format", "csv");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Mine.my_special_query"), r.out());
    }

    @Test
    void namedQueryReturnsRowsFromTheSampleData() throws Exception {
        Run r = runWithConfig("query", "run", "list_host_logons", "--provider", "local", "--param",
                "host_name=" + SampleDataSet.PATIENT_ZERO_HOST, "--format", "jsonl");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.lines();
        assertFalse(lines.isEmpty(), "no rows");
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode row = json.readTree(line);
            assertTrue(row.get("Computer").asText().equalsIgnoreCase(SampleDataSet.PATIENT_ZERO_HOST), line);
        }
    }

    @Test
    void hostileParameterValueCannotChangeTheQuery() {
        Run r = runWithConfig("query", "run", "list_host_logons", "--provider", "local", "--param",
                "host_name=x\" or Computer != \"", "--format", "csv");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.lines().size(), "only the header: the value stayed a string literal\n" + r.out());
    }

    @Test
    void queryTextRunsWithLimitAndTimeRange() {
        Run r = runWithConfig("query", "run", "--provider", "local", "--text", "win_logon_events.csv | project TimeGenerated, EventID",
                "--start", "2026-03-03T00:00:00Z", "--end", "2026-03-03T12:00:00Z", "--limit", "5", "--format", "csv");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("TimeGenerated", "EventID"), Arrays.asList(r.lines().get(0).split(",")));
        assertEquals(6, r.lines().size(), r.out());
        for (String line : r.lines().subList(1, 6)) {
            assertTrue(line.startsWith("2026-03-03T0") || line.startsWith("2026-03-03T10") || line.startsWith("2026-03-03T11"), line);
        }
    }

    @Test
    void dryRunPrintsTheRenderedQuery() {
        Run r = runWithConfig("query", "run", "list_host_logons", "--provider", "local", "--param", "host_name=WKS-\"1", "--dry-run");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("WKS-\\\"1"), r.out());
    }

    @Test
    void missingParameterIsAUsageErrorNamingIt() {
        Run r = runWithConfig("query", "run", "list_host_logons", "--provider", "local");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("host_name"), r.err());
    }

    @Test
    void unknownQueryNamesCloseMatches() {
        Run r = runWithConfig("query", "run", "list_host_logon", "--provider", "local");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("list_host_logons"), r.err());
    }

    @Test
    void unknownProviderListsTheAvailableOnes() {
        Run r = run("query", "run", "--provider", "lokal", "--text", "x.csv");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("did you mean local"), r.err());
    }

    @Test
    void unreadableDataFileNamesThePath() {
        Run r = runWithConfig("query", "run", "--provider", "local", "--text", "no_such_file.csv");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no_such_file.csv"), r.err());
    }

    @Test
    void missingConfigFileIsAUsageError() {
        Run r = run("--config", data.resolve("nope.yaml").toString(), "providers");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("nope.yaml"), r.err());
    }

    @Test
    void onlyTheSubcommandNamedIsBuiltAndTopLevelOptionValuesAreSkipped() {
        assertEquals(MaskCommand.class, Hunt4jCli.subcommand(new String[] {"--config", "mask", "mask", "-i", "x.csv"}));
        assertEquals(IocCommand.class, Hunt4jCli.subcommand(new String[] {"-q", "--plugins-dir", "p", "ioc", "extract"}));
        assertNull(Hunt4jCli.subcommand(new String[] {"help", "mask"}));
        assertNull(Hunt4jCli.subcommand(new String[] {"--version"}));
        assertNull(Hunt4jCli.subcommand(new String[] {"maks"}));
    }

    @Test
    void topLevelHelpListsEverySubcommandAndATypoGetsASuggestion() {
        Run help = run("--help");
        assertEquals(0, help.code(), help.err());
        for (String c : List.of("queries", "query", "providers", "investigate", "ioc", "b64", "mask", "proctree", "timeseries",
                "sessions", "ti", "render", "sample-data", "help")) {
            assertTrue(help.out().lines().anyMatch(l -> l.trim().startsWith(c + " ")), "help lacks " + c + ":\n" + help.out());
        }
        Run typo = run("maks");
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("mask"), typo.err());
        Run sub = run("help", "mask");
        assertEquals(0, sub.code(), sub.err());
        assertTrue(sub.out().contains("--passphrase"), sub.out());
    }

    @Test
    void providersCommandListsTheLocalPlugin() {
        Run r = run("providers");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("hunt4j-provider-local") && r.out().contains("STARTED"), r.out());
    }

    @Test
    void demoWritesAReportThatNamesTheSuspiciousChainAndTheMaliciousDomain() throws Exception {
        Path report = data.resolve("demo-report.html");
        Run r = run("investigate", "--demo", "--data-dir", data.resolve("demo").toString(), "--output", report.toString());
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        assertTrue(out.contains("host triage of " + SampleDataSet.PATIENT_ZERO_HOST + " (the host with the most high-severity alerts)"), out);
        assertTrue(out.contains("explorer.exe > cmd.exe > powershell.exe"), "the suspicious process chain\n" + out);
        assertTrue(out.contains(SampleDataSet.MALICIOUS_DOMAIN), "the malicious domain\n" + out);
        assertTrue(out.contains("Report: " + report.toAbsolutePath()), out);
        String html = Files.readString(report);
        int findings = html.indexOf("<h3>Findings</h3>");
        int chain = html.indexOf("explorer.exe &gt; cmd.exe &gt; powershell.exe");
        int domain = html.indexOf(SampleDataSet.MALICIOUS_DOMAIN);
        assertTrue(findings > 0 && chain > findings && domain > findings && chain < html.indexOf("<section class=\"step\""),
                "the summary's findings name the chain and the domain");
        assertTrue(html.contains("feed: Loader and C2 domain"), "the local TI feed flagged the domain");
    }
}
