package dev.hunt4j.runtime.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.IocType;
import org.junit.jupiter.api.Test;

/** Refanging, type inference and validation before any lookup. */
class ObservablesTest {

    private static PreparedObservable ok(String text, IocType type, IocType expected, String value) {
        PreparedObservable p = Observables.prepare(text, type);
        assertTrue(p.valid(), text + ": " + p.invalid());
        assertEquals(expected, p.type(), text);
        assertEquals(value, p.value(), text);
        return p;
    }

    private static String invalid(String text, IocType type) {
        PreparedObservable p = Observables.prepare(text, type);
        assertFalse(p.valid(), text + " should be refused, got " + p);
        return p.invalid();
    }

    @Test
    void typesAreInferredAndDefangedFormsRefanged() {
        ok("8.8.8.8", null, IocType.IPV4, "8.8.8.8");
        ok(" 8.8.8[.]8 ", null, IocType.IPV4, "8.8.8.8");
        ok("2606:4700:4700::1111", null, IocType.IPV6, "2606:4700:4700::1111");
        ok("Evil-Domain.COM", null, IocType.DNS, "evil-domain.com");
        ok("evil[.]com", null, IocType.DNS, "evil.com");
        ok("evil.com.", null, IocType.DNS, "evil.com");
        ok("hxxp://evil[.]com/a.ps1", null, IocType.URL, "http://evil.com/a.ps1");
        ok("hXXps://203.0.113.5:8443/x", null, IocType.URL, "https://203.0.113.5:8443/x");
        ok("bob[at]contoso[.]com", null, IocType.EMAIL, "bob@contoso.com");
        ok("D41D8CD98F00B204E9800998ECF8427E", null, IocType.MD5_HASH, "d41d8cd98f00b204e9800998ecf8427e");
        ok("da39a3ee5e6b4b0d3255bfef95601890afd80709", null, IocType.SHA1_HASH, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
        ok("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", null, IocType.SHA256_HASH,
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        ok("C:\\Windows\\Temp\\a.exe", null, IocType.WINDOWS_PATH, "C:\\Windows\\Temp\\a.exe");
        ok("/tmp/x/payload.sh", null, IocType.LINUX_PATH, "/tmp/x/payload.sh");
    }

    @Test
    void anExplicitTypeIsCheckedAndCanAcceptWhatFreeTextWouldNot() {
        ok("8.8.8.8", IocType.IPV4, IocType.IPV4, "8.8.8.8");
        ok("install.sh", IocType.DNS, IocType.DNS, "install.sh"); // a file name in a log line, a domain when said so
        ok("WKS-07", IocType.HOSTNAME, IocType.HOSTNAME, "WKS-07");
        ok("web01.contoso.com", IocType.HOSTNAME, IocType.HOSTNAME, "web01.contoso.com");
        assertTrue(invalid("8.8.8.8", IocType.DNS).contains("is an ipv4, not a dns"));
        assertTrue(invalid("d41d8cd98f00b204e9800998ecf8427e", IocType.SHA256_HASH).contains("an md5_hash, not a sha256_hash"));
        assertTrue(invalid("evil.com/x", IocType.URL).contains("needs a scheme"));
        assertTrue(invalid("not a domain", IocType.DNS).contains("not a valid domain"));
        assertTrue(invalid("xyz", IocType.MD5_HASH).contains("32 hex digits"));
    }

    @Test
    void malformedAndMeaninglessObservablesSayWhy() {
        assertTrue(invalid("   ", null).contains("empty"));
        assertTrue(invalid("hello world", null).contains("cannot tell what kind"));
        assertTrue(invalid("999.1.1.1", null).contains("cannot tell"));
        assertTrue(invalid("domain.like.iandom", null).contains("cannot tell"));
        assertTrue(invalid("00000000000000000000000000000000", null).contains("placeholder"));
        assertTrue(invalid("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", null).contains("entropy"));
    }

    @Test
    void nonGlobalAddressesAreMarkedWithTheirRange() {
        assertEquals("private range 10.0.0.0/8", Observables.prepare("10.1.2.3", null).nonGlobal());
        assertEquals("private range 192.168.0.0/16", Observables.prepare("192.168.1.1", null).nonGlobal());
        assertEquals("private range 172.16.0.0/12", Observables.prepare("172.31.255.1", null).nonGlobal());
        assertNull(Observables.prepare("172.32.0.1", null).nonGlobal());
        assertEquals("loopback range 127.0.0.0/8", Observables.prepare("127.0.0.1", null).nonGlobal());
        assertTrue(Observables.prepare("203.0.113.7", null).nonGlobal().contains("TEST-NET-3"));
        assertTrue(Observables.prepare("100.64.1.1", null).nonGlobal().contains("carrier-grade"));
        assertTrue(Observables.prepare("fe80::1:2:3:4", null).nonGlobal().contains("link-local"));
        assertTrue(Observables.prepare("fd12:3456:789a::1", null).nonGlobal().contains("unique local"));
        assertTrue(Observables.prepare("2001:db8::8:800:200c:417a", null).nonGlobal().contains("documentation"));
        assertNull(Observables.prepare("8.8.8.8", null).nonGlobal());
        assertNull(Observables.prepare("2606:4700:4700::1111", null).nonGlobal());
        assertTrue(Observables.prepare("10.1.2.3", null).valid(), "valid: only providers set to global IPs refuse it");
    }

    @Test
    void entropyIsShannonsInBitsPerCharacter() {
        assertEquals(0.0, Observables.entropy("aaaa"), 1e-9);
        assertEquals(1.0, Observables.entropy("abab"), 1e-9);
        assertEquals(4.0, Observables.entropy("0123456789abcdef"), 1e-9);
    }
}
