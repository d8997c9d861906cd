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
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code hunt4j} command line. */
@Command(name = "hunt4j", mixinStandardHelpOptions = true, version = "hunt4j " + Hunt4j.API_VERSION,
        description = "Threat hunting and security investigation from the command line.")
public final class Hunt4jCli {
    /** The subcommands, in the order help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(QueriesCommand.class, QueryCommand.class, ProvidersCommand.class,
            InvestigateCommand.class, IocCommand.class, B64Command.class, MaskCommand.class, ProcTreeCommand.class,
            TimeSeriesCommand.class, SessionsCommand.class, TiCommand.class, RenderCommand.class, SampleDataCommand.class,
            CommandLine.HelpCommand.class);
    /** Top-level options that take a value, so the word after them is not the subcommand. */
    private static final Set<String> OPTIONS_WITH_VALUE = Set.of("--config", "--plugins-dir");

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
        // Building picocli's model of a command reflects over its classes; doing that for every subcommand cost about
        // 0.2 s of each run, so only the one named on the command line is added (all of them for help and errors).
        Class<?> chosen = subcommand(args);
        if (chosen == null) {
            COMMANDS.forEach(c -> cl.addSubcommand(c.getAnnotation(Command.class).name(), new CommandLine(c)));
        } else {
            Object command = instantiate(chosen);
            if (command instanceof Prepares p) {
                prepareInBackground(p);
            }
            cl.addSubcommand(chosen.getAnnotation(Command.class).name(), new CommandLine(command));
        }
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

    /** The subcommand the arguments name, or null when they name none (help, a typo, no arguments). */
    static Class<?> subcommand(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (OPTIONS_WITH_VALUE.contains(a)) {
                i++;
            } else if (!a.startsWith("-")) {
                return COMMANDS.stream().filter(c -> c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(a))
                        .findFirst().orElse(null);
            }
        }
        return null;
    }

    private static Object instantiate(Class<?> command) {
        try {
            var constructor = command.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create command " + command.getName(), e);
        }
    }

    private static void prepareInBackground(Prepares command) {
        Thread t = new Thread(() -> {
            try {
                command.prepare();
            } catch (RuntimeException e) {
                // only a warm-up: the command meets the same problem again and reports it
            }
        }, "hunt4j-prepare");
        t.setDaemon(true);
        t.start();
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
