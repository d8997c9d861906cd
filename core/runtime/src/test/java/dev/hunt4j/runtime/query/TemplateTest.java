package dev.hunt4j.runtime.query;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateTest {

    @Test
    void placeholdersAndText() {
        Template t = Template.parse("a {x} b {y_1}{x}");
        assertEquals(List.of(new Template.Text("a "), new Template.Slot("x"), new Template.Text(" b "),
                new Template.Slot("y_1"), new Template.Slot("x")), t.parts());
        assertEquals(Set.of("x", "y_1"), t.names());
    }

    @Test
    void doubledBracesAreLiteral() {
        assertEquals(List.of(new Template.Text("{x} }")), Template.parse("{{x}} }}").parts());
        assertEquals(List.of(new Template.Text("f({"), new Template.Slot("x"), new Template.Text("})")),
                Template.parse("f({{{x}}})").parts());
    }

    @Test
    void bracesThatStartNoPlaceholderStayText() {
        // raw JSON and positional fields are not placeholders
        for (String s : List.of("{\"a\": 1}", "{ x }", "{0}", "{}", "}", "{\n  \"q\": [", "{x y}")) {
            Template t = Template.parse(s);
            assertEquals(List.of(new Template.Text(s)), t.parts(), s);
            assertTrue(t.names().isEmpty());
        }
    }

    @Test
    void pythonFormatSpecsAreRejected() {
        for (String s : List.of("{n:04d}", "{n!r}", "{a.b}", "{a[0]}")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Template.parse("x " + s));
            assertTrue(e.getMessage().contains("'" + s + "'"), e.getMessage());
        }
    }

    @Test
    void macrosExpandInOnePass() {
        assertEquals("a | where X == \"{p}\" $<b>$", QueryFileReader.expandMacros("a $<m>$ $<missing>$$<b>$",
                java.util.Map.of("m", "| where X == \"{p}\"", "b", "$<b>$")).replace("  ", " "));
        assertEquals("a\nb", QueryFileReader.expandMacros("a\n$<gone>$\n\nb", java.util.Map.of()));
        assertEquals("no macros\n\nkept", QueryFileReader.expandMacros("no macros\n\nkept", java.util.Map.of()));
    }
}
