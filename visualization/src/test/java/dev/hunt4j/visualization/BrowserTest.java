package dev.hunt4j.visualization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hunt4j.api.data.ResultStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Every renderer's page opened from disk in headless Chromium (one browser for the class): no console error,
 * the expected content, the interactions work, and hostile values show as text without running. Screenshots go
 * to target/screenshots (or -Dhunt4j.screenshots=../docs/images).
 */
class BrowserTest {
    static Browser browser;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(Browser.available(), "skipped: /usr/bin/chromium and /usr/bin/chromedriver are not installed "
                + "(apt-get install chromium chromium-driver)");
        browser = new Browser();
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void noErrorsAndNothingInjected() {
        List<String> errors = browser.consoleErrors();
        assertTrue(errors.isEmpty(), "console errors: " + errors);
        assertEquals(Boolean.TRUE, browser.js("return window.__pwned === undefined"), "hostile input ran as script");
        assertEquals(0L, browser.jsLong("return document.querySelectorAll('img').length"
                + " + Array.from(document.querySelectorAll('b')).filter(b => b.textContent === 'bold').length"),
                "hostile input became markup");
        assertEquals(Boolean.FALSE, browser.js("return !!document.querySelector('.h-error')"), "the page reported a script error");
    }

    static Path render(String renderer, Map<String, String> options, Map<String, ResultStream> tables, String file) throws IOException {
        Path out = dir.resolve(file);
        try (OutputStream o = Files.newOutputStream(out)) {
            Renderers.get(renderer).create(options).render(tables, o);
        }
        return out;
    }

