package dev.hunt4j.api.render;

import dev.hunt4j.api.data.ResultStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** A configured view. */
public interface Renderer {

    /**
     * Writes a view of {@code tables} (by name; the renderer closes them) to {@code out}. All data is
     * escaped for the output format, so no value can break or script the output.
     */
    void render(Map<String, ResultStream> tables, OutputStream out) throws IOException;
}
