package dev.hunt4j.runtime.pipeline;

import dev.hunt4j.runtime.config.Suggestions;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Finds a value for every parameter of a pipeline, from (strongest first) values given on the command line, a
 * params file, the environment ({@code HUNT4J_PARAM_<NAME>}, upper case), a prompt (only with a {@link Prompter}:
 * it suggests the last-used value, else the default), and the default. With no prompter nothing waits for a person,
 * so the same investigation runs unattended in CI or a scheduler. Every problem (an unknown name, a bad value, a
 * required parameter without a value) is collected and thrown together as a {@link PipelineException}.
 * <pre>
 * ResolvedParameters values = ParameterResolver.of(pipeline)
 *         .given(Map.of("host", "WKS-07"))
 *         .file(Path.of("params.yaml"))
 *         .resolve();
 * </pre>
 */
public final class ParameterResolver {
    /** The environment variable prefix: {@code HUNT4J_PARAM_HOST} sets {@code host}. */
    public static final String ENV_PREFIX = "HUNT4J_PARAM_";

    private final Pipeline pipeline;
    private final Map<String, Object> given = new LinkedHashMap<>();
    private final Map<String, Object> fromFile = new LinkedHashMap<>();
    private String fileName;
    private UnaryOperator<String> environment = name -> null;
    private Map<String, String> remembered = Map.of();
    private Prompter prompter;
    private Clock clock = Clock.systemUTC();
    private final List<String> problems = new ArrayList<>();

