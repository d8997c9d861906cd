package dev.hunt4j.toolkit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.TimeRange;
import dev.hunt4j.api.query.QueryLanguage;
import dev.hunt4j.api.query.QueryProviderFactory;
import dev.hunt4j.runtime.query.QueryDefinition;
import dev.hunt4j.runtime.query.QueryParameter;
import dev.hunt4j.runtime.query.QueryStore;
import java.net.URL;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a plugin's bundled query library the way the host loads it: MSTICPy format without warnings, every query
 * offered for the plugin's data environments, and every query rendered with ordinary and with hostile parameter
 * values, where a hostile value must stay inside a string literal of the plugin's language.
 */
public final class QueryLibraryCheck {
    /** What a hostile value tries to inject; it must never appear outside a string literal. */
    public static final String INJECTION = "| take 1";

    private QueryLibraryCheck() {
    }

    /** Loads the factory's query files; fails on load errors or warnings. */
    public static QueryStore load(QueryProviderFactory factory) {
        List<URL> files = factory.builtinQueryFiles();
        assertFalse(files.isEmpty(), "no bundled query files");
        QueryStore store = new QueryStore();
        for (URL u : files) {
            store.addUrl(u, "plugin " + factory.type());
        }
        assertEquals(List.of(), store.loadErrors());
        assertEquals(List.of(), store.warnings());
        return store;
    }

    /**
     * Renders every query for the factory's environments twice (ordinary and hostile values) and returns the
     * ordinary renderings by query name.
     */
    public static Map<String, String> renderAll(QueryProviderFactory factory, TimeRange range) {
        QueryStore store = load(factory);
        List<QueryDefinition> queries = store.forEnvironments(factory.dataEnvironments());
        assertEquals(store.all().size(), queries.size(), "every bundled query is offered for the plugin's data environments");
        Map<String, String> out = new LinkedHashMap<>();
        QueryLanguage lang = factory.language();
        for (QueryDefinition q : queries) {
            assertFalse(q.description().isBlank(), q.fullName() + " has no description");
            String ordinary = q.render(values(q, false), lang, range);
            assertFalse(ordinary.contains("{") && ordinary.matches("(?s).*\\{[a-z_]+}.*"), q.fullName() + " left a placeholder: " + ordinary);
            String hostile = q.render(values(q, true), lang, range);
            assertFalse(outsideLiterals(hostile, lang).contains(INJECTION), q.fullName() + ": a parameter value escaped its literal: "
                    + hostile);
            out.put(q.name(), ordinary);
        }
        return out;
    }

    private static Map<String, Object> values(QueryDefinition q, boolean hostile) {
        Map<String, Object> v = new LinkedHashMap<>();
        for (QueryParameter p : q.parameters()) {
            if (p.name().equals("start") || p.name().equals("end") || p.name().equals("add_query_items") || p.name().equals("table")
                    || p.name().equals("index")) {
                continue;
            }
            v.put(p.name(), switch (p.type()) {
                case "int" -> 443L;
                case "datetime" -> Instant.parse("2024-01-01T00:00:00Z");
                case "list" -> hostile ? List.of("a\"b", "x\" " + INJECTION + " \"", "c\\") : List.of("one", "two");
                case "bool" -> true;
                default -> hostile ? "x\" " + INJECTION + " // '\\" : "WORKSTATION1";
            });
        }
        return v;
    }

    /**
     * The text with every string literal removed: {@code "..."} and {@code '...'} with backslash escapes, and, where
     * the language has them, verbatim {@code @"..."} literals with doubled quotes.
     */
    public static String outsideLiterals(String text, QueryLanguage lang) {
        StringBuilder out = new StringBuilder();
        String quotes = lang.quoteChars();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            boolean verbatim = lang.hasVerbatimStrings() && c == '@' && i + 1 < text.length() && quotes.indexOf(text.charAt(i + 1)) >= 0;
            if (verbatim || quotes.indexOf(c) >= 0) {
                char q = verbatim ? text.charAt(i + 1) : c;
                i += verbatim ? 2 : 1;
                while (i < text.length()) {
                    char d = text.charAt(i);
                    if (!verbatim && d == '\\') {
                        i += 2;
                    } else if (d == q) {
                        if (verbatim && i + 1 < text.length() && text.charAt(i + 1) == q) {
                            i += 2;
                        } else {
                            i++;
                            break;
                        }
                    } else {
                        i++;
                    }
                }
                out.append("\"\"");
            } else {
                out.append(c);
                i++;
            }
        }
        assertTrue(out.length() <= text.length() + 2);
        return out.toString();
    }
}
