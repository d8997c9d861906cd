package dev.hunt4j.runtime.pipeline;

import dev.hunt4j.api.Severity;
import dev.hunt4j.runtime.config.Suggestions;
import java.io.Reader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
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

/**
 * Reads a pipeline file on SnakeYAML's node tree, so every problem can name its line, and checks everything that can
 * be checked without running: keys, step types, parameter definitions and defaults, {@code ${param}} references,
 * that every input table is written by an earlier step, conditions and filter expressions. All problems are
 * collected and thrown together.
 */
final class PipelineReader {
    static final Set<String> TOP_KEYS = new LinkedHashSet<>(List.of("name", "title", "description", "parameters", "defaults", "steps", "tags"));
    static final Set<String> PARAM_KEYS = new LinkedHashSet<>(List.of("type", "description", "default", "prompt", "choices"));
    static final Set<String> DEFAULT_KEYS = new LinkedHashSet<>(List.of("provider", "time_range", "rows"));
    static final Set<String> FINDING_KEYS = new LinkedHashSet<>(List.of("title", "severity", "severity_column", "columns", "max_rows"));
    static final Set<String> FOREACH_KEYS = new LinkedHashSet<>(List.of("input", "column", "as", "where", "max"));
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final int MAX_DEPTH = 32;

    private final String origin;
    private final Clock clock;
    private final List<String> errors = new ArrayList<>();

    private PipelineReader(String origin, Clock clock) {
        this.origin = origin;
        this.clock = clock;
    }

    static Pipeline read(Reader reader, String origin, String defaultName, Clock clock) {
        return new PipelineReader(origin, clock).run(reader, defaultName);
    }

