package dev.hunt4j.analysis.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StructureRulesTest {
    private static final Masker M = Masker.builder().key(TestKeys.KEY_A).build();
    private static final Pattern DOMAIN_SID = Pattern.compile("S-1-5-21-(\\d+)-(\\d+)-(\\d+)-(\\d+)");

    @Test
    void sameKeySameMaskAcrossInstancesOtherKeyDifferent() {
        Masker again = Masker.builder().key(TestKeys.KEY_A.clone()).build();
        Masker other = Masker.builder().key(TestKeys.KEY_B).build();
        List<String> values = List.of("10.1.2.3", "8.8.4.4", "CONTOSO\\alice", "alice@contoso.com",
                "S-1-5-21-996632719-2361334927-4038480536-1104", "802d39e1-9d70-404d-832c-2de5e2478eda",
                "ws01.contoso.com", "Hello world 42");
        for (MaskType t : List.of(MaskType.IP, MaskType.ACCOUNT, MaskType.EMAIL, MaskType.SID, MaskType.GUID,
                MaskType.HOST, MaskType.STR, MaskType.AUTO)) {
            for (String v : values) {
                assertEquals(M.mask(t, v), again.mask(t, v), t + " " + v);
            }
        }
        int differ = 0;
        for (String v : values) {
            if (!M.auto(v).equals(other.auto(v))) {
                differ++;
            }
        }
        assertEquals(values.size(), differ, "another key must give other masks");
        // a known answer: masks must not change between releases without a new Masker.ALGORITHM
        assertEquals(M.ip("10.1.2.3"), Masker.builder().key(M.keyHex()).build().ip("10.1.2.3"));
    }

    @Test
    void knownAnswers() {
        // pins the algorithm: these must hold on every machine and release until Masker.ALGORITHM changes
        Masker k = Masker.builder().key("000102030405060708090a0b0c0d0e0f").build();
        assertEquals("10.151.30.172", k.ip("10.0.3.5"));
        assertEquals("BHCQJZkuqyxJtd0\\GRLWQAgjso", k.account("MSTICAlertsWin1\\MSTICAdmin"));
        assertEquals("rgrar@gojdgrv.com", k.email("alice@contoso.com"));
        assertEquals("ks61.gojdgrv.com", k.host("ws01.contoso.com"));
        assertEquals("S-1-5-21-1976342957-150106943-947664055-500",
                k.sid("S-1-5-21-996632719-2361334927-4038480536-500"));
        assertEquals("179cb13e-abd9-42db-83f8-bad5b55bf547", k.guid("802d39e1-9d70-404d-832c-2de5e2478eda"));
    }

    @Test
    void oneMaskerServesManyThreads() {
        List<String> values = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            values.add("CONTOSO\\user" + (i % 5000));
        }
        List<String> serial = values.stream().map(M::account).collect(java.util.stream.Collectors.toList());
        List<String> parallel = values.parallelStream().map(M::account).collect(java.util.stream.Collectors.toList());
        assertEquals(serial, parallel);
    }

    @Test
    void randomKeyIsGeneratedAndExposed() {
        Masker a = Masker.withRandomKey();
        Masker b = Masker.withRandomKey();
        assertTrue(a.keyGenerated());
        assertEquals(64, a.keyHex().length());
        assertNotEquals(a.keyHex(), b.keyHex());
        Masker replay = Masker.builder().key(a.keyHex()).build();
        assertFalse(replay.keyGenerated());
        assertEquals(a.account("CONTOSO\\alice"), replay.account("CONTOSO\\alice"));
        assertThrows(IllegalArgumentException.class, () -> Masker.builder().key(new byte[8]));
        assertThrows(IllegalArgumentException.class, () -> Masker.parseKey("not a key!"));
    }

    @Test
    void passphraseIsDeterministic() {
        Masker a = Masker.builder().passphrase("correct horse battery staple").build();
        Masker b = Masker.builder().passphrase("correct horse battery staple").build();
        assertEquals(a.keyHex(), b.keyHex());
        assertEquals(a.host("ws01"), b.host("ws01"));
    }

    @Test
    void domainSidMasksDomainKeepsRid() {
        String sid = "S-1-5-21-996632719-2361334927-4038480536-500";
        String m = M.sid(sid);
        Matcher x = DOMAIN_SID.matcher(m);
        assertTrue(x.matches(), m);
        assertEquals("500", x.group(4));
        assertNotEquals("996632719-2361334927-4038480536", x.group(1) + "-" + x.group(2) + "-" + x.group(3));
        for (int g = 1; g <= 3; g++) {
            assertTrue(Long.parseLong(x.group(g)) <= 0xffffffffL, "sub-authority is 32-bit");
        }
        // the same domain masks the same way for every RID; another domain differently
        String other = M.sid("S-1-5-21-996632719-2361334927-4038480536-1104");
        assertEquals(m.substring(0, m.lastIndexOf('-')), other.substring(0, other.lastIndexOf('-')));
        String d2 = M.sid("S-1-5-21-996632719-2361334927-4038480537-500");
        assertNotEquals(m, d2);
        // machine/domain SID without RID, Azure AD SID
        assertTrue(M.sid("S-1-5-21-1-2-3").matches("S-1-5-21-\\d+-\\d+-\\d+"));
        String aad = M.sid("S-1-12-1-1234-5678-9012-3456");
        assertTrue(aad.matches("S-1-12-1-\\d+-\\d+-\\d+-\\d+") && !aad.equals("S-1-12-1-1234-5678-9012-3456"), aad);
    }

    @Test
    void wellKnownSidsAndAccountsAreKept() {
        for (String s : List.of("S-1-5-18", "S-1-5-19", "S-1-5-20", "S-1-5-32-544", "S-1-1-0", "S-1-5-7",
                "S-1-5-90-0-1", "S-1-5-96-0-0", "S-1-0-0", "-", "")) {
            assertEquals(s, M.sid(s));
        }
        for (String a : List.of("SYSTEM", "LOCAL SERVICE", "NETWORK SERVICE", "ANONYMOUS LOGON", "DWM-1", "DWM-12",
                "UMFD-0", "NT AUTHORITY\\SYSTEM", "NT AUTHORITY\\ANONYMOUS LOGON", "Window Manager\\DWM-3",
                "Font Driver Host\\UMFD-1", "BUILTIN\\Administrators", "-", "", "Administrator", "root")) {
            assertEquals(a, M.account(a));
        }
    }

    @Test
    void accountsKeepTheirForm() {
        String plain = M.account("MSTICAdmin");
        assertEquals("MSTICAdmin".length(), plain.length());
        assertNotEquals("MSTICAdmin", plain);

        String qualified = M.account("MSTICAlertsWin1\\MSTICAdmin");
        String[] parts = qualified.split("\\\\");
        assertEquals(2, parts.length, qualified);
        assertEquals(plain, parts[1], "the user part masks like the bare name");
        assertEquals(M.host("MSTICAlertsWin1"), parts[0], "the domain part masks like the host");
        assertEquals(M.domain("MSTICAlertsWin1"), parts[0]);

        String machine = M.account("MSTICAlertsWin1$");
        assertEquals(M.host("MSTICAlertsWin1") + "$", machine, "machine account keeps $ and matches its host");
        assertTrue(M.account("WORKGROUP\\MSTICAlertsWin1$").startsWith("WORKGROUP\\"));

        String upn = M.account("alice.smith@contoso.com");
        assertTrue(upn.matches("[a-z]{5}\\.[a-z]{5}@[a-z]{7}\\.com"), upn);
        assertEquals(M.upn("alice.smith@contoso.com"), upn);
        assertEquals(M.email("alice.smith@contoso.com"), upn);
        assertFalse(upn.startsWith("alice"));
        // case-insensitive names mask alike, with the case kept
        assertEquals(M.account("ALICE"), M.account("alice").toUpperCase());
    }

    @Test
    void guidsStayGuids() {
        Random r = new Random(5);
        for (int i = 0; i < 1000; i++) {
            UUID u = new UUID(r.nextLong(), r.nextLong());
            String s = u.toString();
            String m = M.guid(s);
            UUID mu = UUID.fromString(m);
            assertEquals(36, m.length());
            assertEquals(m.toLowerCase(), m);
            assertNotEquals(s, m);
            assertEquals(u.version(), mu.version());
            assertEquals(s.charAt(19), m.charAt(19), "variant digit kept");
            assertEquals(m.toUpperCase(), M.guid(s.toUpperCase()), "case kept, value case-insensitive");
            assertEquals("{" + m + "}", M.guid("{" + s + "}"));
            assertEquals(m.replace("-", ""), M.guid(s.replace("-", "")));
        }
        assertEquals("00000000-0000-0000-0000-000000000000", M.guid("00000000-0000-0000-0000-000000000000"));
        assertTrue(M.guid("alice@contoso.com").contains("@"), "non-GUIDs are masked by shape");
    }

    @Test
    void hostsAndEmailsMaskEachLabel() {
        String h = M.host("ws01.corp.contoso.com");
        String[] labels = h.split("\\.");
        assertEquals(4, labels.length, h);
        assertEquals("com", labels[3], "public suffix kept");
        assertEquals(M.host("ws01"), labels[0], "a label masks like the bare name");
        assertEquals(M.host("contoso.co.uk").substring(0, 7), M.host("contoso.com").substring(0, 7));
        assertTrue(M.host("contoso.co.uk").endsWith(".co.uk"));
        assertNotEquals("contoso", M.host("contoso.com").substring(0, 7));
        assertEquals("localhost", M.host("localhost"));
        assertTrue(IpMaskingTest.inCidr(M.host("10.0.0.5"), "10.0.0.0/8"), "an IP in a host column masks as IP");

        Masker keepContoso = Masker.builder().key(TestKeys.KEY_A)
                .columnMap(ColumnMap.defaults().withKeepDomains(List.of("contoso.com"))).build();
        String kept = keepContoso.host("ws01.contoso.com");
        assertTrue(kept.endsWith(".contoso.com") && !kept.startsWith("ws01"), kept);
        Masker maskAll = Masker.builder().key(TestKeys.KEY_A)
                .columnMap(ColumnMap.defaults().withMaskPublicSuffix(true)).build();
        assertFalse(maskAll.host("ws01.contoso.com").endsWith(".com"));

        String e = M.email("First.Last+tag@mail.contoso.com");
        assertTrue(e.matches("[A-Z][a-z]{4}\\.[A-Z][a-z]{3}\\+[a-z]{3}@[a-z]{4}\\.[a-z]{7}\\.com"), e);
        assertEquals(M.host("mail.contoso.com"), e.substring(e.indexOf('@') + 1));
    }

    @Test
    void stringsKeepLengthClassesAndPunctuation() {
        Random r = new Random(9);
        String alphabet = "abcXYZ019 .,;:-_/\\@!\"'()[]{}éÉß漢字";
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = 1 + r.nextInt(40);
            for (int k = 0; k < len; k++) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String s = sb.toString();
            String m = M.string(s);
            assertEquals(s.length(), m.length(), s);
            boolean hasWord = false;
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                char d = m.charAt(k);
                if (Character.isDigit(c)) {
                    assertTrue(Character.isDigit(d), s + " -> " + m);
                    hasWord = true;
                } else if (Character.isUpperCase(c)) {
                    assertTrue(Character.isUpperCase(d), s + " -> " + m);
                    hasWord = true;
                } else if (Character.isLetter(c)) {
                    assertTrue(Character.isLetter(d) && !Character.isUpperCase(d), s + " -> " + m);
                    hasWord = true;
                } else {
                    assertEquals(c, d, "punctuation kept: " + s + " -> " + m);
                }
            }
            if (hasWord) {
                assertNotEquals(s, m);
            }
        }
    }

    @Test
    void shortTokensNeverCollideNorStay() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String h = "WKS-" + i;
            String m = M.host(h);
            assertTrue(seen.add(m), "collision at " + h);
            assertNotEquals(h.substring(4), m.substring(4), h + " -> " + m);
        }
        seen.clear();
        for (char a = 'a'; a <= 'z'; a++) {
            assertNotEquals(String.valueOf(a), M.string(String.valueOf(a)));
            for (char b = 'a'; b <= 'z'; b++) {
                String t = "" + a + b;
                String m = M.string(t);
                assertTrue(seen.add(m), "collision at " + t);
                assertNotEquals(t, m);
            }
        }
        for (char d = '0'; d <= '9'; d++) {
            assertNotEquals(String.valueOf(d), M.string(String.valueOf(d)));
        }
        // larger domains (the mixed-radix Feistel network): still one mask per token
        seen.clear();
        for (int i = 0; i < 100_000; i++) {
            String t = String.format("%05d", i);
            String m = M.string(t);
            assertTrue(m.matches("\\d{5}") && seen.add(m), "collision or bad shape at " + t + " -> " + m);
        }
        seen.clear();
        for (char a = 'a'; a <= 'z'; a++) {
            for (char b = 'a'; b <= 'z'; b++) {
                for (char c = 'a'; c <= 'z'; c++) {
                    String t = "" + a + b + c + "7";
                    assertTrue(seen.add(M.string(t)), "collision at " + t);
                }
            }
        }
    }

    @Test
    void urlsAndResourceIds() {
        String u = M.url("https://contoso.sharepoint.com:8443/sites/Finance/Shared%20Documents/q.docx?web=1#x");
        assertTrue(u.startsWith("https://"), u);
        assertTrue(u.contains(":8443/"), u);
        assertTrue(u.contains("%20"), "percent-escapes kept: " + u);
        assertFalse(u.contains("Finance"), u);
        assertEquals(M.host("contoso.sharepoint.com"), u.substring(8, u.indexOf(':', 8)));

        String id = "/subscriptions/3b701f84-d04b-4479-89b1-fa8827eb537e/resourceGroups/proxy/providers/"
                + "Microsoft.Compute/virtualMachines/squid-uk-02";
        String m = M.resourceId(id);
        String[] seg = m.split("/");
        assertEquals("subscriptions", seg[1]);
        assertEquals(M.guid("3b701f84-d04b-4479-89b1-fa8827eb537e"), seg[2]);
        assertEquals("resourceGroups", seg[3]);
        assertNotEquals("proxy", seg[4]);
        assertEquals("providers", seg[5]);
        assertEquals("Microsoft.Compute", seg[6]);
        assertEquals("virtualMachines", seg[7]);
        assertEquals(M.host("squid-uk-02"), seg[8], "the VM name masks like the computer name");
    }

    @Test
    void autoDetectsTheShape() {
        assertEquals(M.ip("10.2.3.4"), M.auto("10.2.3.4"));
        assertEquals(M.guid("802d39e1-9d70-404d-832c-2de5e2478eda"), M.auto("802d39e1-9d70-404d-832c-2de5e2478eda"));
        assertEquals(M.sid("S-1-5-21-1-2-3-1000"), M.auto("S-1-5-21-1-2-3-1000"));
        assertEquals(M.email("bob@contoso.com"), M.auto("bob@contoso.com"));
        assertEquals(M.account("CONTOSO\\bob"), M.auto("CONTOSO\\bob"));
        assertEquals(M.string("just some words"), M.auto("just some words"));
    }
}
