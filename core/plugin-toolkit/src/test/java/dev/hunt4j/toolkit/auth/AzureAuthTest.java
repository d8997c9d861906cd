package dev.hunt4j.toolkit.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.AuthenticationException;
import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.Secret;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.toolkit.HttpSettings;
import dev.hunt4j.toolkit.HttpTransport;
import dev.hunt4j.toolkit.QueryScope;
import dev.hunt4j.toolkit.Redactor;
import dev.hunt4j.toolkit.RequestAuth;
import dev.hunt4j.toolkit.testing.FakeAzureAd;
import dev.hunt4j.toolkit.testing.Routes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Request;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Azure AD client credentials against a loopback token endpoint: secrets, certificates, caching, refresh, errors. */
class AzureAuthTest {
    static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    static final String CLIENT = "66b9818a-26cd-4584-8eb0-7f7a499242aa";
    static final String SECRET = "Xq8~secret.value_with+specials/=";

    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    final HeldCertificate cert = new HeldCertificate.Builder().rsa2048().commonName("hunt4j-test-app").build();
    final MutableClock clock = new MutableClock();
    FakeAzureAd aad;
    HttpTransport transport;

    @BeforeEach
    void start() {
        aad = new FakeAzureAd(TENANT, CLIENT, SECRET, cert.keyPair().getPublic());
        server.setDispatcher(aad.install(new Routes()));
    }

    @AfterEach
    void stop() {
        if (transport != null) {
            transport.close();
        }
    }

    RequestAuth auth(Map<String, Object> extra) {
        Map<String, Object> m = new HashMap<>(Map.of("tenant_id", TENANT, "client_id", CLIENT, "login_url", server.url("/").toString(),
                "retry_backoff", "5ms"));
        m.putAll(extra);
        PluginSettings s = new PluginSettings("sentinel", "providers.sentinel", m, dir);
        transport = new HttpTransport(HttpSettings.from(s), Redactor.of(s));
        return AzureAuth.from(s, transport, "https://login.invalid", "https://api.loganalytics.io/.default", clock);
    }

    QueryScope scope() {
        return new QueryScope("Log Analytics", QueryOptions.defaults(), transport.redactor());
    }

    String header(RequestAuth auth) {
        return auth.authorize(new Request.Builder().url("https://api.invalid/q").build(), scope()).header("Authorization");
    }

    @Test
    void clientSecretTokensAreCachedAndRefreshedBeforeExpiry() throws Exception {
        RequestAuth auth = auth(Map.of("client_secret", new Secret(SECRET, "env:AZ_SECRET")));
        assertEquals("Bearer token-1", header(auth));
        assertEquals("Bearer token-1", header(auth));
        assertEquals(1, aad.issued());
        clock.advance(Duration.ofMinutes(50));
        assertEquals("Bearer token-1", header(auth), "still 9 minutes to go");
        clock.advance(Duration.ofMinutes(5));
        assertEquals("Bearer token-2", header(auth), "refreshed 5 minutes before expiry");
        auth.invalidate();
        assertEquals("Bearer token-3", header(auth), "a refused token is fetched again");
        assertTrue(transport.redactor().redact("token-3 x").startsWith("****"), "issued tokens are redacted");
        var form = dev.hunt4j.toolkit.testing.Forms.parse(server.takeRequest());
        assertEquals("https://api.loganalytics.io/.default", form.get("scope"));
        assertEquals("client_credentials", form.get("grant_type"));
    }

    @Test
    void shortLivedTokensAreRefreshedAfterHalfTheirLife() {
        aad.expiresIn(120);
        RequestAuth auth = auth(Map.of("client_secret", new Secret(SECRET, "env:AZ_SECRET")));
        header(auth);
        clock.advance(Duration.ofSeconds(59));
        header(auth);
        assertEquals(1, aad.issued());
        clock.advance(Duration.ofSeconds(2));
        header(auth);
        assertEquals(2, aad.issued());
    }

