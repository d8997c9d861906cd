package dev.hunt4j.provider.elastic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.Secret;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings: defaults, checks that name the key, and no secret in any message. */
class ElasticSettingsTest {

    private static ElasticSettings parse(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return ElasticSettings.from(new PluginSettings("siem", "providers.siem", m, null));
    }

    private static void fails(String expected, Object... kv) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> parse(kv));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t-value"), "a secret in " + e.getMessage());
    }

    @Test
    void defaults() {
        ElasticSettings s = parse();
        assertEquals("http://localhost:9200/", s.hosts().get(0).toString());
        assertEquals("@timestamp", s.timeField());
        assertEquals("*", s.defaultIndex());
        assertEquals(5000, s.pageSize());
        assertEquals(Duration.ofMinutes(2), s.pitKeepAlive());
        assertEquals(ElasticSettings.Flavor.AUTO, s.flavor());
        assertFalse(s.compression());
        assertEquals("none configured", s.describeCredential());
        assertEquals(4, s.http().maxRetries());
    }

    @Test
    void hostsInEveryForm() {
        assertEquals(List.of("http://es1:9200/", "https://es2:9243/"), parse("hosts", List.of("es1", "https://es2:9243"))
                .hosts().stream().map(Object::toString).toList());
        assertEquals("https://es/", parse("url", "https://es").hosts().get(0).toString());
        fails("'providers.siem.hosts' entry 'ftp://x' is not an http(s) URL", "hosts", List.of("ftp://x"));
        fails("carries credentials in the URL", "host", "https://elastic:s3cr3t-value@es:9200");
    }

    @Test
    void credentialsAreCheckedAndDescribedWithoutTheirValue() {
        ElasticSettings basic = parse("username", "elastic", "password", new Secret("s3cr3t-value", "env:ES_PW"));
        assertEquals("basic authentication as 'elastic' (password from env:ES_PW)", basic.describeCredential());
        assertEquals("id:s3cr3t-value", parse("api_key_id", "id", "api_key", new Secret("s3cr3t-value", "env:K")).apiKey().reveal());
        fails("'providers.siem.username' and 'providers.siem.password' go together: password is missing", "username", "elastic");
        fails("more than one credential", "api_key", new Secret("s3cr3t-value", "env:K"), "bearer_token", new Secret("t0ken-xx", "env:T"));
        fails("'providers.siem.api_key_id' needs", "api_key_id", "id");
        fails("ca_fingerprint' must be a SHA-256 fingerprint", "ca_fingerprint", "ab:cd");
    }

    @Test
    void rangesAndChoicesNameTheirKey() {
        fails("'providers.siem.page_size' must be between 1 and 10000", "page_size", 20000);
        fails("'providers.siem.flavor' must be auto, elasticsearch or opensearch", "flavor", "solr");
        fails("'providers.siem.on_type_error' must be fail or null", "on_type_error", "skip");
        fails("'providers.siem.default_index'", "default_index", "logs-*, ../x");
        fails("'providers.siem.pit_keep_alive' must be at least 1s", "pit_keep_alive", "500ms");
        assertEquals(ElasticSettings.Flavor.OPENSEARCH, parse("flavor", "OpenSearch").flavor());
        assertTrue(parse("on_type_error", "null").nullOnTypeError());
    }

    @Test
    void everyKeyReadIsKnownSoTheHostAcceptsIt() {
        Map<String, String> known = new ElasticProviderFactory().knownSettings();
        for (String key : List.of("hosts", "host", "url", "username", "password", "api_key", "api_key_id", "bearer_token",
                "ca_fingerprint", "ca_file", "verify", "proxy", "time_field", "default_index", "page_size", "pit_keep_alive",
                "compression", "flavor", "tiebreaker", "on_type_error", "host_cooldown", "connect_timeout", "read_timeout",
                "max_retries", "retry_backoff", "max_retry_wait")) {
            assertTrue(known.containsKey(key), key);
            assertFalse(known.get(key).isBlank(), key);
        }
    }
}
