package dev.hunt4j.provider.elastic;

import dev.hunt4j.api.QueryException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A query text, parsed. Four forms (see the module README):
 * <ul>
 *   <li>a JSON object: {@code {"index": "logs-*", "query": {...DSL...}, "fields": [...], "sort": [...], "size": 100}},
 *       or {@code {"esql": "FROM ...", "params": [...]}} / {@code {"sql": "SELECT ...", "params": [...]}};</li>
 *   <li>{@code lucene: [<index> |] <query_string> [| fields a, b] [| sort f desc] [| limit N]};</li>
 *   <li>{@code esql: <ES|QL>} (or text starting with {@code FROM});</li>
 *   <li>{@code sql: <SQL>} (or text starting with {@code SELECT}).</li>
 * </ul>
 *
 * @param kind        what runs it
 * @param index       index expression, or null for the provider's {@code default_index} (search only)
 * @param dsl         the query DSL clause, or null (search only)
 * @param queryString a Lucene query string, or null (search only)
 * @param fields      the columns asked for (names, objects, wildcards), empty for every mapped field
 * @param sort        the DSL sort clauses, empty for index order
 * @param size        the most rows to return, or 0 for all
 * @param timeField   the time field for this query; null means the provider's {@code time_field}
 * @param noTimeField true when the query says {@code "time_field": null}: no time filter at all
 * @param statement   the ES|QL or SQL text (esql/sql only)
 * @param params      server-side parameters for ES|QL/SQL (a JSON list or object), or null
 */