    @Test
    void aWrongSecretNamesTheSettingAndWhatToCheckButNeverTheSecret() {
        String wrong = "wrong-secret-value-123";
        RequestAuth auth = auth(Map.of("client_secret", new Secret(wrong, "env:AZ_SECRET")));
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> header(auth));
        String m = e.getMessage();
        assertFalse(m.contains(wrong), m);
        assertTrue(m.contains("AADSTS7000215"), m);
        assertTrue(m.contains("providers.sentinel.client_secret"), m);
        assertTrue(m.contains("env:AZ_SECRET"), m);
        assertTrue(m.contains("Value (not its Secret ID)"), m);
        assertTrue(m.contains(CLIENT), m);
    }

    @Test
    void anUnknownAppIsReportedAsSuch() {
        PluginSettings s = new PluginSettings("d", "providers.d", Map.of("tenant_id", TENANT, "client_id", "0000", "client_secret",
                new Secret(SECRET, "inline"), "login_url", server.url("/").toString()), dir);
        transport = new HttpTransport(HttpSettings.from(s), Redactor.of(s));
        RequestAuth auth = AzureAuth.from(s, transport, "x", "https://graph.microsoft.com/.default", clock);
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> header(auth));
        assertTrue(e.getMessage().contains("AADSTS700016"), e.getMessage());
        assertTrue(e.getMessage().contains("providers.d.client_id"), e.getMessage());
    }

    @Test
    void certificateInPemWithPkcs8OrPkcs1Key() throws Exception {
        Path pem = dir.resolve("app.pem");
        Files.writeString(pem, cert.certificatePem() + cert.privateKeyPkcs8Pem());
        RequestAuth auth = auth(Map.of("certificate", pem.toString()));
        assertEquals("Bearer token-1", header(auth));
        assertTrue(auth.describe().contains("hunt4j-test-app"), auth.describe());
        transport.close();

        Path certOnly = dir.resolve("app.crt");
        Path key = dir.resolve("app.key");
        Files.writeString(certOnly, cert.certificatePem());
        Files.writeString(key, cert.privateKeyPkcs1Pem());
        assertEquals("Bearer token-2", header(auth(Map.of("certificate", certOnly.toString(), "private_key", key.toString()))));
    }

    @Test
    void certificateInPfxWithPassword() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("app", cert.keyPair().getPrivate(), "pfx-pass".toCharArray(), new Certificate[] {cert.certificate()});
        Path pfx = dir.resolve("app.pfx");
        try (var out = Files.newOutputStream(pfx)) {
            ks.store(out, "pfx-pass".toCharArray());
        }
        assertEquals("Bearer token-1", header(auth(Map.of("certificate", pfx.toString(), "certificate_password",
                new Secret("pfx-pass", "env:PFX_PW")))));
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> auth(Map.of("certificate", pfx.toString(), "certificate_password", new Secret("wrong", "inline"))));
        assertTrue(e.getMessage().contains("certificate_password"), e.getMessage());
    }

    @Test
    void aCertificateTheAppDoesNotKnowIsRefused() throws Exception {
        HeldCertificate other = new HeldCertificate.Builder().rsa2048().commonName("someone-else").build();
        Path pem = dir.resolve("other.pem");
        Files.writeString(pem, other.certificatePem() + other.privateKeyPkcs8Pem());
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> header(auth(Map.of("certificate", pem.toString()))));
        assertTrue(e.getMessage().contains("AADSTS700027"), e.getMessage());
        assertTrue(e.getMessage().contains("upload its public part"), e.getMessage());
    }

    @Test
    void aPreAcquiredTokenIsSentAsItIs() {
        RequestAuth auth = auth(Map.of("access_token", new Secret("eyJ0eXAiOi.pre.acquired", "env:TOKEN")));
        assertInstanceOf(BearerToken.class, auth);
        assertEquals("Bearer eyJ0eXAiOi.pre.acquired", header(auth));
        assertTrue(auth.describe().contains("not refreshed"), auth.describe());
        assertEquals(0, aad.issued());
    }

    @Test
    void missingOrContradictoryCredentialsAreConfigurationErrors() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> auth(Map.of()));
        assertTrue(e.getMessage().contains("providers.sentinel.client_secret"), e.getMessage());
        assertTrue(e.getMessage().contains("access_token"), e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> auth(Map.of("client_secret", "a-secret", "access_token", "a-token")));
        assertTrue(e.getMessage().contains("not both"), e.getMessage());
    }

    @Test
    void cloudsMapToTheirEndpoints() {
        assertEquals("https://login.microsoftonline.us", AzureCloud.parse("usgov", "k").login());
        assertEquals("https://api.loganalytics.us", AzureCloud.parse("AzureUSGovernment", "k").logAnalytics());
        assertEquals("https://api.loganalytics.azure.cn", AzureCloud.parse("cn", "k").logAnalytics());
        assertEquals("https://login.chinacloudapi.cn", AzureCloud.parse("china", "k").login());
        assertEquals("https://graph.microsoft.com", AzureCloud.parse(null, "k").graph());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> AzureCloud.parse("mars", "providers.s.cloud"));
        assertTrue(e.getMessage().contains("providers.s.cloud"), e.getMessage());
    }

    /** A clock tests can move. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2024-05-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
