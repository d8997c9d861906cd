package dev.hunt4j.ti.localfeed;

import dev.hunt4j.api.PluginSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Feed files for tests, one of each format. */
final class Feeds {
    static final String CSV = """
            Ioc,IocType,Severity,Source,Description,FirstSeen
            wsus-patch-mirror.com,dns,high,Contoso CTI,Credential phishing,2025-11-04T08:19:37.688Z
            2e6980df45af53564f457db04802105eafd3bb406371c16e9bf22c8bbc3f556c,sha256,warning,Contoso CTI,Info-stealer,2025-11-08T00:06:04.532Z
            http://203.0.113.164:8080/stage2.bin,url,high,Contoso CTI,Malicious download or phishing page,2025-11-10T05:12:46.191Z
            192.0.2.117,ipv4,warning,OSINT,Brute-force source,2025-11-25T12:56:33.129Z
            ipinfo.io,dns,information,OSINT,"IP geolocation service; legitimate, but malware uses it to profile victims",2026-01-01T00:00:00.000Z
            1f7e74c9c5c21db90bc4b77be1fde83d7d68bd89a47f4c6735e2ec2920611d29,sha256,warning,Sandbox,"DLL side-loaded with rundll32 ... ,DllRegisterServer by the same actor",2026-02-23T03:25:34.870Z
            192.0.2.117,ipv4,high,Partner ISAC,C2 server,2026-02-01T00:00:00.000Z
            """;

    static final String TEXT = """
            # partner watchlist, defanged as received
            evil-updates[.]net   # loader domain
            hxxps://login-micros0ft[.]com/owa
            2001:DB8:0:0::7
            10.20.0.0/16  # the compromised lab network

            d41d8cd98f00b204e9800998ecf8427f
            """;

    static final String STIX = """
            {"type": "bundle", "id": "bundle--1", "objects": [
              {"type": "identity", "id": "identity--1", "name": "ACME CERT"},
              {"type": "indicator", "spec_version": "2.1", "id": "indicator--a", "created_by_ref": "identity--1",
               "name": "C2 node", "pattern_type": "stix", "confidence": 85, "indicator_types": ["malicious-activity"],
               "pattern": "[ipv4-addr:value = '198.51.100.23'] OR [domain-name:value = 'nvcdn-sync.net']",
               "valid_from": "2026-01-01T00:00:00Z",
               "external_references": [{"source_name": "acme", "url": "https://cert.acme.example/c2"}]},
              {"type": "indicator", "id": "indicator--b", "pattern_type": "stix", "confidence": 40, "name": "payload",
               "pattern": "[file:hashes.'SHA-256' = '79b4641a7a96210b68314369bd0a359657f0cf4882b2ef79c15a476eee2d153a' AND file:hashes.MD5 = '3be45aca5ed194311ac47ca1a72d45ef']"},
              {"type": "indicator", "id": "indicator--c", "pattern_type": "stix", "name": "phish",
               "pattern": "[url:value IN ('http://secure-docview.com/view.php?id=88231', 'https://o\\\\'neil.example/x')] OR [email-addr:value = 'billing@payroll-contoso.com']"},
              {"type": "indicator", "id": "indicator--old", "pattern_type": "stix", "valid_until": "2020-01-01T00:00:00Z",
               "pattern": "[ipv4-addr:value = '198.51.100.99']"},
              {"type": "indicator", "id": "indicator--revoked", "pattern_type": "stix", "revoked": true,
               "pattern": "[ipv4-addr:value = '198.51.100.98']"},
              {"type": "indicator", "id": "indicator--sigma", "pattern_type": "sigma", "pattern": "title: x"}
            ]}
            """;

    static final String MISP = """
            {"Event": {"id": "42", "uuid": "5f0c-event", "info": "Qakbot wave", "threat_level_id": "1",
              "Orgc": {"name": "CIRCL"}, "Tag": [{"name": "tlp:green"}],
              "Attribute": [
                {"uuid": "a1", "type": "ip-dst", "category": "Network activity", "value": "203.0.113.47", "to_ids": true, "comment": "sprayer"},
                {"uuid": "a2", "type": "domain", "value": "okta-verify-login.net", "to_ids": "1"},
                {"uuid": "a3", "type": "ip-src", "value": "198.51.100.200", "to_ids": false},
                {"uuid": "a4", "type": "filename|sha1", "value": "invoice.doc|da39a3ee5e6b4b0d3255bfef95601890afd80709", "to_ids": true},
                {"uuid": "a5", "type": "domain|ip", "value": "teams-meeting-join.net|198.51.100.142", "to_ids": true},
                {"uuid": "a6", "type": "ip-dst|port", "value": "198.51.100.177|443", "to_ids": true},
                {"uuid": "a7", "type": "text", "value": "not an indicator", "to_ids": true},
                {"uuid": "a8", "type": "url", "value": "hxxp://adobe-reader-update[.]info/AcroRdrDC2400.exe", "to_ids": true, "deleted": true}
              ],
              "Object": [{"name": "email", "Attribute": [
                {"uuid": "o1", "type": "email-src", "value": "hr@payroll-contoso.com", "to_ids": true}]}]
            }}
            """;

    private Feeds() {
    }

    static Path write(Path dir, String name, String text) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text, StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All four formats in one folder. */
    static Path all(Path dir) {
        write(dir, "ioc_feed.csv", CSV);
        write(dir, "partner.txt", TEXT);
        write(dir, "acme.stix.json", STIX);
        write(dir, "misp/event-42.json", MISP);
        write(dir, "notes.md", "8.8.8.8 is not read: unknown extension in a folder");
        return dir;
    }

    static PluginSettings settings(Map<String, Object> values, Path base) {
        return new PluginSettings("feed", "enrichers.feed", new LinkedHashMap<>(values), base);
    }

    static PluginSettings settings(Path dir) {
        return settings(Map.of("paths", List.of(dir.toString())), dir);
    }
}
