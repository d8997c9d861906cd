package dev.hunt4j.provider.elastic;

import com.fasterxml.jackson.core.io.SerializedString;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The columns of a search result, worked out from the indices' mappings before the first hit arrives: nested objects
 * become dotted columns ({@code host.name}), each typed from its mapping; fields that hold whole structures
 * ({@code nested}, {@code flattened}, objects with {@code enabled: false}, geo types) stay one JSON column.
 * Also builds the path tree the hit reader flattens {@code _source} with.
 */
final class FieldSchema {
    /** Meta fields a query may ask for in {@code fields}; they come from the hit, not from {@code _source}. */
    static final String ID = "_id";
    static final String INDEX = "_index";

    /** How a leaf's values are read. */
    enum Reader { STRING, LONG, DOUBLE, BOOLEAN, TIME_MILLIS, TIME_SECONDS, JSON }

    /** One node of the {@code _source} path tree: an object with children, a column, or both (a mapping conflict). */
    static final class Node {
        final HashMap<String, Node> children = new HashMap<>();
        int column = -1;
        Reader reader;
        // The keys of the first object read here, in order, with what each maps to (null: skipped). Documents of one
        // index mostly repeat their key order, so the reader asks the parser whether the next key is the expected one
        // (JsonParser.nextFieldName compares the raw bytes) instead of having it hash every key into its symbol table.
        SerializedString[] seqKeys = new SerializedString[4];
        /** The same keys as they appear in JSON (escaped, UTF-8), for {@link ByteHitReader}. */
        ByteHitReader.Key[] seqRaw = new ByteHitReader.Key[4];
        Node[] seqNodes = new Node[4];
        int seqLength;
        boolean seqDone;

        Node child(String name) {
            return children.get(name);
        }

        /** Remembers the key at {@code pos} of the first object read here. */
        void learn(int pos, String name, Node child) {
            if (seqDone || pos != seqLength) {
                seqDone = true;
                return;
            }
            if (seqLength == seqKeys.length) {
                seqKeys = java.util.Arrays.copyOf(seqKeys, seqLength * 2);
                seqRaw = java.util.Arrays.copyOf(seqRaw, seqLength * 2);
                seqNodes = java.util.Arrays.copyOf(seqNodes, seqLength * 2);
            }
            seqKeys[seqLength] = new SerializedString(name);
            seqRaw[seqLength] = new ByteHitReader.Key(seqKeys[seqLength].asQuotedUTF8());
            seqNodes[seqLength] = child;
            seqLength++;
        }
    }

    /** A mapped field, merged over every index of the expression. */
    private static final class Mapped {
        final Map<String, Mapped> properties = new TreeMap<>();
        String type; // null for an object with properties
        boolean structure; // kept whole as JSON
        boolean timestampOk = true;
        boolean epochSeconds;
    }

    private final List<Column> columns;
    private final List<Reader> readers;
    private final Node root;
    private final int idColumn;
    private final int indexColumn;
    private final List<String> sourceIncludes;
    private final Set<String> mappedLeaves;

    private FieldSchema(List<Column> columns, List<Reader> readers, Node root, int idColumn, int indexColumn,
                        List<String> sourceIncludes, Set<String> mappedLeaves) {
        this.columns = List.copyOf(columns);
        this.readers = List.copyOf(readers);
        this.root = root;
        this.idColumn = idColumn;
        this.indexColumn = indexColumn;
        this.sourceIncludes = sourceIncludes;
        this.mappedLeaves = mappedLeaves;
    }

    List<Column> columns() {
        return columns;
    }

    Reader reader(int column) {
        return readers.get(column);
    }

    Node root() {
        return root;
    }

    /** The column for {@code _id}, or -1. */
    int idColumn() {
        return idColumn;
    }

    /** The column for {@code _index}, or -1. */
    int indexColumn() {
        return indexColumn;
    }

    /** {@code _source} includes for the request, or null for the whole source. */
    List<String> sourceIncludes() {
        return sourceIncludes;
    }

    /** Whether a field is mapped as a leaf (for checking the time field). */
    boolean isMapped(String field) {
        return mappedLeaves.contains(field);
    }

