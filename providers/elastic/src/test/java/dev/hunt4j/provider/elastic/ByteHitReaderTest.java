package dev.hunt4j.provider.elastic;

import static dev.hunt4j.toolkit.testing.Routes.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.api.query.QueryProvider;
import dev.hunt4j.toolkit.JsonValues;
import dev.hunt4j.toolkit.testing.Routes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * The byte-level hit reader against the Jackson one it replaces, on the same response bodies from a loopback server:
 * a search whose row limit fits one page is still read by Jackson straight from the socket, while a search without a
 * limit pages through a point in time and is read from the page's bytes. Every row (values and their Java types) and
 * every type error must be the same.
 */
class ByteHitReaderTest {
    static final String ES_INFO = "{\"name\":\"n1\",\"version\":{\"number\":\"8.19.21\",\"build_flavor\":\"default\"}}";
    static final String MAPPING = """
            {"logs-1": {"mappings": {"properties": {
              "@timestamp": {"type": "date"},
              "nanos": {"type": "date_nanos"},
              "secs": {"type": "date", "format": "epoch_second"},
              "custom": {"type": "date", "format": "dd/MM/yyyy"},
              "host": {"properties": {"name": {"type": "keyword"}, "ip": {"type": "ip"},
                                      "os": {"properties": {"family": {"type": "keyword"}}}}},
              "n": {"type": "long"}, "d": {"type": "double"}, "ok": {"type": "boolean"}, "s": {"type": "keyword"},
              "msg": {"type": "text"},
              "labels": {"type": "flattened"},
              "nest": {"type": "nested", "properties": {"x": {"type": "keyword"}}},
              "winlog": {"properties": {"event_data": {"type": "object", "enabled": false}}},
              "threat": {"properties": {"technique": {"properties": {"id": {"type": "keyword"}, "n": {"type": "long"},
                                                                    "at": {"type": "date"}}}}},
              "mixed": {"type": "long"}
            }}},
             "logs-2": {"mappings": {"properties": {"mixed": {"properties": {"a": {"type": "keyword"}}}}}}}
            """;
    /** Columns: every mapped kind, an unmapped field, and one that is both a column and an object ({@code zz}). */
    static final String QUERY = "{\"index\": \"logs\", \"fields\": [\"@timestamp\", \"nanos\", \"secs\", \"custom\", \"host\", \"n\", \"d\", "
            + "\"ok\", \"s\", \"msg\", \"labels\", \"nest\", \"winlog\", \"threat\", \"mixed\", \"zz\", \"zz.y\", \"_id\", \"_index\"]}";

    @StartStop
    final MockWebServer server = new MockWebServer();
    final Routes routes = new Routes();
    private String page = "";

    private QueryProvider connect(boolean nullOnTypeError) {
        routes.on("GET", "/", r -> json(200, ES_INFO));
        routes.on("GET", "/logs/_mapping", r -> json(200, MAPPING));
        routes.on("GET", "/logs/_field_caps", r -> json(200, "{\"fields\":{}}"));
        routes.on("POST", "/logs/_pit", r -> json(200, "{\"id\":\"pit-1\",\"_shards\":{\"total\":1}}"));
        routes.on("DELETE", "/_pit", r -> json(200, "{\"succeeded\":true,\"num_freed\":1}"));
        // the page, then (asked for with search_after) an empty one
        routes.on("POST", "/_search", r -> json(200, body(r).contains("search_after") ? "{\"hits\":{\"hits\":[]}}" : page));
        routes.on("POST", "/logs/_search", r -> json(200, page));
        server.setDispatcher(routes);
        return new ElasticProviderFactory().connect(Rows.settings(server.url("/").toString(), "page_size", 10000,
                "on_type_error", nullOnTypeError ? "null" : "fail"));
    }

    private static String body(RecordedRequest r) {
        return r.getBody() == null ? "" : r.getBody().string(StandardCharsets.UTF_8);
    }

    /** The rows, or the error's message; and how many hits the byte reader left to Jackson. */
    record Outcome(List<List<Object>> rows, String error, long fallbacks, String message) {
    }

