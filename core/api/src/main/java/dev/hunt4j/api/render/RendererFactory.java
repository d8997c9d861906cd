package dev.hunt4j.api.render;

import java.util.Map;
import org.pf4j.ExtensionPoint;

/** Extension point for a view of results (an HTML timeline, a process tree, a text table, ...). */
public interface RendererFactory extends ExtensionPoint {

    /** The name users call it by, e.g. {@code timeline}. */
    String name();

    /** The media type written, e.g. {@code text/html}. */
    String mediaType();

    /** One line saying what it shows. */
    String description();

    /**
     * Creates a renderer for these option values.
     *
     * @throws IllegalArgumentException naming the option and what was expected
     */
    Renderer create(Map<String, String> options);
}
