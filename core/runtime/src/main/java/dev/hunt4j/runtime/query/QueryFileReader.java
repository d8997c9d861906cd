package dev.hunt4j.runtime.query;

import dev.hunt4j.api.QueryException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.Reader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one query file in MSTICPy's format. Works on SnakeYAML's node tree rather than on loaded objects,
 * so anchors and aliases resolve as in any YAML reader while every message can name the line; composing
 * nodes also never instantiates classes named by tags.
 *
 * <p>What MSTICPy refuses is an error (the file is not loaded): no {@code metadata}, no {@code sources},
 * no {@code data_environments} or {@code data_families}, a parameter without a type or with an unknown one,
 * a query without {@code args.query}, a placeholder without a parameter. What only MSTICPy's JSON schema
 * refuses is a warning: a version that is not a number, descriptions shorter than 5 or longer than 1024
 * characters, an empty default.
 */
final class QueryFileReader {

    /** The queries of a file and the warnings about it. */
    record Result(List<QueryDefinition> queries, List<String> warnings) {
    }

    private static final Pattern MACRO = Pattern.compile("\\$<([^>]+)>\\$");
    private static final int MAX_DEPTH = 64;

    private final String origin;
    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private QueryFileReader(String origin) {
        this.origin = origin;
    }

    /**
     * Reads a query file.
     *
     * @param origin how messages and {@link QueryDefinition#origin()} name the file
     * @throws QueryException listing every problem found, each with file and line
     */
    static Result read(Reader reader, String origin) {
        return new QueryFileReader(origin).run(reader);
    }

