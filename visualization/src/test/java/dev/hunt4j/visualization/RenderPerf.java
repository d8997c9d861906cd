package dev.hunt4j.visualization;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hunt4j.api.data.ResultStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How long Chromium takes to draw the big views: a 100,000-event timeline and a 10,000-process tree, and how
 * quickly they answer a zoom, a collapse and a search. Measured, not asserted (machines differ):
 * {@code mvn -pl visualization test -Dgroups=perf -DexcludedGroups=none}, or run {@link #main}. Results go to
 * standard output (main) and {@code target/perf.txt}.
 */
@Tag("perf")
public class RenderPerf {

    @Test
    void measure() throws Exception {
        assumeTrue(Browser.available(), "skipped: no /usr/bin/chromium");
        List<String> lines = run();
        Files.write(Path.of("target/perf.txt"), lines);
    }

    public static void main(String[] args) throws Exception {
        run().forEach(System.out::println);
    }

    static long renderTo(Path file, String renderer, Map<String, String> options, Map<String, ResultStream> tables) throws IOException {
        long t0 = System.nanoTime();
        try (OutputStream o = Files.newOutputStream(file)) {
            Renderers.get(renderer).create(options).render(tables, o);
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Opens the page and returns {wall ms until ready, in-page ms from navigation start to drawn}. */
    static long[] open(Browser b, Path file) {
        long t0 = System.nanoTime();
        b.open(file);
        long wall = (System.nanoTime() - t0) / 1_000_000;
        return new long[] {wall, b.jsLong("return window.hunt4j.renderMs")};
    }

    /** Runs {@code action} in the page and returns the ms until the next frame after it (layout and paint included). */
    static long timeInPage(Browser b, String action) {
        Object r = b.driver.executeAsyncScript("const done = arguments[arguments.length - 1]; const t = performance.now(); "
                + action + "; requestAnimationFrame(() => setTimeout(() => done(performance.now() - t), 0));");
        return Math.round(((Number) r).doubleValue());
    }

    static List<String> run() throws Exception {
        List<String> out = new ArrayList<>();
        Path dir = Files.createTempDirectory("hunt4j-perf-");
        try (Browser b = new Browser()) {
            out.add("Chromium " + b.driver.getCapabilities().getBrowserVersion() + ", " + Runtime.getRuntime().availableProcessors()
                    + " cores, window 1400x900, headless");

            Path tl = dir.resolve("timeline-100k.html");
            long javaMs = renderTo(tl, "timeline", Map.of("group_by", "Computer", "color_by", "EventID",
                    "tooltip_columns", "Account,EventID,IpAddress,CommandLine"), Map.of("events", Samples.events(100_000, 42)));
            for (int i = 1; i <= 2; i++) {
                long[] t = open(b, tl);
                out.add(String.format("timeline, 100,000 events (%,d KB, written in %d ms): open %d: ready after %d ms (in page: %d ms from navigation start)",
                        Files.size(tl) / 1024, javaMs, i, t[0], t[1]));
            }
            Object zoom = b.driver.executeAsyncScript("const done = arguments[arguments.length - 1]; const c = window.hunt4jChart; "
                    + "const t = performance.now(); const f = () => { c.off('finished', f); done(performance.now() - t); }; c.on('finished', f); "
                    + "c.dispatchAction({type: 'dataZoom', dataZoomIndex: 0, start: 40, end: 60});");
            out.add(String.format("timeline, 100,000 events: zoom to 20%% of the range redrawn in %d ms", Math.round(((Number) zoom).doubleValue())));
            Object pan = b.driver.executeAsyncScript("const done = arguments[arguments.length - 1]; const c = window.hunt4jChart; "
                    + "const t = performance.now(); const f = () => { c.off('finished', f); done(performance.now() - t); }; c.on('finished', f); "
                    + "c.dispatchAction({type: 'dataZoom', dataZoomIndex: 0, start: 0, end: 100});");
            out.add(String.format("timeline, 100,000 events: back to the full range in %d ms", Math.round(((Number) pan).doubleValue())));
            b.consoleErrors().forEach(e -> out.add("console error: " + e));

            Path pt = dir.resolve("proctree-10k.html");
            javaMs = renderTo(pt, "proctree", Map.of(), Map.of("procs", Samples.processTree(10_000, 20, 7)));
            for (int i = 1; i <= 2; i++) {
                long[] t = open(b, pt);
                out.add(String.format("process tree, 10,000 processes on 20 hosts (%,d KB, written in %d ms): open %d: ready after %d ms (in page: %d ms)",
                        Files.size(pt) / 1024, javaMs, i, t[0], t[1]));
            }
            out.add(String.format("process tree, 10,000 processes: collapse all %d ms, expand all %d ms",
                    timeInPage(b, "document.getElementById('collapse-all').click()"),
                    timeInPage(b, "document.getElementById('expand-all').click()")));
            long t0 = System.nanoTime();
            b.js("const s = document.getElementById('search'); s.value = 'powershell'; s.dispatchEvent(new Event('input'));");
            b.waitFor("return document.querySelectorAll('.row.hit').length > 0", Duration.ofSeconds(30));
            out.add(String.format("process tree, 10,000 processes: search 'powershell' highlighted %d matches after %d ms (150 ms of it is the typing debounce)",
                    b.jsLong("return document.querySelectorAll('.row.hit').length"), (System.nanoTime() - t0) / 1_000_000));
            b.consoleErrors().forEach(e -> out.add("console error: " + e));
        } finally {
            try (var s = Files.list(dir)) {
                s.forEach(p -> p.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
        return out;
    }
}
