package dev.hunt4j.cli;

import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.runtime.DataProvider;
import dev.hunt4j.runtime.Hunt4j;
import dev.hunt4j.runtime.query.QueryDefinition;
import dev.hunt4j.runtime.query.QueryParameter;
import dev.hunt4j.runtime.query.QueryStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hunt4j queries list|show}. */
@Command(name = "queries", description = "List and show the queries in the query library.",
        subcommands = {QueriesCommand.ListQueries.class, QueriesCommand.ShowQuery.class})
final class QueriesCommand {
    @ParentCommand
    Hunt4jCli root;

    /** Options naming where queries come from. */
    static final class Source {
        @Option(names = {"-p", "--provider"}, paramLabel = "P", description = "only queries this provider runs")
        String provider;

        @Option(names = "--path", paramLabel = "DIR", description = "also load query files (MSTICPy YAML) from DIR (repeatable)")
        List<Path> paths = new ArrayList<>();

        List<QueryDefinition> select(Hunt4j h) {
            return provider == null ? h.queries().all() : h.provider(provider).queries();
        }
    }

    static Hunt4j open(Hunt4jCli root, Source source, PrintWriter err) {
        Hunt4j h = root.open(err, b -> source.paths.forEach(b::queryPath));
        h.queries().loadErrors().forEach(e -> err.println("hunt4j: warning: " + e));
        return h;
    }

    @Command(name = "list", description = "List queries: name, environments, description, parameters.")
    static final class ListQueries implements Callable<Integer> {
        @ParentCommand
        QueriesCommand parent;
        @Mixin
        Source source = new Source();
        @Mixin
        OutputOptions output = new OutputOptions();
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (Hunt4j h = open(parent.root, source, spec.commandLine().getErr())) {
                List<Column> cols = List.of(new Column("Query", ColumnType.STRING), new Column("Environments", ColumnType.STRING),
                        new Column("Description", ColumnType.STRING), new Column("Parameters", ColumnType.STRING),
                        new Column("Source", ColumnType.STRING));
                List<Object[]> rows = new ArrayList<>();
                for (QueryDefinition q : source.select(h)) {
                    rows.add(new Object[] {q.fullName(), String.join(",", q.dataEnvironments()), q.description(),
                            q.parameters().stream().map(p -> p.required() ? p.name() + "*" : p.name()).collect(Collectors.joining(",")),
                            q.origin()});
                }
                output.write(ResultStream.of(cols, rows), spec.commandLine().getOut());
                return 0;
            }
        }
    }

    @Command(name = "show", description = "Show one query: description, parameters and its text.")
    static final class ShowQuery implements Callable<Integer> {
        @ParentCommand
        QueriesCommand parent;
        @Mixin
        Source source = new Source();
        @Parameters(paramLabel = "NAME", description = "query name (family.name, or name alone when unambiguous)")
        String name;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Hunt4j h = open(parent.root, source, spec.commandLine().getErr())) {
                QueryStore store = h.queries();
                QueryDefinition q = source.provider == null ? store.get(name)
                        : store.get(name, h.providerTypes().get(h.provider(source.provider).type()).dataEnvironments());
                out.println(q.fullName());
                out.println("  description:  " + q.description());
                out.println("  environments: " + String.join(", ", q.dataEnvironments()));
                out.println("  source:       " + q.origin() + (q.line() > 0 ? ":" + q.line() : ""));
                out.println("  parameters:");
                for (QueryParameter p : q.parameters()) {
                    out.println("    " + p.name() + " (" + p.type() + (p.required() ? ", required" : ", default " + p.defaultValue()) + ")"
                            + (p.aliases().isEmpty() ? "" : " aliases " + p.aliases()) + ": " + p.description());
                }
                out.println("  query:");
                q.template().lines().forEach(l -> out.println("    " + l));
                out.flush();
                return 0;
            }
        }
    }
}
