package dev.hunt4j.ti.localfeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.IocType;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.enrich.Enricher;
import dev.hunt4j.api.enrich.TiResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each feed format, matching rules and error messages. */
class LocalFeedTest {
    @TempDir
    Path dir;

    private Enricher feed(Map<String, Object> settings) {
        return new LocalFeedFactory().create(Feeds.settings(settings, dir));
    }

    private Enricher feedOf(String file, String text) {
        Feeds.write(dir, file, text);
        return feed(Map.of("paths", List.of(file)));
    }

    @Test
    void csvRowsKeepTheirSeveritySourceDescriptionAndOtherColumns() {
        try (Enricher e = feedOf("ioc_feed.csv", Feeds.CSV)) {
            TiResult r = e.lookup("wsus-patch-mirror.com", IocType.DNS);
            assertTrue(r.found());
            assertEquals(Severity.HIGH, r.severity());
            assertEquals(List.of("Contoso CTI"), r.details().get("sources"));
            assertEquals(List.of("Credential phishing"), r.details().get("descriptions"));
            assertEquals("2025-11-04T08:19:37.688Z", r.details().get("FirstSeen"));
            assertEquals(List.of("ioc_feed.csv"), r.details().get("feeds"));
            assertTrue(r.rawJson().contains("\"location\":\"" + dir.resolve("ioc_feed.csv").toString().replace("\\", "\\\\") + ":2\""), r.rawJson());

            TiResult quoted = e.lookup("1f7e74c9c5c21db90bc4b77be1fde83d7d68bd89a47f4c6735e2ec2920611d29", IocType.SHA256_HASH);
            assertEquals(List.of("DLL side-loaded with rundll32 ... ,DllRegisterServer by the same actor"), quoted.details().get("descriptions"));

            TiResult twice = e.lookup("192.0.2.117", IocType.IPV4);
            assertEquals(Severity.HIGH, twice.severity(), "the worst of two entries");
            assertEquals(2, twice.details().get("matches"));
            assertEquals(List.of("OSINT", "Partner ISAC"), twice.details().get("sources"));

            assertTrue(e.lookup("HTTP://203.0.113.164:8080/stage2.bin", IocType.URL).found(), "URLs compare ignoring case");
            TiResult miss = e.lookup("example.com", IocType.DNS);
            assertFalse(miss.found());
            assertEquals(Severity.UNKNOWN, miss.severity());
            assertNull(miss.rawJson());
        }
    }

    @Test
    void textListsAreRefangedAndCommentsBecomeDescriptions() {
        try (Enricher e = feedOf("partner.txt", Feeds.TEXT)) {
            TiResult r = e.lookup("evil-updates.net", IocType.DNS);
            assertTrue(r.found());
            assertEquals(Severity.WARNING, r.severity(), "the default severity");
            assertEquals(List.of("loader domain"), r.details().get("descriptions"));
            assertTrue(e.lookup("https://login-micros0ft.com/owa", IocType.URL).found());
            assertTrue(e.lookup("2001:db8::7", IocType.IPV6).found(), "IPv6 in any spelling");
            TiResult inBlock = e.lookup("10.20.99.1", IocType.IPV4);
            assertTrue(inBlock.found());
            assertEquals(List.of("10.20.0.0/16"), inBlock.details().get("matched"));
            assertFalse(e.lookup("10.21.0.1", IocType.IPV4).found());
            assertTrue(e.lookup("d41d8cd98f00b204e9800998ecf8427f", IocType.MD5_HASH).found());
        }
    }