    private static Outcome run(QueryProvider p, QueryOptions options) {
        List<List<Object>> rows = new ArrayList<>();
        ResultStream rs = p.execute(QUERY, options);
        try (rs) {
            for (Object[] row = rs.next(); row != null; row = rs.next()) {
                rows.add(Arrays.asList(row));
            }
        } catch (QueryException e) {
            // a type error's message is the same on both paths; for a JSON error, Jackson's own (same body, same position)
            // (the two paths word the start of other failures differently: "reading the search response" / "reading the search")
            String m = e.getMessage();
            String error = m.startsWith("row ") || !m.contains(" after ") ? m : m.substring(m.indexOf(" after "));
            return new Outcome(rows, error, ((SearchStream) rs).fallbackHits(), m);
        } catch (RuntimeException e) {
            return new Outcome(rows, e.getClass().getName() + ": " + e.getMessage(), ((SearchStream) rs).fallbackHits(), e.getMessage());
        }
        return new Outcome(rows, null, ((SearchStream) rs).fallbackHits(), null);
    }

    /** Reads {@code body} both ways and checks they agree; returns the byte path's outcome. */
    private Outcome compare(QueryProvider p, String body, int hits, String what) {
        page = body;
        Outcome jackson = run(p, QueryOptions.defaults().withMaxRows(Math.max(1, hits))); // one search, parsed from the socket
        Outcome bytes = run(p, QueryOptions.defaults()); // a point in time, pages read from memory
        assertEquals(jackson.error(), bytes.error(), what);
        assertEquals(jackson.rows().size(), bytes.rows().size(), what);
        for (int i = 0; i < jackson.rows().size(); i++) {
            List<Object> a = jackson.rows().get(i);
            List<Object> b = bytes.rows().get(i);
            assertEquals(a, b, what + ", row " + i);
            for (int c = 0; c < a.size(); c++) {
                assertEquals(a.get(c) == null ? null : a.get(c).getClass(), b.get(c) == null ? null : b.get(c).getClass(),
                        what + ", row " + i + ", column " + c);
            }
        }
        return bytes;
    }

    @Test
    void randomDocumentsReadAsJacksonReadsThem() {
        for (boolean nullOnTypeError : new boolean[] {true, false}) {
            try (QueryProvider p = connect(nullOnTypeError)) {
                long hits = 0;
                long fallbacks = 0;
                long errors = 0;
                // -Dhunt4j.elastic.diff.seeds=N compares more pages (each seed one page)
                for (int seed = 0; seed < Integer.getInteger("hunt4j.elastic.diff.seeds", 12); seed++) {
                    Docs docs = new Docs(new Random(seed * 31L + (nullOnTypeError ? 1 : 0)), seed % 3 == 0, nullOnTypeError);
                    // with on_type_error: fail a page ends at its first type error: smaller pages, more of them compared
                    int n = nullOnTypeError ? 300 + docs.r.nextInt(400) : 20 + docs.r.nextInt(100);
                    Outcome o = compare(p, docs.page(n), n, "seed " + seed + ", on_type_error " + (nullOnTypeError ? "null" : "fail"));
                    hits += o.rows().size();
                    fallbacks += o.fallbacks();
                    errors += o.error() == null ? 0 : 1;
                }
                if (nullOnTypeError) {
                    assertTrue(hits > 3000, "thousands of documents compared: " + hits);
                    // big integers in typed columns, and odd shapes, are left to Jackson; the rest must not be
                    assertTrue(fallbacks * 10 < hits, fallbacks + " of " + hits + " hits were left to Jackson");
                } else {
                    assertTrue(errors > 6, "type errors fail the query the same way: " + errors);
                }
            }
        }
    }

    @Test
    void cleanDocumentsAreNeverLeftToJackson() {
        try (QueryProvider p = connect(false)) {
            Docs docs = new Docs(new Random(7), false, false);
            docs.clean = true;
            Outcome o = compare(p, docs.page(2000), 2000, "clean documents");
            assertEquals(2000, o.rows().size());
            assertEquals(0, o.fallbacks(), "well-formed, well-typed documents are all read from the bytes");
        }
    }

