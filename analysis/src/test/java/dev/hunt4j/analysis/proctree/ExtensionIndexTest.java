package dev.hunt4j.analysis.proctree;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import org.junit.jupiter.api.Test;

/** The annotation processor must list the analyzer factories, or PF4J finds none of them. */
class ExtensionIndexTest {
    @Test
    void factoriesAreIndexed() throws IOException {
        StringBuilder all = new StringBuilder();
        Enumeration<java.net.URL> urls = getClass().getClassLoader().getResources("META-INF/extensions.idx");
        while (urls.hasMoreElements()) {
            try (InputStream in = urls.nextElement().openStream()) {
                all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        String idx = all.toString();
        for (String c : new String[] {"dev.hunt4j.analysis.proctree.ProcessTreeAnalyzerFactory",
                "dev.hunt4j.analysis.timeseries.TimeSeriesAnalyzerFactory", "dev.hunt4j.analysis.sessions.SessionsAnalyzerFactory"}) {
            assertTrue(idx.contains(c), c + " missing from extensions.idx:\n" + idx);
        }
    }
}
