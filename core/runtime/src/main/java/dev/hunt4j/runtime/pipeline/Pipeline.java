package dev.hunt4j.runtime.pipeline;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An investigation pipeline as read from its YAML file: typed parameters, defaults for every query step, and the
 * steps. {@link #load} checks the whole file before anything runs and reports every problem with its line
 * ({@link PipelineException}); {@link PipelineValidator} then checks it against a {@code Hunt4j} (providers, queries,
 * analyzers, renderers) and {@link PipelineRunner} runs it.
 * <pre>
 * name: host-triage
 * title: Host triage
 * parameters:
 *   host: {type: str, description: Host to look at}
 *   time_range: {type: timerange, default: -7d..now, description: When}
 * defaults:
 *   provider: local
 *   time_range: ${time_range}
 * steps:
 *   - type: query
 *     query: list_host_processes
 *     params: {host_name: "${host}"}
 *     output: processes
 *   - type: render
 *     renderer: timeline
 *     input: processes
 * </pre>
 */
public final class Pipeline {
    private final String name;
    private final String title;
    private final String description;
    private final String origin;
    private final List<ParameterSpec> parameters;
    private final Map<String, Object> defaults;
    private final List<StepSpec> steps;

    Pipeline(String name, String title, String description, String origin, List<ParameterSpec> parameters,
             Map<String, Object> defaults, List<StepSpec> steps) {
        this.name = name;
        this.title = title;
        this.description = description;
        this.origin = origin;
        this.parameters = List.copyOf(parameters);
        this.defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
        this.steps = List.copyOf(steps);
    }

    /**
     * Reads and checks a pipeline file.
     *
     * @throws PipelineException listing every problem, each with file and line
     * @throws UncheckedIOException when the file cannot be read
     */
    public static Pipeline load(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, file.toString(), baseName(file.getFileName().toString()));
        } catch (NoSuchFileException e) {
            throw new PipelineException(List.of("no such pipeline file: " + file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads and checks pipeline text; {@code origin} names it in messages (and is its default name). */
    public static Pipeline parse(String yaml, String origin) {
        return parse(new StringReader(yaml), origin, baseName(origin));
    }

    /**
     * Reads and checks a pipeline.
     *
     * @param origin      how messages name the source
     * @param defaultName the name when the file gives none
     */
    public static Pipeline parse(Reader reader, String origin, String defaultName) {
        return PipelineReader.read(reader, origin, defaultName, Clock.systemUTC());
    }

    private static String baseName(String fileName) {
        String n = fileName.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1);
        for (String ext : List.of(".yaml", ".yml")) {
            if (n.endsWith(ext)) {
                return n.substring(0, n.length() - ext.length());
            }
        }
        return n;
    }

    /** The investigation's name (file name without {@code .yaml} when the file gives none). */
    public String name() {
        return name;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    /** Where it was read from. */
    public String origin() {
        return origin;
    }

    public List<ParameterSpec> parameters() {
        return parameters;
    }

    public Optional<ParameterSpec> parameter(String parameterName) {
        return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
    }

    /** {@code provider}, {@code time_range} and {@code rows} for every step that sets none, as written. */
    public Map<String, Object> defaults() {
        return defaults;
    }

    public List<StepSpec> steps() {
        return steps;
    }

    @Override
    public String toString() {
        return "Pipeline[" + name + ", " + steps.size() + " steps, from " + origin + "]";
    }
}