    @Test
    void trickyValuesReadAlike() {
        String[] sources = {
            // escapes of every kind, a surrogate pair written both ways, a lone surrogate escape, 2-, 3- and 4-byte UTF-8
            "{\"s\": \"a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti\\u0041\\u00e9\\u20ac\\ud83d\\ude00\\ud800x\", \"msg\": \"é€😀 ü\"}",
            "{\"host\": {\"name\": [\"a\\u0000\", \"\\/\", \"é\", 1, 2.50, -0, 1e5, true, null, [1, [2]], {\"k\\n\": \"v\"}]}}",
            // whitespace everywhere, arrays of objects spread over their leaves, dotted keys, the first order reversed
            "{ \"threat\" : [ { \"technique\" : [ {\"id\": \"T1\", \"n\": 1}, {\"id\":\"T2\" , \"n\" : [2]} ] },\n"
                    + "\t{\"technique\": {\"id\": \"T3\", \"at\": 1709251200000}} ] , \"host.name\" : \"dotted\" , \"zz\": {\"y\": 3} }",
            "{\"zz\": 5, \"zz.y\": [\"a\", {\"b\": 1}], \"mixed\": {\"a\": \"x\", \"b\": [1, 2]}, \"labels\": {\"k\": [1, \"\\u00e9\"]}}",
            // numbers at the edges of long and double, and in strings
            "{\"n\": 9223372036854775807, \"d\": -9223372036854775808, \"secs\": 12345678901234567}",
            "{\"n\": 99999999999999999999, \"d\": 123456789012345678901234567890}",
            "{\"n\": 1.0e3, \"d\": \"  2.5 \", \"ok\": \"TRUE\", \"secs\": 1.5, \"@timestamp\": \"1709251200000\", \"nanos\": \"2024\"}",
            "{\"n\": \" 7 \", \"d\": \"NaN\", \"ok\": 0, \"@timestamp\": \"2024-03-01T00:00:00.123456789+01:30\", \"nanos\": 1.7e12}",
            "{\"n\": \"\", \"d\": \"\", \"ok\": \"\", \"@timestamp\": \"\", \"custom\": \"01/03/2024\", \"s\": \"\"}",
            // values that do not fit their column
            "{\"n\": \"n/a\", \"d\": [1, 2], \"ok\": 1.5, \"@timestamp\": \"yesterday\", \"secs\": true, \"nanos\": [\"2024-01-01\", 5]}",
            "{\"n\": {\"x\": 1}, \"d\": {}, \"ok\": [], \"s\": {\"a\": [ ]}, \"msg\": []}",
            "{\"host\": \"a scalar where an object is mapped\", \"threat\": 5, \"nest\": [{\"x\": \"\\u00e9\"}], \"winlog\": {\"event_data\": null}}",
            "{\"s\": \"\\udc00 lone\", \"msg\": [\"\\ud800\"], \"k\\ud83d\\ude00\": 1}",
            "{}",
            // these three fail the whole result, also with on_type_error: null (as they did before the byte reader)
            "{\"secs\": 123456789012345678}",
            "{\"ok\": 99999999999999999999}",
            "{\"k\\ud83d\": 1}",
        };
        try (QueryProvider p = connect(true)) {
            // with nulls for what does not fit: all in one page, but for what fails the whole result even then
            List<String> fatal = List.of(sources).subList(sources.length - 3, sources.length);
            StringBuilder body = new StringBuilder("{\"pit_id\":\"pit-1\",\"hits\":{\"hits\":[");
            int n = 0;
            for (String s : sources) {
                if (!fatal.contains(s)) {
                    body.append(n == 0 ? "" : ",").append(hit(s)).append(',').append(hit(s));
                    n += 2;
                }
            }
            Outcome o = compare(p, body.append("]}}").toString(), n, "on_type_error null");
            assertEquals(n, o.rows().size(), String.valueOf(o.error()));
        }
        try (QueryProvider p = connect(false)) {
            for (String s : sources) {
                compare(p, "{\"pit_id\":\"pit-1\",\"hits\":{\"hits\":[" + hit(s) + "," + hit(s) + "]}}", 2, s + ", on_type_error fail");
            }
        }
    }