    /**
     * Builds the schema.
     *
     * @param mappingResponse the parsed {@code GET /<index>/_mapping} answer
     * @param nonEmpty        the fields that hold values (Elasticsearch 8.13+ field caps), or null when unknown
     * @param fields          the fields the query asks for; empty for all
     * @param timeField       the time field, shown first when it is mapped
     */
    static FieldSchema build(Object mappingResponse, Set<String> nonEmpty, List<String> fields, String timeField) {
        Mapped merged = new Mapped();
        Map<String, Object> indices = Json.asObject(mappingResponse);
        if (indices != null) {
            for (Object idx : indices.values()) {
                Map<String, Object> mappings = Json.asObject(Json.asObject(idx) == null ? null : Json.asObject(idx).get("mappings"));
                if (mappings == null) {
                    continue;
                }
                // 6.x-style typed mappings ({"_doc": {"properties": ...}}) hold one type level more
                if (!mappings.containsKey("properties") && mappings.size() == 1
                        && Json.asObject(mappings.values().iterator().next()) != null
                        && Json.asObject(mappings.values().iterator().next()).containsKey("properties")) {
                    mappings = Json.asObject(mappings.values().iterator().next());
                }
                mergeProperties(merged, Json.asObject(mappings.get("properties")));
            }
        }
        Map<String, Mapped> leaves = new LinkedHashMap<>();
        collectLeaves(merged, "", leaves);

        List<String> wanted = new ArrayList<>();
        List<String> includes = null;
        boolean wantId = false;
        boolean wantIndex = false;
        if (fields.isEmpty()) {
            if (leaves.containsKey(timeField)) {
                wanted.add(timeField);
            }
            for (String leaf : leaves.keySet()) {
                if (!leaf.equals(timeField) && (nonEmpty == null || nonEmpty.contains(leaf) || leaves.get(leaf).structure)) {
                    wanted.add(leaf);
                }
            }
        } else {
            includes = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (String f : fields) {
                if (f.equals(ID)) {
                    wantId = seen.add(ID) || wantId;
                    continue;
                }
                if (f.equals(INDEX)) {
                    wantIndex = seen.add(INDEX) || wantIndex;
                    continue;
                }
                includes.add(f);
                List<String> matched = matching(f, leaves);
                if (matched.isEmpty() && f.indexOf('*') < 0) {
                    matched = List.of(f); // not mapped (yet): a text column filled from _source when present
                }
                seen.addAll(matched);
            }
            wanted.addAll(seen);
        }

        List<Column> cols = new ArrayList<>();
        List<Reader> readers = new ArrayList<>();
        Node root = new Node();
        int id = -1;
        int index = -1;
        for (String name : wanted) {
            if (name.equals(ID) && wantId) {
                id = cols.size();
                cols.add(new Column(ID, ColumnType.STRING));
                readers.add(Reader.STRING);
                continue;
            }
            if (name.equals(INDEX) && wantIndex) {
                index = cols.size();
                cols.add(new Column(INDEX, ColumnType.STRING));
                readers.add(Reader.STRING);
                continue;
            }
            Mapped m = leaves.get(name);
            Reader r = m == null ? Reader.STRING : readerFor(m);
            Node n = root;
            for (String seg : name.split("\\.", -1)) {
                n = n.children.computeIfAbsent(seg, k -> new Node());
            }
            n.column = cols.size();
            n.reader = r;
            cols.add(new Column(name, typeOf(r)));
            readers.add(r);
        }
        // null: the whole _source; an empty list: none (only _id/_index asked for)
        return new FieldSchema(cols, readers, root, id, index, includes == null ? null : List.copyOf(includes),
                Set.copyOf(leaves.keySet()));
    }

