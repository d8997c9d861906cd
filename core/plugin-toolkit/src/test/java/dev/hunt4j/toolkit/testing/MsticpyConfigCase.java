package dev.hunt4j.toolkit.testing;

import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.runtime.Hunt4j;
import dev.hunt4j.runtime.QueryResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of a provider's MSTICPy-config test: the provider's {@code msticpyconfig.yaml} (a test resource in the test's
 * package), read by the runtime, drives the plugin (found on the test classpath) against the loopback {@link #server}.
 * The subclass names the values the file leaves open and checks what reached the service.
 */
public abstract class MsticpyConfigCase {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_]+)}");

    @StartStop
    protected final MockWebServer server = new MockWebServer();

    @TempDir
    protected Path dir;

    /**
     * Writes the resource {@code msticpyconfig.yaml} with each {@code ${name}} replaced by {@code values.get(name)}
     * ({@code ${url}}, {@code ${host}} and {@code ${port}} are the loopback server's), builds hunt4j over it with
     * {@code env} as the environment, runs {@code query} of provider {@code provider} and returns how many rows it gave.
     */
    protected int rows(Map<String, ?> values, Map<String, String> env, String provider, String query, Map<String, ?> parameters)
            throws IOException {
        Path config = dir.resolve("msticpyconfig.yaml");
        Files.writeString(config, fill(template(), values));
        try (Hunt4j h = Hunt4j.builder().config(config).environment(env::get).build();
             QueryResult r = h.provider(provider).query(query, parameters, QueryOptions.defaults())) {
            return r.toTable().rowCount();
        }
    }

    private String template() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("msticpyconfig.yaml")) {
            if (in == null) {
                throw new IllegalStateException("no test resource msticpyconfig.yaml in package " + getClass().getPackageName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String fill(String template, Map<String, ?> values) {
        Map<String, Object> loopback = Map.of("url", server.url("/"), "host", server.getHostName(), "port", server.getPort());
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            Object value = values.containsKey(name) ? values.get(name) : loopback.get(name);
            if (value == null) {
                throw new IllegalArgumentException("msticpyconfig.yaml of " + getClass().getName() + " uses ${" + name
                        + "}, which the test gives no value");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
        }
        return m.appendTail(out).toString();
    }
}