    private static String hit(String source) {
        return "{\"_index\":\"logs-1\",\"_id\":\"i\\u0031\",\"_score\":null,\"_source\":" + source + ",\"sort\":[1]}";
    }

    @Test
    void theTextCacheNeverConfusesValuesThatDifferAnywhere() {
        ByteHitReader.TextCache cache = new ByteHitReader.TextCache();
        Random r = new Random(3);
        Map<String, String> kept = new java.util.HashMap<>();
        int hits = 0;
        for (int i = 0; i < 200_000; i++) {
            // values that share their first and last eight bytes (so their slot) and differ only in between, and short
            // ones from a small alphabet
            String v;
            if (r.nextBoolean()) {
                char[] c = new char[1 + r.nextInt(24)];
                for (int k = 0; k < c.length; k++) {
                    c[k] = "ab".charAt(r.nextInt(2));
                }
                v = "prefix-1" + new String(c) + "suffix-2";
            } else {
                v = Integer.toString(r.nextInt(300), 2);
            }
            int len = v.length();
            byte[] b = ("xx" + v + "yy").getBytes(StandardCharsets.US_ASCII);
            String got = cache.probe(b, 2, 2 + len);
            if (got == null) {
                String made = new String(v); // a new instance, to tell a cached one from it
                cache.store(b, 2, 2 + len, made);
                kept.put(v, made);
            } else {
                assertEquals(v, got, "the cache answered another value's String");
                hits++;
            }
        }
        assertTrue(kept.size() > 1000, "many distinct values went through the cache: " + kept.size());
        assertTrue(hits > 2_000, "values were found in the cache: " + hits);
    }

    @Test
    void hitsAcrossBufferChunksAndBiggerThanOneAreReadWhole() {
        try (QueryProvider p = connect(false)) {
            StringBuilder sb = new StringBuilder("{\"pit_id\":\"pit-1\",\"hits\":{\"hits\":[");
            for (int i = 0; i < 300; i++) {
                // sizes that put hit ends everywhere around the 64 KiB chunk ends, and one hit of three chunks
                int len = i == 150 ? 200_000 : 100 + i * 37 % 1500;
                sb.append(i == 0 ? "" : ",").append("{\"_id\":\"").append(i).append("\",\"_source\":{\"n\":").append(i)
                        .append(",\"s\":\"").append("é".repeat(len / 2)).append("x\\n").append("\"},\"sort\":[").append(i).append("]}");
            }
            Outcome o = compare(p, sb.append("]}}").toString(), 300, "hits across chunks");
            assertEquals(300, o.rows().size());
            assertEquals(0, o.fallbacks());
        }
    }

