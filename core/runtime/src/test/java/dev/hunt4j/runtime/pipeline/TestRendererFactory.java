package dev.hunt4j.runtime.pipeline;

import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.render.Renderer;
import dev.hunt4j.api.render.RendererFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A renderer on the test classpath: a page that names its tables, their row counts and the first value of each, with
 * quotes and an {@code </iframe>} to prove the report escapes what it embeds.
 */
@org.pf4j.Extension
public class TestRendererFactory implements RendererFactory {
    @Override
    public String name() {
        return "test-view";
    }

    @Override
    public String mediaType() {
        return "text/html";
    }

    @Override
    public String description() {
        return "names its tables";
    }

    @Override
    public Renderer create(Map<String, String> options) {
        for (String k : options.keySet()) {
            if (!k.equals("label")) {
                throw new IllegalArgumentException("test-view: unknown option '" + k + "'");
            }
        }
        String label = options.getOrDefault("label", "view");
        return (tables, out) -> {
            StringBuilder sb = new StringBuilder("<html><body><p class=\"x\">" + label + " &amp; \"quoted\"</p></iframe>");
            for (Map.Entry<String, ResultStream> e : tables.entrySet()) {
                int n = 0;
                String first = null;
                try (ResultStream s = e.getValue()) {
                    for (Object[] r = s.next(); r != null; r = s.next()) {
                        if (first == null) {
                            first = String.valueOf(r[1]);
                        }
                        n++;
                    }
                }
                sb.append("<p>table ").append(e.getKey()).append(": ").append(n).append(" rows, first ").append(first).append("</p>");
            }
            out.write(sb.append("</body></html>").toString().getBytes(StandardCharsets.UTF_8));
        };
    }
}