    private Result run(Reader reader) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(200); // real files alias query texts; this still stops alias bombs
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            Mark context = e.getContextMark();
            String where = context != null && mark != null && context.getLine() != mark.getLine()
                    ? " started on line " + (context.getLine() + 1) : "";
            throw new QueryException(at(mark == null ? 0 : mark.getLine() + 1) + "malformed YAML: " + problem
                    + (e.getContext() != null ? " (" + e.getContext() + where + ")" : ""), e);
        } catch (YAMLException e) {
            throw new QueryException(at(0) + "malformed YAML: " + e.getMessage(), e);
        }
        if (root == null) {
            throw new QueryException(at(0) + "the file is empty; a query file needs 'metadata' and 'sources'");
        }
        if (!(root instanceof MappingNode top)) {
            throw new QueryException(at(line(root)) + "not a query file: expected a mapping with 'metadata' and 'sources'");
        }
        List<QueryDefinition> queries = readFile(top);
        if (!errors.isEmpty()) {
            throw new QueryException(String.join("\n", errors));
        }
        return new Result(queries, List.copyOf(warnings));
    }

    private List<QueryDefinition> readFile(MappingNode top) {
        Map<String, NodeTuple> entries = entries(top);
        Node metadataNode = value(entries, "metadata");
        Node sourcesNode = value(entries, "sources");
        if (isEmpty(metadataNode)) {
            error(metadataNode == null ? 0 : line(metadataNode), "no 'metadata' section (it names the data_environments and data_families)");
        }
        if (isEmpty(sourcesNode)) {
            error(sourcesNode == null ? 0 : line(sourcesNode), "no 'sources' section: the file defines no queries");
        }
        if (!errors.isEmpty()) {
            return List.of();
        }
        if (!(metadataNode instanceof MappingNode metadataMap)) {
            error(line(metadataNode), "'metadata' must be a mapping");
            return List.of();
        }
        Map<String, Object> fileMetadata = mapOf(metadataMap, "metadata");
        checkFileMetadata(fileMetadata, metadataMap);
        if (!errors.isEmpty()) {
            return List.of(); // every query would repeat the same complaint
        }

        MappingNode defaults = null;
        Node defaultsNode = value(entries, "defaults");
        if (defaultsNode instanceof MappingNode m) {
            defaults = m;
        } else if (!isEmpty(defaultsNode)) {
            error(line(defaultsNode), "'defaults' must be a mapping");
        }
        Map<String, NodeTuple> defaultEntries = defaults == null ? Map.of() : entries(defaults);
        Map<String, Object> defaultMetadata = mapOf(value(defaultEntries, "metadata"), "defaults.metadata");
        Map<String, ParamDef> defaultParams = readParams(value(defaultEntries, "parameters"), "defaults");
        Map<String, String> defaultMacros = readMacros(value(defaultEntries, "query_macros"), "defaults");

        if (!(sourcesNode instanceof MappingNode sources)) {
            error(line(sourcesNode), "'sources' must be a mapping of query name to query");
            return List.of();
        }
        List<QueryDefinition> out = new ArrayList<>();
        for (Map.Entry<String, NodeTuple> e : entries(sources).entrySet()) {
            QueryDefinition q = readSource(e.getKey(), e.getValue(), fileMetadata, defaultMetadata, defaultParams, defaultMacros);
            if (q != null) {
                out.add(q);
            }
        }
        return out;
    }

    private void checkFileMetadata(Map<String, Object> md, MappingNode node) {
        Map<String, NodeTuple> entries = entries(node);
        if (strings(md.get("data_environments")).isEmpty()) {
            error(line(node), "metadata has no data_environments (e.g. [LogAnalytics])");
        }
        if (strings(md.get("data_families")).isEmpty()) {
            error(line(node), "metadata has no data_families (e.g. [WindowsSecurity])");
        }
        Object version = md.get("version");
        if (version != null && !(version instanceof Long)) {
            warn(line(value(entries, "version")), "metadata version should be a whole number, got '" + version + "'"
                    + (version instanceof String ? " (text)" : ""));
        }
        checkDescription(md.get("description"), value(entries, "description"), "metadata description");
    }

    private QueryDefinition readSource(String name, NodeTuple tuple, Map<String, Object> fileMetadata,
                                       Map<String, Object> defaultMetadata, Map<String, ParamDef> defaultParams,
                                       Map<String, String> defaultMacros) {
        int line = line(tuple.getKeyNode());
        Node body = tuple.getValueNode();
        if (!(body instanceof MappingNode source)) {
            error(line, "query '" + name + "' must be a mapping with description and args.query");
            return null;
        }
        int errorsBefore = errors.size();
        Map<String, NodeTuple> entries = entries(source);
        Object description = toJava(value(entries, "description"), 0);
        checkDescription(description, value(entries, "description"), "description of query '" + name + "'");
        Map<String, Object> ownMetadata = mapOf(value(entries, "metadata"), "metadata of query '" + name + "'");
        Map<String, Object> metadata = merge(merge(fileMetadata, defaultMetadata), ownMetadata);
        List<String> families = strings(metadata.get("data_families"));
        if (families.isEmpty()) {
            error(line, "query '" + name + "' has no data_families");
        }
        List<String> environments = strings(metadata.get("data_environments"));

        Node args = value(entries, "args");
        Node queryNode = args instanceof MappingNode a ? value(entries(a), "query") : null;
        Object queryText = toJava(queryNode, 0);
        if (!(queryText instanceof String)) {
            error(queryNode != null ? line(queryNode) : args != null ? line(args) : line,
                    "query '" + name + "' has no args.query text");
            return null;
        }
        Object uri = args instanceof MappingNode a ? toJava(value(entries(a), "uri"), 0) : null;

        Map<String, ParamDef> params = new LinkedHashMap<>(defaultParams);
        readParams(value(entries, "parameters"), "query '" + name + "'").forEach((k, v) ->
                params.merge(k, v, (d, s) -> new ParamDef(merge(d.props(), s.props()), s.line())));
        List<QueryParameter> parameters = new ArrayList<>();
        for (Map.Entry<String, ParamDef> p : params.entrySet()) {
            QueryParameter qp = toParameter(p.getKey(), p.getValue(), name);
            if (qp != null) {
                parameters.add(qp);
            }
        }

        Map<String, String> macros = new LinkedHashMap<>(defaultMacros);
        macros.putAll(readMacros(value(entries, "query_macros"), "query '" + name + "'"));
        String text = expandMacros((String) queryText, macros);
        Template template;
        try {
            template = Template.parse(text);
        } catch (IllegalArgumentException e) {
            error(line(queryNode), "query '" + name + "': " + e.getMessage());
            return null;
        }
        for (String placeholder : template.names()) {
            if (!params.containsKey(placeholder)) {
                List<String> close = Names.suggest(placeholder, params.keySet(), 3);
                error(line(queryNode), "query '" + name + "' uses {" + placeholder + "} but defines no parameter '"
                        + placeholder + "'" + (close.isEmpty() ? "" : "; did you mean: " + String.join(", ", close) + "?"));
            }
        }
        if (errors.size() > errorsBefore) {
            return null;
        }
        return new QueryDefinition(name, families, description == null ? "" : description.toString(), environments,
                origin, line, parameters, text, template, immutable(metadata), uri == null ? null : uri.toString());
    }

    /** A parameter definition as written at one place (defaults or a query), with its line. */
    private record ParamDef(Map<String, Object> props, int line) {
    }

    private Map<String, ParamDef> readParams(Node node, String where) {
        Map<String, ParamDef> out = new LinkedHashMap<>();
        if (isEmpty(node)) {
            return out;
        }
        if (!(node instanceof MappingNode map)) {
            error(line(node), where + ": 'parameters' must be a mapping of name to definition");
            return out;
        }
        for (Map.Entry<String, NodeTuple> e : entries(map).entrySet()) {
            String name = e.getKey();
            Node def = e.getValue().getValueNode();
            int line = line(e.getValue().getKeyNode());
            if (!(def instanceof MappingNode defMap)) {
                error(line, "parameter '" + name + "' (" + where + ") must be a mapping with description and type");
                continue;
            }
            Map<String, NodeTuple> fields = entries(defMap);
            @SuppressWarnings("unchecked")
            Map<String, Object> props = (Map<String, Object>) toJava(defMap, 0);
            Object type = props.get("type");
            if (type != null && !QueryParameter.TYPES.contains(type.toString())) {
                List<String> close = Names.suggest(type.toString(), QueryParameter.TYPES, 1);
                error(line(value(fields, "type")), "parameter '" + name + "' (" + where + ") has unknown type '" + type
                        + "'" + (close.isEmpty() ? "" : "; did you mean '" + close.get(0) + "'?")
                        + " (types: " + String.join(", ", QueryParameter.TYPES) + ")");
            }
            if (props.containsKey("default") && props.get("default") == null) {
                warn(line(value(fields, "default")), "parameter '" + name + "' (" + where
                        + ") has an empty default; it is treated as required");
            }
            checkDescription(props.get("description"), value(fields, "description"),
                    "description of parameter '" + name + "' (" + where + ")");
            out.put(name, new ParamDef(props, line));
        }
        return out;
    }

    private QueryParameter toParameter(String name, ParamDef def, String query) {
        Map<String, Object> props = def.props();
        Object type = props.get("type");
        if (type == null) {
            error(def.line(), "parameter '" + name + "' of query '" + query + "' has no type (types: "
                    + String.join(", ", QueryParameter.TYPES) + ")");
            return null;
        }
        if (!QueryParameter.TYPES.contains(type.toString())) {
            return null; // reported where it is written
        }
        Object aliases = props.get("aliases");
        if (aliases instanceof Map) {
            error(def.line(), "aliases of parameter '" + name + "' must be a name or a list of names");
            return null;
        }
        Object description = props.get("description");
        return new QueryParameter(name, type.toString(), description == null ? "" : description.toString(),
                props.get("default"), strings(aliases));
    }

    private Map<String, String> readMacros(Node node, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        if (isEmpty(node)) {
            return out;
        }
        if (!(node instanceof MappingNode map)) {
            error(line(node), where + ": 'query_macros' must be a mapping of name to {description, value}");
            return out;
        }
        for (Map.Entry<String, NodeTuple> e : entries(map).entrySet()) {
            Object def = toJava(e.getValue().getValueNode(), 0);
            Object value = def instanceof Map<?, ?> m ? m.get("value") : def;
            out.put(e.getKey(), value == null ? "" : value.toString());
        }
        return out;
    }

    /**
     * Replaces {@code $<name>$} with the macro's value in one pass, so macro values are not expanded again.
     * As in MSTICPy an undefined macro becomes empty text (queries use this for optional clauses).
     */
    static String expandMacros(String text, Map<String, String> macros) {
        Matcher m = MACRO.matcher(text);
        if (!m.find()) {
            return text;
        }
        m.reset();
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(macros.getOrDefault(m.group(1), "")));
        }
        m.appendTail(sb);
        return sb.toString().replaceAll("\n{2,}", "\n");
    }

    private void checkDescription(Object description, Node node, String what) {
        if (description == null) {
            return;
        }
        int length = description.toString().length();
        if (length < 5 || length > 1024) {
            warn(node == null ? 0 : line(node), what + " should be 5 to 1024 characters long, it has " + length);
        }
    }

    // ---- node helpers ----

    /** The entries of a mapping by key text, with {@code <<} merge keys applied (explicit keys win). */
    private Map<String, NodeTuple> entries(MappingNode node) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        List<NodeTuple> merged = new ArrayList<>();
        for (NodeTuple t : node.getValue()) {
            Node k = t.getKeyNode();
            if (k.getTag().equals(Tag.MERGE)) {
                Node v = t.getValueNode();
                List<Node> sourcesOfMerge = v instanceof SequenceNode seq ? seq.getValue() : List.of(v);
                for (Node src : sourcesOfMerge) {
                    if (src instanceof MappingNode m) {
                        merged.addAll(entries(m).values());
                    }
                }
                continue;
            }
            String key = k instanceof ScalarNode s ? s.getValue() : String.valueOf(toJava(k, 0));
            if (out.put(key, t) != null) {
                warn(line(k), "duplicate key '" + key + "'; the last one is used");
            }
        }
        for (NodeTuple t : merged) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(toJava(t.getKeyNode(), 0));
            out.putIfAbsent(key, t);
        }
        return out;
    }

    private static Node value(Map<String, NodeTuple> entries, String key) {
        NodeTuple t = entries.get(key);
        return t == null ? null : t.getValueNode();
    }

    private static boolean isEmpty(Node node) {
        if (node == null) {
            return true;
        }
        if (node instanceof ScalarNode s) {
            return s.getTag().equals(Tag.NULL) || s.getValue().isEmpty();
        }
        if (node instanceof MappingNode m) {
            return m.getValue().isEmpty();
        }
        return node instanceof SequenceNode s && s.getValue().isEmpty();
    }

    private Map<String, Object> mapOf(Node node, String what) {
        if (isEmpty(node)) {
            return new LinkedHashMap<>();
        }
        Object v = toJava(node, 0);
        if (v instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) m;
            return map;
        }
        error(line(node), "'" + what + "' must be a mapping");
        return new LinkedHashMap<>();
    }

    /** Plain Java values: String, Long (or BigInteger), Double, Boolean, null, List, Map with String keys. */
    private Object toJava(Node node, int depth) {
        if (node == null) {
            return null;
        }
        if (depth > MAX_DEPTH) {
            throw new QueryException(at(line(node)) + "YAML nested too deeply (or a recursive alias)");
        }
        if (node instanceof ScalarNode s) {
            return scalar(s);
        }
        if (node instanceof SequenceNode seq) {
            List<Object> list = new ArrayList<>();
            for (Node n : seq.getValue()) {
                list.add(toJava(n, depth + 1));
            }
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, NodeTuple> e : entries((MappingNode) node).entrySet()) {
            map.put(e.getKey(), toJava(e.getValue().getValueNode(), depth + 1));
        }
        return map;
    }

    private static Object scalar(ScalarNode s) {
        String v = s.getValue();
        Tag tag = s.getTag();
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        if (tag.equals(Tag.BOOL)) {
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "y" -> Boolean.TRUE;
                default -> Boolean.FALSE;
            };
        }
        if (tag.equals(Tag.INT)) {
            String digits = v.replace("_", "");
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                try {
                    return new BigInteger(digits);
                } catch (NumberFormatException e2) {
                    return v;
                }
            }
        }
        if (tag.equals(Tag.FLOAT)) {
            String f = v.replace("_", "").toLowerCase(Locale.ROOT);
            return switch (f) {
                case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
                case "-.inf" -> Double.NEGATIVE_INFINITY;
                case ".nan" -> Double.NaN;
                default -> {
                    try {
                        yield Double.parseDouble(f);
                    } catch (NumberFormatException e) {
                        yield v;
                    }
                }
            };
        }
        return v; // strings, timestamps and unknown tags keep their text
    }

    /** A string or list of strings as a list ({@code data_environments: LogAnalytics} is a list of one). */
    static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().filter(o -> o != null && !o.toString().isBlank()).map(Object::toString).toList();
        }
        if (value instanceof Map) {
            return List.of();
        }
        return value.toString().isBlank() ? List.of() : List.of(value.toString());
    }

    /** MSTICPy's collapse_dicts: nested maps merge, any other value of {@code b} replaces {@code a}'s. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> out = new LinkedHashMap<>(a);
        for (Map.Entry<String, Object> e : b.entrySet()) {
            Object mine = out.get(e.getKey());
            if (mine instanceof Map && e.getValue() instanceof Map) {
                out.put(e.getKey(), merge((Map<String, Object>) mine, (Map<String, Object>) e.getValue()));
            } else {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private static Object immutable(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), immutable(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(v -> copy.add(immutable(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> immutable(Map<String, Object> map) {
        return (Map<String, Object>) immutable((Object) map);
    }

    private static int line(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private String at(int line) {
        return line > 0 ? origin + ":" + line + ": " : origin + ": ";
    }

    private void error(int line, String message) {
        errors.add(at(line) + message);
    }

    private void warn(int line, String message) {
        String w = at(line) + message;
        if (!warnings.contains(w)) {
            warnings.add(w);
        }
    }
}
