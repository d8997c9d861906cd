package dev.hunt4j.analysis.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class JsonMaskingTest {
    private static final Masker M = Masker.builder().key(TestKeys.KEY_A)
            .columnMap(ColumnMap.defaults().with("payload", MaskType.JSON)).build();
    private static final Pattern KEY = Pattern.compile("\"([^\"\\\\]*)\"\\s*:");

    @Test
    void masksValuesByKeyAndKeepsStructure() {
        String json = "{\"deviceId\": \"802d39e1-9d70-404d-832c-2de5e2478eda\", \"displayName\": \"WS01\",\n"
                + "  \"operatingSystem\": \"Windows 10\", \"isCompliant\": true, \"trustType\": null,\n"
                + "  \"geo\": {\"city\": \"Redmond\", \"ipAddress\": \"10.1.2.3\", \"latitude\": 47.67},\n"
                + "  \"Sid\": [\"S-1-5-18\", \"S-1-5-21-1-2-3-500\"], \"UserPrincipalName\": \"bob@contoso.com\"}";
        String m = M.json(json);
        assertEquals(keys(json), keys(m), "same keys in the same order");
        assertTrue(m.contains("\"deviceId\": \"" + M.guid("802d39e1-9d70-404d-832c-2de5e2478eda") + "\""), m);
        assertTrue(m.contains("\"displayName\": \"" + M.string("WS01") + "\""), m);
        assertTrue(m.contains("\"operatingSystem\": \"Windows 10\""), "keep keys stay: " + m);
        assertTrue(m.contains("\"isCompliant\": true") && m.contains("\"trustType\": null"), m);
        assertTrue(m.contains("\"city\": \"" + M.string("Redmond") + "\""), m);
        assertTrue(m.contains("\"ipAddress\": \"" + M.ip("10.1.2.3") + "\""), m);
        assertTrue(m.contains("\"latitude\": 47.67"), "numbers under unmapped keys kept: " + m);
        assertTrue(m.contains("[\"S-1-5-18\", \"" + M.sid("S-1-5-21-1-2-3-500") + "\"]"), "arrays take their key: " + m);
        assertTrue(m.contains("\"UserPrincipalName\": \"" + M.upn("bob@contoso.com") + "\""), m);
        assertTrue(m.indexOf('\n') > 0, "whitespace kept");
    }

    @Test
    void unmappedStringsAreMaskedByShape() {
        String m = M.json("[{\"$id\":\"3\",\"Address\":\"75.10.91.22\",\"Type\":\"ip\",\"Count\":23034},"
                + "{\"$id\":\"4\",\"Whatever\":\"alice@contoso.com\",\"Host\":{\"$ref\":\"3\"}}]");
        assertTrue(m.startsWith("[{\"$id\":\"3\",\"Address\":\"" + M.ip("75.10.91.22") + "\",\"Type\":\"ip\",\"Count\":23034}"), m);
        assertTrue(m.contains("\"Whatever\":\"" + M.email("alice@contoso.com") + "\""), m);
        assertTrue(m.contains("\"Host\":{\"$ref\":\"3\"}"), m);
    }

    @Test
    void escapesNestedJsonAndFallback() {
        String m = M.json("{\"Name\":\"a \\\"quoted\\\" Ünï\\u00e7ode\\nline\"}");
        assertTrue(m.matches("\\{\"Name\":\"[a-z] \\\\\"[a-z]{6}\\\\\" [A-Z][a-z]{6}\\\\n[a-z]{4}\"}"), m);

        // a string holding JSON under a json-typed key is masked as JSON again
        String inner = "{\\\"IpAddress\\\":\\\"10.9.8.7\\\"}";
        String outer = M.json("{\"ExtendedProperties\":\"" + inner + "\"}");
        assertTrue(outer.contains("\\\"IpAddress\\\":\\\"" + M.ip("10.9.8.7") + "\\\""), outer);

        // not JSON: masked as text
        assertEquals(M.string("{'single': 'quotes'}"), M.json("{'single': 'quotes'}"));
        assertEquals(M.string("{\"truncated\": \"va"), M.json("{\"truncated\": \"va"));
        assertEquals(M.string("42"), M.json("42"));
        assertNotEquals("42", M.json("42"));
    }

    @Test
    void mappedNumbersStayNumbers() {
        for (int i = 0; i < 300; i++) {
            String m = M.json("{\"deviceId\": " + (1000 + i * 37) + ", \"ipAddress\": -0." + i + "e10}");
            assertTrue(m.matches("\\{\"deviceId\": [1-9]\\d{3,4}, \"ipAddress\": -\\d\\.\\d+e\\d\\d}"), m);
        }
    }

    @Test
    void streamedJsonColumn() {
        var cols = List.of(new dev.hunt4j.api.data.Column("payload", dev.hunt4j.api.data.ColumnType.JSON));
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"{\"TargetUserName\":\"alice\"}"});
        Object[] out = M.mask(dev.hunt4j.api.data.ResultStream.of(cols, rows)).toList().get(0);
        assertEquals("{\"TargetUserName\":\"" + M.account("alice") + "\"}", out[0]);
        assertFalse(((String) out[0]).contains("alice"));
    }

    private static List<String> keys(String json) {
        List<String> k = new ArrayList<>();
        Matcher x = KEY.matcher(json);
        while (x.find()) {
            k.add(x.group(1));
        }
        return k;
    }
}
