package dev.hunt4j.analysis.ioc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hunt4j.api.IocType;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The inputs of MSTICPy's own IoC extractor unit tests with the counts it expects, re-expressed here. Where hunt4j
 * deliberately reports differently the test says so (and the README lists the differences).
 */
class MsticpyCasesTest {
    static final String IPV4 = "c:\\one\\path\\or\\another\\myprocess -ip4:206.123.1.123";
    static final String IPV6 = "c:\\one\\path\\or\\another\\myprocess -ip6:(2001:0db8:85a3:0000:0000:8a2e:0370:7334,\n"
            + "    2001:db8:85a3:0:0:8a2e:370:7334,2001:db8:85a3::8a2e:370:7334,::ffff:192.0.2.128)";
    static final String URL = "c:\\one\\path\\or\\another\\myprocess /url:https://some.domain.it/thepath?qry1=abc&qry2=xyz\n"
            + "        /url:https://myuser@some.domain.es:88/thepath?qry1=abc&qry2=xyz\"<some other trailing stuff";
    static final String URL2 = "curl 'https://www.virustotal.com/en/ip-address/90.156.201.27/information/'";
    static final String WINPATH = "c:\\one\\path\\or\\another\\myprocess -file:\"..\\another\\file\" -file:\"\\\\uncpath\\file\"";
    static final String LXPATH = "/bin/bash --file:./bish --file:/bin/bash --file:../../bosh";
    static final String MD5 = "00236a2ae558018ed13b5222ef1bd987hash -something-hash=00236a2ae558018ed13b5222ef1bd988hash "
            + "-something -hash=00236a2ae558018ed13b5222ef1bd989";
    static final String SHA1 = "00236a2ae558018ed13b5222ef1bd98700000001hash -something -hash=00236a2ae558018ed13b5222ef1bd98700000002hash "
            + "-something -hash=00236a2ae558018ed13b5222ef1bd98700000003";
    static final String SHA256 = "00236a2ae558018ed13b5222ef1bd98700000001424246789042424678901234hash -something "
            + "-hash=00236a2ae558018ed13b5222ef1bd98700000001424246789042424678901235hash -something\n"
            + "-hash=00236a2ae558018ed13b5222ef1bd98700000001424246789042424678901236";
    static final String[] DOMAINS_AND_EMAILS = {
        "some text with a domain.like.uk in it",
        "some text with a bad domain.like.iandom in it",
        "some text with a microsoft.com in it",
        "some text with a news.ycombinator.com in it",
        "some text with user@microsoft.com in it",
        "some text with User <user@microsoft.com> in it",
        "some text with user@microsoft.com (User XYZ)> in it",
        "some text with user@abc.def.net> in it"};

    /** MSTICPy's string mode looks for every type, paths included. */
    private static final IocExtractor ALL = IocExtractor.builder().includePaths(true).parallelism(1).build();
    private static final IocExtractor ALL_WITH_HOSTS = IocExtractor.builder().includePaths(true)
            .includeHostsOfUrlsAndEmails(true).parallelism(1).build();

    private static int count(IocExtractor ex, String text, IocType t) {
        return ex.extract(text).getOrDefault(t, Set.of()).size();
    }

    @Test
    void ipv4() {
        assertEquals(1, count(ALL, IPV4, IocType.IPV4));
    }

    @Test
    void ipv6() {
        // MSTICPy: 3. We also find the IPv4-mapped ::ffff:192.0.2.128, which MSTICPy's pattern cannot match
        assertEquals(4, count(ALL, IPV6, IocType.IPV6));
        assertEquals(0, count(ALL, IPV6, IocType.IPV4));
    }

    @Test
    void url() {
        assertEquals(2, count(ALL, URL, IocType.URL));
        assertEquals(0, count(ALL, URL, IocType.IPV4));
        // MSTICPy also reports each URL's host as dns (2): we do that only when asked
        assertEquals(0, count(ALL, URL, IocType.DNS));
        assertEquals(2, count(ALL_WITH_HOSTS, URL, IocType.DNS));
    }

    @Test
    void url2() {
        assertEquals(1, count(ALL, URL2, IocType.URL));
        assertEquals(1, count(ALL, URL2, IocType.IPV4));
        assertEquals(0, count(ALL, URL2, IocType.DNS)); // MSTICPy: 1, the URL's host
        assertEquals(1, count(ALL_WITH_HOSTS, URL2, IocType.DNS));
    }

