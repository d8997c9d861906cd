package dev.hunt4j.cli;

import dev.hunt4j.analysis.ioc.IocExtractor;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.render.Renderer;
import dev.hunt4j.runtime.Hunt4j;
import dev.hunt4j.runtime.query.QueryDefinition;
import dev.hunt4j.runtime.query.QueryParameter;
import dev.hunt4j.visualization.HtmlRendererFactory;
import dev.hunt4j.visualization.Renderers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hunt4j render timeline|value-timeline|proctree|ti|queries|code|matrix|graph|list}: one self-contained HTML file
 * per view (libraries inlined, no network), from CSV tables such as the other commands write.
 */
@Command(name = "render", mixinStandardHelpOptions = true, description = {
        "Write a self-contained HTML view of a table: it opens offline, from disk or as an e-mail attachment.",
        "Every renderer option can also be given as --option NAME=VALUE ('hunt4j render list' shows them all)."},
        subcommands = {RenderCommand.Timeline.class, RenderCommand.ValueTimeline.class, RenderCommand.ProcTree.class,
                RenderCommand.Ti.class, RenderCommand.Queries.class, RenderCommand.Code.class, RenderCommand.Matrix.class,
                RenderCommand.Graph.class, RenderCommand.ListRenderers.class})
final class RenderCommand {
    @ParentCommand
    Hunt4jCli root;

