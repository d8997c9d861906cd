package dev.hunt4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hunt4j.api.Hunt4jException;
import dev.hunt4j.api.IocType;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.enrich.Enricher;
import dev.hunt4j.api.enrich.EnricherFactory;
import dev.hunt4j.api.enrich.LookupStatus;
import dev.hunt4j.api.enrich.TiResult;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract tests every enricher (TI provider) passes. Extend it in the plugin's tests, point it at a service (or a
 * loopback fake of it) that knows the observables of {@link #knownObservables()}, and JUnit runs the contract:
 * <ul>
 *   <li>the factory describes itself, its types and its settings;</li>
 *   <li>a known observable is answered {@code OK} and found, with the observable, type and provider filled in, a
 *       severity, and details holding only JDK values (text, numbers, booleans, lists, maps);</li>
 *   <li>an unknown observable is answered {@code OK} and not found — a miss is an answer, not an error;</li>
 *   <li>a type the provider does not support gives an {@code UNSUPPORTED} (or {@code INVALID}) result, not an
 *       exception;</li>
 *   <li>lookups from several threads at once give the same answers as one by one;</li>
 *   <li>no configured secret shows in any result, message or {@code toString()};</li>
 *   <li>{@code close()} can be called twice.</li>
 * </ul>
 * Enrichers must not retry or wait on their own: the host's engine owns rate limits and retries. Throw
 * {@code ThrottledException} (with the service's Retry-After) for throttling, {@code AuthenticationException} for a
 * refused credential, and any other {@code Hunt4jException} for failures worth retrying.
 */
public abstract class EnricherContract {

    private Enricher enricher;

    /** The factory under test. */
    protected abstract EnricherFactory factory();

    /** Settings that reach a service knowing {@link #knownObservables()}. */
    protected abstract PluginSettings settings();

    /** Observables the service knows, with their types (at least one). */
    protected abstract Map<String, IocType> knownObservables();

    /** Observables the service does not know, with their types (at least one). */
    protected abstract Map<String, IocType> unknownObservables();

    /** Secret values in {@link #settings()} that must never show (API keys); empty when there are none. */
    protected List<String> secretValues() {
        return List.of();
    }

    @BeforeEach
    void createEnricher() {
        enricher = factory().create(settings());
        assertNotNull(enricher, "create() returned null");
    }

    @AfterEach
    void closeEnricher() {
        if (enricher != null) {
            enricher.close();
        }
    }

    /** The enricher under test, for subclasses adding their own tests. */
    protected Enricher enricher() {
        return enricher;
    }

    @Test
    void factoryDescribesItself() {
        EnricherFactory f = factory();
        assertFalse(f.type().isBlank(), "type() is blank");
        assertTrue(f.type().matches("[a-z0-9][a-z0-9-]*"), "type() should be lower-case words joined by '-': " + f.type());
        assertFalse(f.description().isBlank(), "description() is blank");
        assertFalse(f.supportedTypes().isEmpty(), "supportedTypes() is empty");
        f.knownSettings().forEach((k, v) -> {
            assertTrue(k.matches("[a-z0-9_]+"), "setting names are snake_case: " + k);
            assertFalse(v == null || v.isBlank(), "setting '" + k + "' has no description");
        });
        for (IocType t : knownObservables().values()) {
            assertTrue(f.supportedTypes().contains(t), "knownObservables() has a " + t.id() + ", which supportedTypes() lacks");
        }
    }

    @Test
    void aKnownObservableIsFound() {
        knownObservables().forEach((observable, type) -> {
            TiResult r = enricher.lookup(observable, type);
            checkWellFormed(r, observable, type);
            assertEquals(LookupStatus.OK, r.status(), observable + ": " + r.message());
            assertTrue(r.found(), observable + " should be found");
            assertEquals(null, r.message(), "an OK result carries no message");
        });
    }

    @Test
    void anUnknownObservableIsAnsweredNotFound() {
        unknownObservables().forEach((observable, type) -> {
            TiResult r = enricher.lookup(observable, type);
            checkWellFormed(r, observable, type);
            assertEquals(LookupStatus.OK, r.status(), "a miss is an answer: " + observable + ": " + r.message());
            assertFalse(r.found(), observable + " should not be found");
        });
    }

    @Test
    void anUnsupportedTypeIsAResultNotAnException() {
        EnumSet<IocType> unsupported = EnumSet.complementOf(EnumSet.copyOf(factory().supportedTypes()));
        assumeTrue(!unsupported.isEmpty(), "the provider supports every type");
        IocType t = unsupported.iterator().next();
        TiResult r;
        try {
            r = enricher.lookup(sampleOf(t), t);
        } catch (Hunt4jException e) {
            fail("an unsupported type should give an UNSUPPORTED result, not " + e);
            return;
        }
        assertNotNull(r);
        assertTrue(r.status() == LookupStatus.UNSUPPORTED || r.status() == LookupStatus.INVALID,
                "status for a " + t.id() + ": " + r.status());
        assertNotNull(r.message(), "the result should say why");
    }

    @Test
    void concurrentLookupsGiveTheSameAnswers() throws Exception {
        List<Map.Entry<String, IocType>> all = new ArrayList<>(knownObservables().entrySet());
        all.addAll(unknownObservables().entrySet());
        List<Boolean> expected = new ArrayList<>();
        for (Map.Entry<String, IocType> e : all) {
            expected.add(enricher.lookup(e.getKey(), e.getValue()).found());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (Map.Entry<String, IocType> e : all) {
                    answers.add(pool.submit(() -> enricher.lookup(e.getKey(), e.getValue()).found()));
                }
            }
            for (int i = 0; i < answers.size(); i++) {
                assertEquals(expected.get(i % all.size()), answers.get(i).get(), "answer for " + all.get(i % all.size()).getKey());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void secretsNeverShow() {
        assumeTrue(!secretValues().isEmpty(), "no secrets configured");
        List<String> texts = new ArrayList<>();
        texts.add(String.valueOf(enricher));
        List<Map.Entry<String, IocType>> all = new ArrayList<>(knownObservables().entrySet());
        all.addAll(unknownObservables().entrySet());
        for (Map.Entry<String, IocType> e : all) {
            TiResult r = enricher.lookup(e.getKey(), e.getValue());
            texts.add(r.toString());
            texts.add(String.valueOf(r.rawJson()));
        }
        for (String secret : secretValues()) {
            for (String t : texts) {
                assertFalse(t.contains(secret), "a secret shows in: " + t.replace(secret, "<SECRET>"));
            }
        }
    }

    @Test
    void closeIsIdempotent() {
        Enricher e = factory().create(settings());
        e.close();
        e.close();
    }

    private void checkWellFormed(TiResult r, String observable, IocType type) {
        assertNotNull(r, "lookup(" + observable + ") returned null");
        assertEquals(observable, r.ioc(), "ioc");
        assertEquals(type, r.type(), "type of " + observable);
        assertFalse(r.provider().isBlank(), "provider is blank");
        assertNotNull(r.severity(), "severity");
        r.details().forEach((k, v) -> checkJdkValue(observable + " details." + k, v));
    }

    private static void checkJdkValue(String where, Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return;
        }
        if (v instanceof List<?> l) {
            l.forEach(x -> checkJdkValue(where + "[]", x));
            return;
        }
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, x) -> {
                assertTrue(k instanceof String, where + " has a non-text key " + k);
                checkJdkValue(where + "." + k, x);
            });
            return;
        }
        fail(where + " holds a " + v.getClass().getName() + "; details hold text, numbers, booleans, lists and maps only");
    }

    /** A well-formed observable of each type, for the unsupported-type check. */
    protected static String sampleOf(IocType t) {
        return switch (t) {
            case IPV4 -> "8.8.8.8";
            case IPV6 -> "2606:4700:4700::1111";
            case DNS -> "example.com";
            case URL -> "http://example.com/a";
            case EMAIL -> "alice@example.com";
            case MD5_HASH -> "d41d8cd98f00b204e9800998ecf8427e";
            case SHA1_HASH -> "da39a3ee5e6b4b0d3255bfef95601890afd80709";
            case SHA256_HASH -> "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
            case WINDOWS_PATH -> "C:\\Windows\\Temp\\a.exe";
            case LINUX_PATH -> "/tmp/a.sh";
            case HOSTNAME -> "WKS-07";
        };
    }
}