    @Test
    void malformedJsonFailsWithJacksonsErrorAndPosition() {
        String good = "{\"_id\":\"1\",\"_source\":{\"n\":1,\"s\":\"a\"},\"sort\":[1]}";
        String[] bad = {
            "{\"_id\":\"2\",\"_source\":{\"n\":01,\"s\":\"a\"},\"sort\":[2]}",
            "{\"_id\":\"2\",\"_source\":{\"n\":1,\"s\":\"a\tb\"},\"sort\":[2]}",
            "{\"_id\":\"2\",\"_source\":{\"n\":1,\"s\":\"a\\qb\"},\"sort\":[2]}",
            "{\"_id\":\"2\",\"_source\":{\"n\":1,,\"s\":\"a\"},\"sort\":[2]}",
            "{\"_id\":\"2\",\"_source\":{\"n\":tru,\"s\":\"a\"},\"sort\":[2]}",
            "{\"_id\":\"2\",\"_source\":{\"n\":1,\"s\":\"a\",},\"sort\":[2]}",
            "{\"_id\":\"2\",\"_source\":{\"n\":1,\"unknown\":[1,2,],\"s\":\"a\"},\"sort\":[2]}",
        };
        try (QueryProvider p = connect(false)) {
            for (String b : bad) {
                page = "{\"pit_id\":\"pit-1\",\"hits\":{\"hits\":[" + good + "," + b + "," + good + "]}}";
                String expected = null;
                try (JsonParser jp = JsonValues.FACTORY.createParser(page)) {
                    while (jp.nextToken() != null) {
                        jp.skipChildren();
                    }
                } catch (JsonParseException e) {
                    expected = "not valid JSON at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                            + " after 1 rows: "; // the wording after it depends on the parser's state, not the position
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
                assertNotNull(expected, b);
                Outcome o = run(p, QueryOptions.defaults());
                assertEquals(1, o.rows().size(), b);
                assertNotNull(o.message(), b);
                assertTrue(o.message().contains(expected), o.message() + "\nexpected: " + expected);
            }
        }
    }

    /** Seeded random documents over {@link #MAPPING}, written with random (valid) JSON spellings. */
    static final class Docs {
        final Random r;
        final boolean spaced;
        final boolean lenient;
        boolean clean;
        private final List<String> order = new ArrayList<>(List.of("@timestamp", "nanos", "secs", "custom", "host", "n", "d", "ok",
                "s", "msg", "labels", "nest", "winlog", "threat", "mixed", "zz", "extra"));

        Docs(Random r, boolean spaced, boolean lenient) {
            this.r = r;
            this.spaced = spaced;
            this.lenient = lenient;
        }

        String page(int n) {
            StringBuilder sb = new StringBuilder("{\"pit_id\":\"pit-1\",\"took\":1,\"timed_out\":false,\"_shards\":{\"total\":1,"
                    + "\"successful\":1,\"skipped\":0,\"failed\":0},\"hits\":{\"total\":{\"value\":" + n + ",\"relation\":\"eq\"},"
                    + "\"max_score\":null,\"hits\":[");
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? "" : ",").append(ws());
                List<String> keys = new ArrayList<>(List.of("_index", "_id", "_score", "_source", "sort"));
                if (!clean && r.nextInt(20) == 0) {
                    Collections.shuffle(keys, r);
                }
                sb.append('{');
                for (int k = 0; k < keys.size(); k++) {
                    sb.append(k == 0 ? "" : ",").append(ws()).append('"').append(keys.get(k)).append('"').append(ws()).append(':').append(ws());
                    switch (keys.get(k)) {
                        case "_index" -> sb.append(r.nextBoolean() ? "\"logs-1\"" : "\"logs-2\"");
                        case "_id" -> string(sb, "id-" + i + (clean ? "" : text()));
                        case "_score" -> sb.append(r.nextBoolean() ? "null" : "1.0");
                        case "_source" -> source(sb);
                        default -> sb.append('[').append(i).append(',').append(r.nextInt(1000)).append(']');
                    }
                }
                sb.append(ws()).append('}');
            }
            return sb.append("]}}").toString();
        }

        private String ws() {
            if (!spaced || r.nextInt(3) > 0) {
                return "";
            }
            return new String[] {" ", "\n", "\t", "\r\n", "  "}[r.nextInt(5)];
        }

        private void source(StringBuilder sb) {
            List<String> keys = new ArrayList<>(order);
            if (!clean && r.nextInt(5) == 0) {
                Collections.shuffle(keys, r);
            }
            sb.append('{');
            boolean first = true;
            for (String k : keys) {
                if (r.nextInt(clean ? 10 : 4) == 0) {
                    continue; // missing
                }
                sb.append(first ? "" : ",").append(ws());
                first = false;
                String key = k;
                if (k.equals("host") && !clean && r.nextInt(6) == 0) {
                    // keys written with dots
                    string(sb, "host.name");
                    sb.append(':');
                    value(sb, "keyword", 0);
                    continue;
                }
                string(sb, key);
                sb.append(ws()).append(':').append(ws());
                field(sb, k);
            }
            sb.append(ws()).append('}');
        }