    /** Options every view takes. */
    static final class Common {
        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "the HTML file to write (- for standard output)")
        String output;
        @Option(names = "--title", paramLabel = "TEXT", description = "the page title")
        String title;
        @Option(names = "--option", paramLabel = "NAME=VALUE", description = "a renderer option (repeatable)")
        Map<String, String> options = new LinkedHashMap<>();
    }

    /** Reads the input, renders, and writes the file whole (a failure leaves no half-written page behind). */
    abstract static class View implements Callable<Integer> {
        @Mixin
        Common common = new Common();
        @Spec
        CommandSpec spec;

        abstract String renderer();

        /** The options the command's own flags set. */
        abstract void options(Map<String, String> o);

        /** The input tables, by name. */
        abstract Map<String, ResultStream> tables() throws IOException;

        static void put(Map<String, String> o, String key, Object value) {
            if (value != null) {
                o.put(key, String.valueOf(value));
            }
        }

        @Override
        public Integer call() throws Exception {
            HtmlRendererFactory factory = Renderers.get(renderer());
            Map<String, String> o = new LinkedHashMap<>(common.options);
            options(o);
            put(o, "title", common.title);
            Renderer r = factory.create(o); // bad options fail before any input is read
            Map<String, ResultStream> tables = tables();
            if (common.output.equals("-")) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                r.render(tables, buf);
                PrintWriter out = spec.commandLine().getOut();
                out.print(buf.toString(StandardCharsets.UTF_8));
                out.flush();
                return 0;
            }
            Path file = Path.of(common.output).toAbsolutePath();
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    r.render(tables, out);
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            spec.commandLine().getErr().printf("hunt4j: wrote %s (%,d KB)%n", common.output, (Files.size(file) + 1023) / 1024);
            return 0;
        }
    }

    /** One CSV input table. */
    abstract static class SingleInput extends View {
        @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE", description = "CSV file with a header row (- for standard input)")
        String input;

        @Override
        Map<String, ResultStream> tables() throws IOException {
            Map<String, ResultStream> m = new LinkedHashMap<>();
            m.put(name(input), TableInput.open(input));
            return m;
        }
    }

    static String name(String path) {
        if (path.equals("-")) {
            return "input";
        }
        String f = Path.of(path).getFileName().toString();
        int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }

    @Command(name = "timeline", mixinStandardHelpOptions = true, description = {
        "Events on a time axis, in rows by a column, coloured by a column.",
        "Hover tooltips, zoom and pan, a range overview and reference markers. Give --input more than once to show several tables."})
    static final class Timeline extends View {
        @Option(names = {"-i", "--input"}, required = true, paramLabel = "[NAME=]FILE",
                description = "CSV file (repeatable; NAME labels the data set, default the file name)")
        List<String> inputs = new ArrayList<>();
        @Option(names = {"-t", "--time-column"}, paramLabel = "T", description = "the event time (default TimeGenerated)")
        String timeColumn;
        @Option(names = {"-g", "--group-by"}, paramLabel = "G", description = "one row per value, e.g. Computer")
        String groupBy;
        @Option(names = "--color-by", paramLabel = "C", description = "colour by this column (default: --group-by)")
        String colorBy;
        @Option(names = "--tooltip-columns", paramLabel = "C1,C2", description = "columns shown on hover")
        String tooltip;
        @Option(names = "--ref-time", paramLabel = "TIME", description = "mark this time, e.g. the alert (ISO-8601)")
        String refTime;
        @Option(names = "--ref-label", paramLabel = "TEXT", description = "the label of --ref-time")
        String refLabel;

        @Override
        String renderer() {
            return "timeline";
        }

        @Override
        void options(Map<String, String> o) {
            put(o, "time_column", timeColumn);
            put(o, "group_by", groupBy);
            put(o, "color_by", colorBy);
            put(o, "tooltip_columns", tooltip);
            put(o, "ref_time", refTime);
            put(o, "ref_label", refLabel);
        }

        @Override
        Map<String, ResultStream> tables() throws IOException {
            Map<String, ResultStream> m = new LinkedHashMap<>();
            try {
                for (String in : inputs) {
                    int eq = in.indexOf('=');
                    String label = eq > 0 ? in.substring(0, eq) : name(in);
                    String path = eq > 0 ? in.substring(eq + 1) : in;
                    m.put(m.containsKey(label) ? label + " (" + (m.size() + 1) + ")" : label, TableInput.open(path));
                }
            } catch (IOException | RuntimeException e) {
                m.values().forEach(ResultStream::close);
                throw e;
            }
            return m;
        }
    }

    @Command(name = "value-timeline", mixinStandardHelpOptions = true, description = "A numeric column over time, with the timeseries command's baseline and anomalies.")
    static final class ValueTimeline extends SingleInput {
        @Option(names = {"-t", "--time-column"}, paramLabel = "T", description = "the time (default TimeGenerated)")
        String timeColumn;
        @Option(names = {"-v", "--value-column"}, paramLabel = "V", description = "the value (default: the first numeric column)")
        String valueColumn;
        @Option(names = {"-g", "--group-by"}, paramLabel = "G", description = "one line per value of this column")
        String groupBy;
        @Option(names = "--ref-time", paramLabel = "TIME", description = "mark this time (ISO-8601)")
        String refTime;
        @Option(names = "--ref-label", paramLabel = "TEXT", description = "the label of --ref-time")
        String refLabel;

        @Override
        String renderer() {
            return "value-timeline";
        }

        @Override
        void options(Map<String, String> o) {
            put(o, "time_column", timeColumn);
            put(o, "value_column", valueColumn);
            put(o, "group_by", groupBy);
            put(o, "ref_time", refTime);
            put(o, "ref_label", refLabel);
        }
    }

    @Command(name = "proctree", mixinStandardHelpOptions = true, description = {
        "Collapsible process trees per host from 'hunt4j proctree' output.",
        "Search, colours by user or logon session, command lines on hover and in a side panel. Column names: --option name_column=... etc."})
    static final class ProcTree extends SingleInput {
        @Option(names = "--color-by", paramLabel = "WHAT", description = "user (default), logon, host or a column name")
        String colorBy;
        @Option(names = "--collapse-depth", paramLabel = "N", description = "start with the trees collapsed below depth N")
        Integer collapseDepth;

        @Override
        String renderer() {
            return "proctree";
        }

        @Override
        void options(Map<String, String> o) {
            put(o, "color_by", colorBy);
            put(o, "collapse_depth", collapseDepth);
        }
    }

    @Command(name = "ti", mixinStandardHelpOptions = true, description = "Threat-intelligence results ('hunt4j ti lookup' output) per observable, worst first.")
    static final class Ti extends SingleInput {
        @Option(names = "--min-severity", paramLabel = "S", description = "show at first only high, warning, information or unknown and worse")
        String minSeverity;

        @Override
        String renderer() {
            return "ti";
        }

        @Override
        void options(Map<String, String> o) {
            put(o, "min_severity", minSeverity);
        }
    }

    @Command(name = "queries", mixinStandardHelpOptions = true, description = {
        "The query library per provider: descriptions, parameters and ready-to-run examples.",
        "Without --input it reads the query store (as 'hunt4j queries list' does) with full parameter details."})
    static final class Queries extends View {
        @ParentCommand
        RenderCommand parent;
        @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "'hunt4j queries list --format csv' output instead of the store")
        String input;
        @Mixin
        QueriesCommand.Source source = new QueriesCommand.Source();

        @Override
        String renderer() {
            return "queries";
        }

        @Override
        void options(Map<String, String> o) {
            if (source.provider != null) {
                o.putIfAbsent("provider", source.provider);
            }
        }

        @Override
        Map<String, ResultStream> tables() {
            if (input != null) {
                try {
                    return Map.of(name(input), TableInput.open(input));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            List<Column> cols = List.of(new Column("Query", dev.hunt4j.api.data.ColumnType.STRING),
                    new Column("Environments", dev.hunt4j.api.data.ColumnType.STRING),
                    new Column("Description", dev.hunt4j.api.data.ColumnType.STRING),
                    new Column("Parameters", dev.hunt4j.api.data.ColumnType.JSON),
                    new Column("Source", dev.hunt4j.api.data.ColumnType.STRING));
            List<Object[]> rows = new ArrayList<>();
            try (Hunt4j h = QueriesCommand.open(parent.root, source, spec.commandLine().getErr())) {
                for (QueryDefinition q : source.select(h)) {
                    List<Map<String, Object>> params = new ArrayList<>();
                    for (QueryParameter p : q.parameters()) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("name", p.name());
                        m.put("type", p.type());
                        m.put("default", p.defaultValue());
                        m.put("required", p.required());
                        m.put("description", p.description());
                        params.add(m);
                    }
                    rows.add(new Object[] {q.fullName(), String.join(",", q.dataEnvironments()), q.description(),
                        Renderers.toJson(params), q.origin() + (q.line() > 0 ? ":" + q.line() : "")});
                }
            }
            return Map.of("queries", ResultStream.of(cols, rows));
        }
    }

    @Command(name = "code", mixinStandardHelpOptions = true, description = {
        "Decoded scripts syntax-highlighted with the indicators in them marked.",
        "Indicators: the input's iocs column ('hunt4j b64 --iocs'), --iocs FILE ('hunt4j ioc extract' output), else found here."})
    static final class Code extends SingleInput {
        @Option(names = {"-c", "--column"}, paramLabel = "C", description = "the script column (default decoded_string, CommandLine, ...)")
        String column;
        @Option(names = "--language", paramLabel = "L", description = "auto (default), powershell, bash, cmd, python, javascript, vbscript")
        String language;
        @Option(names = "--title-column", paramLabel = "C", description = "a column naming each script")
        String titleColumn;
        @Option(names = "--iocs", paramLabel = "FILE", description = "indicators: 'hunt4j ioc extract' output over the same input")
        String iocs;
        @Option(names = "--no-extract", description = "mark only indicators given in the input or --iocs")
        boolean noExtract;

        @Override
        String renderer() {
            return "code";
        }

        @Override
        void options(Map<String, String> o) {
            put(o, "code_column", column);
            put(o, "language", language);
            put(o, "title_column", titleColumn);
        }

        @Override
        Map<String, ResultStream> tables() throws IOException {
            Map<String, ResultStream> m = new LinkedHashMap<>();
            if (iocs != null || noExtract) {
                m.put(name(input), TableInput.open(input));
                if (iocs != null) {
                    m.put("iocs", TableInput.open(iocs));
                }
                return m;
            }
            // read once, then hand the rows to the renderer and to the IoC extractor
            List<Column> cols;
            List<Object[]> rows;
            try (TableInput in = TableInput.open(input)) {
                cols = in.columns();
                rows = in.toList();
            }
            m.put(name(input), ResultStream.of(cols, rows));
            boolean hasIocColumn = cols.stream().anyMatch(c -> c.name().equals("iocs"));
            String codeColumn = column != null ? column : firstPresent(cols, "decoded_string", "full_decoded_string", "Script", "Code",
                    "CommandLine", "ProcessCommandLine", "Content", "text");
            if (!hasIocColumn && codeColumn != null) {
                m.put("iocs", IocExtractor.defaults().extract(ResultStream.of(cols, rows), List.of(codeColumn)));
            }
            return m;
        }

        private static String firstPresent(List<Column> cols, String... names) {
            for (String n : names) {
                for (Column c : cols) {
                    if (c.name().equalsIgnoreCase(n)) {
                        return c.name();
                    }
                }
            }
            return null;
        }
    }

    @Command(name = "matrix", mixinStandardHelpOptions = true, description = "Counts of one column by another, e.g. source IP by destination port.")
    static final class Matrix extends SingleInput {
        @Option(names = {"-x", "--x-column"}, required = true, paramLabel = "X", description = "the column across")
        String x;
        @Option(names = {"-y", "--y-column"}, required = true, paramLabel = "Y", description = "the column down")
        String y;
        @Option(names = "--value-column", paramLabel = "V", description = "sum this column instead of counting rows")
        String value;
        @Option(names = "--style", paramLabel = "S", description = "circles (default) or heatmap")
        String style;

        @Override
        String renderer() {
            return "matrix";
        }

        @Override
        void options(Map<String, String> o) {
            put(o, "x_column", x);
            put(o, "y_column", y);
            put(o, "value_column", value);
            put(o, "style", style);
        }
    }

    @Command(name = "graph", mixinStandardHelpOptions = true, description = "Hosts, accounts, IP addresses and processes as linked nodes.")
    static final class Graph extends SingleInput {
        @Option(names = "--links", paramLabel = "A->B,...", description = "column pairs to link (default: Source/Target, else guessed)")
        String links;
        @Option(names = "--types", paramLabel = "COL=TYPE,...", description = "entity types of columns (host, account, ip, process, ...)")
        String types;
        @Option(names = "--max-nodes", paramLabel = "N", description = "keep the N best-connected nodes (default 400)")
        Integer maxNodes;

        @Override
        String renderer() {
            return "graph";
        }

        @Override
        void options(Map<String, String> o) {
            put(o, "links", links);
            put(o, "types", types);
            put(o, "max_nodes", maxNodes);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The views and their options.")
    static final class ListRenderers implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (HtmlRendererFactory f : Renderers.all()) {
                out.println(f.name() + ": " + f.description());
                f.options().forEach((k, v) -> out.printf("    %-18s %s%n", k, v));
            }
            out.flush();
            return 0;
        }
    }
}
