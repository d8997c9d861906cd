package dev.hunt4j.cli;

import dev.hunt4j.api.Durations;
import dev.hunt4j.api.TimeRange;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.runtime.DataProvider;
import dev.hunt4j.runtime.Hunt4j;
import dev.hunt4j.runtime.QueryResult;
import dev.hunt4j.runtime.query.QueryFragment;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hunt4j query run}. */
@Command(name = "query", description = "Run queries.", subcommands = QueryCommand.Run.class)
final class QueryCommand {
    @ParentCommand
    Hunt4jCli root;

    @Command(name = "run", description = "Run a named query or query text on a provider and print the rows.")
    static final class Run implements Callable<Integer> {
        @ParentCommand
        QueryCommand parent;
        @Parameters(paramLabel = "NAME", arity = "0..1", description = "query name (see 'queries list')")
        String name;
        @Option(names = "--text", paramLabel = "QUERY", description = "run this query text instead of a named query")
        String text;
        @Option(names = "--param", paramLabel = "K=V", description = "a parameter value (repeatable); escaped for the query language")
        Map<String, String> params = new LinkedHashMap<>();
        @Option(names = "--raw-param", paramLabel = "K=V",
                description = "a parameter inserted as query text, unescaped (repeatable; for trusted fragments only)")
        Map<String, String> rawParams = new LinkedHashMap<>();
        @Option(names = "--start", paramLabel = "TIME", description = "time range start: ISO-8601, yyyy-MM-dd, now or -7d/-24h/-30m")
        String start;
        @Option(names = "--end", paramLabel = "TIME", description = "time range end (default now)")
        String end;
        @Option(names = "--last", paramLabel = "DURATION", description = "time range ending now, e.g. 24h, 7d")
        String last;
        @Option(names = "--limit", paramLabel = "N", description = "at most N rows")
        long limit;
        @Option(names = "--timeout", paramLabel = "DURATION", description = "query timeout (default 10m)")
        String timeout;
        @Option(names = "--dry-run", description = "print the rendered query text instead of running it")
        boolean dryRun;
        @Mixin
        QueriesCommand.Source source = new QueriesCommand.Source();
        @Mixin
        OutputOptions output = new OutputOptions();
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (source.provider == null) {
                throw new IllegalArgumentException("--provider is required: the provider to run the query on, e.g. --provider local");
            }
            if ((name == null) == (text == null)) {
                throw new IllegalArgumentException("give either a query NAME or --text QUERY (not both)");
            }
            QueryOptions options = QueryOptions.defaults().withMaxRows(limit).withTimeRange(timeRange());
            if (timeout != null) {
                options = options.withTimeout(Durations.parse(timeout));
            }
            Map<String, Object> values = new LinkedHashMap<>(params);
            rawParams.forEach((k, v) -> values.put(k, new QueryFragment(v)));
            PrintWriter out = spec.commandLine().getOut();
            try (Hunt4j h = QueriesCommand.open(parent.root, source, spec.commandLine().getErr())) {
                DataProvider p = h.provider(source.provider);
                if (dryRun) {
                    out.println(text != null ? text : p.render(name, values, options));
                    out.flush();
                    return 0;
                }
                try (QueryResult r = text != null ? p.queryText(text, options) : p.query(name, values, options)) {
                    output.write(r.stream(), out);
                    // a partial result (e.g. a failed time chunk skipped under on_chunk_error: keep) says what is missing
                    PrintWriter err = spec.commandLine().getErr();
                    for (String w : r.warnings()) {
                        err.println("warning: " + w);
                    }
                    err.flush();
                }
                return 0;
            }
        }

        private TimeRange timeRange() {
            if (last != null) {
                if (start != null || end != null) {
                    throw new IllegalArgumentException("--last cannot be combined with --start/--end");
                }
                return TimeRange.last(Durations.parse(last));
            }
            if (start == null && end == null) {
                return null;
            }
            if (start == null) {
                throw new IllegalArgumentException("--end needs --start");
            }
            Instant from = TimeArgs.parse("--start", start);
            Instant to = end == null ? Instant.now() : TimeArgs.parse("--end", end);
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("--end " + to + " is before --start " + from);
            }
            return new TimeRange(from, to);
        }
    }

    /** Parses a time as users type it. */
    static final class TimeArgs {
        private TimeArgs() {
        }

        static Instant parse(String option, String text) {
            String t = text.trim();
            try {
                if (t.equalsIgnoreCase("now")) {
                    return Instant.now();
                }
                if (t.startsWith("-")) {
                    Duration d = Durations.parse(t.substring(1));
                    return Instant.now().minus(d);
                }
                if (t.length() == 10) {
                    return java.time.LocalDate.parse(t).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
                }
                if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                    return java.time.OffsetDateTime.parse(t).toInstant();
                }
                return java.time.LocalDateTime.parse(t.replace(' ', 'T')).toInstant(java.time.ZoneOffset.UTC);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(option + " '" + text
                        + "' is not a time: use ISO-8601 (2026-03-02T08:00:00Z), a date (2026-03-02), now, or -7d/-24h/-30m");
            }
        }
    }
}
