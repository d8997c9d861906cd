package dev.hunt4j.cli;

import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.Hunt4jException;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.runtime.Hunt4j;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code hunt4j} command line. */
@Command(name = "hunt4j", mixinStandardHelpOptions = true, version = "hunt4j " + Hunt4j.API_VERSION,
        description = "Threat hunting and security investigation from the command line.",
        subcommands = {QueriesCommand.class, QueryCommand.class, ProvidersCommand.class, InvestigateCommand.class,
                IocCommand.class, B64Command.class, MaskCommand.class, ProcTreeCommand.class, TimeSeriesCommand.class,
                SessionsCommand.class, TiCommand.class, RenderCommand.class, SampleDataCommand.class, CommandLine.HelpCommand.class})
public final class Hunt4jCli {
    /** Exit code for bad usage or bad input: the message names what is wrong. */
    static final int EXIT_USAGE = 2;
    /** Exit code for any other failure. */
    static final int EXIT_FAILURE = 1;

    @Option(names = "--config", paramLabel = "FILE", description = "hunt4j.yaml or msticpyconfig.yaml (default: ./hunt4j.yaml when present, or $HUNT4J_CONFIG)")
    Path config;

    @Option(names = "--plugins-dir", paramLabel = "DIR", description = "folder of plugin zips (repeatable; the bundled plugins are always loaded)")
    List<Path> pluginDirs = new ArrayList<>();

    @Option(names = {"-q", "--quiet"}, description = "print no warnings about plugins")
    boolean quiet;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, false), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given output streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Hunt4jCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable e = ex instanceof java.io.UncheckedIOException u ? u.getCause() : ex;
            commandLine.getErr().println("hunt4j: " + message(e));
            if (System.getenv("HUNT4J_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return e instanceof ConfigurationException || e instanceof QueryException || e instanceof IllegalArgumentException
                    || e instanceof java.nio.file.NoSuchFileException ? EXIT_USAGE : EXIT_FAILURE;
        });
        int code = cl.execute(args);
        out.flush();
        return code;
    }

    private static String message(Throwable e) {
        if (e instanceof Hunt4jException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file: " + e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Starts the SDK with this command line's config and plugin folders, then {@code customize}. */
    Hunt4j open(PrintWriter err, java.util.function.Consumer<Hunt4j.Builder> customize) {
        Hunt4j.Builder builder = Hunt4j.builder();
        Path cfg = config;
        if (cfg == null && System.getenv("HUNT4J_CONFIG") != null) {
            cfg = Path.of(System.getenv("HUNT4J_CONFIG"));
        }
        if (cfg == null && Files.isRegularFile(Path.of("hunt4j.yaml"))) {
            cfg = Path.of("hunt4j.yaml");
        }
        if (cfg != null) {
            if (!Files.isRegularFile(cfg)) {
                throw new ConfigurationException("config file " + cfg + " does not exist");
            }
            builder.config(cfg);
        }
        String bundled = System.getProperty("hunt4j.plugins.dir");
        if (bundled != null) {
            builder.pluginsDir(Path.of(bundled));
        }
        pluginDirs.forEach(builder::pluginsDir);
        customize.accept(builder);
        Hunt4j h = builder.build();
        if (!quiet) {
            h.problems().forEach(p -> err.println("hunt4j: warning: " + p));
        }
        return h;
    }
}
