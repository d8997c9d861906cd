package dev.hunt4j.runtime.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The value of every parameter of an investigation, typed, and where each came from.
 */
public final class ResolvedParameters {
    /** Where a value came from, strongest first. */
    public enum Source {
        /** {@code --param name=value}, or a value given by an embedding application. */
        GIVEN,
        /** The params file. */
        FILE,
        /** The environment ({@code HUNT4J_PARAM_<NAME>}). */
        ENVIRONMENT,
        /** Typed at a prompt. */
        PROMPT,
        /** The value last used, taken at a prompt. */
        REMEMBERED,
        /** The parameter's default. */
        DEFAULT
    }

    private final Map<String, Object> values;
    private final Map<String, Source> sources;
    private final Map<String, String> written;

    /** Values (a {@code null} value is a time range meaning "all") and their sources, in declaration order. */
    public ResolvedParameters(Map<String, Object> values, Map<String, Source> sources) {
        this(values, sources, Map.of());
    }

    /**
     * @param written the values as they were written ({@code -7d} rather than the range it meant on the day), by name
     */
    public ResolvedParameters(Map<String, Object> values, Map<String, Source> sources, Map<String, String> written) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        this.written = Collections.unmodifiableMap(new LinkedHashMap<>(written));
    }

    /** Typed values by name; may hold {@code null} (a time range of all time). */
    public Map<String, Object> values() {
        return values;
    }

    public Object get(String name) {
        return values.get(name);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Source source(String name) {
        return sources.get(name);
    }

    /** The values as text, in the form {@code --param} takes (for remembering and for the report). */
    public Map<String, String> texts() {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, ParameterSpec.text(v)));
        return out;
    }

    /**
     * The values as they were written, for remembering: a relative time stays relative ({@code -7d}), so a re-run
     * next week looks at next week. Values without a written form are given in their text form.
     */
    public Map<String, String> writtenTexts() {
        Map<String, String> out = texts();
        out.putAll(written);
        return out;
    }

    @Override
    public String toString() {
        return texts().toString();
    }
}