    private Pipeline run(Reader reader, String defaultName) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(50);
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new PipelineException(List.of(at(mark == null ? 0 : mark.getLine() + 1) + "malformed YAML: "
                    + (e.getProblem() != null ? e.getProblem() : e.getMessage())
                    + (e.getContext() != null ? " (" + e.getContext() + ")" : "")));
        } catch (YAMLException e) {
            throw new PipelineException(List.of(at(0) + "malformed YAML: " + e.getMessage()));
        }
        if (!(root instanceof MappingNode top)) {
            throw new PipelineException(List.of(at(root == null ? 0 : line(root))
                    + "not a pipeline: expected a mapping with 'parameters' and 'steps'"));
        }
        Map<String, NodeTuple> entries = entries(top);
        checkKeys(entries, TOP_KEYS, "a pipeline");
        String name = text(value(entries, "name"), "name");
        if (name == null || name.isBlank()) {
            name = defaultName;
        }
        String title = text(value(entries, "title"), "title");
        String description = text(value(entries, "description"), "description");

        Map<String, ParameterSpec> params = readParameters(value(entries, "parameters"));
        Map<String, Object> defaults = new LinkedHashMap<>();
        Map<String, Integer> defaultLines = new LinkedHashMap<>();
        Node defaultsNode = value(entries, "defaults");
        if (defaultsNode instanceof MappingNode dm) {
            Map<String, NodeTuple> de = entries(dm);
            checkKeys(de, DEFAULT_KEYS, "'defaults'");
            for (Map.Entry<String, NodeTuple> e : de.entrySet()) {
                if (DEFAULT_KEYS.contains(e.getKey())) {
                    defaults.put(e.getKey(), toJava(e.getValue().getValueNode(), 0));
                    defaultLines.put(e.getKey(), line(e.getValue().getKeyNode()));
                }
            }
            checkReferences(defaults, defaultLines, params.keySet(), Set.of(), "defaults");
        } else if (!isEmpty(defaultsNode)) {
            error(line(defaultsNode), "'defaults' must be a mapping (provider, time_range, rows)");
        }

        List<StepSpec> steps = new ArrayList<>();
        Node stepsNode = value(entries, "steps");
        if (isEmpty(stepsNode)) {
            error(stepsNode == null ? line(top) : line(stepsNode), "no 'steps': the pipeline does nothing");
        } else if (!(stepsNode instanceof SequenceNode seq)) {
            error(line(stepsNode), "'steps' must be a list of steps (each starting with '- type: ...')");
        } else {
            Set<String> tables = new LinkedHashSet<>();
            Set<String> ids = new HashSet<>();
            int i = 0;
            for (Node n : seq.getValue()) {
                i++;
                StepSpec s = readStep(n, i, params, tables, ids);
                if (s != null) {
                    steps.add(s);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new PipelineException(errors);
        }
        return new Pipeline(name, title == null || title.isBlank() ? name : title, description == null ? "" : description.strip(),
                origin, List.copyOf(params.values()), defaults, steps);
    }

    // ---- parameters

    private Map<String, ParameterSpec> readParameters(Node node) {
        Map<String, ParameterSpec> out = new LinkedHashMap<>();
        if (isEmpty(node)) {
            return out;
        }
        if (!(node instanceof MappingNode map)) {
            error(line(node), "'parameters' must be a mapping of name to {type, description, default}");
            return out;
        }
        for (Map.Entry<String, NodeTuple> e : entries(map).entrySet()) {
            String name = e.getKey();
            int line = line(e.getValue().getKeyNode());
            if (!NAME.matcher(name).matches()) {
                error(line, "parameter name '" + name + "' must be letters, digits and _ (not starting with a digit)");
                continue;
            }
            Node def = e.getValue().getValueNode();
            if (!(def instanceof MappingNode dm)) {
                error(line, "parameter '" + name + "' must be a mapping with type, description and (optionally) default");
                continue;
            }
            Map<String, NodeTuple> fields = entries(dm);
            checkKeys(fields, PARAM_KEYS, "parameter '" + name + "'");
            String typeText = text(value(fields, "type"), "type of parameter '" + name + "'");
            ParameterSpec.Type type = ParameterSpec.Type.STR;
            if (typeText != null) {
                type = ParameterSpec.Type.parse(typeText);
                if (type == null) {
                    error(line(value(fields, "type")), "parameter '" + name + "' has unknown type '" + typeText + "' (types: "
                            + ParameterSpec.Type.names() + ")");
                    continue;
                }
            }
            String description = text(value(fields, "description"), "description of parameter '" + name + "'");
            boolean hasDefault = fields.containsKey("default");
            Object dflt = hasDefault ? toJava(value(fields, "default"), 0) : null;
            Object promptValue = toJava(value(fields, "prompt"), 0);
            boolean prompt = true;
            if (promptValue instanceof Boolean b) {
                prompt = b;
            } else if (promptValue != null) {
                error(line(value(fields, "prompt")), "'prompt' of parameter '" + name + "' must be true or false");
            }
            List<String> choices = new ArrayList<>();
            Object ch = toJava(value(fields, "choices"), 0);
            if (ch instanceof List<?> l) {
                l.forEach(o -> choices.add(ParameterSpec.text(o)));
            } else if (ch != null) {
                error(line(value(fields, "choices")), "'choices' of parameter '" + name + "' must be a list");
            }
            ParameterSpec spec = new ParameterSpec(name, type, description == null ? "" : description.strip(), dflt, hasDefault,
                    prompt, choices, line);
            if (hasDefault && dflt != null) {
                if (dflt instanceof String s && Substitution.check(s) == null && !Substitution.references(s).isEmpty()) {
                    error(line(value(fields, "default")), "the default of parameter '" + name + "' cannot refer to other parameters");
                } else {
                    try {
                        spec.convert(dflt, clock);
                    } catch (IllegalArgumentException ex) {
                        error(line(value(fields, "default")), "bad default: " + ex.getMessage());
                    }
                }
            }
            out.put(name, spec);
        }
        return out;
    }

    // ---- steps

    private StepSpec readStep(Node node, int index, Map<String, ParameterSpec> params, Set<String> tables, Set<String> ids) {
        if (!(node instanceof MappingNode map)) {
            error(line(node), "step " + index + " must be a mapping starting with 'type:'");
            return null;
        }
        int line = line(node);
        Map<String, NodeTuple> e = entries(map);
        Map<String, Integer> lines = new LinkedHashMap<>();
        e.forEach((k, t) -> lines.put(k, line(t.getKeyNode())));
        String typeText = text(value(e, "type"), "type");
        String where = "step " + index;
        if (typeText == null || typeText.isBlank()) {
            error(line, where + " has no 'type' (types: " + String.join(", ", StepType.ids()) + ")");
            return null;
        }
        StepType type = StepType.of(typeText);
        if (type == null) {
            error(lines.get("type"), where + ": unknown step type '" + typeText + "'" + Suggestions.didYouMean(typeText, StepType.ids())
                    + "; types: " + String.join(", ", StepType.ids()));
            return null;
        }
        Set<String> allowed = new LinkedHashSet<>(StepType.COMMON_KEYS);
        allowed.addAll(type.keys());
        String output = text(value(e, "output"), "output");
        String id = text(value(e, "id"), "id");
        boolean explicitId = id != null && !id.isBlank();
        if (!explicitId) {
            id = output != null && !output.isBlank() ? output : type.id() + "-" + index;
            if (ids.contains(id)) {
                id = id + "-" + index; // alternatives writing the same table (under different conditions)
            }
        }
        where = "step " + index + " '" + id + "' (" + type.id() + ")";
        checkKeys(e, allowed, where);
        if (!ids.add(id) && explicitId) {
            error(lines.getOrDefault("id", line), where + ": another step has the id '" + id + "'");
        }

        // inputs
        Map<String, String> inputs = new LinkedHashMap<>();
        Node inputNode = value(e, "input");
        if (!isEmpty(inputNode)) {
            if (inputNode instanceof ScalarNode s) {
                inputs.put(s.getValue(), s.getValue());
            } else if (inputNode instanceof SequenceNode seq) {
                for (Node n : seq.getValue()) {
                    if (n instanceof ScalarNode s) {
                        inputs.put(s.getValue(), s.getValue());
                    } else {
                        error(line(n), where + ": 'input' entries must be table names");
                    }
                }
            } else if (inputNode instanceof MappingNode im) {
                for (Map.Entry<String, NodeTuple> ie : entries(im).entrySet()) {
                    Node v = ie.getValue().getValueNode();
                    if (v instanceof ScalarNode s) {
                        inputs.put(ie.getKey(), s.getValue());
                    } else {
                        error(line(v), where + ": 'input' maps names to table names");
                    }
                }
            }
        }
        boolean textExtract = type == StepType.EXTRACT_IOCS && e.containsKey("text");
        int min = type == StepType.EXTRACT_IOCS && !textExtract ? 1 : type.minInputs();
        int max = textExtract ? 0 : type.maxInputs();
        int inputLine = lines.getOrDefault("input", line);
        if (inputs.size() < min) {
            error(inputLine, where + ": needs " + (min == max ? String.valueOf(min) : "at least " + min) + " input table"
                    + (min == 1 ? "" : "s") + " ('input: TABLE'" + (min > 1 ? " or 'input: [A, B]'" : "") + ")");
        } else if (inputs.size() > max) {
            error(inputLine, where + (max == 0 ? ": takes no input table" + (textExtract ? " when 'text' is given" : "")
                    : ": takes " + (max == 1 ? "one input table" : max + " input tables") + ", got " + inputs.size()));
        }
        for (String t : inputs.values()) {
            if (!tables.contains(t)) {
                error(inputLine, where + " reads table '" + t + "', which no earlier step writes"
                        + Suggestions.didYouMean(t, tables) + (tables.isEmpty() ? "" : "; tables so far: " + String.join(", ", tables)));
            }
        }

        // output
        if (type.producesTable()) {
            if (output == null || output.isBlank()) {
                error(line, where + " has no 'output': name the table it writes");
            } else if (!TABLE.matcher(output).matches()) {
                error(lines.get("output"), where + ": output name '" + output + "' must be letters, digits, _ . and -");
            }
        } else if (output != null) {
            error(lines.get("output"), where + ": a " + type.id() + " step writes no table; remove 'output'");
        }

        // when
        Expression when = null;
        String whenText = text(value(e, "when"), "when");
        if (whenText != null && !whenText.isBlank()) {
            try {
                when = Expression.parse(whenText);
                for (String n : when.names()) {
                    if (!params.containsKey(n)) {
                        error(lines.get("when"), where + ": 'when' uses '" + n + "', which is not a parameter"
                                + Suggestions.didYouMean(n, params.keySet()) + " (tables are counted with rows(" + n + "))");
                    }
                }
                for (String n : when.params()) {
                    if (!params.containsKey(n)) {
                        error(lines.get("when"), where + ": 'when' uses ${" + n + "}, which is not a parameter"
                                + Suggestions.didYouMean(n, params.keySet()));
                    }
                }
                for (String t : when.tables()) {
                    if (!tables.contains(t)) {
                        error(lines.get("when"), where + ": 'when' counts table '" + t + "', which no earlier step writes"
                                + Suggestions.didYouMean(t, tables));
                    }
                }
            } catch (IllegalArgumentException ex) {
                error(lines.get("when"), where + ": bad 'when' condition: " + ex.getMessage());
            }
        }

        StepSpec.OnError onError = StepSpec.OnError.FAIL;
        String oe = text(value(e, "on_error"), "on_error");
        if (oe != null) {
            switch (oe.trim().toLowerCase(Locale.ROOT)) {
                case "fail", "stop" -> onError = StepSpec.OnError.FAIL;
                case "warn", "continue" -> onError = StepSpec.OnError.WARN;
                default -> error(lines.get("on_error"), where + ": 'on_error' must be fail or warn, got '" + oe + "'");
            }
        }
        boolean report = true;
        Object rep = toJava(value(e, "report"), 0);
        if (rep instanceof Boolean b) {
            report = b;
        } else if (rep != null) {
            error(lines.get("report"), where + ": 'report' must be true or false");
        }
        Integer rows = integer(e, "rows", where, lines);
        FindingSpec finding = readFinding(value(e, "finding"), where, params);

        String title = text(value(e, "title"), "title");
        String description = text(value(e, "description"), "description");

        // the type's own keys
        Map<String, Object> options = new LinkedHashMap<>();
        for (String k : type.keys()) {
            if (e.containsKey(k)) {
                options.put(k, toJava(e.get(k).getValueNode(), 0));
            }
        }
        Set<String> loopVars = new HashSet<>();
        checkTypeOptions(type, options, lines, where, tables, loopVars, textExtract);
        Map<String, Object> referencing = new LinkedHashMap<>(options);
        referencing.put("title", title);
        referencing.put("description", description);
        checkReferences(referencing, lines, params.keySet(), loopVars, where);

        if (type.producesTable() && output != null && TABLE.matcher(output).matches()) {
            tables.add(output);
        }
        return new StepSpec(index, line, type, id, title == null || title.isBlank() ? defaultTitle(type, id) : title,
                description == null ? "" : description.strip(), inputs, type.producesTable() ? output : null, when, onError,
                report, rows, finding, options, lines);
    }

    private static String defaultTitle(StepType type, String id) {
        return id + " (" + type.id() + ")";
    }

    private void checkTypeOptions(StepType type, Map<String, Object> o, Map<String, Integer> lines, String where,
                                  Set<String> tables, Set<String> loopVars, boolean textExtract) {
        switch (type) {
            case QUERY -> {
                boolean named = o.get("query") != null;
                boolean text = o.get("text") != null;
                if (named == text) {
                    error(lines.getOrDefault(named ? "text" : "type", 0), where + ": give either 'query' (a named query) or 'text' (query text)"
                            + (named ? ", not both" : ""));
                }
                mapping(o, "params", lines, where);
                integerOption(o, "limit", lines, where);
                Object fe = o.get("foreach");
                if (fe != null) {
                    if (!(fe instanceof Map<?, ?> m)) {
                        error(lines.get("foreach"), where + ": 'foreach' must be a mapping {input, column, as, where, max}");
                    } else {
                        for (Object k : m.keySet()) {
                            if (!FOREACH_KEYS.contains(String.valueOf(k))) {
                                error(lines.get("foreach"), where + ": unknown key 'foreach." + k + "'"
                                        + Suggestions.didYouMean(String.valueOf(k), FOREACH_KEYS) + "; keys: " + String.join(", ", FOREACH_KEYS));
                            }
                        }
                        Object in = m.get("input");
                        if (in == null || !tables.contains(in.toString())) {
                            error(lines.get("foreach"), where + ": 'foreach.input' must name a table an earlier step writes"
                                    + (in == null ? "" : ", got '" + in + "'" + Suggestions.didYouMean(in.toString(), tables)));
                        }
                        if (m.get("column") == null) {
                            error(lines.get("foreach"), where + ": 'foreach.column' names the column whose values the query runs for");
                        }
                        Object as = m.get("as");
                        if (as == null || !NAME.matcher(as.toString()).matches()) {
                            error(lines.get("foreach"), where + ": 'foreach.as' names the variable (${NAME}) holding each value");
                        } else {
                            loopVars.add(as.toString());
                        }
                        if (m.get("where") != null) {
                            parseExpression(m.get("where").toString(), lines.get("foreach"), where + " foreach.where");
                        }
                        if (m.get("max") != null && !(m.get("max") instanceof Long) && !(m.get("max") instanceof String x && x.contains("${"))) {
                            error(lines.get("foreach"), where + ": 'foreach.max' must be a whole number");
                        }
                    }
                }
            }
            case EXTRACT_IOCS -> {
                if (!textExtract && o.get("columns") == null) {
                    error(lines.getOrDefault("type", 0), where + ": 'columns' names the columns to search (e.g. [CommandLine])");
                }
                for (String k : List.of("include_paths", "include_hosts", "distinct")) {
                    bool(o, k, lines, where);
                }
            }
            case ENRICH -> {
                for (String k : List.of("include_raw", "show_invalid", "summary")) {
                    bool(o, k, lines, where);
                }
            }
            case ANALYZE -> {
                if (o.get("analyzer") == null) {
                    error(lines.getOrDefault("type", 0), where + ": 'analyzer' names the analyzer (ioc-extract, b64-unpack, proctree, "
                            + "timeseries, sessions, mask, ...)");
                }
                mapping(o, "options", lines, where);
            }
            case MASK -> mapping(o, "options", lines, where);
            case FILTER -> {
                if (o.get("where") != null) {
                    parseExpression(o.get("where").toString(), lines.get("where"), where + " where");
                }
                Object tree = o.get("tree");
                if (tree != null && !List.of("chain", "ancestors", "descendants", "both").contains(tree.toString().toLowerCase(Locale.ROOT))) {
                    error(lines.get("tree"), where + ": 'tree' must be chain, ancestors, descendants or both");
                }
                integerOption(o, "limit", lines, where);
                bool(o, "distinct", lines, where);
                if (o.isEmpty()) {
                    error(lines.getOrDefault("type", 0), where + ": give at least one of where, columns, sort, limit, distinct, tree");
                }
            }
            case JOIN -> {
                if (o.get("on") == null) {
                    error(lines.getOrDefault("type", 0), where + ": 'on' names the key columns ([Col] or {LeftCol: RightCol})");
                }
                Object how = o.get("how");
                if (how != null && !List.of("inner", "left").contains(how.toString().toLowerCase(Locale.ROOT))) {
                    error(lines.get("how"), where + ": 'how' must be inner or left");
                }
            }
            case AGGREGATE -> {
                for (String k : List.of("count_distinct", "min", "max", "values", "sum")) {
                    mapping(o, k, lines, where);
                }
            }
            case RENDER -> {
                if (o.get("renderer") == null) {
                    error(lines.getOrDefault("type", 0), where + ": 'renderer' names the view (timeline, proctree, ti, code, matrix, graph, ...)");
                }
                mapping(o, "options", lines, where);
                integerOption(o, "height", lines, where);
            }
            default -> {
                // union: nothing of its own
            }
        }
    }

    private void parseExpression(String text, Integer line, String what) {
        try {
            Expression.parse(text);
        } catch (IllegalArgumentException ex) {
            error(line == null ? 0 : line, what + ": " + ex.getMessage());
        }
    }

    private void mapping(Map<String, Object> o, String key, Map<String, Integer> lines, String where) {
        Object v = o.get(key);
        if (v != null && !(v instanceof Map)) {
            error(lines.get(key), where + ": '" + key + "' must be a mapping");
        }
    }

    private void bool(Map<String, Object> o, String key, Map<String, Integer> lines, String where) {
        Object v = o.get(key);
        if (v != null && !(v instanceof Boolean) && !(v instanceof String s && s.contains("${"))) {
            error(lines.get(key), where + ": '" + key + "' must be true or false");
        }
    }

    private void integerOption(Map<String, Object> o, String key, Map<String, Integer> lines, String where) {
        Object v = o.get(key);
        if (v != null && !(v instanceof Long) && !(v instanceof String s && s.contains("${"))) {
            error(lines.get(key), where + ": '" + key + "' must be a whole number");
        }
    }

    private Integer integer(Map<String, NodeTuple> e, String key, String where, Map<String, Integer> lines) {
        Object v = toJava(value(e, key), 0);
        if (v == null) {
            return null;
        }
        if (v instanceof Long l && l >= 0 && l < Integer.MAX_VALUE) {
            return l.intValue();
        }
        error(lines.get(key), where + ": '" + key + "' must be a whole number");
        return null;
    }

    private FindingSpec readFinding(Node node, String where, Map<String, ParameterSpec> params) {
        if (isEmpty(node)) {
            return null;
        }
        if (!(node instanceof MappingNode m)) {
            error(line(node), where + ": 'finding' must be a mapping {title, severity or severity_column, columns, max_rows}");
            return null;
        }
        Map<String, NodeTuple> f = entries(m);
        checkKeys(f, FINDING_KEYS, where + " finding");
        String title = text(value(f, "title"), "finding title");
        if (title == null || title.isBlank()) {
            error(line(node), where + ": a finding needs a 'title'");
            title = "";
        }
        String sevText = text(value(f, "severity"), "finding severity");
        String sevColumn = text(value(f, "severity_column"), "finding severity_column");
        Severity sev = null;
        if (sevText != null) {
            sev = severity(sevText);
            if (sev == null) {
                error(line(value(f, "severity")), where + ": finding severity must be high, warning (medium), information (low) or unknown");
            }
        } else if (sevColumn == null) {
            sev = Severity.WARNING;
        }
        List<String> columns = new ArrayList<>();
        Object cols = toJava(value(f, "columns"), 0);
        if (cols instanceof List<?> l) {
            l.forEach(c -> columns.add(String.valueOf(c)));
        } else if (cols != null) {
            for (String c : cols.toString().split(",")) {
                if (!c.isBlank()) {
                    columns.add(c.trim());
                }
            }
        }
        Object mr = toJava(value(f, "max_rows"), 0);
        int maxRows = 5;
        if (mr instanceof Long l && l > 0 && l <= 1000) {
            maxRows = l.intValue();
        } else if (mr != null) {
            error(line(value(f, "max_rows")), where + ": finding max_rows must be a whole number from 1 to 1000");
        }
        for (String r : Substitution.references(title)) {
            if (!params.containsKey(r)) {
                error(line(value(f, "title")), where + ": the finding title uses ${" + r + "}, which is not a parameter"
                        + Suggestions.didYouMean(r, params.keySet()));
            }
        }
        return new FindingSpec(title, sev, sevColumn, columns, maxRows);
    }

    /**
     * A severity from its usual spellings: high/critical/severe, warning/medium/moderate, information/low/
     * informational/info, unknown; null for anything else.
     */
    static Severity severity(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "high", "critical", "severe" -> Severity.HIGH;
            case "warning", "medium", "moderate", "warn" -> Severity.WARNING;
            case "information", "informational", "info", "low" -> Severity.INFORMATION;
            case "unknown", "" -> Severity.UNKNOWN;
            default -> null;
        };
    }

    private void checkReferences(Map<String, Object> values, Map<String, Integer> lines, Set<String> params, Set<String> loopVars,
                                 String where) {
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Integer line = lines.getOrDefault(e.getKey(), 0);
            checkSyntax(e.getValue(), line, where + " " + e.getKey());
            for (String r : Substitution.references(e.getValue())) {
                boolean loop = loopVars.contains(r) && (e.getKey().equals("params") || e.getKey().equals("text")
                        || e.getKey().equals("title") || e.getKey().equals("description"));
                if (!params.contains(r) && !loop) {
                    Set<String> known = new LinkedHashSet<>(params);
                    known.addAll(loopVars);
                    error(line, where + ": '" + e.getKey() + "' uses ${" + r + "}, which is not a parameter"
                            + Suggestions.didYouMean(r, known) + (params.isEmpty() ? " (the pipeline declares no parameters)"
                            : "; parameters: " + String.join(", ", params)));
                }
            }
        }
    }

    private void checkSyntax(Object value, int line, String where) {
        if (value instanceof String s) {
            String problem = Substitution.check(s);
            if (problem != null) {
                error(line, where + ": " + problem);
            }
        } else if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> checkSyntax(v, line, where));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> checkSyntax(v, line, where));
        }
    }

    // ---- YAML helpers

    private void checkKeys(Map<String, NodeTuple> entries, Set<String> known, String what) {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!known.contains(e.getKey())) {
                error(line(e.getValue().getKeyNode()), what + ": unknown key '" + e.getKey() + "'" + Suggestions.didYouMean(e.getKey(), known)
                        + "; keys: " + String.join(", ", known));
            }
        }
    }

    private Map<String, NodeTuple> entries(MappingNode node) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : node.getValue()) {
            Node k = t.getKeyNode();
            String key = k instanceof ScalarNode s ? s.getValue() : String.valueOf(toJava(k, 0));
            if (out.containsKey(key)) {
                error(line(k), "'" + key + "' is given twice (also on line " + line(out.get(key).getKeyNode()) + ")");
            }
            out.put(key, t);
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
        return false;
    }

    private String text(Node node, String what) {
        if (node == null) {
            return null;
        }
        if (node instanceof ScalarNode s) {
            return s.getTag().equals(Tag.NULL) ? null : s.getValue();
        }
        error(line(node), "'" + what + "' must be text");
        return null;
    }

    /** Plain Java values: Long, Double, Boolean, String (timestamps stay text), List, Map; null for YAML null. */
    private Object toJava(Node node, int depth) {
        if (node == null) {
            return null;
        }
        if (depth > MAX_DEPTH) {
            error(line(node), "nested too deeply");
            return null;
        }
        if (node instanceof ScalarNode s) {
            Tag tag = s.getTag();
            String v = s.getValue();
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
                try {
                    return Long.parseLong(v.replace("_", ""));
                } catch (NumberFormatException e) {
                    return v;
                }
            }
            if (tag.equals(Tag.FLOAT)) {
                try {
                    return Double.parseDouble(v.replace("_", ""));
                } catch (NumberFormatException e) {
                    return v;
                }
            }
            return v;
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

    private static int line(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private String at(int line) {
        return line > 0 ? origin + ":" + line + ": " : origin + ": ";
    }

    private void error(Integer line, String message) {
        String m = at(line == null ? 0 : line) + message;
        if (!errors.contains(m)) {
            errors.add(m);
        }
    }
}
