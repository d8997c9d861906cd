package dev.hunt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.samples.SampleDataSet;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled investigations end to end on the sample data: the local provider and the local TI feed from the plugin
 * zips in target/plugins, the analyzers and renderers on the classpath, parameters from the command line, a params
 * file and a (simulated) terminal.
 */
class InvestigateCommandTest {
    static final String RANGE = SampleDataSet.START + ".." + SampleDataSet.START.plus(java.time.Duration.ofDays(SampleDataSet.DAYS));
    @TempDir
    static Path dir;
    static Path config;

    @BeforeAll
    static void sampleData() throws Exception {
        Path samples = SampleDataSet.ensure(dir.resolve("samples"));
        config = dir.resolve("hunt4j.yaml");
        Files.writeString(config, """
                providers:
                  local:
                    data_paths: [samples]
                enrichers:
                  feed:
                    type: local-feed
                    paths: [samples/ioc_feed.csv]
                    global_ips_only: false
                """);
        assertTrue(Files.exists(samples.resolve("ioc_feed.csv")));
    }

    static CliTest.Run investigate(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--config";
        all[1] = config.toString();
        all[2] = "-q";
        all[3] = "investigate";
        System.arraycopy(args, 0, all, 4, args.length);
        return CliTest.run(all);
    }

    @Test
    void hostTriageRunsFromAParamsFileAndNamesTheChainAndTheDomain() throws Exception {
        Path params = dir.resolve("triage.yaml");
        Files.writeString(params, "host: " + SampleDataSet.PATIENT_ZERO_HOST + "\ntime_range: " + RANGE + "\n");
        Path report = dir.resolve("triage.html");
        CliTest.Run r = investigate("host-triage", "--params-file", params.toString(), "--output", report.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("[high] Suspicious process chains on WKS-07"), r.out());
        assertTrue(r.out().contains("explorer.exe > cmd.exe > powershell.exe"), r.out());
        assertTrue(r.out().contains("[high] Threat intelligence flagged"), r.out());
        assertTrue(r.out().contains(SampleDataSet.MALICIOUS_DOMAIN + " | dns | high"), r.out());
        String html = Files.readString(report);
        assertTrue(html.contains("explorer.exe &gt; cmd.exe &gt; powershell.exe"));
        assertTrue(html.contains(SampleDataSet.C2_IP));
        assertTrue(html.contains("srcdoc="), "the renderers' views are embedded");
    }