        private void field(StringBuilder sb, String k) {
            switch (k) {
                case "@timestamp", "nanos", "custom" -> value(sb, "date", 0);
                case "secs" -> value(sb, "epoch", 0);
                case "host" -> object(sb, new String[] {"name", "ip", "os"}, new String[] {"keyword", "keyword", "os"});
                case "n" -> value(sb, "long", 0);
                case "d" -> value(sb, "double", 0);
                case "ok" -> value(sb, "boolean", 0);
                case "s", "msg" -> value(sb, "keyword", 0);
                case "threat" -> {
                    if (clean || r.nextBoolean()) {
                        object(sb, new String[] {"technique"}, new String[] {"technique"});
                    } else {
                        sb.append('[');
                        int n = r.nextInt(3);
                        for (int i = 0; i < n; i++) {
                            sb.append(i == 0 ? "" : ",").append(ws());
                            object(sb, new String[] {"technique"}, new String[] {"technique"});
                        }
                        sb.append(']');
                    }
                }
                case "zz" -> {
                    if (r.nextBoolean()) {
                        object(sb, new String[] {"y", "q"}, new String[] {"any", "any"});
                    } else {
                        value(sb, "any", 0);
                    }
                }
                default -> value(sb, "any", 0); // flattened, nested, disabled object, mixed, unmapped extra
            }
        }

        private void object(StringBuilder sb, String[] keys, String[] kinds) {
            sb.append('{');
            boolean first = true;
            for (int i = 0; i < keys.length; i++) {
                if (r.nextInt(clean ? 10 : 4) == 0) {
                    continue;
                }
                sb.append(first ? "" : ",").append(ws());
                first = false;
                string(sb, keys[i]);
                sb.append(ws()).append(':').append(ws());
                switch (kinds[i]) {
                    case "os" -> object(sb, new String[] {"family", "v"}, new String[] {"keyword", "any"});
                    case "technique" -> {
                        if (clean || r.nextBoolean()) {
                            object(sb, new String[] {"id", "n", "at"}, new String[] {"keyword", "long", "date"});
                        } else {
                            sb.append('[');
                            int n = r.nextInt(3);
                            for (int j = 0; j < n; j++) {
                                sb.append(j == 0 ? "" : ",");
                                object(sb, new String[] {"id", "n", "at"}, new String[] {"keyword", "long", "date"});
                            }
                            sb.append(']');
                        }
                    }
                    default -> value(sb, kinds[i], 0);
                }
            }
            sb.append(ws()).append('}');
        }

