package dev.hunt4j.runtime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.runtime.Hunt4j;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report: structure, escaping of hostile values everywhere, the embedded CSV, masking. */
class ReportWriterTest {
    @TempDir
    static Path dir;
    static Hunt4j hunt4j;
    static InvestigationResult result;
    static final String HOSTILE_HOST = "<b onmouseover=alert(2)>WKS-01</b>";

    static final String PIPELINE = """
            title: Report test for ${host}
            description: Checks the report.
            parameters:
              host: {type: str, default: WKS-01}
            defaults:
              provider: pipeline-test
            steps:
              - type: query
                title: Events on ${host}
                query: list_events
                output: events
                finding: {title: "All events (${host})", severity: information, columns: [Computer, CommandLine]}
              - {type: extract-iocs, input: events, columns: [CommandLine], include_hosts: true, output: iocs}
              - {type: enrich, input: iocs, output: ti}
              - {type: render, title: The view, renderer: test-view, input: events, options: {label: "<script>x</script>"}}
              - {type: filter, input: events, limit: 1, output: hidden, report: false}
              - {type: query, query: broken_query, output: broken, on_error: warn}
            """;

    @BeforeAll
    static void run() throws Exception {
        Path config = dir.resolve("hunt4j.yaml");
        Files.writeString(config, "enrichers:\n  ti:\n    type: pipeline-ti\n    global_ips_only: false\n");
        hunt4j = Hunt4j.builder().config(config).build();
        Pipeline p = Pipeline.parse(PIPELINE, "investigations/report-test.yaml");
        result = PipelineRunner.of(hunt4j).run(p, ParameterResolver.of(p).given(Map.of("host", HOSTILE_HOST)).resolve());
    }

    @AfterAll
    static void stop() {
        hunt4j.close();
    }

    static List<String> csvLinks(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("href=\"data:text/csv;charset=utf-8;base64,([A-Za-z0-9+/=]*)\"").matcher(html);
        while (m.find()) {
            out.add(new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void summaryFirstThenOneSectionPerShownStep() throws Exception {
        Path file = dir.resolve("out/report.html");
        ReportWriter.builder().rows(2).generator("hunt4j test").build().write(result, file);
        String html = Files.readString(file);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        int summary = html.indexOf("<section id=\"summary\">");
        int findings = html.indexOf("<h3>Findings</h3>");
        int ti = html.indexOf("Threat intelligence flagged 2 observables");
        int events = html.indexOf("All events (");
        int firstStep = html.indexOf("<section class=\"step\"");
        assertTrue(summary > 0 && summary < findings && findings < ti && ti < events && events < firstStep,
                "summary, findings worst first, then steps: " + List.of(summary, findings, ti, events, firstStep));
        assertTrue(html.contains("<dt>Time range</dt><dd>all</dd>"));
        assertTrue(html.contains("6 (5 ran, 0 skipped, 1 failed)"), "steps counted");
        assertTrue(html.contains("id=\"step-1\"") && html.contains("id=\"step-4\"") && html.contains("id=\"step-6\""));
        assertFalse(html.contains("id=\"step-5\""), "report: false hides a step's section");
        assertTrue(html.contains("table &#39;broken&#39; is broken on purpose"), "problems are listed");
        assertTrue(html.contains("Showing 2 of 5 rows."));
        assertTrue(html.contains("<table class=\"data sortable\">"));
        assertTrue(html.contains("<details><summary>Query text</summary><pre>events</pre></details>"));
        assertEquals(1, html.split("<script>", -1).length - 1, "one script: the report's own table sorter");
        assertFalse(Pattern.compile("https?://(?!bad-updates)").matcher(html.replaceAll("hxxp", "")).find(), "nothing is loaded from the network");
    }

    @Test
    void hostileValuesAreEscapedEverywhere() {
        String html = ReportWriter.builder().build().html(result);
        assertFalse(html.contains("</script><img"), "a data value cannot close a script or open a tag");
        assertFalse(html.contains("<img src=x"));
        assertFalse(html.contains("<b onmouseover"), "a parameter value in titles and the parameter table is escaped");
        assertTrue(html.contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;"));
        assertTrue(html.contains("<title>Report test for &lt;b onmouseover=alert(2)&gt;WKS-01&lt;/b&gt; - hunt4j report</title>"));
        assertTrue(html.contains("Events on &lt;b onmouseover=alert(2)&gt;WKS-01&lt;/b&gt;"));
        // the renderer's page goes into srcdoc escaped, so its quotes and its </iframe> cannot end the attribute or the frame
        Matcher frame = Pattern.compile("<iframe class=\"view\" sandbox=\"allow-scripts allow-downloads\" height=\"\\d+\" title=\"[^\"]*\" srcdoc=\"([^\"]*)\"></iframe>")
                .matcher(html);
        assertTrue(frame.find(), "one sandboxed frame");
        String srcdoc = frame.group(1);
        assertTrue(srcdoc.contains("&lt;/iframe&gt;") && srcdoc.contains("&quot;quoted&quot;") && srcdoc.contains("&amp;amp;"), srcdoc);
        assertTrue(srcdoc.contains("&lt;script&gt;x&lt;/script&gt;"), "even a renderer that fails to escape cannot script the report");
    }

    @Test
    void theCsvLinkHoldsEveryRow() {
        String html = ReportWriter.builder().rows(1).build().html(result);
        String events = csvLinks(html).stream().filter(c -> c.startsWith("TimeGenerated,Computer")).findFirst().orElseThrow();
        List<String> lines = events.lines().toList();
        assertEquals("TimeGenerated,Computer,Account,EventID,CommandLine", lines.get(0));
        assertEquals(6, lines.size(), "header and all 5 rows though only 1 is shown");
        assertTrue(events.contains("\"</script><img src=x onerror=alert(1)>\"\"'&\""), "CSV quoting: the value intact");
    }

    @Test
    void aMaskedReportHidesNamesButKeepsItsShape() {
        PipelineRunner runner = PipelineRunner.of(hunt4j);
        ReportMasking masking = ReportMasking.create(runner.analyzers().get("mask"), Map.of("key", "000102030405060708090a0b0c0d0e0f"));
        String html = ReportWriter.builder().masking(masking).build().html(result);
        assertTrue(html.contains("Masked for sharing"));
        String masked = masking.value(HOSTILE_HOST);
        assertFalse(masked.equals(HOSTILE_HOST));
        assertTrue(html.contains(ReportWriter.esc(masked)), "the parameter is masked the same way in the table and titles");
        assertFalse(html.contains("&gt;WKS-01&lt;"), "the raw parameter value is gone");
        assertFalse(html.contains("<details><summary>Query text</summary>"), "query texts are left out");
        String events = csvLinks(html).stream().filter(c -> c.startsWith("TimeGenerated,Computer")).findFirst().orElseThrow();
        assertFalse(events.contains("WKS-01") || events.contains(",alice,"), events);
        assertTrue(html.contains("table events: 4 rows") || html.contains("table events: 5 rows"), "views draw the masked tables");
        assertFalse(html.contains("first WKS-0"), "the view saw masked values");
        assertEquals(masking.value("WKS-01"), masking.value("WKS-01"), "one key: the same mask everywhere");
    }
}