record ElasticQuery(Kind kind, String index, Object dsl, String queryString, List<String> fields, List<Object> sort, long size,
                    String timeField, boolean noTimeField, String statement, Object params) {

    /** How the query runs. */
    enum Kind { SEARCH, ESQL, SQL }

    private static final Set<String> JSON_KEYS = new TreeSet<>(List.of("index", "query", "query_string", "fields", "sort", "size",
            "time_field", "esql", "sql", "params"));
    private static final Pattern PREFIX = Pattern.compile("(?is)^(lucene|esql|sql)\\s*:\\s*(.*)$");
    private static final Pattern FIELDS_STAGE = Pattern.compile("(?is)^fields\\s+(.+)$");
    private static final Pattern SORT_STAGE = Pattern.compile("(?is)^sort\\s+(.+)$");
    private static final Pattern LIMIT_STAGE = Pattern.compile("(?is)^(?:limit|head|take)\\s+(\\d+)$");

    /**
     * Parses a query text.
     *
     * @throws QueryException saying which form was expected and what is wrong
     */
    static ElasticQuery parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new QueryException("empty query text: write a JSON query ({\"index\": ..., \"query\": {...}}), "
                    + "lucene: <index> | <query>, esql: FROM ... or sql: SELECT ...");
        }
        if (t.startsWith("{")) {
            return parseJson(t);
        }
        Matcher m = PREFIX.matcher(t);
        if (m.matches()) {
            String body = m.group(2).strip();
            return switch (m.group(1).toLowerCase(Locale.ROOT)) {
                case "lucene" -> parseLucene(body);
                case "esql" -> statement(Kind.ESQL, body, null, null, false);
                default -> statement(Kind.SQL, body, null, null, false);
            };
        }
        String head = t.length() > 7 ? t.substring(0, 7).toUpperCase(Locale.ROOT) : t.toUpperCase(Locale.ROOT);
        if (head.startsWith("FROM ") || head.startsWith("FROM\n") || head.startsWith("ROW ") || head.startsWith("SHOW ")) {
            return statement(Kind.ESQL, t, null, null, false);
        }
        if (head.startsWith("SELECT ") || head.startsWith("SELECT\n") || head.startsWith("DESCRIB")) {
            return statement(Kind.SQL, t, null, null, false);
        }
        throw new QueryException("cannot tell what kind of query this is: start it with '{' (a JSON query such as "
                + "{\"index\": \"logs-*\", \"query\": {\"match\": {\"host.name\": \"web01\"}}}), 'lucene:', 'esql:' or 'sql:'");
    }

    private static ElasticQuery statement(Kind kind, String body, Object params, String timeField, boolean noTimeField) {
        if (body.isBlank()) {
            throw new QueryException("the " + (kind == Kind.ESQL ? "ES|QL" : "SQL") + " query is empty");
        }
        return new ElasticQuery(kind, null, null, null, List.of(), List.of(), 0, timeField, noTimeField, body, params);
    }

    private static ElasticQuery parseJson(String t) {
        Object tree;
        try {
            tree = Json.parse(t);
        } catch (IllegalArgumentException e) {
            throw new QueryException("the JSON query is not valid JSON: " + e.getMessage());
        }
        Map<String, Object> q = Json.asObject(tree);
        if (q == null) {
            throw new QueryException("the JSON query must be an object");
        }
        for (String key : q.keySet()) {
            if (!JSON_KEYS.contains(key)) {
                throw new QueryException("unknown key '" + key + "' in the JSON query; known keys: " + String.join(", ", JSON_KEYS)
                        + " (put query DSL clauses under \"query\")");
            }
        }
        String timeField = null;
        boolean noTimeField = false;
        if (q.containsKey("time_field")) {
            Object tf = q.get("time_field");
            if (tf == null) {
                noTimeField = true;
            } else if (tf instanceof String s && !s.isBlank()) {
                timeField = s.strip();
            } else {
                throw new QueryException("\"time_field\" must be a field name or null (no time filter), got " + Json.write(tf));
            }
        }
        boolean esql = q.containsKey("esql");
        boolean sql = q.containsKey("sql");
        if (esql || sql) {
            if (esql && sql) {
                throw new QueryException("a JSON query has either \"esql\" or \"sql\", not both");
            }
            for (String k : List.of("index", "query", "query_string", "fields", "sort", "size")) {
                if (q.containsKey(k)) {
                    throw new QueryException("\"" + k + "\" does not apply to an " + (esql ? "ES|QL" : "SQL")
                            + " query: write it in the statement (FROM/WHERE/KEEP/SORT/LIMIT)");
                }
            }
            Object stmt = q.get(esql ? "esql" : "sql");
            if (!(stmt instanceof String s)) {
                throw new QueryException("\"" + (esql ? "esql" : "sql") + "\" must be a string");
            }
            Object params = q.get("params");
            if (params != null && !(params instanceof List) && !(params instanceof Map)) {
                throw new QueryException("\"params\" must be a list (positional ?) or an object (named ?name)");
            }
            return statement(esql ? Kind.ESQL : Kind.SQL, s.strip(), params, timeField, noTimeField);
        }
        if (q.containsKey("params")) {
            throw new QueryException("\"params\" is for \"esql\" and \"sql\" queries; a DSL query takes its values in place");
        }
        String index = null;
        if (q.get("index") != null) {
            Object ix = q.get("index");
            try {
                index = ix instanceof List<?> l ? Indices.join(l) : Indices.check(String.valueOf(ix));
            } catch (IllegalArgumentException e) {
                throw new QueryException("\"index\": " + e.getMessage());
            }
        }
        Object dsl = q.get("query");
        if (dsl != null && Json.asObject(dsl) == null) {
            throw new QueryException("\"query\" must be a query DSL object such as {\"term\": {\"host.name\": \"web01\"}}");
        }
        String qs = null;
        if (q.get("query_string") != null) {
            if (!(q.get("query_string") instanceof String s)) {
                throw new QueryException("\"query_string\" must be a string in Lucene query syntax");
            }
            qs = s.isBlank() ? null : s;
        }
        List<String> fields = stringList(q.get("fields"), "fields");
        List<Object> sort = sortList(q.get("sort"));
        long size = 0;
        if (q.get("size") != null) {
            Object sz = q.get("size");
            if (!(sz instanceof Long l) || l < 0) {
                throw new QueryException("\"size\" must be a whole number of rows (0 for all), got " + Json.write(sz));
            }
            size = l;
        }
        return new ElasticQuery(Kind.SEARCH, index, dsl, qs, fields, sort, size, timeField, noTimeField, null, null);
    }

    private static List<String> stringList(Object v, String key) {
        if (v == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (v instanceof String s) {
            for (String p : s.split(",")) {
                if (!p.isBlank()) {
                    out.add(p.strip());
                }
            }
            return List.copyOf(out);
        }
        if (!(v instanceof List<?> l)) {
            throw new QueryException("\"" + key + "\" must be a list of field names");
        }
        for (Object o : l) {
            if (!(o instanceof String s) || s.isBlank()) {
                throw new QueryException("\"" + key + "\" must hold field names (strings), got " + Json.write(o));
            }
            out.add(s.strip());
        }
        return List.copyOf(out);
    }

    private static List<Object> sortList(Object v) {
        if (v == null) {
            return List.of();
        }
        List<Object> items = v instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>(List.of(v));
        for (Object o : items) {
            if (!(o instanceof String) && Json.asObject(o) == null) {
                throw new QueryException("\"sort\" entries are field names or DSL sort objects such as {\"@timestamp\": \"desc\"}, got "
                        + Json.write(o));
            }
        }
        return List.copyOf(items);
    }

    private static ElasticQuery parseLucene(String body) {
        List<String> segments = splitPipes(body);
        int last = segments.size();
        List<String> fields = List.of();
        List<Object> sort = List.of();
        long size = 0;
        // trailing stages, right to left, until a segment is not a stage
        while (last > 1) {
            String seg = segments.get(last - 1);
            Matcher f = FIELDS_STAGE.matcher(seg);
            Matcher s = SORT_STAGE.matcher(seg);
            Matcher l = LIMIT_STAGE.matcher(seg);
            if (f.matches()) {
                fields = stringList(unquoteList(f.group(1)), "fields");
            } else if (s.matches()) {
                sort = luceneSort(s.group(1));
            } else if (l.matches()) {
                size = parseLimit(l.group(1));
            } else {
                break;
            }
            last--;
        }
        String index;
        String query;
        if (last == 1) {
            index = null;
            query = segments.get(0);
        } else if (last == 2) {
            index = unquote(segments.get(0));
            query = segments.get(1);
        } else {
            throw new QueryException("lucene: expected 'lucene: <index> | <query>' optionally followed by '| fields a, b', "
                    + "'| sort field [asc|desc]' and '| limit N', but found " + last + " parts before them: "
                    + segments.subList(0, last));
        }
        if (index != null) {
            if (index.isEmpty()) {
                index = null;
            } else {
                try {
                    index = Indices.check(index);
                } catch (IllegalArgumentException e) {
                    throw new QueryException("lucene: " + e.getMessage());
                }
            }
        }
        String qs = query.isBlank() || query.strip().equals("*") ? null : query.strip();
        return new ElasticQuery(Kind.SEARCH, index, null, qs, fields, sort, size, null, false, null, null);
    }

    private static long parseLimit(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new QueryException("lucene: limit " + digits + " is too large");
        }
    }

    private static List<Object> luceneSort(String spec) {
        List<Object> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] w = part.strip().split("\\s+");
            if (w.length == 0 || w[0].isEmpty() || w.length > 2) {
                throw new QueryException("lucene: sort takes 'field [asc|desc], ...', got '" + spec.strip() + "'");
            }
            String order = w.length == 2 ? w[1].toLowerCase(Locale.ROOT) : "asc";
            if (!order.equals("asc") && !order.equals("desc")) {
                throw new QueryException("lucene: sort order must be asc or desc, got '" + w[1] + "'");
            }
            Map<String, Object> clause = new LinkedHashMap<>();
            clause.put(unquote(w[0]), order);
            out.add(clause);
        }
        return out;
    }

    /** Field lists may come with quotes from rendered parameters: {@code "a", "b"}. */
    private static String unquoteList(String s) {
        List<String> out = new ArrayList<>();
        for (String p : s.split(",")) {
            out.add(unquote(p));
        }
        return String.join(",", out);
    }

    private static String unquote(String s) {
        String t = s.strip();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return t;
    }

    /**
     * Splits on {@code |} outside double-quoted strings (which may hold backslash escapes); {@code ||} is Lucene's OR
     * and does not split.
     */
    static List<String> splitPipes(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inQuote = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inQuote) {
                cur.append(c);
                if (c == '\\' && i + 1 < s.length()) {
                    cur.append(s.charAt(++i));
                } else if (c == '"') {
                    inQuote = false;
                }
                continue;
            }
            if (c == '"') {
                inQuote = true;
                cur.append(c);
            } else if (c == '\\' && i + 1 < s.length()) {
                cur.append(c).append(s.charAt(++i));
            } else if (c == '|') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '|') {
                    cur.append("||");
                    i++;
                } else {
                    out.add(cur.toString().strip());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (inQuote) {
            throw new QueryException("lucene: a quoted phrase is not closed: " + s);
        }
        out.add(cur.toString().strip());
        return out;
    }

    /** For error messages: a short description. */
    String describe() {
        return switch (kind) {
            case ESQL -> "ES|QL query";
            case SQL -> "SQL query";
            default -> "search of " + (index == null ? "the default index" : index);
        };
    }
}