    @Test
    void stixIndicatorsArePatternsWithConfidenceAndValidity() {
        try (Enricher e = feedOf("acme.json", Feeds.STIX)) {
            TiResult c2 = e.lookup("198.51.100.23", IocType.IPV4);
            assertEquals(Severity.HIGH, c2.severity(), "confidence 85");
            assertEquals("https://cert.acme.example/c2", c2.reference());
            assertEquals("indicator--a", c2.details().get("stix_id"));
            assertEquals(List.of("malicious-activity"), c2.details().get("indicator_types"));
            assertTrue(e.lookup("nvcdn-sync.net", IocType.DNS).found(), "both sides of an OR");
            assertEquals(Severity.WARNING, e.lookup("3be45aca5ed194311ac47ca1a72d45ef", IocType.MD5_HASH).severity(), "confidence 40");
            assertTrue(e.lookup("http://secure-docview.com/view.php?id=88231", IocType.URL).found(), "IN (...)");
            assertTrue(e.lookup("https://o'neil.example/x", IocType.URL).found(), "escaped quote");
            assertTrue(e.lookup("billing@payroll-contoso.com", IocType.EMAIL).found());
            assertFalse(e.lookup("198.51.100.99", IocType.IPV4).found(), "expired");
            assertFalse(e.lookup("198.51.100.98", IocType.IPV4).found(), "revoked");
        }
        try (Enricher e = feed(Map.of("paths", List.of("acme.json"), "include_expired", true))) {
            assertTrue(e.lookup("198.51.100.99", IocType.IPV4).found());
        }
    }

    @Test
    void mispAttributesFlaggedForIdsWithTheEventsThreatLevel() {
        try (Enricher e = feedOf("event.json", Feeds.MISP)) {
            TiResult r = e.lookup("203.0.113.47", IocType.IPV4);
            assertEquals(Severity.HIGH, r.severity(), "threat level 1");
            assertEquals(List.of("CIRCL"), r.details().get("sources"));
            assertEquals(List.of("Qakbot wave: sprayer"), r.details().get("descriptions"));
            assertEquals("Network activity", r.details().get("misp_category"));
            assertEquals(List.of("tlp:green"), r.details().get("tags"));
            assertTrue(e.lookup("okta-verify-login.net", IocType.DNS).found(), "to_ids \"1\"");
            assertFalse(e.lookup("198.51.100.200", IocType.IPV4).found(), "not for IDS");
            assertTrue(e.lookup("da39a3ee5e6b4b0d3255bfef95601890afd80709", IocType.SHA1_HASH).found(), "filename|sha1");
            assertTrue(e.lookup("teams-meeting-join.net", IocType.DNS).found(), "domain|ip");
            assertTrue(e.lookup("198.51.100.142", IocType.IPV4).found(), "domain|ip");
            assertTrue(e.lookup("198.51.100.177", IocType.IPV4).found(), "ip-dst|port");
            assertTrue(e.lookup("hr@payroll-contoso.com", IocType.EMAIL).found(), "object attribute");
            assertFalse(e.lookup("http://adobe-reader-update.info/AcroRdrDC2400.exe", IocType.URL).found(), "deleted");
        }
        try (Enricher e = feed(Map.of("paths", List.of("event.json"), "misp_ids_only", false))) {
            assertTrue(e.lookup("198.51.100.200", IocType.IPV4).found());
        }
        Feeds.write(dir, "response.json", "{\"response\": [" + Feeds.MISP + "]}");
        try (Enricher e = feed(Map.of("paths", List.of("response.json")))) {
            assertTrue(e.lookup("203.0.113.47", IocType.IPV4).found(), "the REST API's response wrapper");
        }
    }

