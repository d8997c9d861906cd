package dev.hunt4j.visualization;

import dev.hunt4j.api.data.ResultStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes sample pages to a folder, for looking at them by hand: {@code DevRender /tmp/viz}. */
public final class DevRender {
    private DevRender() {
    }

    static void write(Path dir, String file, String renderer, Map<String, String> options, Map<String, ResultStream> tables) throws Exception {
        try (OutputStream o = Files.newOutputStream(dir.resolve(file))) {
            Renderers.get(renderer).create(options).render(tables, o);
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/samples");
        Files.createDirectories(dir);
        Map<String, ResultStream> two = new LinkedHashMap<>();
        two.put("security", Samples.events(2000, 1));
        two.put("signins", Samples.signins(300, 2));
        write(dir, "timeline.html", "timeline", Map.of("group_by", "Computer", "color_by", "EventID",
                "ref_time", "2024-05-02T14:20:00Z", "ref_label", "alert"), Map.of("security", Samples.events(2000, 1)));
        write(dir, "timeline-multi.html", "timeline", Map.of("group_by", "Account"), two);
        write(dir, "value-timeline.html", "value-timeline", Map.of("ref_time", "2024-05-05T04:00:00Z", "ref_label", "alert"),
                Map.of("series", Samples.timeSeries()));
        write(dir, "proctree.html", "proctree", Map.of(), Map.of("procs", Samples.processTree(400, 3, 1)));
        write(dir, "ti.html", "ti", Map.of(), Map.of("ti", Samples.ti()));
        write(dir, "queries.html", "queries", Map.of(), Map.of("q", Samples.queries()));
        write(dir, "code.html", "code", Map.of("title_column", "reference"), Map.of("scripts", Samples.scripts()));
        write(dir, "matrix.html", "matrix", Map.of("x_column", "DestinationPort", "y_column", "SourceIP"), Map.of("flows", Samples.flows(3000)));
        write(dir, "graph.html", "graph", Map.of(), Map.of("logons", Samples.logons(400)));
    }
}