    static Map<String, ResultStream> tables(Object... nameThenStream) {
        Map<String, ResultStream> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenStream.length; i += 2) {
            m.put((String) nameThenStream[i], (ResultStream) nameThenStream[i + 1]);
        }
        return m;
    }

    private void hover(WebElement e) {
        new Actions(browser.driver).moveToElement(e).perform();
    }

    /** Moves the real mouse to page coordinates, e.g. a mark on a canvas. */
    private void hoverAt(double x, double y) {
        new Actions(browser.driver).moveToLocation((int) Math.round(x), (int) Math.round(y)).perform();
    }

    private String tipText() {
        String visible = "Array.from(document.querySelectorAll('.h-tip, #chart > div')).filter(e => e.getClientRects().length > 0"
                + " && getComputedStyle(e).display !== 'none' && getComputedStyle(e).visibility !== 'hidden'"
                + " && !e.querySelector('canvas') && e.textContent.length > 0)";
        browser.waitFor("return " + visible + ".length > 0", Duration.ofSeconds(5));
        return (String) browser.js("return " + visible + ".map(e => e.textContent).join('\\n')");
    }

    /** The page position of an event on the timeline chart. */
    private double[] chartPixel(String seriesFinder) {
        @SuppressWarnings("unchecked")
        List<Number> p = (List<Number>) browser.js("const c = window.hunt4jChart; const r = document.getElementById('chart')"
                + ".getBoundingClientRect(); const d = (" + seriesFinder + ")(c.getOption()); const px = c.convertToPixel({gridIndex: 0}, d);"
                + " return [r.left + px[0], r.top + px[1]];");
        return new double[] {p.get(0).doubleValue(), p.get(1).doubleValue()};
    }

    @Test
    void timelineDrawsEveryEventWithRowsColoursAndMarkers() throws IOException {
        Path p = render("timeline", Map.of("group_by", "Computer", "color_by", "EventID",
                        "tooltip_columns", "Account,EventID,CommandLine", "ref_time", "2024-05-02T14:20:00Z", "ref_label", "alert"),
                tables("security", Samples.events(2000, 1)), "timeline.html");
        browser.open(p);
        assertEquals(2000L, browser.jsLong("return window.hunt4j.marks"));
        assertEquals(Samples.HOSTS.length, browser.jsLong("return window.hunt4j.groups"));
        assertEquals(5L, browser.jsLong("return window.hunt4j.series"), "one colour per EventID");
        assertEquals(1L, browser.jsLong("return window.hunt4jChart.getOption().series.filter(s => s.markLine).length"));
        browser.screenshot("timeline");

        // the wheel zooms in on the time axis
        WebElement chart = browser.driver.findElement(By.id("chart"));
        new Actions(browser.driver).scrollFromOrigin(org.openqa.selenium.interactions.WheelInput.ScrollOrigin.fromElement(chart, 0, -60), 0, -400)
                .perform();
        browser.waitFor("const z = window.hunt4jChart.getOption().dataZoom[0]; return z.end - z.start < 100", Duration.ofSeconds(5));
    }

    @Test
    void timelineTooltipShowsChosenColumnsAndHostileTextAsText() throws IOException {
        Path p = render("timeline", Map.of("group_by", "Computer", "tooltip_columns", "Account,CommandLine"),
                tables("security", Samples.events(12, 1), "signins", Samples.signins(6, 2)), "timeline-small.html");
        browser.open(p);
        assertEquals(18L, browser.jsLong("return window.hunt4j.marks"));
        // event 7 of the first table carries the hostile command line
        double[] at = chartPixel("o => { const D = JSON.parse(document.getElementById('hunt4j-data').textContent); "
                + "return [D.t0 + D.t[7], D.g[7]]; }");
        hoverAt(at[0], at[1]);
        String tip = tipText();
        assertTrue(tip.contains(Samples.HOSTILE.substring(0, 40)), "tooltip shows the command line as text: " + tip);
        assertTrue(tip.contains("security"), "tooltip names the table: " + tip);
    }

    @Test
    void valueTimelineMarksAnomalies() throws IOException {
        Path p = render("value-timeline", Map.of("ref_time", "2024-05-05T04:00:00Z", "ref_label", "alert"),
                tables("series", Samples.timeSeries()), "value-timeline.html");
        browser.open(p);
        assertEquals(336L, browser.jsLong("return window.hunt4j.points"));
        assertEquals(3L, browser.jsLong("return window.hunt4j.anomalies"));
        browser.screenshot("value-timeline");
        double[] at = chartPixel("o => o.series.find(s => s.name === 'anomalies').data[0].slice(0, 2)");
        hoverAt(at[0], at[1]);
        String tip = tipText();
        assertTrue(tip.contains("spike"), tip);
        assertTrue(tip.contains("TotalBytesSent"), tip);
    }

    @Test
    void processTreeCollapsesSearchesAndShowsDetails() throws IOException {
        Path p = render("proctree", Map.of(), tables("procs", Samples.processTree(400, 3, 1)), "proctree.html");
        browser.open(p);
        assertEquals(400L, browser.jsLong("return window.hunt4j.nodes"));
        assertEquals(400L, browser.jsLong("return document.querySelectorAll('#trees .row').length"));
        assertEquals(3L, browser.jsLong("return document.querySelectorAll('section.host').length"));

        // collapse and expand the first node that has children
        WebElement parent = browser.driver.findElement(By.cssSelector("li.node:not(.leaf)"));
        WebElement child = parent.findElement(By.cssSelector(":scope > ul > li > .row"));
        assertTrue(child.isDisplayed());
        parent.findElement(By.cssSelector(":scope > .row > .tw")).click();
        assertFalse(child.isDisplayed(), "collapsed");
        parent.findElement(By.cssSelector(":scope > .row > .tw")).click();
        assertTrue(child.isDisplayed(), "expanded again");

        // hover: command line in a tooltip
        WebElement first = browser.driver.findElement(By.cssSelector("#trees .row"));
        hover(first.findElement(By.cssSelector(".pname")));
        assertFalse(tipText().isBlank());

        // search highlights every match and reveals it
        browser.driver.findElement(By.id("collapse-all")).click();
        WebElement search = browser.driver.findElement(By.id("search"));
        search.sendKeys("certutil");
        long expected = browser.jsLong("const D = JSON.parse(document.getElementById('hunt4j-data').textContent); "
                + "return D.cmd.filter((c, i) => [D.name[i], c, D.user[i], D.pid[i], D.logon[i]].join('\\u0001').toLowerCase()"
                + ".includes('certutil')).length");
        assertTrue(expected > 0);
        browser.waitFor("return document.querySelectorAll('.row.hit').length === " + expected, Duration.ofSeconds(5));
        WebElement hit = browser.driver.findElement(By.cssSelector(".row.hit"));
        assertTrue(hit.isDisplayed(), "a match inside a collapsed tree is revealed");
        assertTrue(browser.driver.findElement(By.id("match-count")).getText().startsWith(expected + " "));

        // the hostile command line in the details panel, verbatim
        search.clear();
        search.sendKeys("window.__pwned");
        browser.waitFor("return document.querySelectorAll('.row.hit').length === 1", Duration.ofSeconds(5));
        assertEquals(Samples.HOSTILE, browser.js("return document.getElementById('panel-cmd').textContent"));
        search.clear();
        search.sendKeys("powershell");
        browser.waitFor("return document.getElementById('match-count').textContent !== '1 matching'"
                + " && document.querySelectorAll('.row.hit').length > 1", Duration.ofSeconds(5));
        browser.js("window.scrollTo(0, 0)");
        browser.screenshot("proctree");
    }

    @Test
    void tiBrowserSortsByWorstSeverityAndFilters() throws IOException {
        Path p = render("ti", Map.of(), tables("ti", Samples.ti()), "ti.html");
        browser.open(p);
        assertEquals(10L, browser.jsLong("return document.querySelectorAll('.ioc-card').length"));
        @SuppressWarnings("unchecked")
        List<String> order = (List<String>) browser.js("return Array.from(document.querySelectorAll('.ioc-card')).map(c => c.dataset.sev)");
        List<String> rank = TiBrowserRendererFactory.SEVERITIES;
        for (int i = 1; i < order.size(); i++) {
            assertTrue(rank.indexOf(order.get(i - 1)) <= rank.indexOf(order.get(i)), "sorted worst first: " + order);
        }
        browser.screenshot("ti");
        long high = order.stream().filter("high"::equals).count();
        browser.driver.findElement(By.id("sev-high")).click();
        assertEquals(10 - high, browser.jsLong("return document.querySelectorAll('.ioc-card:not([hidden])').length"));
        browser.driver.findElement(By.id("sev-high")).click();
        // links: provider pages are links, a javascript: reference is not
        assertTrue(browser.jsLong("return document.querySelectorAll('a.ref[href^=\"https://\"]').length") > 0);
        assertEquals(0L, browser.jsLong("return document.querySelectorAll('a[href^=\"javascript\"]').length"));
        // raw JSON, pretty-printed
        browser.driver.findElement(By.id("expand-all")).click();
        WebElement raw = browser.driver.findElement(By.cssSelector("details.raw"));
        raw.findElement(By.tagName("summary")).click();
        assertTrue(raw.findElement(By.tagName("pre")).getText().contains("\"last_analysis_stats\": {"));
        // hostile observable shown as text
        assertEquals(Boolean.TRUE, browser.js("return Array.from(document.querySelectorAll('.ioc')).some(e => e.textContent === arguments[0])",
                Samples.HOSTILE));
    }

    @Test
    void queryBrowserFiltersAndGivesRunnableExamples() throws IOException {
        Path p = render("queries", Map.of(), tables("queries", Samples.queries()), "queries.html");
        browser.open(p);
        assertEquals(7L, browser.jsLong("return window.hunt4j.queries"));
        assertEquals(8L, browser.jsLong("return document.querySelectorAll('.query-card').length"), "a query for two providers is listed under both");
        WebElement card = browser.driver.findElement(By.xpath("//div[contains(@class,'query-card')][.//span[text()='WindowsSecurity.list_host_logons']]"));
        card.findElement(By.className("head")).click();
        String cli = card.findElements(By.cssSelector("pre.example")).get(0).getText();
        assertEquals("./hunt4j query run WindowsSecurity.list_host_logons --provider local \\\n    --param host_name=WKS-07", cli);
        String java = card.findElements(By.cssSelector("pre.example")).get(1).getText();
        assertTrue(java.contains("h.provider(\"local\").query(\"WindowsSecurity.list_host_logons\""), java);
        assertTrue(card.getText().contains("required"));
        browser.screenshot("queries");
        WebElement filter = browser.driver.findElement(By.id("filter"));
        filter.sendKeys("logon");
        browser.waitFor("return document.querySelectorAll('.query-card:not([hidden])').length === 3", Duration.ofSeconds(5));
        assertEquals(Boolean.TRUE, browser.js("return Array.from(document.querySelectorAll('.head .h-count')).some(e => e.textContent.startsWith('</script>'))"));
    }

    @Test
    void codeViewHighlightsAndMarksIndicators() throws IOException {
        Path p = render("code", Map.of("title_column", "reference"), tables("scripts", Samples.scripts()), "code.html");
        browser.open(p);
        assertEquals(7L, browser.jsLong("return window.hunt4j.scripts"));
        assertTrue(browser.jsLong("return window.hunt4j.tokens") > 50, "Prism tokenised the scripts");
        @SuppressWarnings("unchecked")
        List<String> langs = (List<String>) browser.js("return Array.from(document.querySelectorAll('.lang')).map(e => e.textContent)");
        assertEquals(List.of("powershell", "bash", "cmd", "python", "javascript", "vbscript", "powershell"), langs);
        // a highlighted token and a marked indicator inside the highlighted code
        assertEquals(Boolean.TRUE, browser.js("return Array.from(document.querySelectorAll('pre.language-powershell .token.function'))"
                + ".some(e => e.textContent === 'New-Object')"));
        assertEquals(Boolean.TRUE, browser.js("return Array.from(document.querySelectorAll('pre.code mark.ioc'))"
                + ".some(e => e.textContent === 'http://evil.example.com/a.ps1' && e.dataset.type === 'url')"));
        assertTrue(browser.jsLong("return window.hunt4j.marks") >= 9);
        assertEquals(Boolean.TRUE, browser.js("return document.querySelectorAll('pre.code')[6].textContent.includes(arguments[0])", Samples.HOSTILE));
        browser.screenshot("code");
    }

    @Test
    void matrixSizesCirclesAndShowsCountsOnHover() throws IOException {
        Path p = render("matrix", Map.of("x_column", "DestinationPort", "y_column", "SourceIP", "max_y", "25"),
                tables("flows", Samples.flows(3000)), "matrix.html");
        browser.open(p);
        long cells = browser.jsLong("return window.hunt4j.cells");
        assertEquals(cells, browser.jsLong("return document.querySelectorAll('#matrix circle.mark').length"));
        assertEquals(25L, browser.jsLong("return window.hunt4j.ys"));
        hover(browser.driver.findElement(By.cssSelector("#matrix circle.mark")));
        String tip = tipText();
        assertTrue(tip.contains("count") && tip.contains("SourceIP"), tip);
        browser.screenshot("matrix");
    }

    @Test
    void matrixAsHeatmapKeepsHostileLabelsAsText() throws IOException {
        Path p = render("matrix", Map.of("x_column", "DestinationPort", "y_column", "SourceIP", "value_column", "BytesSent",
                "style", "heatmap", "max_y", "2000"), tables("flows", Samples.flows(3000)), "matrix-heat.html");
        browser.open(p);
        assertEquals(browser.jsLong("return window.hunt4j.cells"), browser.jsLong("return document.querySelectorAll('#matrix rect.mark').length"));
        assertEquals(Boolean.TRUE, browser.js("return Array.from(document.querySelectorAll('#matrix .ylabels text')).some(e => e.textContent.startsWith('</script>'))"));
    }

    @Test
    void entityGraphLinksEntitiesAndHighlightsNeighbours() throws IOException {
        Path p = render("graph", Map.of(), tables("logons", Samples.logons(400)), "graph.html");
        browser.open(p);
        long nodes = browser.jsLong("return window.hunt4j.nodes");
        assertEquals(nodes, browser.jsLong("return document.querySelectorAll('#graph g.node').length"));
        assertEquals(browser.jsLong("return window.hunt4j.links"), browser.jsLong("return document.querySelectorAll('#graph .links line').length"));
        assertTrue(nodes > 20);
        browser.screenshot("graph");
        WebElement node = browser.driver.findElement(By.cssSelector("#graph g.node circle"));
        hover(node);
        String tip = tipText();
        assertTrue(tip.contains("type") && tip.contains("links"), tip);
        assertTrue(browser.jsLong("return document.querySelectorAll('#graph g.node.faded').length") > 0, "others fade on hover");
        WebElement search = browser.driver.findElement(By.id("search"));
        search.sendKeys("wks-0");
        browser.waitFor("return document.querySelectorAll('#graph g.node.hit').length === 7", Duration.ofSeconds(5));
        assertEquals(Boolean.TRUE, browser.js("return Array.from(document.querySelectorAll('#graph text.label')).some(e => e.textContent.startsWith('</script>'))"));
    }

    @Test
    void edgeListGraph() throws IOException {
        ResultStream edges = ResultStream.of(List.of(Samples.str("Source"), Samples.str("Target"), Samples.str("SourceType"),
                Samples.str("TargetType")), List.of(new Object[] {"alice", "WKS-07", "account", "host"},
                new Object[] {"WKS-07", "evil.example.com", "host", "dns"}, new Object[] {"WKS-07", "10.0.0.5", "host", "ipaddress"}));
        browser.open(render("graph", Map.of(), tables("edges", edges), "edges.html"));
        assertEquals(4L, browser.jsLong("return window.hunt4j.nodes"));
        assertEquals(3L, browser.jsLong("return window.hunt4j.links"));
        assertEquals("ip", ((String) browser.js("return Array.from(document.querySelectorAll('#graph g.node'))"
                + ".map(g => g.__data__).find(d => d.label === '10.0.0.5').type")).toLowerCase(Locale.ROOT));
    }
}
