package dev.hunt4j.visualization;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The HTML renderers of this module, for callers that use them directly (the CLI, the investigation report) rather
 * than through the plugin manager, which finds the same factories by their {@code @Extension} index.
 */
public final class Renderers {
    private Renderers() {
    }

    /** A new instance of every renderer factory, in a stable order. */
    public static List<HtmlRendererFactory> all() {
        return List.of(new TimelineRendererFactory(), new ValueTimelineRendererFactory(), new ProcessTreeRendererFactory(),
                new TiBrowserRendererFactory(), new QueryBrowserRendererFactory(), new CodeViewRendererFactory(),
                new MatrixRendererFactory(), new EntityGraphRendererFactory());
    }

    /**
     * The factory called {@code name} ({@code timeline}, {@code value-timeline}, {@code proctree}, {@code ti},
     * {@code queries}, {@code code}, {@code matrix}, {@code graph}).
     *
     * @throws IllegalArgumentException naming the renderers there are
     */
    public static HtmlRendererFactory get(String name) {
        for (HtmlRendererFactory f : all()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no renderer called '" + name + "'; renderers are "
                + all().stream().map(HtmlRendererFactory::name).collect(Collectors.joining(", ")));
    }

    /**
     * A rendered page as an {@code <iframe>} for embedding in another HTML document (the investigation report):
     * the page goes in {@code srcdoc}, escaped, and the sandbox lets its scripts run but keeps it apart from the
     * embedding document (no same-origin access, no navigation of the parent).
     *
     * @param html   the page a renderer wrote
     * @param title  the frame's accessible title
     * @param height the frame height in CSS pixels
     */
    public static String iframe(String html, String title, int height) {
        return "<iframe sandbox=\"allow-scripts allow-downloads\" style=\"width:100%;border:0\" height=\"" + height + "\" title=\""
                + HtmlPage.escape(title) + "\" srcdoc=\"" + HtmlPage.escape(html) + "\"></iframe>";
    }

    /**
     * {@code value} (Map, List, String, Number, Boolean, null) as JSON text, e.g. for the JSON form of the query
     * browser's {@code Parameters} cells.
     */
    public static String toJson(Object value) {
        return Json.write(value);
    }
}
