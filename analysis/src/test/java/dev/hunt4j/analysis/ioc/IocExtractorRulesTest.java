package dev.hunt4j.analysis.ioc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.IocType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One test (or a few) per extraction rule; see the module README for the rules. */
class IocExtractorRulesTest {
    private static final IocExtractor DEFAULT = IocExtractor.builder().parallelism(1).build();
    private static final IocExtractor PATHS = IocExtractor.builder().includePaths(true).parallelism(1).build();

    private static Set<String> of(IocExtractor ex, String text, IocType type) {
        return ex.extract(text).getOrDefault(type, Set.of());
    }

    private static Set<String> of(String text, IocType type) {
        return of(DEFAULT, text, type);
    }

    @Nested
    class Ipv4 {
        @Test
        void plainAndBoundaries() {
            assertEquals(Set.of("10.0.0.1", "8.8.8.8", "192.168.1.20"),
                    of("ip 10.0.0.1, dns 8.8.8.8. peer=192.168.1.20:443", IocType.IPV4));
        }

        @ParameterizedTest
        @ValueSource(strings = {"256.1.1.1", "1.2.3", "1.2.3.4.5", "010.1.1.1", "1.02.3.4", "v1.2.3.4", "abc1.2.3.4",
            "1.2.3.4a", "version 1.2.3.4", "Version: 1.2.3.4", "build=1.0.0.1", "java version \"1.8.0.202\"",
            "Chrome/120.0.0.0", "setup-1.2.3.4.exe", "pkg-1.2.3.4.tar.gz", "1.0.0.1-beta", "10.0.19041.1"})
        void versionsAndOtherNumbersAreNotIps(String text) {
            assertEquals(Set.of(), of(text, IocType.IPV4), text);
        }

        @Test
        void ipInAUrlPathSegmentIsAnIp() {
            assertEquals(Set.of("90.156.201.27"), of("https://www.virustotal.com/en/ip-address/90.156.201.27/information/", IocType.IPV4));
        }

        @Test
        void cidrAndRangeAndUncHost() {
            assertEquals(Set.of("10.0.0.0", "10.1.1.1", "10.1.1.9", "172.16.5.4"),
                    of("route 10.0.0.0/8 range 10.1.1.1-10.1.1.9 \\\\172.16.5.4\\c$", IocType.IPV4));
        }
    }

    @Nested
    class Ipv6 {
        @Test
        void fullCompressedAndMapped() {
            assertEquals(Set.of("2001:0db8:85a3:0000:0000:8a2e:0370:7334", "2001:db8::8a2e:370:7334", "::ffff:192.0.2.128", "fe80::1ff:fe23:4567:890a"),
                    of("a 2001:0db8:85a3:0000:0000:8a2e:0370:7334, b 2001:db8::8a2e:370:7334 (::ffff:192.0.2.128) [fe80::1ff:fe23:4567:890a]:22",
                            IocType.IPV6));
        }

        @Test
        void theMappedIpv4IsNotReportedAgain() {
            assertEquals(Set.of(), of("::ffff:192.0.2.128", IocType.IPV4));
        }

        @ParameterizedTest
        @ValueSource(strings = {"std::string", "Foo::Bar", "::", "::1", "a::b", "12:34:56", "00:1a:2b:3c:4d:5e",
            "00:1a:2b:3c:4d:5e:6f:70", "2024-01-15T10:20:30Z", "[Convert]::FromBase64String($x)", "1:2:3"})
        void codeTimesAndMacsAreNotIpv6(String text) {
            assertEquals(Set.of(), of(text, IocType.IPV6), text);
        }
    }

    @Nested
    class Domains {
        @Test
        void validatedAgainstThePublicSuffixList() {
            assertEquals(Set.of("domain.like.uk", "evil.co.in", "news.ycombinator.com", "x.blogspot.com"),
                    of("domain.like.uk evil.co.in news.ycombinator.com x.blogspot.com domain.like.iandom co.uk server.local", IocType.DNS));
        }

        @ParameterizedTest
        @ValueSource(strings = {"install.sh", "main.py", "invoice.zip", "libc.so", "README.md", "notes.one", "deploy.pl",
            "invoice.pdf.zip", "powershell.exe", "setup.msi", "run.ps1", "C:\\Users\\bob\\evil.com", "/tmp/evil.com",
            "WScript.Shell", "shell.Run", "$wc.DownloadString", "obj.Method(1)", "user.name=bob", "john.doe@",
            "e.g. i.e. a.m. Mr.Smith", "System.Management.Automation.dll", "node.js vue.js"})
        void fileNamesAndCodeAreNotDomains(String text) {
            assertEquals(Set.of(), of(text, IocType.DNS), text);
        }