    private static void mergeProperties(Mapped into, Map<String, Object> properties) {
        if (properties == null) {
            return;
        }
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            Map<String, Object> def = Json.asObject(e.getValue());
            if (def == null) {
                continue;
            }
            String type = def.get("type") instanceof String s ? s : null;
            if ("alias".equals(type)) {
                continue; // an alias has no value of its own in _source
            }
            Mapped m = into.properties.computeIfAbsent(e.getKey(), k -> new Mapped());
            Map<String, Object> sub = Json.asObject(def.get("properties"));
            boolean disabled = Boolean.FALSE.equals(def.get("enabled")) || "false".equals(def.get("enabled"));
            if ((type == null || type.equals("object")) && !disabled) {
                if (m.type != null) {
                    m.structure = true; // a leaf in one index, an object in another: keep the value whole
                }
                mergeProperties(m, sub);
                continue;
            }
            if (disabled || isStructure(type)) {
                m.type = type == null ? "object" : type;
                m.structure = true;
                continue;
            }
            String format = def.get("format") instanceof String f ? f : null;
            if (type.equals("date") || type.equals("date_nanos")) {
                m.timestampOk &= isoOrEpoch(format);
                m.epochSeconds = format != null && format.contains("epoch_second") && !format.contains("epoch_millis");
            }
            if (m.type == null && !m.properties.isEmpty()) {
                m.structure = true;
            }
            m.type = m.type == null || m.type.equals(type) ? type : mergeTypes(m.type, type);
        }
    }

    private static boolean isStructure(String type) {
        return switch (type) {
            case "nested", "flattened", "geo_point", "geo_shape", "point", "shape", "dense_vector", "sparse_vector",
                 "rank_features", "histogram", "aggregate_metric_double", "integer_range", "long_range", "float_range",
                 "double_range", "date_range", "ip_range", "join", "percolator", "knn_vector", "xy_point", "xy_shape" -> true;
            default -> false;
        };
    }

    private static String mergeTypes(String a, String b) {
        boolean na = numeric(a);
        boolean nb = numeric(b);
        if (na && nb) {
            return isWhole(a) && isWhole(b) ? "long" : "double";
        }
        if ((a.equals("date") || a.equals("date_nanos")) && (b.equals("date") || b.equals("date_nanos"))) {
            return "date";
        }
        return "keyword";
    }

    private static boolean numeric(String t) {
        return isWhole(t) || switch (t) {
            case "double", "float", "half_float", "scaled_float", "unsigned_long" -> true;
            default -> false;
        };
    }

    private static boolean isWhole(String t) {
        return switch (t) {
            case "long", "integer", "short", "byte" -> true;
            default -> false;
        };
    }

    private static final Pattern ISO_PATTERN = Pattern.compile("^[yu]{4}-MM-dd.*");

    /** Date formats whose values the reader understands: ISO-8601 forms and epoch numbers. */
    private static boolean isoOrEpoch(String format) {
        if (format == null) {
            return true;
        }
        for (String part : format.split("\\|\\|")) {
            String p = part.trim();
            boolean ok = switch (p) {
                case "strict_date_optional_time", "date_optional_time", "strict_date_optional_time_nanos", "strict_date_time",
                     "date_time", "strict_date_time_no_millis", "date_time_no_millis", "strict_date_hour_minute_second",
                     "date_hour_minute_second", "strict_date_hour_minute_second_millis", "date_hour_minute_second_millis",
                     "strict_date_hour_minute_second_fraction", "date_hour_minute_second_fraction", "strict_date", "date",
                     "strict_date_hour_minute", "date_hour_minute", "epoch_millis", "epoch_second", "iso8601" -> true;
                default -> ISO_PATTERN.matcher(p).matches();
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static void collectLeaves(Mapped m, String prefix, Map<String, Mapped> out) {
        for (Map.Entry<String, Mapped> e : m.properties.entrySet()) {
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            Mapped c = e.getValue();
            if (c.structure || c.type != null && c.properties.isEmpty()) {
                out.put(path, c);
            } else {
                collectLeaves(c, path, out);
            }
        }
    }

    /** Leaves selected by a field entry: itself, everything under an object path, or a {@code *} pattern. */
    private static List<String> matching(String f, Map<String, Mapped> leaves) {
        List<String> out = new ArrayList<>();
        if (f.indexOf('*') >= 0) {
            Pattern p = Pattern.compile(glob(f));
            for (String leaf : leaves.keySet()) {
                if (p.matcher(leaf).matches()) {
                    out.add(leaf);
                }
            }
            return out;
        }
        if (leaves.containsKey(f)) {
            return List.of(f);
        }
        String prefix = f + ".";
        for (String leaf : leaves.keySet()) {
            if (leaf.startsWith(prefix)) {
                out.add(leaf);
            }
        }
        return out;
    }

    private static String glob(String f) {
        StringBuilder sb = new StringBuilder();
        String[] parts = f.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append(".*");
            }
            if (!parts[i].isEmpty()) {
                sb.append(Pattern.quote(parts[i]));
            }
        }
        return sb.toString();
    }

    private static Reader readerFor(Mapped m) {
        if (m.structure) {
            return Reader.JSON;
        }
        String t = m.type.toLowerCase(Locale.ROOT);
        if (isWhole(t)) {
            return Reader.LONG;
        }
        if (numeric(t)) {
            return Reader.DOUBLE;
        }
        return switch (t) {
            case "boolean" -> Reader.BOOLEAN;
            case "date", "date_nanos" -> !m.timestampOk ? Reader.STRING : m.epochSeconds ? Reader.TIME_SECONDS : Reader.TIME_MILLIS;
            default -> Reader.STRING;
        };
    }

    static ColumnType typeOf(Reader r) {
        return switch (r) {
            case LONG -> ColumnType.LONG;
            case DOUBLE -> ColumnType.DOUBLE;
            case BOOLEAN -> ColumnType.BOOLEAN;
            case TIME_MILLIS, TIME_SECONDS -> ColumnType.TIMESTAMP;
            case JSON -> ColumnType.JSON;
            default -> ColumnType.STRING;
        };
    }
}
