package dev.hunt4j.visualization;

import dev.hunt4j.api.render.Renderer;
import dev.hunt4j.api.render.RendererFactory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of hunt4j's HTML renderers: each writes one self-contained page (libraries and data inlined, no network
 * at all), declares its options with their meaning and default ({@link #options()}), and checks option values
 * when the renderer is created, so a bad value fails before any data is read.
 */
public abstract class HtmlRendererFactory implements RendererFactory {
    private final Map<String, String> options;

    HtmlRendererFactory(Map<String, String> options) {
        Map<String, String> all = new LinkedHashMap<>(options);
        all.putIfAbsent("title", "the page title");
        this.options = Collections.unmodifiableMap(all);
    }

    /** The options, option name to meaning and default, for help texts. */
    public final Map<String, String> options() {
        return options;
    }

    @Override
    public final String mediaType() {
        return "text/html";
    }

    /**
     * {@inheritDoc}
     *
     * <p>Option names are case-insensitive and may be written with dashes ({@code time-column}).
     */
    @Override
    public final Renderer create(Map<String, String> values) {
        return create(new Options(name(), values, options));
    }

    abstract Renderer create(Options options);

    /** An options map literal in declaration order. */
    static Map<String, String> described(String... nameThenMeaning) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameThenMeaning.length; i += 2) {
            m.put(nameThenMeaning[i], nameThenMeaning[i + 1]);
        }
        return m;
    }
}