        @Test
        void fileExtensionTldsAreDomainsInNetworkPositions() {
            assertEquals(Set.of("www.evil.zip", "evil.sh", "files.evil.zip"),
                    of("www.evil.zip and \\\\evil.sh\\share and cdn files.evil.zip", IocType.DNS));
            assertEquals(Set.of("https://evil.zip/x"), of("https://evil.zip/x", IocType.URL));
        }

        @Test
        void caseIsKeptAsWritten() {
            assertEquals(Set.of("EVIL.COM"), of("ping EVIL.COM", IocType.DNS));
        }

        @Test
        void webDavUncHostIsADomain() {
            assertEquals(Set.of("evil.com"), of("\\\\evil.com@SSL\\DavWWWRoot\\x.dll", IocType.DNS));
        }
    }

    @Nested
    class Urls {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "'http://evil.com/a.ps1'|http://evil.com/a.ps1",
            "\"http://evil.com/a\"|http://evil.com/a",
            "(see http://evil.com/x).|http://evil.com/x",
            "[click](http://evil.com/x)|http://evil.com/x",
            "<http://evil.com/x>|http://evil.com/x",
            "http://en.wikipedia.org/wiki/Foo_(bar), next|http://en.wikipedia.org/wiki/Foo_(bar)",
            "go to http://evil.com.|http://evil.com",
            "list: http://evil.com/a;|http://evil.com/a",
            "x=http://evil.com/a?b=1&c=2#frag]|http://evil.com/a?b=1&c=2#frag",
            "\\\"http://evil.com/p\\\"|http://evil.com/p",
            "https://user:pw@evil.com:8443/p|https://user:pw@evil.com:8443/p",
            "http://[2001:db8::1]:8080/x|http://[2001:db8::1]:8080/x",
            "ftp://1.2.3.4/pub|ftp://1.2.3.4/pub",
            "http://badguyserver/pwnme|http://badguyserver/pwnme"})
        void endsWhereTheUrlEnds(String text, String url) {
            assertEquals(Set.of(url), of(text, IocType.URL), text);
        }

        @Test
        void theHostIsNotReportedAgainByDefault() {
            Map<IocType, Set<String>> r = DEFAULT.extract("https://www.evil.com/x and http://1.2.3.4/y");
            assertEquals(Set.of(IocType.URL), r.keySet());
        }

        @Test
        void hostsOnRequestAsMsticpyDoes() {
            IocExtractor ex = IocExtractor.builder().includeHostsOfUrlsAndEmails(true).build();
            Map<IocType, Set<String>> r = ex.extract("https://www.evil.com/x http://1.2.3.4/y http://[2001:db8::1]/ bob@corp.com");
            assertEquals(Set.of("www.evil.com", "corp.com"), r.get(IocType.DNS));
            assertEquals(Set.of("1.2.3.4"), r.get(IocType.IPV4));
            assertEquals(Set.of("2001:db8::1"), r.get(IocType.IPV6));
        }

        @Test
        void hostsAreReportedWhenUrlsAreNotRequested() {
            IocExtractor dnsOnly = IocExtractor.builder().types(IocType.DNS, IocType.IPV4).build();
            assertEquals(Map.of(IocType.DNS, Set.of("evil.com"), IocType.IPV4, Set.of("1.2.3.4")),
                    dnsOnly.extract("http://evil.com/x http://1.2.3.4/"));
        }

        @Test
        void encodedRedirectTargetsAreFound() {
            Set<String> urls = of("https://safelinks.example.com/?url=https%3A%2F%2Fbad.example.org%2Flogin&data=05", IocType.URL);
            assertTrue(urls.contains("https://bad.example.org/login"), urls.toString());
        }

        @Test
        void unknownSchemesAndEmptyHostsAreNotUrls() {
            assertEquals(Set.of(), of("xhttp://evil.com foo://bar http:// http://%s/ C://x", IocType.URL));
        }
    }

    @Nested
    class Emails {
        @Test
        void emails() {
            assertEquals(Set.of("user@microsoft.com", "a.b+tag@mail.evil.co.uk"),
                    of("User <user@microsoft.com>, a.b+tag@mail.evil.co.uk.", IocType.EMAIL));
        }

        @Test
        void theDomainOfAnEmailIsNotADomainIocByDefault() {
            assertEquals(Set.of(IocType.EMAIL), DEFAULT.extract("mail bob@evil.com now").keySet());
        }

        @ParameterizedTest
        @ValueSource(strings = {"C:\\Users\\bob@corp.com\\Desktop", "/home/u@evil.com/x", "root@10.0.0.1", "user@host",
            "git@github.com:org/repo.git", "@echo off", "user@localhost.localdomain"})
        void notEmails(String text) {
            assertEquals(Set.of(), of(text, IocType.EMAIL), text);
        }

        @Test
        void scpTargetHostIsADomain() {
            assertEquals(Set.of("github.com"), of("git clone git@github.com:org/repo.git", IocType.DNS));
        }
    }

    @Nested
    class Hashes {
        @Test
        void lengthsAndHexBoundaries() {
            String md5 = "d41d8cd98f00b204e9800998ecf8427e";
            String sha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
            String sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
            Map<IocType, Set<String>> r = DEFAULT.extract("md5=" + md5 + "; sha1:" + sha1 + " \"" + sha256 + "\" 0x" + md5.toUpperCase());
            assertEquals(Set.of(md5, md5.toUpperCase()), r.get(IocType.MD5_HASH));
            assertEquals(Set.of(sha1), r.get(IocType.SHA1_HASH));
            assertEquals(Set.of(sha256), r.get(IocType.SHA256_HASH));
        }

        @ParameterizedTest
        @ValueSource(strings = {"6F9619FF-8B86-D011-B42D-00CF4FC964FF", "{6f9619ff8b86d011b42d00cf4fc964ff}",
            "12345678901234567890123456789012", "d41d8cd98f00b204E9800998ecf8427e", "d41d8cd98f00b204e9800998ecf8427e0",
            "ad41d8cd98f00b204e9800998ecf8427e", "d41d8cd98f00b204e9800998ecf8427ed41d8cd98f00b204", "d41d8cd98f00b204e9800998ecf8427e@evil.com"})
        void guidsNumbersMixedCaseAndLongerRunsAreNotHashes(String text) {
            Map<IocType, Set<String>> r = DEFAULT.extract(text);
            assertFalse(r.containsKey(IocType.MD5_HASH) || r.containsKey(IocType.SHA1_HASH) || r.containsKey(IocType.SHA256_HASH), text + " -> " + r);
        }
    }

    @Nested
    class Paths {
        @Test
        void windowsForms() {
            assertEquals(Set.of("C:\\Windows\\System32\\cmd.exe", "\\\\server\\share\\x.exe", "..\\up\\file", ".\\run.bat",
                    "%APPDATA%\\x\\y.dll", "\\??\\C:\\Windows\\conhost.exe", "C:/Windows/Temp/a.ps1", "\\Windows\\Temp\\z.dll"),
                    of(PATHS, "C:\\Windows\\System32\\cmd.exe \\\\server\\share\\x.exe \"..\\up\\file\" .\\run.bat %APPDATA%\\x\\y.dll "
                            + "\\??\\C:\\Windows\\conhost.exe C:/Windows/Temp/a.ps1 \\Windows\\Temp\\z.dll", IocType.WINDOWS_PATH));
        }

        @Test
        void windowsSpacesQuotesAndCommas() {
            assertEquals(Set.of("C:\\Program Files\\My App\\app.exe", "C:\\Program Files (x86)\\Google\\chrome.exe", "C:\\x\\a.dll", "C:\\y"),
                    of(PATHS, "\"C:\\Program Files\\My App\\app.exe\" -k C:\\Program Files (x86)\\Google\\chrome.exe --x rundll32 C:\\x\\a.dll,Run C:\\y",
                            IocType.WINDOWS_PATH));
        }

        @Test
        void longPathPrefixAndJsonEscapedSeparators() {
            assertEquals(Set.of("\\\\?\\C:\\Windows\\x.dll", "C:\\\\Users\\\\bob\\\\a.exe"),
                    of(PATHS, "load \\\\?\\C:\\Windows\\x.dll {\"image\":\"C:\\\\Users\\\\bob\\\\a.exe\"}", IocType.WINDOWS_PATH));
        }

        @ParameterizedTest
        @ValueSource(strings = {"HKLM\\Software\\Microsoft", "reg add \\HKCU\\Software\\x", "HKLM:\\Software\\x", "a\\b", "line\\nnext",
            "say \\\"hi\\\"", "\\\\server"})
        void notWindowsPaths(String text) {
            assertEquals(Set.of(), of(PATHS, text, IocType.WINDOWS_PATH), text);
        }

        @Test
        void linuxForms() {
            assertEquals(Set.of("/bin/bash", "./bish", "../../bosh", "~/.ssh/id_rsa", "/usr/bin", "/bin/x", "/tmp/a b"),
                    of(PATHS, "/bin/bash --file:./bish --file:../../bosh ~/.ssh/id_rsa PATH=/usr/bin:/bin/x '/tmp/a b'", IocType.LINUX_PATH));
        }

        @ParameterizedTest
        @ValueSource(strings = {"cmd /c dir /s", "and/or", "12/05/2024", "application/json", "10.0.0.0/8", "GET /index.php HTTP/1.1",
            "Mozilla/5.0", "http://evil.com/a/b", "//server/share"})
        void notLinuxPaths(String text) {
            assertEquals(Set.of(), of(PATHS, text, IocType.LINUX_PATH), text);
        }

        @Test
        void pathsAreOptIn() {
            assertEquals(Set.of(), DEFAULT.extract("C:\\Windows\\cmd.exe /bin/bash").keySet());
            assertEquals(Set.of(IocType.WINDOWS_PATH, IocType.LINUX_PATH), PATHS.extract("C:\\Windows\\cmd.exe /bin/bash").keySet());
        }

        @Test
        void indicatorsInsidePathsAreStillFound() {
            String sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
            Map<IocType, Set<String>> r = PATHS.extract("C:\\Windows\\Temp\\" + sha + ".exe");
            assertEquals(Set.of(sha), r.get(IocType.SHA256_HASH));
            assertEquals(Set.of("C:\\Windows\\Temp\\" + sha + ".exe"), r.get(IocType.WINDOWS_PATH));
        }
    }

    @Nested
    class Defanged {
        @Test
        void allFormsAreRefanged() {
            Map<IocType, Set<String>> r = DEFAULT.extract("hxxp://evil[.]com/a hXXps[://]bad(.)org/b fxp://files[dot]evil.net/c "
                    + "1.2.3[.]4 bob[at]evil[.]com alice [at] corp [dot] com evil[.]ru http[:]//x[.]co/p");
            assertEquals(Set.of("http://evil.com/a", "https://bad.org/b", "ftp://files.evil.net/c", "http://x.co/p"), r.get(IocType.URL));
            assertEquals(Set.of("1.2.3.4"), r.get(IocType.IPV4));
            assertEquals(Set.of("bob@evil.com", "alice@corp.com"), r.get(IocType.EMAIL));
            assertEquals(Set.of("evil.ru"), r.get(IocType.DNS));
        }

        @Test
        void originalTextAndPositionsAreKept() {
            String text = "see hxxp://evil[.]com/a now";
            IocMatch m = DEFAULT.find(text).get(0);
            assertEquals("http://evil.com/a", m.observable());
            assertEquals("hxxp://evil[.]com/a", m.original());
            assertEquals(text.indexOf("hxxp"), m.start());
            assertEquals(text.indexOf(" now"), m.end());
            assertTrue(m.defanged());
        }

        @Test
        void keepDefangedReportsAsWritten() {
            IocExtractor ex = IocExtractor.builder().keepDefanged(true).build();
            assertEquals(Set.of("evil[.]com"), ex.extract("evil[.]com").get(IocType.DNS));
        }

        @Test
        void matchDefangedOff() {
            IocExtractor ex = IocExtractor.builder().matchDefanged(false).build();
            assertEquals(Map.of(), ex.extract("hxxp://evil[.]com/a evil[.]ru"));
        }
    }

    @Nested
    class Api {
        @Test
        void findReportsEveryOccurrenceWithPositions() {
            String text = "1.1.1.1 and 1.1.1.1";
            List<IocMatch> all = DEFAULT.find(text);
            assertEquals(2, all.size());
            assertEquals(0, all.get(0).start());
            assertEquals(12, all.get(1).start());
            assertEquals("1.1.1.1", text.substring(all.get(1).start(), all.get(1).end()));
        }

        @Test
        void extractKeepsInsertionOrder() {
            Map<IocType, Set<String>> r = DEFAULT.extract("b.com 2.2.2.2 a.com 1.1.1.1 b.com");
            assertEquals(List.of(IocType.DNS, IocType.IPV4), List.copyOf(r.keySet()));
            assertEquals(List.of("b.com", "a.com"), List.copyOf(r.get(IocType.DNS)));
        }

        @Test
        void typesRestrictWhatIsReported() {
            IocExtractor ex = IocExtractor.builder().types(IocType.MD5_HASH).includePaths(true).build();
            assertEquals(Set.of(IocType.MD5_HASH), ex.types());
            assertEquals(Map.of(), ex.extract("1.2.3.4 C:\\x\\y evil.com"));
        }

        @Test
        void nullAndEmptyText() {
            assertEquals(Map.of(), DEFAULT.extract(null));
            assertEquals(List.of(), DEFAULT.find(""));
        }

        @Test
        void badSettingsAreRejected() {
            assertThrows(IllegalArgumentException.class, () -> IocExtractor.builder().types(IocType.HOSTNAME));
            assertThrows(IllegalArgumentException.class, () -> IocExtractor.builder().types(List.of()));
            assertThrows(IllegalArgumentException.class, () -> IocExtractor.builder().parallelism(0));
            assertThrows(IllegalArgumentException.class, () -> IocExtractor.parseTypes("ipv4,nonsense"));
            assertEquals(Set.of(IocType.MD5_HASH, IocType.IPV4), IocExtractor.parseTypes("md5, ipv4"));
        }
    }
}
