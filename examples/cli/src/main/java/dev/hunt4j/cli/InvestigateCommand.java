package dev.hunt4j.cli;

import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.runtime.Hunt4j;
import dev.hunt4j.runtime.pipeline.DataTable;
import dev.hunt4j.runtime.pipeline.Finding;
import dev.hunt4j.runtime.pipeline.InvestigationResult;
import dev.hunt4j.runtime.pipeline.ParameterResolver;
import dev.hunt4j.runtime.pipeline.ParameterSpec;
import dev.hunt4j.runtime.pipeline.Pipeline;
import dev.hunt4j.runtime.pipeline.PipelineException;
import dev.hunt4j.runtime.pipeline.PipelineRunner;
import dev.hunt4j.runtime.pipeline.RememberedParameters;
import dev.hunt4j.runtime.pipeline.ReportMasking;
import dev.hunt4j.runtime.pipeline.ReportWriter;
import dev.hunt4j.runtime.pipeline.ResolvedParameters;
import dev.hunt4j.runtime.pipeline.StepResult;
import dev.hunt4j.runtime.pipeline.StepSpec;
import dev.hunt4j.runtime.pipeline.TerminalPrompter;
import dev.hunt4j.samples.SampleDataSet;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hunt4j investigate}: runs an investigation pipeline ({@code investigations/*.yaml}, or a bundled one by
 * name) and writes the HTML report. {@code --demo} runs host triage on the bundled sample data through the local
 * provider and the local TI feed; {@code --list} shows the bundled investigations and their parameters.
 */
@Command(name = "investigate", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Run an investigation pipeline and write its HTML report.",
            "  hunt4j investigate PIPELINE.yaml --param host=WKS-07 --output report.html",
            "  hunt4j investigate host-triage --params-file params.yaml      (a bundled investigation by name)",
            "  hunt4j investigate --list",
            "  hunt4j investigate --demo"})
final class InvestigateCommand implements Callable<Integer> {
    /** Where bundled investigations are inside the jar (copied from the repository's investigations/ folder). */
    static final String BUNDLED = "/investigations/";
    static final String DEFAULT_REPORT = "hunt4j-report.html";
    /** The terminal to prompt on, or null when there is none; tests replace it. */
    static Supplier<Reader> terminal = () -> System.console() == null ? null : System.console().reader();

    @ParentCommand
    Hunt4jCli root;
    @Parameters(index = "0", arity = "0..1", paramLabel = "PIPELINE", description = "pipeline file, or the name of a bundled investigation")
    String pipeline;
    @Option(names = "--demo", description = "run host triage on the bundled sample data (generated when missing): no account, no network")
    boolean demo;
    @Option(names = "--list", description = "list the bundled investigations and their parameters")
    boolean list;
    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "a parameter value (repeatable)")
    Map<String, String> params = new LinkedHashMap<>();
    @Option(names = "--params-file", paramLabel = "FILE", description = "parameter values: YAML (name: value) or .properties")
    Path paramsFile;
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "the report (default: " + DEFAULT_REPORT + ")")
    Path output;
    @Option(names = "--mask", description = "mask names, accounts, addresses, ... in the whole report, for sharing")
    boolean mask;
    @Option(names = "--mask-key", paramLabel = "KEY", description = "masking key (hex or Base64, 16+ bytes) so masks repeat across reports (default: a random key)")
    String maskKey;
    @Option(names = "--rows", paramLabel = "N", description = "rows shown per table in the report (default 200; the CSV links hold all)")
    int rows = 200;
    @Option(names = "--check", description = "check the pipeline and the parameters, run nothing")
    boolean check;
    @Option(names = "--no-prompt", description = "never ask for parameters, even on a terminal (defaults are used)")
    boolean noPrompt;
    @Option(names = "--prompt-timeout", paramLabel = "SECONDS", description = "take the suggested value when a prompt gets no answer in time (default 60)")
    int promptTimeout = 60;
    @Option(names = "--no-remember", description = "do not suggest or save the last-used parameter values (~/.hunt4j/investigations)")
    boolean noRemember;
    @Option(names = "--data-dir", paramLabel = "DIR", description = "--demo: where the sample data is (generated there when missing)")
    Path dataDir;
    @Spec
    CommandSpec spec;

    private PrintWriter out;
    private PrintWriter err;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        if (list) {
            return list();
        }
        if (demo) {
            if (pipeline != null) {
                throw new IllegalArgumentException("--demo runs the bundled host triage; give either --demo or a PIPELINE");
            }
            return demo();
        }
        if (pipeline == null) {
            throw new IllegalArgumentException("give a PIPELINE file or the name of a bundled investigation (see --list), or --demo");
        }
        Pipeline p = load(pipeline);
        try (Hunt4j h = root.open(err, b -> { })) {
            return investigate(h, p, params);
        }
    }

    // ---- the demo

    private int demo() throws IOException {
        Path dir = SampleDataSet.ensure(dataDir != null ? dataDir : defaultDataDir()).toAbsolutePath();
        // a config of its own: the sample data for the local provider and its IoC feed for the local TI provider
        Path config = Files.createTempFile("hunt4j-demo", ".yaml");
        try {
            Files.writeString(config, "providers:\n  local:\n    data_paths: [" + yamlString(dir.toString()) + "]\n"
                    + "enrichers:\n  feed:\n    type: local-feed\n    paths: [" + yamlString(dir.resolve("ioc_feed.csv").toString()) + "]\n"
                    + "    global_ips_only: false   # the sample data uses documentation addresses\n", StandardCharsets.UTF_8);
            try (Hunt4j h = root.open(err, b -> b.config(config))) {
                // start where an analyst would: the host with the most high-severity alerts
                Map<String, Integer> alertsPerHost = new TreeMap<>();
                DataTable alerts = DataTable.read("alerts", h.provider("local")
                        .query("list_alerts_by_severity", Map.of(), QueryOptions.defaults()).stream());
                int ci = alerts.require("CompromisedEntity");
                alerts.rows().forEach(r -> alertsPerHost.merge(String.valueOf(r[ci]), 1, Integer::sum));
                String host = alertsPerHost.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                        .orElse(SampleDataSet.PATIENT_ZERO_HOST);
                Instant start = SampleDataSet.START;
                Instant end = start.plus(Duration.ofDays(SampleDataSet.DAYS));
                out.println("hunt4j demo: host triage of " + host + " (the host with the most high-severity alerts) in the sample data");
                out.println("  data: " + dir);
                out.println();
                Map<String, String> values = new LinkedHashMap<>();
                values.put("host", host);
                values.put("time_range", start + ".." + end);
                values.putAll(params);
                noPrompt = true; // the demo asks nothing
                noRemember = true;
                return investigate(h, load("host-triage"), values);
            }
        } finally {
            Files.deleteIfExists(config);
        }
    }

    private static String yamlString(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    static Path defaultDataDir() {
        String configured = System.getProperty("hunt4j.sample.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "hunt4j", "sample-data-v" + SampleDataSet.VERSION);
    }

    // ---- running a pipeline

    private int investigate(Hunt4j h, Pipeline p, Map<String, String> given) {
        ParameterResolver resolver = ParameterResolver.of(p).given(given).environment(System::getenv);
        if (paramsFile != null) {
            resolver.file(paramsFile);
        }
        Reader console = noPrompt ? null : terminal.get();
        RememberedParameters remembered = new RememberedParameters(hunt4jHome().resolve("investigations"));
        if (console != null) {
            resolver.prompter(new TerminalPrompter(console, err, Duration.ofSeconds(Math.max(1, promptTimeout))));
            if (!noRemember) {
                resolver.remembered(remembered.load(p.name()));
            }
        }
        ResolvedParameters values = resolver.resolve();
        if (console != null && !noRemember) {
            try {
                remembered.save(p.name(), values.writtenTexts());
            } catch (java.io.UncheckedIOException e) {
                err.println("hunt4j: warning: " + e.getMessage());
            }
        }
        PipelineRunner runner = PipelineRunner.of(h);
        if (check) {
            List<String> problems = runner.validate(p, values);
            if (!problems.isEmpty()) {
                throw new PipelineException(problems);
            }
            out.println(p.name() + ": " + p.steps().size() + " steps, parameters " + values.texts() + ": ok");
            out.flush();
            return 0;
        }
        ReportMasking masking = null;
        if (mask) {
            Map<String, String> o = new LinkedHashMap<>();
            if (maskKey != null) {
                o.put("key", maskKey);
            }
            masking = ReportMasking.create(runner.analyzers().get("mask"), o);
        }
        boolean progress = System.console() != null && !root.quiet;
        runner.listener(new PipelineRunner.Listener() {
            @Override
            public void finished(StepResult r, int total) {
                if (progress || r.status() == StepResult.Status.FAILED || r.status() == StepResult.Status.WARNING) {
                    err.printf("[%d/%d] %s: %s%s%n", r.spec().index(), total, r.spec().id(), status(r),
                            r.message() != null && r.status() != StepResult.Status.OK ? " (" + r.message() + ")" : "");
                    err.flush();
                }
            }
        });
        InvestigationResult result = runner.run(p, values);
        Path report = (output != null ? output : Path.of(DEFAULT_REPORT)).toAbsolutePath();
        ReportWriter.builder().rows(Math.max(1, rows)).masking(masking).generator("hunt4j " + Hunt4j.API_VERSION).build()
                .write(result, report);
        summary(result, report);
        return result.failed() ? Hunt4jCli.EXIT_FAILURE : 0;
    }

    private static String status(StepResult r) {
        return switch (r.status()) {
            case OK -> r.table() != null ? String.format(Locale.ROOT, "%,d rows", r.rows()) : "ok";
            case SKIPPED -> "skipped";
            case WARNING -> "failed, continuing";
            case FAILED -> "failed";
            case NOT_RUN -> "not run";
        } + " in " + r.elapsed().toMillis() + " ms";
    }

    /** The short text summary: what ran, the findings worst first with their first rows, where the report is. */
    private void summary(InvestigationResult r, Path report) {
        Pipeline p = r.pipeline();
        out.println(r.title() + " (" + p.name() + "): " + String.join(", ", r.parameters().texts().entrySet().stream()
                .filter(e -> r.parameters().source(e.getKey()) != ResolvedParameters.Source.DEFAULT || e.getKey().equals("time_range"))
                .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        long ran = r.steps().stream().filter(s -> s.status() == StepResult.Status.OK).count();
        long skipped = r.steps().stream().filter(s -> s.status() == StepResult.Status.SKIPPED).count();
        out.printf("%d steps: %d ran, %d skipped, %d failed; %.1f s%n", r.steps().size(), ran, skipped,
                r.steps().size() - ran - skipped, r.elapsed().toMillis() / 1000.0);
        r.errors().forEach(e -> out.println("  problem: " + e));
        List<Finding> findings = r.findings();
        out.println();
        out.println(findings.isEmpty() ? "No findings." : "Findings, worst first:");
        for (Finding f : findings) {
            out.printf("  [%s] %s (%d row%s)%n", f.severity().id(), f.title(), f.totalRows(), f.totalRows() == 1 ? "" : "s");
            int n = 0;
            for (Object[] row : f.rows().rows()) {
                if (n++ == 3) {
                    out.println("      ...");
                    break;
                }
                List<String> cells = new ArrayList<>();
                for (Object v : row) {
                    String t = DataTable.text(v).replaceAll("\\s+", " ").trim();
                    cells.add(t.length() > 90 ? t.substring(0, 89) + "…" : t);
                }
                out.println("      " + String.join(" | ", cells));
            }
        }
        out.println();
        long size;
        try {
            size = Files.size(report);
        } catch (IOException e) {
            size = -1;
        }
        out.printf("Report: %s (%s)%s%n", report, size < 0 ? "?" : size < 1 << 20 ? (size >> 10) + " KB"
                : String.format(Locale.ROOT, "%.1f MB", size / 1048576.0), mask ? ", masked" : "");
        out.flush();
    }

    private static Path hunt4jHome() {
        String configured = System.getProperty("hunt4j.home");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".hunt4j");
    }

    // ---- finding pipelines

    /** A pipeline file, or a bundled investigation by name. */
    static Pipeline load(String nameOrPath) {
        Path file = Path.of(nameOrPath);
        if (Files.isRegularFile(file)) {
            return Pipeline.load(file);
        }
        boolean path = nameOrPath.contains("/") || nameOrPath.contains("\\") || nameOrPath.endsWith(".yaml") || nameOrPath.endsWith(".yml");
        if (path) {
            throw new PipelineException(List.of("no such pipeline file: " + nameOrPath));
        }
        if (InvestigateCommand.class.getResource(BUNDLED + nameOrPath + ".yaml") == null) {
            throw new ConfigurationException("no pipeline file and no bundled investigation called '" + nameOrPath + "'; bundled: "
                    + String.join(", ", bundled().keySet()));
        }
        return loadBundled(nameOrPath + ".yaml");
    }

    private static Pipeline loadBundled(String fileName) {
        URL url = InvestigateCommand.class.getResource(BUNDLED + fileName);
        try (Reader r = new InputStreamReader(url.openStream(), StandardCharsets.UTF_8)) {
            return Pipeline.parse(r, "investigations/" + fileName, fileName.substring(0, fileName.lastIndexOf('.')));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the bundled investigation " + fileName + ": " + e.getMessage(), e);
        }
    }

    /** The bundled investigations by name (from the jar, or from the classes folder in development). */
    static Map<String, Pipeline> bundled() {
        Map<String, Pipeline> out = new TreeMap<>();
        URL url = InvestigateCommand.class.getResource(BUNDLED);
        if (url == null) {
            return out;
        }
        try {
            URI uri = url.toURI();
            FileSystem fs = null;
            Path dir;
            if (uri.getScheme().equals("jar")) {
                try {
                    fs = FileSystems.getFileSystem(uri);
                } catch (FileSystemNotFoundException e) {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                }
                dir = fs.getPath(BUNDLED);
            } else {
                dir = Path.of(uri);
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(x -> x.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                    String n = f.getFileName().toString();
                    out.put(n.substring(0, n.length() - 5), loadBundled(n));
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new java.io.UncheckedIOException(new IOException("cannot list the bundled investigations: " + e.getMessage(), e));
        }
        return out;
    }

    private int list() {
        Map<String, Pipeline> all = bundled();
        if (all.isEmpty()) {
            out.println("No bundled investigations (the jar holds none).");
            return 0;
        }
        out.println("Bundled investigations (run one with: hunt4j investigate NAME --param name=value ...):");
        for (Pipeline p : all.values()) {
            out.println();
            out.println(p.name() + " - " + p.title());
            String d = p.description();
            int dot = d.indexOf(". ");
            out.println("  " + (dot > 0 ? d.substring(0, dot + 1) : d));
            out.println("  " + p.steps().size() + " steps: " + String.join(", ",
                    p.steps().stream().map(StepSpec::type).map(t -> t.id()).distinct().toList()));
            out.println("  parameters:");
            for (ParameterSpec ps : p.parameters()) {
                out.printf("    %-14s %-9s %s%s%n", ps.name(), ps.type().id(), ps.description(),
                        ps.required() ? " (required)" : " (default: " + (ps.defaultText().isEmpty() ? "empty" : abbreviate(ps.defaultText())) + ")");
            }
        }
        out.flush();
        return 0;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 39) + "…" : s;
    }
}