        /** A value for a field of {@code kind}: mostly fitting, sometimes not, sometimes an array. */
        private void value(StringBuilder sb, String kind, int depth) {
            int roll = r.nextInt(100);
            if (clean) {
                fitting(sb, kind);
                return;
            }
            if (roll < 60) {
                fitting(sb, kind);
            } else if (roll < 72 && depth < 3) {
                sb.append('[');
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    sb.append(i == 0 ? "" : ",").append(ws());
                    value(sb, r.nextInt(4) == 0 ? "any" : kind, depth + 1);
                }
                sb.append(ws()).append(']');
            } else if (roll < 76) {
                sb.append("null");
            } else if (roll < 80 && depth < 3) {
                sb.append('{');
                int n = r.nextInt(3);
                for (int i = 0; i < n; i++) {
                    sb.append(i == 0 ? "" : ",");
                    string(sb, "k" + text());
                    sb.append(':');
                    value(sb, "any", depth + 1);
                }
                sb.append('}');
            } else {
                String other = new String[] {"long", "double", "boolean", "date", "epoch", "keyword", "numtext"}[r.nextInt(7)];
                // past a long in a boolean or time column Jackson fails on the whole result: not a reading difference
                fitting(sb, (other.equals("long") || other.equals("double")) && (kind.equals("boolean") || kind.equals("date")
                        || kind.equals("epoch")) ? "numtext" : other);
            }
        }

        private void fitting(StringBuilder sb, String kind) {
            switch (kind) {
                case "long" -> sb.append(clean ? Long.toString(r.nextInt(100_000) - 50) : number(true, true));
                case "double" -> sb.append(clean ? Double.toString(r.nextDouble() * 1000) : number(false, true));
                case "boolean" -> sb.append(r.nextBoolean());
                case "date" -> {
                    long ms = 1_700_000_000_000L + r.nextInt(1_000_000_000);
                    switch (clean ? 0 : r.nextInt(6)) {
                        case 0 -> string(sb, java.time.Instant.ofEpochMilli(ms).toString());
                        case 1 -> sb.append(ms);
                        case 2 -> string(sb, Long.toString(ms));
                        case 3 -> string(sb, java.time.Instant.ofEpochMilli(ms).atOffset(java.time.ZoneOffset.ofHours(r.nextInt(20) - 10)).toString());
                        case 4 -> string(sb, new String[] {"2024", "20240301", "2024-03-01", "-", "bad", "", "2024-02-30"}[r.nextInt(7)]);
                        default -> sb.append(ms).append(".5");
                    }
                }
                case "epoch" -> sb.append(clean ? Integer.toString(1_700_000_000 + r.nextInt(1000)) : number(r.nextBoolean(), false));
                case "numtext" -> string(sb, new String[] {"7", " 7 ", "-3", "2.5", "1e3", "NaN", "Infinity", "true", "0", "x"}[r.nextInt(10)]);
                case "keyword" -> string(sb, clean ? "v" + r.nextInt(50) + "\\path\"q" : text());
                default -> {
                    switch (r.nextInt(4)) {
                        case 0 -> sb.append(number(r.nextBoolean(), false));
                        case 1 -> sb.append(r.nextBoolean());
                        default -> string(sb, text());
                    }
                }
            }
        }

        /**
         * A number; {@code big}: it may be past a long or an Instant (which a boolean or time column fails the whole
         * result on: not a reading difference, and it would end the page).
         */
        private String number(boolean whole, boolean big) {
            return switch (r.nextInt(whole ? 8 : 10)) {
                case 0 -> "0";
                case 1 -> "-0";
                case 2 -> big ? Long.toString(r.nextLong()) : Integer.toString(r.nextInt());
                case 3 -> big ? (r.nextBoolean() ? "-" : "") + "1" + "0".repeat(17 + r.nextInt(5)) : "12";
                case 4 -> Integer.toString(r.nextInt(1000) - 500);
                case 5 -> Integer.toString(r.nextInt(200));
                case 6 -> "3.0";
                case 7 -> "1e3";
                case 8 -> r.nextInt(10) + "." + r.nextInt(1000) + (r.nextBoolean() ? "E-" + r.nextInt(30) : "");
                default -> "-" + r.nextInt(100) + ".25e+" + r.nextInt(big ? 400 : 10);
            };
        }

        /** Text with plain ASCII, JSON's special characters, non-ASCII (4-byte UTF-8 too) and Windows paths. */
        private String text() {
            String[] parts = {"wks-07", "C:\\Windows\\System32", "\"quoted\"", "tab\there", "line\nbreak", "é", "Ω€", "😀", "\u0001",
                "/slash/", "user49", "", "a b", "\u007f", "\u2028", "ü-ß"};
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(4);
            for (int i = 0; i < n; i++) {
                sb.append(parts[r.nextInt(parts.length)]);
            }
            return sb.toString();
        }

        /** Writes a JSON string, escaping with a random (valid) spelling. */
        private void string(StringBuilder sb, String s) {
            sb.append('"');
            boolean pair = false;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                // both halves of a surrogate pair escaped, or neither
                boolean escape = c < 0x20 || c == '"' || c == '\\' || Character.isLowSurrogate(c) ? pair || c < 0x20 || c == '"' || c == '\\'
                        : !clean && r.nextInt(30) == 0;
                pair = Character.isHighSurrogate(c) && escape;
                if (!escape) {
                    sb.append(c);
                } else if (c == '"' || c == '\\') {
                    sb.append('\\').append(c);
                } else if (c == '\n' && r.nextBoolean()) {
                    sb.append("\\n");
                } else if (c == '\t' && r.nextBoolean()) {
                    sb.append("\\t");
                } else if (c == '/' && r.nextBoolean()) {
                    sb.append("\\/");
                } else {
                    sb.append(String.format(r.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) c));
                }
            }
            sb.append('"');
        }
    }
}
