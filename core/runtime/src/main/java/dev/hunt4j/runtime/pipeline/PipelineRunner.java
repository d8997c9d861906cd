package dev.hunt4j.runtime.pipeline;

import dev.hunt4j.api.Hunt4jException;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.TimeRange;
import dev.hunt4j.api.analysis.AnalyzerFactory;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.query.QueryLanguage;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.api.query.QueryProviderFactory;
import dev.hunt4j.api.render.RendererFactory;
import dev.hunt4j.runtime.DataProvider;
import dev.hunt4j.runtime.Hunt4j;
import dev.hunt4j.runtime.QueryResult;
import dev.hunt4j.runtime.config.InstanceConfig;
import dev.hunt4j.runtime.config.Suggestions;
import dev.hunt4j.runtime.enrich.Enrichment;
import dev.hunt4j.runtime.enrich.IocSummary;
import dev.hunt4j.runtime.enrich.LookupRequest;
import dev.hunt4j.runtime.enrich.TiProviderInfo;
import dev.hunt4j.runtime.enrich.TiResults;
import dev.hunt4j.runtime.plugin.Extension;
import dev.hunt4j.runtime.query.QueryDefinition;
import dev.hunt4j.runtime.query.QueryParameter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Runs a pipeline through a {@link Hunt4j}: queries through its providers, analyzers and renderers found as
 * extensions ({@link Hunt4j#analyzerTypes()}, {@link Hunt4j#rendererTypes()}), lookups through its TI engine. The
 * runtime knows no analyzer or renderer class; {@code extract-iocs} uses the {@code ioc-extract} analyzer and
 * {@code mask} the {@code mask} analyzer.
 * <pre>
 * Pipeline p = Pipeline.load(Path.of("investigations/host-triage.yaml"));
 * ResolvedParameters values = ParameterResolver.of(p).given(Map.of("host", "WKS-07")).resolve();
 * InvestigationResult r = PipelineRunner.of(hunt4j).run(p, values);
 * ReportWriter.builder().build().write(r, Path.of("report.html"));
 * </pre>
 * Before the first step runs, {@link #validate} checks what the file alone cannot: providers, query names and their
 * required parameters, analyzer and renderer names and options, time ranges. Tables are held in memory
 * ({@link DataTable}); a step reads its inputs by name. A failing step stops the run ({@code on_error: fail}, the
 * default) or is recorded and skipped along with the steps that need its output ({@code on_error: warn}); either way
 * the result holds everything that ran, so a report can still be written.
 */
public final class PipelineRunner {
    /** Hears about steps as they run (progress on a terminal). */
    public interface Listener {
        /** A step is about to run. */
        default void started(StepSpec step, int total) {
        }

        /** A step ended (ran, was skipped or failed). */
        default void finished(StepResult result, int total) {
        }
    }

    /** The most values a {@code foreach} runs a query for, unless its {@code max} says otherwise. */
    static final int DEFAULT_FOREACH_MAX = 50;
    private static final int DEFAULT_VIEW_HEIGHT = 560;

    private final Hunt4j hunt4j;
    private Listener listener = new Listener() {
    };
    private Clock clock = Clock.systemUTC();
    private Map<String, AnalyzerFactory> analyzers;
    private Map<String, RendererFactory> renderers;

    private PipelineRunner(Hunt4j hunt4j) {
        this.hunt4j = hunt4j;
    }

    public static PipelineRunner of(Hunt4j hunt4j) {
        return new PipelineRunner(hunt4j);
    }

    public PipelineRunner listener(Listener value) {
        this.listener = value;
        return this;
    }

    /** The clock for relative times ({@code -7d}) and run times. */
    public PipelineRunner clock(Clock value) {
        this.clock = value;
        return this;
    }

    /** The analyzers found, by name. */
    public synchronized Map<String, AnalyzerFactory> analyzers() {
        if (analyzers == null) {
            analyzers = new TreeMap<>();
            for (Extension<AnalyzerFactory> e : hunt4j.analyzerTypes()) {
                analyzers.putIfAbsent(e.instance().name(), e.instance());
            }
        }
        return analyzers;
    }

    /** The renderers found, by name. */
    public synchronized Map<String, RendererFactory> renderers() {
        if (renderers == null) {
            renderers = new TreeMap<>();
            for (Extension<RendererFactory> e : hunt4j.rendererTypes()) {
                renderers.putIfAbsent(e.instance().name(), e.instance());
            }
        }
        return renderers;
    }

    // ------------------------------------------------------------------ validation

    /**
     * Checks a pipeline against this {@code Hunt4j} with these parameter values, without running anything.
     *
     * @return the problems, each with file and line; empty when the pipeline can run
     */
    public List<String> validate(Pipeline p, ResolvedParameters params) {
        List<String> problems = new ArrayList<>();
        Function<String, Object> lookup = params::get;
        for (StepSpec s : p.steps()) {
            String where = p.origin() + ":%d: step " + s.index() + " '" + s.id() + "' (" + s.type().id() + "): ";
            Map<String, Object> o = s.options();
            try {
                switch (s.type()) {
                    case QUERY -> validateQuery(p, s, params, where, problems);
                    case ANALYZE -> checkAnalyzer(str(Substitution.apply(o.get("analyzer"), lookup)), options(o.get("options"), lookup),
                            s, "analyzer", where, problems);
                    case MASK -> checkAnalyzer("mask", options(o.get("options"), lookup), s, "options", where, problems);
                    case EXTRACT_IOCS -> {
                        if (!analyzers().containsKey("ioc-extract")) {
                            problems.add(String.format(where, s.line()) + "needs the ioc-extract analyzer (the hunt4j-analysis module), "
                                    + "which is not loaded" + available("analyzers", analyzers().keySet()));
                        } else if (o.get("types") != null) {
                            checkAnalyzer("ioc-extract", Map.of("columns", "x", "types", String.join(",",
                                    TableOps.list(Substitution.apply(o.get("types"), lookup)))), s, "types", where, problems);
                        }
                    }
                    case ENRICH -> validateEnrich(s, lookup, where, problems);
                    case RENDER -> {
                        String name = str(Substitution.apply(o.get("renderer"), lookup));
                        RendererFactory f = renderers().get(name);
                        if (f == null) {
                            problems.add(String.format(where, s.lineOf("renderer")) + "no renderer called '" + name + "'"
                                    + Suggestions.didYouMean(name, renderers().keySet()) + available("renderers", renderers().keySet()));
                        } else {
                            try {
                                f.create(options(o.get("options"), lookup));
                            } catch (IllegalArgumentException e) {
                                problems.add(String.format(where, s.lineOf("options")) + e.getMessage());
                            }
                        }
                    }
                    case FILTER, JOIN, AGGREGATE, UNION -> {
                        // checked when read; columns are known only when the inputs exist
                    }
                    default -> throw new IllegalStateException(s.type().toString());
                }
            } catch (IllegalArgumentException | Hunt4jException e) {
                problems.add(String.format(where, s.line()) + e.getMessage());
            }
        }
        Object range = p.defaults().get("time_range");
        if (range != null) {
            try {
                timeRange(Substitution.apply(range, lookup));
            } catch (IllegalArgumentException e) {
                problems.add(p.origin() + ": defaults.time_range: " + e.getMessage());
            }
        }
        return problems;
    }

    private static String available(String what, Set<String> names) {
        return names.isEmpty() ? "; no " + what + " are loaded" : "; " + what + ": " + String.join(", ", names);
    }

    private void checkAnalyzer(String name, Map<String, String> options, StepSpec s, String key, String where, List<String> problems) {
        AnalyzerFactory f = analyzers().get(name);
        if (f == null) {
            problems.add(String.format(where, s.lineOf(s.type() == StepType.ANALYZE ? "analyzer" : "type")) + "no analyzer called '" + name
                    + "'" + Suggestions.didYouMean(name, analyzers().keySet()) + available("analyzers", analyzers().keySet()));
            return;
        }
        try {
            f.create(options);
        } catch (IllegalArgumentException e) {
            problems.add(String.format(where, s.lineOf(key)) + e.getMessage());
        }
    }

    private void validateQuery(Pipeline p, StepSpec s, ResolvedParameters params, String where, List<String> problems) {
        Map<String, Object> o = s.options();
        Function<String, Object> lookup = name -> params.has(name) ? params.get(name) : "x";
        String provider = providerName(p, s, lookup);
        if (provider == null || provider.isBlank()) {
            problems.add(String.format(where, s.line()) + "no provider: set 'provider' on the step or in 'defaults'");
            return;
        }
        InstanceConfig instance = hunt4j.config().providers().get(provider);
        String type = instance == null ? provider : instance.type();
        QueryProviderFactory factory = hunt4j.providerTypes().get(type);
        if (factory == null) {
            problems.add(String.format(where, s.lineOf("provider")) + (instance == null ? "no provider named '" + provider + "'"
                    + Suggestions.didYouMean(provider, hunt4j.providerNames()) : "provider '" + provider + "' has type '" + type
                    + "', but no loaded plugin provides it") + "; providers: " + String.join(", ", hunt4j.providerNames()));
            return;
        }
        Object range = o.containsKey("time_range") ? o.get("time_range") : p.defaults().get("time_range");
        try {
            timeRange(Substitution.apply(range, params::get));
        } catch (IllegalArgumentException e) {
            problems.add(String.format(where, s.lineOf("time_range")) + e.getMessage());
        }
        if (o.get("query") == null) {
            return;
        }
        String queryName = str(Substitution.apply(o.get("query"), lookup));
        QueryDefinition q;
        try {
            q = hunt4j.queries().get(queryName, factory.dataEnvironments());
        } catch (Hunt4jException e) {
            problems.add(String.format(where, s.lineOf("query")) + e.getMessage());
            return;
        }
        Set<String> given = new HashSet<>();
        if (o.get("params") instanceof Map<?, ?> m) {
            m.keySet().forEach(k -> given.add(String.valueOf(k)));
        }
        for (String g : given) {
            if (q.parameter(g).isEmpty()) {
                problems.add(String.format(where, s.lineOf("params")) + "query " + q.name() + " has no parameter '" + g + "'"
                        + Suggestions.didYouMean(g, q.parameters().stream().map(QueryParameter::name).toList()) + "; its parameters: "
                        + String.join(", ", q.parameters().stream().map(QueryParameter::name).toList()));
            }
        }
        for (QueryParameter qp : q.parameters()) {
            boolean named = given.contains(qp.name()) || qp.aliases().stream().anyMatch(given::contains);
            boolean timeBound = qp.name().equals("start") || qp.name().equals("end");
            if (qp.required() && !named && !timeBound && q.template().contains("{" + qp.name() + "}")) {
                problems.add(String.format(where, s.lineOf("params")) + "query " + q.name() + " needs parameter '" + qp.name() + "'"
                        + (qp.description().isEmpty() ? "" : " (" + qp.description() + ")") + ": add it under 'params'");
            }
        }
    }

    private void validateEnrich(StepSpec s, Function<String, Object> lookup, String where, List<String> problems) {
        List<String> wanted = TableOps.list(Substitution.apply(s.options().get("providers"), lookup));
        if (wanted.isEmpty()) {
            return;
        }
        Enrichment e = hunt4j.enrich();
        Set<String> known = new LinkedHashSet<>();
        e.providers().forEach(i -> known.add(i.name()));
        known.addAll(e.types().keySet());
        for (String w : wanted) {
            if (!known.contains(w)) {
                problems.add(String.format(where, s.lineOf("providers")) + "no TI provider named '" + w + "'"
                        + Suggestions.didYouMean(w, known) + (known.isEmpty() ? "; none is configured or loaded"
                        : "; configured and plugin types: " + String.join(", ", known)));
            }
        }
    }

    // ------------------------------------------------------------------ running

    /**
     * Validates, then runs every step.
     *
     * @throws PipelineException when validation finds problems (nothing has run then)
     */
    public InvestigationResult run(Pipeline p, ResolvedParameters params) {
        List<String> problems = validate(p, params);
        if (!problems.isEmpty()) {
            throw new PipelineException(problems);
        }
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        Run run = new Run(p, params);
        List<StepResult> results = new ArrayList<>();
        boolean stopped = false;
        int total = p.steps().size();
        for (StepSpec s : p.steps()) {
            if (stopped) {
                StepResult r = new StepResult(s, StepResult.Status.NOT_RUN, run.title(s), "not run: an earlier step failed",
                        null, null, Map.of(), List.of(), List.of(), Duration.ZERO);
                results.add(r);
                listener.finished(r, total);
                continue;
            }
            listener.started(s, total);
            StepResult r = run.step(s);
            results.add(r);
            listener.finished(r, total);
            if (r.status() == StepResult.Status.FAILED) {
                stopped = true;
            }
        }
        return new InvestigationResult(p, params, run.defaultRange, results, started, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** The state of one run: tables by name and why missing ones are missing. */
    private final class Run {
        final Pipeline p;
        final ResolvedParameters params;
        final Map<String, DataTable> tables = new HashMap<>();
        final Map<String, String> missing = new HashMap<>();
        final TimeRange defaultRange;

        Run(Pipeline p, ResolvedParameters params) {
            this.p = p;
            this.params = params;
            this.defaultRange = timeRange(Substitution.apply(p.defaults().get("time_range"), params::get));
        }

        String title(StepSpec s) {
            return Substitution.text(s.title(), params::get);
        }

        StepResult step(StepSpec s) {
            long t0 = System.nanoTime();
            Map<String, String> details = new LinkedHashMap<>();
            List<String> warnings = new ArrayList<>();
            String title = title(s);
            if (s.when() != null) {
                boolean go;
                try {
                    go = s.when().test(whenScope(), clock);
                } catch (RuntimeException e) {
                    return failed(s, title, "the condition '" + s.when().text() + "' cannot be evaluated: " + message(e), details, warnings, t0);
                }
                if (!go) {
                    return skipped(s, title, "condition not met: " + s.when().text(), t0);
                }
            }
            for (String in : s.inputTables()) {
                if (!tables.containsKey(in)) {
                    String why = "input '" + in + "' was not produced (" + missing.getOrDefault(in, "no step wrote it") + ")";
                    // a view of several tables still shows the ones there are
                    if (s.type() != StepType.RENDER || s.inputTables().stream().noneMatch(tables::containsKey)) {
                        return skipped(s, title, why, t0);
                    }
                    warnings.add(why + ": left out of the view");
                }
            }
            Object fe = s.options().get("foreach");
            if (fe instanceof Map<?, ?> m && m.get("input") != null && !tables.containsKey(m.get("input").toString())) {
                String in = m.get("input").toString();
                return skipped(s, title, "foreach input '" + in + "' was not produced (" + missing.getOrDefault(in, "no step wrote it") + ")", t0);
            }
            try {
                DataTable out = null;
                RenderJob view = null;
                List<Finding> findings = new ArrayList<>();
                switch (s.type()) {
                    case QUERY -> out = query(s, details, warnings);
                    case EXTRACT_IOCS -> out = extract(s, details);
                    case ENRICH -> out = enrich(s, details, warnings, findings);
                    case ANALYZE -> out = analyze(s, str(sub(s.options().get("analyzer"))), details);
                    case MASK -> out = analyze(s, "mask", details);
                    case FILTER -> out = filter(s, details);
                    case JOIN -> out = join(s, details);
                    case AGGREGATE -> out = aggregate(s, details);
                    case UNION -> out = TableOps.union(s.output(), s.inputTables().stream().map(tables::get).toList());
                    case RENDER -> view = render(s, details);
                    default -> throw new IllegalStateException(s.type().toString());
                }
                if (view == null && s.type() == StepType.RENDER) {
                    return skipped(s, title, "nothing to show: the input tables are empty", t0);
                }
                if (out != null) {
                    out = out.named(s.output());
                    tables.put(s.output(), out);
                    missing.remove(s.output());
                    if (s.finding() != null && out.size() > 0) {
                        findings.add(finding(s, s.finding(), out));
                    }
                }
                return new StepResult(s, StepResult.Status.OK, title, null, out, view, details, warnings, findings, since(t0));
            } catch (RuntimeException | LinkageError e) {
                return failed(s, title, message(e), details, warnings, t0);
            }
        }

        private StepResult skipped(StepSpec s, String title, String why, long t0) {
            if (s.output() != null && !tables.containsKey(s.output())) {
                missing.put(s.output(), "step '" + s.id() + "' was skipped");
            }
            return new StepResult(s, StepResult.Status.SKIPPED, title, why, null, null, Map.of(), List.of(), List.of(), since(t0));
        }

        private StepResult failed(StepSpec s, String title, String why, Map<String, String> details, List<String> warnings, long t0) {
            if (s.output() != null) {
                tables.remove(s.output());
                missing.put(s.output(), "step '" + s.id() + "' failed");
            }
            StepResult.Status st = s.onError() == StepSpec.OnError.WARN ? StepResult.Status.WARNING : StepResult.Status.FAILED;
            return new StepResult(s, st, title, why, null, null, details, warnings, List.of(), since(t0));
        }

        private Expression.Scope whenScope() {
            return new Expression.Scope() {
                @Override
                public Object name(String name) {
                    return params.get(name);
                }

                @Override
                public Object param(String name) {
                    return params.get(name);
                }

                @Override
                public long rows(String table) {
                    DataTable t = tables.get(table);
                    return t == null ? 0 : t.size();
                }
            };
        }

        Object sub(Object value) {
            return Substitution.apply(value, params::get);
        }

        // ---- query

        private DataTable query(StepSpec s, Map<String, String> details, List<String> warnings) {
            Map<String, Object> o = s.options();
            String providerName = providerName(p, s, params::get);
            DataProvider provider = hunt4j.provider(providerName);
            Object rangeSpec = o.containsKey("time_range") ? o.get("time_range") : p.defaults().get("time_range");
            TimeRange range = timeRange(sub(rangeSpec));
            QueryOptions opts = QueryOptions.defaults().withTimeRange(range);
            Object limit = sub(o.get("limit"));
            if (limit != null) {
                opts = opts.withMaxRows(Long.parseLong(str(limit)));
            }
            Object timeout = sub(o.get("timeout"));
            if (timeout != null) {
                opts = opts.withTimeout(dev.hunt4j.api.Durations.parse(str(timeout)));
            }
            details.put("Provider", providerName + (provider.type().equals(providerName) ? "" : " (" + provider.type() + ")"));
            if (o.get("query") != null) {
                details.put("Query", str(sub(o.get("query"))));
            }
            details.put("Time range", TimeRanges.format(range));
            if (!(o.get("foreach") instanceof Map<?, ?> fe)) {
                return runQuery(s, provider, opts, params::get, details, warnings, s.output());
            }
            // one query per distinct value of a column
            DataTable in = tables.get(fe.get("input").toString());
            String column = str(sub(fe.get("column")));
            String var = fe.get("as").toString();
            int ci = in.require(column);
            List<Object[]> rows = in.rows();
            if (fe.get("where") != null) {
                rows = TableOps.where(in, Expression.parse(fe.get("where").toString()), params::get, clock);
            }
            LinkedHashSet<String> values = new LinkedHashSet<>();
            for (Object[] r : rows) {
                String v = DataTable.text(r[ci]);
                if (!v.isBlank()) {
                    values.add(v);
                }
            }
            Object maxValue = sub(fe.get("max"));
            int max = maxValue == null ? DEFAULT_FOREACH_MAX : Integer.parseInt(str(maxValue));
            List<String> chosen = new ArrayList<>(values);
            if (chosen.size() > max) {
                warnings.add(chosen.size() + " values of " + column + ": the query ran for the first " + max + " (raise foreach.max)");
                chosen = chosen.subList(0, max);
            }
            details.put("For each", column + " of " + in.name() + " (" + chosen.size() + " value" + (chosen.size() == 1 ? "" : "s") + ") as ${" + var + "}");
            List<DataTable> parts = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (String v : chosen) {
                Map<String, String> d = new LinkedHashMap<>();
                List<String> partWarnings = new ArrayList<>();
                DataTable part = runQuery(s, provider, opts, name -> name.equals(var) ? v : params.get(name), d, partWarnings,
                        s.output());
                partWarnings.forEach(w -> warnings.add("${" + var + "} = " + v + ": " + w));
                texts.add(d.getOrDefault("Query text", ""));
                List<Column> cols = new ArrayList<>();
                boolean addVar = part.columns().stream().noneMatch(c -> c.name().equals(var));
                if (addVar) {
                    cols.add(new Column(var, ColumnType.STRING));
                }
                cols.addAll(part.columns());
                List<Object[]> withVar = new ArrayList<>(part.size());
                for (Object[] r : part.rows()) {
                    if (addVar) {
                        Object[] o2 = new Object[r.length + 1];
                        o2[0] = v;
                        System.arraycopy(r, 0, o2, 1, r.length);
                        withVar.add(o2);
                    } else {
                        withVar.add(r);
                    }
                }
                parts.add(new DataTable(s.output(), cols, withVar));
            }
            if (!texts.isEmpty()) {
                details.put("Query text", texts.size() == 1 ? texts.get(0)
                        : texts.get(0) + "\n... and " + (texts.size() - 1) + " more, one per value");
            }
            if (parts.isEmpty()) {
                return new DataTable(s.output(), List.of(new Column(var, ColumnType.STRING)), List.of());
            }
            return parts.size() == 1 ? parts.get(0) : TableOps.union(s.output(), parts);
        }

        private DataTable runQuery(StepSpec s, DataProvider provider, QueryOptions opts, Function<String, Object> lookup,
                                   Map<String, String> details, List<String> warnings, String name) {
            Map<String, Object> o = s.options();
            QueryResult r;
            if (o.get("query") != null) {
                Map<String, Object> qp = new LinkedHashMap<>();
                Object given = Substitution.apply(o.get("params"), lookup);
                if (given instanceof Map<?, ?> m) {
                    m.forEach((k, v) -> qp.put(String.valueOf(k), queryValue(v)));
                }
                r = provider.query(str(Substitution.apply(o.get("query"), lookup)), qp, opts);
            } else {
                r = provider.queryText(renderText(o.get("text").toString(), provider.language(), lookup), opts);
            }
            details.put("Query text", r.queryText());
            DataTable t = DataTable.read(name, r.stream());
            // a partial result (e.g. a failed time chunk skipped under on_chunk_error: keep) says so in the report
            warnings.addAll(r.warnings());
            return t;
        }

        // ---- extract-iocs

        private DataTable extract(StepSpec s, Map<String, String> details) {
            Map<String, Object> o = s.options();
            List<String> columns = TableOps.list(sub(o.get("columns")));
            List<DataTable> inputs = new ArrayList<>();
            if (o.containsKey("text")) {
                List<Object[]> row = new ArrayList<>();
                row.add(new Object[] {str(sub(o.get("text")))});
                inputs.add(new DataTable("text", List.of(new Column("text", ColumnType.STRING)), row));
                columns = List.of("text");
            } else {
                s.inputTables().forEach(t -> inputs.add(tables.get(t)));
            }
            AnalyzerFactory f = analyzers().get("ioc-extract");
            List<Column> outCols = null;
            List<Object[]> rows = new ArrayList<>();
            for (DataTable in : inputs) {
                List<String> present = columns.stream().filter(c -> in.indexOf(c) >= 0).map(c -> in.columns().get(in.indexOf(c)).name()).toList();
                if (present.isEmpty()) {
                    if (in.size() == 0) {
                        continue;
                    }
                    throw new QueryException("none of the columns " + String.join(", ", columns) + " is in table '" + in.name()
                            + "'; its columns are " + in.columnNames());
                }
                if (in.size() == 0) {
                    continue;
                }
                Map<String, String> opts = new LinkedHashMap<>();
                opts.put("columns", String.join(",", present));
                for (String k : List.of("include_paths", "include_hosts")) {
                    if (o.get(k) != null) {
                        opts.put(k, str(sub(o.get(k))));
                    }
                }
                if (o.get("types") != null) {
                    opts.put("types", String.join(",", TableOps.list(sub(o.get("types")))));
                }
                DataTable found = DataTable.read(in.name(), f.create(opts).analyze(in.stream()));
                if (outCols == null) {
                    outCols = new ArrayList<>(found.columns());
                    outCols.add(new Column("SourceTable", ColumnType.STRING));
                }
                for (Object[] r : found.rows()) {
                    Object[] x = Arrays.copyOf(r, r.length + 1);
                    x[r.length] = in.name();
                    rows.add(x);
                }
                details.merge("Searched", in.name() + " (" + String.join(", ", present) + ")", (a, b) -> a + "; " + b);
            }
            if (outCols == null) {
                outCols = new ArrayList<>(List.of(new Column("IoCType", ColumnType.STRING), new Column("Observable", ColumnType.STRING),
                        new Column("SourceIndex", ColumnType.LONG), new Column("Input", ColumnType.STRING),
                        new Column("SourceTable", ColumnType.STRING)));
            }
            boolean distinct = !(sub(o.get("distinct")) instanceof Boolean b) || b;
            if (!distinct) {
                return new DataTable(s.output(), outCols, rows);
            }
            // one row per (type, observable): where it was first seen, how often, in which tables
            DataTable all = new DataTable(s.output(), outCols, rows);
            int ti = all.require("IoCType");
            int oi = all.require("Observable");
            int si = all.require("SourceTable");
            Map<List<String>, Object[]> first = new LinkedHashMap<>();
            Map<List<String>, long[]> count = new HashMap<>();
            Map<List<String>, Set<String>> where = new HashMap<>();
            for (Object[] r : rows) {
                List<String> key = List.of(DataTable.text(r[ti]), DataTable.text(r[oi]));
                first.putIfAbsent(key, r);
                count.computeIfAbsent(key, k -> new long[1])[0]++;
                where.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(DataTable.text(r[si]));
            }
            List<Column> cols = new ArrayList<>(outCols);
            cols.add(new Column("Count", ColumnType.LONG));
            List<Object[]> out = new ArrayList<>();
            for (Map.Entry<List<String>, Object[]> e : first.entrySet()) {
                Object[] r = Arrays.copyOf(e.getValue(), cols.size());
                r[si] = String.join(", ", where.get(e.getKey()));
                r[cols.size() - 1] = count.get(e.getKey())[0];
                out.add(r);
            }
            return new DataTable(s.output(), cols, out);
        }

        // ---- enrich

        private DataTable enrich(StepSpec s, Map<String, String> details, List<String> warnings, List<Finding> findings) {
            Map<String, Object> o = s.options();
            DataTable in = tables.get(s.inputTables().get(0));
            String column = o.get("column") != null ? str(sub(o.get("column")))
                    : in.indexOf("Observable") >= 0 ? "Observable" : in.indexOf("Ioc") >= 0 ? "Ioc" : null;
            if (column == null) {
                throw new QueryException("say which column holds the observables ('column'); table '" + in.name() + "' has " + in.columnNames());
            }
            in.require(column);
            String typeColumn = o.get("type_column") != null ? str(sub(o.get("type_column")))
                    : in.indexOf("IoCType") >= 0 ? "IoCType" : in.indexOf("IocType") >= 0 ? "IocType" : null;
            Enrichment engine = hunt4j.enrich();
            LookupRequest req = LookupRequest.fromColumn(in.stream(), column, typeColumn)
                    .showInvalid(bool(sub(o.get("show_invalid")), false))
                    .showUnsupported(false)
                    .includeRaw(bool(sub(o.get("include_raw")), true));
            List<String> providers = TableOps.list(sub(o.get("providers")));
            if (!providers.isEmpty()) {
                req = req.withProviders(providers);
            }
            details.put("Observables", column + " of " + in.name() + " (" + req.items().size() + ")");
            details.put("TI providers", providers.isEmpty()
                    ? engine.providers().stream().filter(i -> i.problem() == null).map(TiProviderInfo::name).reduce((a, b) -> a + ", " + b).orElse("none configured")
                    : String.join(", ", providers));
            TiResults results = in.size() == 0 ? null : engine.lookup(req);
            if (results == null) {
                return new DataTable(s.output(), TiResults.COLUMNS, List.of());
            }
            warnings.addAll(results.warnings());
            if (engine.providers().isEmpty() && providers.isEmpty()) {
                warnings.add("no TI provider is configured (enrichers in hunt4j.yaml): nothing was looked up");
            }
            details.put("Lookups", results.rows().size() + " in " + results.elapsed().toMillis() + " ms, " + results.cacheHits() + " from cache");
            DataTable out = DataTable.read(s.output(), bool(sub(o.get("summary")), false) ? results.summaryStream() : results.stream());
            if (s.finding() == null) {
                Finding f = tiFinding(s, results);
                if (f != null) {
                    findings.add(f);
                }
            }
            return out;
        }

        private Finding tiFinding(StepSpec s, TiResults results) {
            List<IocSummary> flagged = results.summary().stream().filter(x -> x.severity().compareTo(Severity.WARNING) >= 0)
                    .sorted((a, b) -> b.severity().compareTo(a.severity())).toList();
            if (flagged.isEmpty()) {
                return null;
            }
            List<Column> cols = List.of(new Column("Ioc", ColumnType.STRING), new Column("IocType", ColumnType.STRING),
                    new Column("Severity", ColumnType.STRING), new Column("FlaggedBy", ColumnType.STRING),
                    new Column("Details", ColumnType.STRING));
            List<Object[]> rows = new ArrayList<>();
            for (IocSummary x : flagged.subList(0, Math.min(10, flagged.size()))) {
                String detail = results.rowsFor(x.ioc()).stream().filter(r -> r.ok() && r.found()
                                && r.severity().compareTo(Severity.WARNING) >= 0)
                        .map(r -> r.provider() + ": " + summarize(r.details())).reduce((a, b) -> a + "; " + b).orElse("");
                rows.add(new Object[] {x.ioc(), x.type() == null ? "" : x.type().id(), x.severity().id(),
                        String.join(", ", x.flaggedBy()), detail});
            }
            String tmpl = "Threat intelligence flagged " + flagged.size() + " observable" + (flagged.size() == 1 ? "" : "s");
            return new Finding(flagged.get(0).severity(), tmpl, tmpl, s.id(), new DataTable("finding", cols, rows), flagged.size());
        }

        // ---- analyze / mask

        private DataTable analyze(StepSpec s, String name, Map<String, String> details) {
            DataTable in = tables.get(s.inputTables().get(0));
            AnalyzerFactory f = analyzers().get(name);
            Map<String, String> opts = options(s.options().get("options"), params::get);
            details.put("Analyzer", name + (opts.isEmpty() || name.equals("mask") ? "" : " " + describe(opts)));
            if (in.size() == 0) {
                return new DataTable(s.output(), in.columns(), List.of());
            }
            try (ResultStream out = f.create(opts).analyze(in.stream())) {
                return DataTable.read(s.output(), out);
            }
        }

        // ---- filter, join, aggregate

        private DataTable filter(StepSpec s, Map<String, String> details) {
            Map<String, Object> o = s.options();
            DataTable in = tables.get(s.inputTables().get(0));
            List<Object[]> rows = in.rows();
            if (o.get("where") != null) {
                rows = TableOps.where(in, Expression.parse(o.get("where").toString()), params::get, clock);
                details.put("Where", o.get("where").toString());
            }
            DataTable t = new DataTable(s.output(), in.columns(), rows);
            if (o.get("tree") != null) {
                String mode = o.get("tree").toString().toLowerCase(Locale.ROOT);
                t = TableOps.tree(in, rows, mode, o.get("name_column") == null ? null : str(sub(o.get("name_column"))));
                details.put("Process tree", mode.equals("chain") ? "matches with their chain of parents"
                        : "matches and their " + (mode.equals("both") ? "ancestors and descendants" : mode));
            }
            List<String> columns = TableOps.list(sub(o.get("columns")));
            if (!columns.isEmpty()) {
                t = TableOps.project(t, columns);
            }
            if (bool(sub(o.get("distinct")), false)) {
                t = new DataTable(s.output(), t.columns(), TableOps.distinct(t.rows()));
            }
            List<String> sort = TableOps.list(sub(o.get("sort")));
            if (!sort.isEmpty()) {
                t = new DataTable(s.output(), t.columns(), TableOps.sort(t, t.rows(), sort, clock));
            }
            Object limit = sub(o.get("limit"));
            if (limit != null) {
                int n = Integer.parseInt(str(limit));
                if (t.size() > n) {
                    t = new DataTable(s.output(), t.columns(), new ArrayList<>(t.rows().subList(0, n)));
                }
            }
            details.put("Rows", t.size() + " of " + in.size());
            return t;
        }

        private DataTable join(StepSpec s, Map<String, String> details) {
            DataTable l = tables.get(s.inputTables().get(0));
            DataTable r = tables.get(s.inputTables().get(1));
            Object on = sub(s.options().get("on"));
            Map<String, String> keys = new LinkedHashMap<>();
            if (on instanceof Map<?, ?> m) {
                m.forEach((k, v) -> keys.put(String.valueOf(k), String.valueOf(v)));
            } else {
                TableOps.list(on).forEach(k -> keys.put(k, k));
            }
            boolean left = "left".equalsIgnoreCase(str(sub(s.options().get("how"))));
            details.put("Join", (left ? "left" : "inner") + " on " + keys.entrySet().stream()
                    .map(e -> e.getKey().equals(e.getValue()) ? e.getKey() : e.getKey() + " = " + e.getValue()).toList());
            return TableOps.join(s.output(), l, r, keys, left);
        }

        private DataTable aggregate(StepSpec s, Map<String, String> details) {
            Map<String, Object> o = s.options();
            DataTable in = tables.get(s.inputTables().get(0));
            List<String> by = TableOps.list(sub(o.get("by")));
            String count = o.get("count") == null ? "Count" : str(sub(o.get("count")));
            DataTable t = TableOps.aggregate(s.output(), in, by, count, TableOps.map(sub(o.get("count_distinct"))),
                    TableOps.map(sub(o.get("min"))), TableOps.map(sub(o.get("max"))), TableOps.map(sub(o.get("values"))),
                    TableOps.map(sub(o.get("sum"))));
            List<String> sort = TableOps.list(sub(o.get("sort")));
            if (!sort.isEmpty()) {
                t = new DataTable(s.output(), t.columns(), TableOps.sort(t, t.rows(), sort, clock));
            }
            details.put("Grouped by", by.isEmpty() ? "(all rows)" : String.join(", ", by));
            return t;
        }

        // ---- render

        private RenderJob render(StepSpec s, Map<String, String> details) {
            String name = str(sub(s.options().get("renderer")));
            RendererFactory f = renderers().get(name);
            Map<String, String> opts = options(s.options().get("options"), params::get);
            Map<String, DataTable> in = new LinkedHashMap<>();
            boolean any = false;
            for (Map.Entry<String, String> e : s.inputs().entrySet()) {
                DataTable t = tables.get(e.getValue());
                if (t == null) {
                    continue;
                }
                in.put(e.getKey(), t);
                any |= t.size() > 0;
            }
            details.put("Renderer", name + (opts.isEmpty() ? "" : " " + describe(opts)));
            if (!any) {
                return null;
            }
            f.create(opts); // bad options fail here, in the step, not later in the report
            Object h = sub(s.options().get("height"));
            int height = h == null ? DEFAULT_VIEW_HEIGHT : Integer.parseInt(str(h));
            return new RenderJob(name, f, opts, in, height);
        }

        // ---- findings

        private Finding finding(StepSpec s, FindingSpec spec, DataTable t) {
            int sc = spec.severityColumn() == null ? -1 : t.require(spec.severityColumn());
            List<Object[]> rows = new ArrayList<>(t.rows());
            Severity worst = spec.severity() != null ? spec.severity() : Severity.UNKNOWN;
            if (sc >= 0) {
                rows.sort((a, b) -> sev(b[sc]).compareTo(sev(a[sc])));
                worst = sev(rows.get(0)[sc]);
            }
            List<String> cols = new ArrayList<>();
            for (String c : spec.columns()) {
                if (t.indexOf(c) >= 0) {
                    cols.add(t.columns().get(t.indexOf(c)).name());
                }
            }
            if (cols.isEmpty()) {
                t.columns().stream().limit(5).forEach(c -> cols.add(c.name()));
            }
            DataTable shown = TableOps.project(new DataTable("finding", t.columns(),
                    new ArrayList<>(rows.subList(0, Math.min(spec.maxRows(), rows.size())))), cols);
            return new Finding(worst, spec.title(), Substitution.text(spec.title(), params::get), s.id(), shown, t.size());
        }
    }

    /** A provider's details in a line: its description when it gives one, else its keys and values. */
    private static String summarize(Map<String, Object> details) {
        for (String k : List.of("descriptions", "description", "verdict", "reason", "comment")) {
            Object v = details.get(k);
            if (v instanceof java.util.Collection<?> c && !c.isEmpty()) {
                return String.join(", ", c.stream().map(String::valueOf).toList());
            }
            if (v != null && !(v instanceof java.util.Collection) && !v.toString().isBlank()) {
                return v.toString();
            }
        }
        StringBuilder sb = new StringBuilder();
        details.forEach((k, v) -> {
            if (sb.length() < 200) {
                sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v);
            }
        });
        return sb.toString();
    }

    private static Severity sev(Object v) {
        Severity s = v == null ? null : PipelineReader.severity(DataTable.text(v));
        return s == null ? Severity.UNKNOWN : s;
    }

    // ------------------------------------------------------------------ helpers

    private static String providerName(Pipeline p, StepSpec s, Function<String, Object> lookup) {
        Object v = s.options().containsKey("provider") ? s.options().get("provider") : p.defaults().get("provider");
        Object sub = Substitution.apply(v, lookup);
        return sub == null ? null : str(sub);
    }

    /** A time range from a substituted value: a TimeRange, null, or text to parse. */
    private TimeRange timeRange(Object value) {
        if (value == null || value instanceof TimeRange) {
            return (TimeRange) value;
        }
        return TimeRanges.parse(str(value), clock);
    }

    private static Object queryValue(Object v) {
        if (v instanceof TimeRange r) {
            return TimeRanges.format(r);
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        return v;
    }

    /** Analyzer and renderer options: text values, lists comma-joined, parameters substituted. */
    private static Map<String, String> options(Object raw, Function<String, Object> lookup) {
        Map<String, String> out = new LinkedHashMap<>();
        if (Substitution.apply(raw, lookup) instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (v != null) {
                    out.put(String.valueOf(k), ParameterSpec.text(v));
                }
            });
        }
        return out;
    }

    private static String describe(Map<String, String> opts) {
        StringBuilder sb = new StringBuilder();
        opts.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return "(" + sb + ")";
    }

    static String str(Object v) {
        return v == null ? "" : ParameterSpec.text(v);
    }

    private static boolean bool(Object v, boolean fallback) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v == null) {
            return fallback;
        }
        return switch (v.toString().trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> fallback;
        };
    }

    private static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /**
     * Query text with {@code ${param}} references rendered for the provider's language: inside a string literal as
     * literal text, elsewhere as a plain token or a complete literal, so a value can never change the query's structure.
     */
    static String renderText(String text, QueryLanguage language, Function<String, Object> lookup) {
        StringBuilder sb = new StringBuilder();
        String quotes = language.quoteChars();
        char open = 0;
        boolean verbatim = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                sb.append('$');
                i++;
                continue;
            }
            if (text.startsWith("${", i) && text.indexOf('}', i) > 0) {
                int end = text.indexOf('}', i);
                Object v = queryValue(lookup.apply(text.substring(i + 2, end).trim()));
                sb.append(open != 0 ? language.insideString(v instanceof Instant t ? t.toString() : v, open, verbatim) : language.bare(v));
                i = end;
                continue;
            }
            sb.append(c);
            if (open != 0) {
                if (c == '\\' && !verbatim && i + 1 < text.length()) {
                    sb.append(text.charAt(++i));
                } else if (c == open) {
                    if (verbatim && i + 1 < text.length() && text.charAt(i + 1) == open) {
                        sb.append(text.charAt(++i)); // a doubled quote inside a verbatim literal
                    } else {
                        open = 0;
                        verbatim = false;
                    }
                }
            } else if (quotes.indexOf(c) >= 0) {
                open = c;
                verbatim = language.hasVerbatimStrings() && i > 0 && text.charAt(i - 1) == '@';
            }
        }
        return sb.toString();
    }
}