    @Test
    void paths() {
        assertEquals(Set.of("c:\\one\\path\\or\\another\\myprocess", "..\\another\\file", "\\\\uncpath\\file"),
                ALL.extract(WINPATH).get(IocType.WINDOWS_PATH));
        assertEquals(Set.of("/bin/bash", "./bish", "../../bosh"), ALL.extract(LXPATH).get(IocType.LINUX_PATH));
    }

    @Test
    void hashes() {
        assertEquals(3, count(ALL, MD5, IocType.MD5_HASH));
        assertEquals(3, count(ALL, SHA1, IocType.SHA1_HASH));
        assertEquals(3, count(ALL, SHA256, IocType.SHA256_HASH));
    }

    @Test
    void domainsAndEmails() {
        int[] dns = {1, 0, 1, 1};
        for (int i = 0; i < 4; i++) {
            assertEquals(dns[i], count(ALL, DOMAINS_AND_EMAILS[i], IocType.DNS), DOMAINS_AND_EMAILS[i]);
        }
        for (int i = 4; i < 8; i++) {
            assertEquals(1, count(ALL, DOMAINS_AND_EMAILS[i], IocType.EMAIL), DOMAINS_AND_EMAILS[i]);
        }
    }

    private static ResultStream table() {
        List<Object[]> rows = new ArrayList<>();
        for (String s : List.of(IPV4, IPV6, URL, URL2, WINPATH, LXPATH, MD5, SHA1, SHA256)) {
            rows.add(new Object[] {s});
        }
        for (String s : DOMAINS_AND_EMAILS) {
            rows.add(new Object[] {s});
        }
        return ResultStream.of(List.of(new Column("input", ColumnType.STRING)), rows);
    }

    private static Map<IocType, Integer> tableCounts(IocExtractor ex) {
        Map<IocType, Integer> counts = new EnumMap<>(IocType.class);
        ex.extract(table(), List.of("input")).forEachRow(r -> counts.merge(IocType.parse((String) r[0]), 1, Integer::sum));
        return counts;
    }

    @Test
    void tableModeDefaultTypesWithPaths() {
        Map<IocType, Integer> c = tableCounts(IocExtractor.builder().includePaths(true).build());
        assertEquals(2, c.get(IocType.IPV4)); // MSTICPy 3: it also takes 192.0.2.128 out of ::ffff:192.0.2.128
        assertEquals(4, c.get(IocType.IPV6)); // MSTICPy 3 (see ipv6())
        assertEquals(3, c.get(IocType.URL));
        assertEquals(6, c.get(IocType.WINDOWS_PATH));
        assertEquals(3, c.get(IocType.LINUX_PATH)); // MSTICPy 0: its include_paths adds Windows paths only
        assertEquals(3, c.get(IocType.MD5_HASH));
        assertEquals(3, c.get(IocType.SHA1_HASH));
        assertEquals(3, c.get(IocType.SHA256_HASH));
    }

    @Test
    void tableModeChosenTypes() {
        Map<IocType, Integer> c = tableCounts(IocExtractor.builder().types(IocType.IPV4, IocType.IPV6, IocType.URL,
                IocType.LINUX_PATH, IocType.MD5_HASH, IocType.SHA1_HASH, IocType.SHA256_HASH).build());
        assertEquals(null, c.get(IocType.WINDOWS_PATH));
        assertEquals(3, c.get(IocType.LINUX_PATH)); // MSTICPy 8: its Linux pattern also matches inside URLs and switches
        assertEquals(3, c.get(IocType.URL));

        Map<IocType, Integer> few = tableCounts(IocExtractor.builder().types(IocType.IPV4, IocType.URL, IocType.MD5_HASH).build());
        assertEquals(Set.of(IocType.IPV4, IocType.URL, IocType.MD5_HASH), few.keySet());
        assertEquals(3, few.get(IocType.URL));
        assertEquals(3, few.get(IocType.MD5_HASH));
        // with ipv6 not requested, ::ffff:192.0.2.128 holds an IPv4 address of interest: 3, as MSTICPy
        assertEquals(3, few.get(IocType.IPV4));
    }
}