    private ParameterResolver(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    public static ParameterResolver of(Pipeline pipeline) {
        return new ParameterResolver(pipeline);
    }

    /** Values given directly ({@code --param name=value}); text or typed values. */
    public ParameterResolver given(Map<String, ?> values) {
        given.putAll(values);
        return this;
    }

    /**
     * A params file: YAML ({@code name: value}, lists allowed) or, for {@code .properties} and {@code .env} files,
     * {@code name=value} lines.
     *
     * @throws PipelineException when the file cannot be read or is not a mapping
     */
    public ParameterResolver file(Path file) {
        this.fileName = file.toString();
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (n.endsWith(".properties") || n.endsWith(".env")) {
                Properties p = new Properties();
                p.load(r);
                p.stringPropertyNames().forEach(k -> fromFile.put(k, p.getProperty(k)));
            } else {
                Object root = new Yaml(new LoaderOptions()).load(r);
                if (root instanceof Map<?, ?> m) {
                    m.forEach((k, v) -> fromFile.put(String.valueOf(k), v));
                } else if (root != null) {
                    throw new PipelineException(List.of(file + ": a params file is a mapping of parameter name to value (name: value)"));
                }
            }
        } catch (NoSuchFileException e) {
            throw new PipelineException(List.of("no such params file: " + file));
        } catch (YAMLException e) {
            throw new PipelineException(List.of(file + ": malformed YAML: " + e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read params file " + file + ": " + e.getMessage(), e);
        }
        return this;
    }

    /** Where {@code HUNT4J_PARAM_<NAME>} variables are looked up ({@code System::getenv} from the command line). */
    public ParameterResolver environment(UnaryOperator<String> lookup) {
        this.environment = lookup;
        return this;
    }

    /** Values last used, suggested at prompts (see {@link RememberedParameters}). */
    public ParameterResolver remembered(Map<String, String> values) {
        this.remembered = Map.copyOf(values);
        return this;
    }

    /** Asks for values not given (null: never ask). */
    public ParameterResolver prompter(Prompter value) {
        this.prompter = value;
        return this;
    }

    /** The clock relative times are read with. */
    public ParameterResolver clock(Clock value) {
        this.clock = value;
        return this;
    }

    /** The environment variable for a parameter. */
    public static String environmentName(String parameter) {
        return ENV_PREFIX + parameter.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /**
     * Resolves every parameter.
     *
     * @throws PipelineException listing every problem
     */
    public ResolvedParameters resolve() {
        List<String> names = pipeline.parameters().stream().map(ParameterSpec::name).toList();
        checkNames(given.keySet(), names, "--param");
        checkNames(fromFile.keySet(), names, "params file " + fileName);
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, ResolvedParameters.Source> sources = new LinkedHashMap<>();
        Map<String, String> written = new LinkedHashMap<>();
        for (ParameterSpec p : pipeline.parameters()) {
            Object raw = null;
            ResolvedParameters.Source source = null;
            String where = null;
            if (given.containsKey(p.name())) {
                raw = given.get(p.name());
                source = ResolvedParameters.Source.GIVEN;
                where = "--param " + p.name();
            } else if (fromFile.containsKey(p.name())) {
                raw = fromFile.get(p.name());
                source = ResolvedParameters.Source.FILE;
                where = "params file " + fileName;
            } else if (environment.apply(environmentName(p.name())) != null) {
                raw = environment.apply(environmentName(p.name()));
                source = ResolvedParameters.Source.ENVIRONMENT;
                where = "environment variable " + environmentName(p.name());
            }
            if (source != null) {
                try {
                    values.put(p.name(), p.convert(raw, clock));
                    sources.put(p.name(), source);
                    written.put(p.name(), raw == null ? "" : ParameterSpec.text(raw));
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage() + " (from " + where + ")");
                }
                continue;
            }
            if (prompter != null && p.prompt()) {
                if (ask(p, values, sources, written)) {
                    continue;
                }
            }
            if (p.hasDefault()) {
                try {
                    values.put(p.name(), p.convert(p.defaultValue(), clock));
                    sources.put(p.name(), ResolvedParameters.Source.DEFAULT);
                    written.put(p.name(), p.defaultText());
                } catch (IllegalArgumentException e) {
                    problems.add(pipeline.origin() + ":" + p.line() + ": bad default: " + e.getMessage());
                }
                continue;
            }
            problems.add("parameter '" + p.name() + "' is required" + (p.description().isEmpty() ? "" : " (" + p.description() + ")")
                    + ": give --param " + p.name() + "=VALUE, put it in a params file, or set " + environmentName(p.name()));
        }
        if (!problems.isEmpty()) {
            throw new PipelineException(problems);
        }
        return new ResolvedParameters(values, sources, written);
    }

    /** Prompts until a valid answer (three tries); false when the prompt gave nothing usable. */
    private boolean ask(ParameterSpec p, Map<String, Object> values, Map<String, ResolvedParameters.Source> sources,
                        Map<String, String> written) {
        String last = remembered.get(p.name());
        if (last != null) {
            try {
                p.convert(last, clock);
            } catch (IllegalArgumentException e) {
                last = null; // the parameter changed type since: do not suggest it
            }
        }
        String suggestion = last != null ? last : p.defaultText();
        for (int attempt = 0; attempt < 3; attempt++) {
            String answer = prompter.ask(p, suggestion);
            String chosen = answer != null ? answer : suggestion;
            if (chosen == null) {
                return false;
            }
            try {
                values.put(p.name(), p.convert(chosen, clock));
                written.put(p.name(), chosen);
                sources.put(p.name(), answer != null ? ResolvedParameters.Source.PROMPT
                        : last != null ? ResolvedParameters.Source.REMEMBERED : ResolvedParameters.Source.DEFAULT);
                return true;
            } catch (IllegalArgumentException e) {
                prompter.problem(e.getMessage());
                if (answer == null) {
                    return false;
                }
            }
        }
        return false;
    }

    private void checkNames(Iterable<String> keys, List<String> names, String where) {
        for (String k : keys) {
            if (!names.contains(k)) {
                problems.add(where + ": '" + k + "' is not a parameter of " + pipeline.name() + Suggestions.didYouMean(k, names)
                        + (names.isEmpty() ? " (it has none)" : "; parameters: " + String.join(", ", names)));
            }
        }
    }
}
