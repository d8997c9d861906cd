package dev.hunt4j.cli;

import dev.hunt4j.api.query.QueryProviderFactory;
import dev.hunt4j.runtime.Hunt4j;
import dev.hunt4j.runtime.plugin.PluginInfo;
import dev.hunt4j.runtime.plugin.PluginProblem;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hunt4j providers}: what is installed and configured. */
@Command(name = "providers", description = "List provider types, configured providers, loaded plugins and plugin problems.")
final class ProvidersCommand implements Callable<Integer> {
    @ParentCommand
    Hunt4jCli root;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Hunt4j h = root.open(spec.commandLine().getErr(), b -> { })) {
            out.println("Provider types:");
            for (Map.Entry<String, QueryProviderFactory> e : h.providerTypes().entrySet()) {
                out.printf("  %-12s %-6s %s%n", e.getKey(), e.getValue().language().name(), e.getValue().description());
            }
            out.println("Configured providers:");
            h.config().providers().values().forEach(c -> out.printf("  %-20s type %s%n", c.name(), c.type()));
            out.println("Plugins:");
            for (PluginInfo p : h.plugins()) {
                out.printf("  %-28s %-8s %-8s %s%n", p.id(), p.version(), p.state(), p.path());
            }
            if (!h.problems().isEmpty()) {
                out.println("Problems:");
                for (PluginProblem p : h.problems()) {
                    out.println("  " + p);
                }
            }
            out.flush();
            return 0;
        }
    }
}