    @Test
    void accountCompromiseFollowsTheSprayToTheAccountAndWhereItWent() {
        Path report = dir.resolve("account.html");
        CliTest.Run r = investigate("account-compromise", "--param", "time_range=" + RANGE, "--output", report.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        String out = r.out();
        assertTrue(out.contains("[warning] Password spray (10+ accounts from one address)"), out);
        assertTrue(out.contains(SampleDataSet.ATTACKER_IP + " | 59 | 30"), out);
        assertTrue(out.contains("[high] Accounts compromised by the password spray"), out);
        assertTrue(out.contains(SampleDataSet.COMPROMISED_USER + " | " + SampleDataSet.PATIENT_ZERO_HOST + " | 10 | " + SampleDataSet.ATTACKER_IP), out);
        assertTrue(out.contains("[high] Suspicious commands run by the compromised accounts"), out);
        assertTrue(Files.exists(report));
        String html = readQuietly(report);
        assertTrue(html.contains(SampleDataSet.LATERAL_TARGET_HOST), "the logons after the compromise include the lateral move");
    }

    @Test
    void iocSweepFindsWhereEachIndicatorWasSeen() {
        CliTest.Run r = investigate("ioc-sweep", "--param", "iocs=seen: nvcdn-sync[.]net and 198.51.100[.]23", "--param", "time_range=" + RANGE,
                "--output", dir.resolve("sweep.html").toString());
        assertEquals(0, r.code(), r.err() + r.out());
        String out = r.out();
        assertTrue(out.contains("[high] Threat intelligence flagged 2 observables"), out);
        assertTrue(out.contains("[warning] Hosts that looked up the domains"), out);
        assertTrue(out.contains(SampleDataSet.MALICIOUS_DOMAIN + " | 10.20.10.107"), out);
        assertTrue(out.contains("[warning] Hosts that talked to the addresses"), out);
        assertTrue(out.contains(SampleDataSet.C2_IP + " | " + SampleDataSet.LATERAL_TARGET_HOST + " | rundll32.exe"), out);
    }

    @Test
    void listShowsTheBundledInvestigationsAndTheirParameters() {
        CliTest.Run r = CliTest.run("investigate", "--list");
        assertEquals(0, r.code(), r.err());
        for (String name : new String[] {"host-triage - Host triage", "account-compromise - Account compromise", "ioc-sweep - IoC sweep"}) {
            assertTrue(r.out().contains(name), r.out());
        }
        assertTrue(r.out().contains("    host           str       Host to triage (short name, e.g. WKS-07) (required)"), r.out());
        assertTrue(r.out().contains("    time_range     timerange Time range to look at"), r.out());
    }

    @Test
    void problemsInThePipelineAreUsageErrorsWithLineNumbers() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                parameters:
                  host: {type: str}
                steps:
                  - type: query
                    query: list_host_processes
                    params: {host_name: "${hots}"}
                    output: processes
                  - type: analyse
                    input: processes
                """);
        CliTest.Run r = investigate(bad.toString(), "--param", "host=x");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains(bad + ":6: step 1 'processes' (query): 'params' uses ${hots}, which is not a parameter (did you mean host?)"), r.err());
        assertTrue(r.err().contains(bad + ":8: step 2: unknown step type 'analyse' (did you mean analyze?)"), r.err());
        CliTest.Run missing = investigate("host-triage", "--no-prompt", "--check");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("parameter 'host' is required (Host to triage (short name, e.g. WKS-07)): give --param host=VALUE, "
                + "put it in a params file, or set HUNT4J_PARAM_HOST"), missing.err());
        CliTest.Run unknown = investigate("host-triag");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("no pipeline file and no bundled investigation called 'host-triag'; bundled: account-compromise, host-triage, ioc-sweep"),
                unknown.err());
    }

    @Test
    void aTerminalIsAskedAndTheAnswersAreRememberedForTheNextRun() throws Exception {
        Path home = dir.resolve("home");
        String before = System.getProperty("hunt4j.home");
        System.setProperty("hunt4j.home", home.toString());
        try {
            InvestigateCommand.terminal = () -> new StringReader("WKS-03\n-3d\n");
            CliTest.Run first = investigate("host-triage", "--check", "--prompt-timeout", "5");
            assertEquals(0, first.code(), first.err());
            assertTrue(first.err().contains("host (Host to triage (short name, e.g. WKS-07)): "), first.err());
            assertTrue(first.out().contains("host=WKS-03"), first.out());
            Properties saved = new Properties();
            try (var in = Files.newBufferedReader(home.resolve("investigations/host-triage.properties"))) {
                saved.load(in);
            }
            assertEquals("WKS-03", saved.getProperty("host"));
            assertEquals("-3d", saved.getProperty("time_range"), "a relative time is remembered as written");

            InvestigateCommand.terminal = () -> new StringReader("\n\n");
            CliTest.Run second = investigate("host-triage", "--check");
            assertEquals(0, second.code(), second.err());
            assertTrue(second.err().contains("host (Host to triage (short name, e.g. WKS-07)) [WKS-03]: "), second.err());
            assertTrue(second.out().contains("host=WKS-03"), second.out());

            InvestigateCommand.terminal = () -> new StringReader("WKS-05\n\n");
            CliTest.Run forget = investigate("host-triage", "--check", "--no-remember");
            assertTrue(forget.err().contains("host (Host to triage (short name, e.g. WKS-07)): "), "--no-remember suggests nothing");
            assertTrue(forget.out().contains("host=WKS-05"), forget.out());
        } finally {
            InvestigateCommand.terminal = () -> System.console() == null ? null : System.console().reader();
            if (before == null) {
                System.clearProperty("hunt4j.home");
            } else {
                System.setProperty("hunt4j.home", before);
            }
        }
    }

    @Test
    void aMaskedReportHidesTheHostAndTheAccount() throws Exception {
        Path report = dir.resolve("masked.html");
        CliTest.Run r = investigate("host-triage", "--param", "host=WKS-07", "--param", "time_range=2026-03-03T10:00:00Z..2026-03-03T11:00:00Z",
                "--mask", "--mask-key", "000102030405060708090a0b0c0d0e0f", "--output", report.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("masked"), r.out());
        String html = Files.readString(report);
        assertTrue(html.contains("Masked for sharing"));
        assertFalse(html.contains("Processes started on WKS-07"), "titles use the masked parameter");
        assertFalse(html.contains("<th>host</th><td>WKS-07</td>"));
        assertFalse(html.contains("<td>mlopez</td>"), "account columns are masked");
        assertFalse(html.contains("<summary>Query text</summary>"));
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
