package dev.hunt4j.runtime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpressionTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);
    final Map<String, Object> row = new HashMap<>();
    final Map<String, Object> params = new HashMap<>();
    final Map<String, Long> tables = new HashMap<>();

    boolean test(String e) {
        return Expression.parse(e).test(new Expression.Scope() {
            @Override
            public Object name(String name) {
                return row.get(name);
            }

            @Override
            public Object param(String name) {
                return params.get(name);
            }

            @Override
            public long rows(String table) {
                return tables.getOrDefault(table, 0L);
            }
        }, CLOCK);
    }

    @Test
    void comparesLikeKql() {
        row.put("EventID", 4688L);
        row.put("CommandLine", "powershell.exe -nop -w hidden -enc SQBFAFgA");
        row.put("Computer", "WKS-07");
        row.put("Port", "443");
        row.put("TimeGenerated", Instant.parse("2026-03-10T11:00:00Z"));
        row.put("Empty", null);
        assertTrue(test("EventID == 4688"));
        assertTrue(test("EventID != 4624 and EventID >= 4000"));
        assertTrue(test("Port > 80"), "text holding a number compares as a number");
        assertTrue(test("Computer =~ 'wks-07' and Computer != 'wks-07'"));
        assertTrue(test("CommandLine contains '-ENC' and CommandLine has 'hidden' and not (CommandLine has 'hid')"));
        assertTrue(test("CommandLine startswith 'POWERSHELL' and CommandLine endswith 'fga'"));
        assertTrue(test("CommandLine matches '\\\\s-enc\\\\s'"));
        assertTrue(test("CommandLine matches regex \"(?i)-NOP\""));
        assertTrue(test("Computer in ('WKS-01', 'WKS-07') and Computer !in ('SRV-01') and Computer in~ ('wks-07')"));
        assertTrue(test("CommandLine !contains 'cmd.exe'"));
        assertTrue(test("TimeGenerated > ago(2h) and TimeGenerated < now() and TimeGenerated >= '2026-03-10'"));
        assertTrue(test("Empty == null and Empty == ''"));
        assertTrue(test("empty(Empty) and notempty(Computer) and len(Computer) == 6 and lower(Computer) == 'wks-07'"));
        assertTrue(test("EventID == 1 or EventID == 4688 and Computer == 'WKS-07'"), "and binds tighter than or");
        assertFalse(test("(EventID == 1 or EventID == 4688) and Computer == 'x'"));
        assertTrue(test("! (EventID == 1) && EventID == 4688 || false"));
    }

    @Test
    void parametersAreValuesNeverSyntax() {
        row.put("Computer", "WKS-07");
        params.put("host", "x' or Computer != 'y");
        assertFalse(test("Computer == ${host}"));
        params.put("host", "WKS-07");
        assertTrue(test("Computer == ${host}"));
        params.put("hosts", List.of("A", "WKS-07"));
        assertTrue(test("Computer in ${hosts}"));
        params.put("flag", true);
        params.put("n", 3L);
        tables.put("iocs", 2L);
        assertTrue(test("${flag} and rows(iocs) > 0 and rows(none) == 0 and ${n} > 2"));
        Expression e = Expression.parse("rows(iocs) > 0 and ${flag} and Computer == 'x'");
        assertEquals(Set.of("iocs"), e.tables());
        assertEquals(Set.of("flag"), e.params());
        assertEquals(Set.of("Computer"), e.names());
    }

    @Test
    void errorsSayWhereAndWhat() {
        assertEquals("column 11: expected a value, found the end",
                assertThrows(IllegalArgumentException.class, () -> Expression.parse("EventID ==")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Expression.parse("a == 'open")).getMessage().contains("never closed"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Expression.parse("count(a) > 1")).getMessage().contains("unknown function 'count'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Expression.parse("a matches '(['")).getMessage().contains("not a regular expression"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Expression.parse("a == 1 b")).getMessage().contains("expected and, or, or the end"));
    }
}
