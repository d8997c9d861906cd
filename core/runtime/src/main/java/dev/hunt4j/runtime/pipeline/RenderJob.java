package dev.hunt4j.runtime.pipeline;

import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.render.Renderer;
import dev.hunt4j.api.render.RendererFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A render step's view, drawn when the report is written: from the tables as they are, or from masked copies for a
 * report meant for sharing, so the renderer never sees a value the report must not show.
 */
public final class RenderJob {
    private final String renderer;
    private final RendererFactory factory;
    private final Map<String, String> options;
    private final Map<String, DataTable> tables;
    private final int height;

    RenderJob(String renderer, RendererFactory factory, Map<String, String> options, Map<String, DataTable> tables, int height) {
        this.renderer = renderer;
        this.factory = factory;
        this.options = Map.copyOf(options);
        this.tables = new LinkedHashMap<>(tables);
        this.height = height;
    }

    /** The renderer's name. */
    public String renderer() {
        return renderer;
    }

    /** The renderer's media type ({@code text/html}, {@code image/svg+xml}, {@code text/plain}). */
    public String mediaType() {
        return factory.mediaType();
    }

    /** The option values passed to the renderer. */
    public Map<String, String> options() {
        return options;
    }

    /** The tables given to the renderer, by the name it sees. */
    public Map<String, DataTable> tables() {
        return Map.copyOf(tables);
    }

    /** The frame height the report gives the view, in CSS pixels. */
    public int height() {
        return height;
    }

    /** Renders the tables as they are. */
    public byte[] render() {
        return render(UnaryOperator.identity());
    }

    /**
     * Renders the tables after {@code transform} (e.g. masking).
     *
     * @throws UncheckedIOException or the renderer's exception when rendering fails
     */
    public byte[] render(UnaryOperator<DataTable> transform) {
        Renderer r = factory.create(options);
        Map<String, ResultStream> in = new LinkedHashMap<>();
        tables.forEach((name, t) -> in.put(name, transform.apply(t).stream()));
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        try {
            r.render(in, out);
        } catch (IOException e) {
            throw new UncheckedIOException("renderer " + renderer + " failed: " + e.getMessage(), e);
        } finally {
            in.values().forEach(ResultStream::close);
        }
        return out.toByteArray();
    }
}