    @Test
    void aFolderIsReadByExtensionAndChangesAreReloaded() throws Exception {
        Feeds.all(dir);
        try (Enricher e = feed(Map.of("paths", List.of("."), "reload_interval", "0s"))) {
            assertTrue(e.lookup("wsus-patch-mirror.com", IocType.DNS).found());
            assertTrue(e.lookup("203.0.113.47", IocType.IPV4).found(), "sub-folders too");
            assertFalse(e.lookup("8.8.8.8", IocType.IPV4).found(), "a .md file is not a feed");
        }
        Path txt = Feeds.write(dir, "live.txt", "first.example.com\n");
        LocalFeedEnricher e = (LocalFeedEnricher) feed(Map.of("paths", List.of("live.txt"), "reload_interval", "1ms"));
        assertTrue(e.lookup("first.example.com", IocType.DNS).found());
        Files.writeString(txt, "second.example.com\n");
        Files.setLastModifiedTime(txt, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        Thread.sleep(5);
        assertTrue(e.lookup("second.example.com", IocType.DNS).found(), "re-read after the change");
        assertFalse(e.lookup("first.example.com", IocType.DNS).found());
        Files.move(txt, dir.resolve("gone.txt"));
        Thread.sleep(5);
        assertTrue(e.lookup("second.example.com", IocType.DNS).found(), "a feed that disappears keeps the last good copy");
    }

    @Test
    void errorsNameTheSettingOrTheFileAndLine() {
        ConfigurationException none = assertThrows(ConfigurationException.class, () -> feed(Map.of()));
        assertTrue(none.getMessage().contains("enrichers.feed.paths") && none.getMessage().contains("required"), none.getMessage());
        ConfigurationException missing = assertThrows(ConfigurationException.class, () -> feed(Map.of("paths", "nope.csv")));
        assertTrue(missing.getMessage().contains("enrichers.feed.paths") && missing.getMessage().contains("nope.csv"), missing.getMessage());
        ConfigurationException sev = assertThrows(ConfigurationException.class,
                () -> feed(Map.of("paths", ".", "default_severity", "severe-ish")));
        assertTrue(sev.getMessage().contains("default_severity"), sev.getMessage());

        Feeds.write(dir, "bad.json", "{\"type\": \"bundle\", \"objects\": [\n {\"type\": \"indicator\",, }]}");
        ConfigurationException json = assertThrows(ConfigurationException.class, () -> feed(Map.of("paths", "bad.json")));
        assertTrue(json.getMessage().contains("bad.json is not valid JSON at line 2"), json.getMessage());

        Feeds.write(dir, "other.json", "{\"hello\": 1}");
        ConfigurationException shape = assertThrows(ConfigurationException.class, () -> feed(Map.of("paths", "other.json")));
        assertTrue(shape.getMessage().contains("neither a STIX 2.1 bundle"), shape.getMessage());

        Feeds.write(dir, "cols.csv", "Domain,Note\nevil.com,x\n");
        ConfigurationException cols = assertThrows(ConfigurationException.class, () -> feed(Map.of("paths", "cols.csv")));
        assertTrue(cols.getMessage().contains("columns are Domain, Note") && cols.getMessage().contains("enrichers.feed.ioc_column"),
                cols.getMessage());
        try (Enricher e = feed(Map.of("paths", "cols.csv", "ioc_column", "Domain"))) {
            assertTrue(e.lookup("evil.com", IocType.DNS).found());
        }

        Feeds.write(dir, "quote.csv", "Ioc,Description\nevil.com,\"never closed\n");
        ConfigurationException quote = assertThrows(ConfigurationException.class, () -> feed(Map.of("paths", "quote.csv")));
        assertTrue(quote.getMessage().contains("quote.csv line 2"), quote.getMessage());
    }

    @Test
    void valuesAreRefangedTypedAndKeyed() {
        assertEquals("http://evil.com/a", Values.refang("hxxp://evil[.]com/a"));
        assertEquals("https://evil.com/a", Values.refang("hXXps[://]evil[dot]com/a"));
        assertEquals("bob@evil.com", Values.refang("bob[at]evil(.)com"));
        assertEquals("1.2.3.4", Values.refang(" 1.2.3[.]4 "));
        assertEquals(IocType.IPV4, Values.infer("10.0.0.0/8"));
        assertEquals(IocType.IPV6, Values.infer("2001:db8::1"));
        assertEquals(IocType.SHA1_HASH, Values.infer("da39a3ee5e6b4b0d3255bfef95601890afd80709"));
        assertEquals(IocType.URL, Values.infer("ftp://x.example/a"));
        assertEquals(IocType.EMAIL, Values.infer("a@b.example"));
        assertEquals(IocType.WINDOWS_PATH, Values.infer("C:\\x\\y.exe"));
        assertEquals(IocType.LINUX_PATH, Values.infer("/tmp/x"));
        assertEquals(IocType.DNS, Values.infer("a.example"));
        assertNull(Values.infer("hello world"));
        assertEquals("2001:db8:0:0:0:0:0:1", Values.key("2001:DB8::1"));
        assertEquals("/tmp/CaseMatters", Values.key("/tmp/CaseMatters"));
        assertEquals(Severity.WARNING, Values.severity("Medium", Severity.HIGH));
        assertEquals(Severity.HIGH, Values.severity("", Severity.HIGH));
    }
}
