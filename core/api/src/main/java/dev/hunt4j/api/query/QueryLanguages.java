package dev.hunt4j.api.query;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/** The query languages hunt4j knows, with their escaping rules. */
public final class QueryLanguages {
    private QueryLanguages() {
    }

    /** Kusto (Sentinel, Defender, Log Analytics). */
    public static final QueryLanguage KQL = new Kql("kql");
    /** The local-files provider's pipe language, lexically KQL. */
    public static final QueryLanguage FILES = new Kql("files");
    /** Splunk's search processing language. */
    public static final QueryLanguage SPL = new Spl();
    /** JSON-based query languages (the Elasticsearch/OpenSearch query DSL). */
    public static final QueryLanguage JSON = new Json();
    /** SQL with standard {@code '...'} literals. */
    public static final QueryLanguage SQL = new Sql();

    /** A built-in language by name ({@code kql, files, spl, es-dsl, json, sql}). */
    public static QueryLanguage forName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "kql", "kusto" -> KQL;
            case "files" -> FILES;
            case "spl", "splunk" -> SPL;
            case "es-dsl", "json", "dsl" -> JSON;
            case "sql" -> SQL;
            default -> throw new IllegalArgumentException("unknown query language '" + name
                    + "', expected one of kql, files, spl, es-dsl, sql");
        };
    }

    private static String scalarOnly(Object value) {
        if (value instanceof List) {
            throw new IllegalArgumentException("a list cannot be placed here");
        }
        return QueryLanguage.textOf(value);
    }

    /** Renders a list as comma-separated literals, each written by {@code element}. */
    private static String joined(List<?> list, java.util.function.Function<Object, String> element) {
        if (list.isEmpty()) {
            throw new IllegalArgumentException("an empty list cannot be placed here");
        }
        StringJoiner j = new StringJoiner(", ");
        for (Object o : list) {
            if (o instanceof List) {
                throw new IllegalArgumentException("nested lists are not supported");
            }
            j.add(element.apply(o));
        }
        return j.toString();
    }

    private static String backslashEscaped(String s, char quote) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c == quote) {
                        sb.append('\\').append(c);
                    } else if (c < 0x20) {
                        throw new IllegalArgumentException(String.format("control character U+%04X is not allowed", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static final class Kql implements QueryLanguage {
        private final String name;

        Kql(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String quoteChars() {
            return "\"'";
        }

        @Override
        public boolean hasVerbatimStrings() {
            return true;
        }

        @Override
        public String insideString(Object value, char quote, boolean verbatim) {
            String s = scalarOnly(value);
            if (!verbatim) {
                return backslashEscaped(s, quote);
            }
            if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("a line break cannot be placed in a verbatim (@) string");
            }
            return s.replace(String.valueOf(quote), String.valueOf(quote) + quote);
        }

        @Override
        public String bare(Object value) {
            if (value instanceof List<?> list) {
                return joined(list, o -> o instanceof Number ? QueryLanguage.textOf(o) : '"' + backslashEscaped(QueryLanguage.textOf(o), '"') + '"');
            }
            if (value instanceof Number || value instanceof Boolean || value instanceof Instant) {
                return QueryLanguage.textOf(value);
            }
            String s = scalarOnly(value);
            return QueryLanguage.SAFE_TOKEN.matcher(s).matches() ? s : '"' + backslashEscaped(s, '"') + '"';
        }
    }

    private static final class Spl implements QueryLanguage {
        private static final DateTimeFormatter SPL_TIME =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

        @Override
        public String name() {
            return "spl";
        }

        @Override
        public String quoteChars() {
            return "\"";
        }

        @Override
        public String insideString(Object value, char quote, boolean verbatim) {
            Object v = value instanceof Instant t ? SPL_TIME.format(t) : value;
            return backslashEscaped(scalarOnly(v), quote);
        }

        @Override
        public String bare(Object value) {
            if (value instanceof List<?> list) {
                return joined(list, o -> o instanceof Number ? QueryLanguage.textOf(o) : quoted(o));
            }
            if (value instanceof Number || value instanceof Boolean) {
                return QueryLanguage.textOf(value);
            }
            String s = value instanceof Instant ? null : scalarOnly(value);
            return s != null && QueryLanguage.SAFE_TOKEN.matcher(s).matches() ? s : quoted(value);
        }

        private String quoted(Object o) {
            return '"' + insideString(o, '"', false) + '"';
        }
    }

    private static final class Json implements QueryLanguage {
        @Override
        public String name() {
            return "es-dsl";
        }

        @Override
        public String quoteChars() {
            return "\"";
        }

        @Override
        public String insideString(Object value, char quote, boolean verbatim) {
            return jsonEscaped(scalarOnly(value));
        }

        @Override
        public String bare(Object value) {
            if (value instanceof List<?> list) {
                StringJoiner j = new StringJoiner(", ", "[", "]");
                for (Object o : list) {
                    if (o instanceof List) {
                        throw new IllegalArgumentException("nested lists are not supported");
                    }
                    j.add(bare(o));
                }
                return j.toString();
            }
            if (value instanceof Number || value instanceof Boolean) {
                return QueryLanguage.textOf(value);
            }
            return '"' + jsonEscaped(scalarOnly(value)) + '"';
        }

        private static String jsonEscaped(String s) {
            StringBuilder sb = new StringBuilder(s.length() + 8);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            return sb.toString();
        }
    }

    private static final class Sql implements QueryLanguage {
        @Override
        public String name() {
            return "sql";
        }

        @Override
        public String quoteChars() {
            return "'";
        }

        @Override
        public String insideString(Object value, char quote, boolean verbatim) {
            String s = scalarOnly(value);
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) < 0x20 && s.charAt(i) != '\t') {
                    throw new IllegalArgumentException(String.format("control character U+%04X is not allowed", (int) s.charAt(i)));
                }
            }
            return s.replace("'", "''");
        }

        @Override
        public String bare(Object value) {
            if (value instanceof List<?> list) {
                // list items are values, never identifiers: strings are always quoted
                return joined(list, o -> o instanceof Number || o instanceof Boolean ? QueryLanguage.textOf(o)
                        : "'" + insideString(o, '\'', false) + "'");
            }
            if (value instanceof Number || value instanceof Boolean) {
                return QueryLanguage.textOf(value);
            }
            String s = value instanceof Instant ? null : scalarOnly(value);
            return s != null && QueryLanguage.SAFE_TOKEN.matcher(s).matches() ? s : "'" + insideString(value, '\'', false) + "'";
        }
    }
}
