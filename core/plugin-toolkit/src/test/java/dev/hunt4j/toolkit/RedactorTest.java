package dev.hunt4j.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParseException;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.Secret;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {
    @Test
    void findsSecretsAnywhereInTheSettings() {
        PluginSettings s = new PluginSettings("x", "providers.x", Map.of("client_secret", new Secret("s3cr3t+/=value", "env:S"),
                "nested", Map.of("list", List.of(new Secret("another-one", "inline"))), "host", "example.org"), null);
        Redactor r = Redactor.of(s);
        assertEquals("a **** b **** c", r.redact("a s3cr3t+/=value b another-one c"));
        // as a server echoes a form field or a JSON string
        assertEquals("secret=****", r.redact("secret=s3cr3t%2B%2F%3Dvalue"));
        assertEquals("{\"s\":\"****\"}", r.redact("{\"s\":\"s3cr3t+\\/=value\"}"));
        assertEquals("example.org", r.redact("example.org"));
    }

    @Test
    void shortValuesAreLeftAloneAndLongerSecretsWinOverTheirPrefixes() {
        Redactor r = new Redactor().add("abc").add("token").add("token-long");
        assertEquals("abc ****, ****", r.redact("abc token-long, token"));
    }

    @Test
    void sanitizedCausesKeepTheirTypeAndStackButLoseTheSecret() {
        Redactor r = new Redactor().add("hunter2-secret");
        Exception original = new JsonParseException(null, "Unrecognized token 'hunter2-secret'",
                new IllegalStateException("inner hunter2-secret"));
        Throwable safe = r.sanitize(original);
        StringWriter w = new StringWriter();
        safe.printStackTrace(new PrintWriter(w));
        String printed = w.toString();
        assertFalse(printed.contains("hunter2-secret"), printed);
        assertTrue(printed.contains(JsonParseException.class.getName()), printed);
        assertTrue(printed.contains("IllegalStateException"), printed);
        assertEquals(original.getStackTrace().length, safe.getStackTrace().length);
    }
}
