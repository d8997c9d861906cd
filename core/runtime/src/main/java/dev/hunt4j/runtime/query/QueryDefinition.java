package dev.hunt4j.runtime.query;

import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.TimeRange;
import dev.hunt4j.api.query.QueryLanguage;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One query read from a query file (an entry of {@code sources}), with its file's defaults and metadata
 * merged in and its {@code $<macro>$}s expanded. Immutable.
 *
 * <p>{@link #render} fills the template for a query language: values given by the caller are data and go
 * through the language's escaping; defaults written in the query file are the author's query text and are
 * inserted as written (except datetimes and YAML lists, which are converted and written by the language).
 */
public final class QueryDefinition {
    private final String name;
    private final List<String> families;
    private final String description;
    private final List<String> dataEnvironments;
    private final String origin;
    private final int line;
    private final List<QueryParameter> parameters;
    private final String templateText;
    private final Template template;
    private final Map<String, Object> metadata;
    private final String uri;

    QueryDefinition(String name, List<String> families, String description, List<String> dataEnvironments, String origin,
                    int line, List<QueryParameter> parameters, String templateText, Template template,
                    Map<String, Object> metadata, String uri) {
        this.name = Objects.requireNonNull(name);
        this.families = List.copyOf(families);
        if (this.families.isEmpty()) {
            throw new IllegalArgumentException("a query needs at least one data family");
        }
        this.description = description == null ? "" : description;
        this.dataEnvironments = List.copyOf(dataEnvironments);
        this.origin = origin;
        this.line = line;
        this.parameters = List.copyOf(parameters);
        this.templateText = templateText;
        this.template = template;
        this.metadata = metadata;
        this.uri = uri;
    }

    /** The query's name within its family (the key under {@code sources}). */
    public String name() {
        return name;
    }

    /** The first data family, used in {@link #fullName()}. */
    public String family() {
        return families.get(0);
    }

    /** All data families ({@code data_families}); the query can be looked up under each. */
    public List<String> families() {
        return families;
    }

    /** {@code family + "." + name}. */
    public String fullName() {
        return family() + "." + name;
    }

    /** The names this query answers to: {@code family.name} for every family. */
    List<String> qualifiedNames() {
        return families.stream().map(f -> f + "." + name).toList();
    }

    /** The query's {@code description} (empty when the file has none). */
    public String description() {
        return description;
    }

    /** The data environments ({@code data_environments}), e.g. {@code LogAnalytics}, {@code Splunk}. */
    public List<String> dataEnvironments() {
        return dataEnvironments;
    }

    /** Where the query was read from: a file path, or a plugin's origin and file name. */
    public String origin() {
        return origin;
    }

    /** The line of the query's entry under {@code sources} (1-based). */
    public int line() {
        return line;
    }

    /** The parameters, defaults first, in file order. */
    public List<QueryParameter> parameters() {
        return parameters;
    }

    /** The parameter with this name or alias. */
    public Optional<QueryParameter> parameter(String nameOrAlias) {
        return parameters.stream().filter(p -> p.name().equals(nameOrAlias)).findFirst()
                .or(() -> parameters.stream().filter(p -> p.aliases().contains(nameOrAlias)).findFirst());
    }

    /** The query text with macros expanded and placeholders left in (as MSTICPy shows it). */
    public String template() {
        return templateText;
    }

    /** The merged metadata: file {@code metadata}, then {@code defaults.metadata}, then the query's own. */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** The optional {@code args.uri} of the query, or {@code null}. */
    public String uri() {
        return uri;
    }

    /**
     * Renders the query text for a language.
     *
     * @param values    by parameter name or alias. Text (e.g. from a command line) is converted to the
     *                  parameter's type; typed values (Long, Double, Boolean, Instant, List) are accepted as
     *                  they are; a {@link QueryFragment} is inserted as trusted query text. {@code null}
     *                  values count as not given.
     * @param language  the language whose escaping rules apply
     * @param timeRange fills {@code start} and {@code end} datetime parameters the caller did not give
     *                  (nullable)
     * @throws QueryException naming the query and the parameter: a required parameter the text uses missing, a value of
     *                        the wrong type, an unknown parameter, or a value the language refuses
     */
    public String render(Map<String, ?> values, QueryLanguage language, TimeRange timeRange) {
        return render(values, language, timeRange, Clock.systemUTC());
    }

    /** {@link #render(Map, QueryLanguage, TimeRange)} with a clock for relative times ({@code now}, {@code -7d}). */
    String render(Map<String, ?> values, QueryLanguage language, TimeRange timeRange, Clock clock) {
        Objects.requireNonNull(language, "language");
        Map<String, Object> given = byParameterName(values == null ? Map.of() : values);
        if (timeRange != null) {
            fillTime(given, "start", timeRange.start());
            fillTime(given, "end", timeRange.end());
        }
        List<String> missing = new ArrayList<>();
        for (QueryParameter p : parameters) {
            // a file's defaults often declare start/end for every query; only the ones the text uses are needed
            if (p.required() && !given.containsKey(p.name()) && template.names().contains(p.name())) {
                missing.add("query '" + fullName() + "' needs parameter '" + p.name() + "' (" + p.type() + ")"
                        + (p.description().isBlank() ? "" : ": " + p.description().strip()));
            }
        }
        if (!missing.isEmpty()) {
            throw new QueryException(String.join("; ", missing));
        }
        Map<String, Renderer.Fill> fills = new LinkedHashMap<>();
        for (QueryParameter p : parameters) {
            if (given.containsKey(p.name())) {
                Object v = given.get(p.name());
                fills.put(p.name(), v instanceof QueryFragment f ? new Renderer.Raw(f.text()) : new Renderer.Value(convert(p, v, clock)));
            } else if (template.names().contains(p.name())) {
                fills.put(p.name(), defaultFill(p, clock));
            }
        }
        return Renderer.render(fullName(), template, fills, language);
    }

    private void fillTime(Map<String, Object> given, String name, Object value) {
        Optional<QueryParameter> p = parameters.stream().filter(x -> x.name().equals(name)).findFirst();
        if (p.isPresent() && p.get().type().equals("datetime") && !given.containsKey(name)) {
            given.put(name, value);
        }
    }

    /** The caller's values keyed by parameter name (aliases resolved); unknown names are an error. */
    private Map<String, Object> byParameterName(Map<String, ?> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, String> givenAs = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            String key = e.getKey();
            QueryParameter p = parameter(key).orElse(null);
            if (p == null) {
                List<String> known = new ArrayList<>();
                for (QueryParameter q : parameters) {
                    known.add(q.name());
                    known.addAll(q.aliases());
                }
                List<String> close = Names.suggest(key, known, 3);
                throw new QueryException("query '" + fullName() + "' has no parameter '" + key + "'"
                        + (close.isEmpty() ? "" : "; did you mean: " + String.join(", ", close) + "?")
                        + (parameters.isEmpty() ? " (it takes no parameters)"
                        : " (parameters: " + String.join(", ", parameters.stream().map(QueryParameter::name).toList()) + ")"));
            }
            String before = givenAs.put(p.name(), key);
            if (before != null) {
                throw new QueryException("parameter '" + p.name() + "' of query '" + fullName() + "' is given twice, as '"
                        + before + "' and as '" + key + "'");
            }
            out.put(p.name(), e.getValue());
        }
        return out;
    }

    private Object convert(QueryParameter p, Object value, Clock clock) {
        try {
            return ValueConverter.convert(value, p.type(), clock);
        } catch (IllegalArgumentException e) {
            String shown = value instanceof List ? "a list" : "'" + value + "'";
            throw new QueryException("parameter '" + p.name() + "' of query '" + fullName() + "' expects " + p.type()
                    + ", got " + shown + (e.getMessage() == null || e.getMessage().isEmpty() ? "" : " (" + e.getMessage() + ")"), e);
        }
    }

    private Renderer.Fill defaultFill(QueryParameter p, Clock clock) {
        Object d = p.defaultValue();
        try {
            if (p.type().equals("datetime")) {
                // MSTICPy converts datetime defaults: -7 is a week ago, 0 is now
                return new Renderer.Value(ValueConverter.toInstant(d, clock));
            }
            if (d instanceof String s) {
                return new Renderer.Raw(s); // the author's query text, e.g. "| where EventID == 4625"
            }
            return new Renderer.Value(ValueConverter.convert(d, p.type(), clock));
        } catch (IllegalArgumentException e) {
            throw new QueryException("the default of parameter '" + p.name() + "' of query '" + fullName() + "' ("
                    + origin + ") is not a valid " + p.type() + ": '" + d + "'"
                    + (e.getMessage() == null || e.getMessage().isEmpty() ? "" : " (" + e.getMessage() + ")"), e);
        }
    }

    @Override
    public String toString() {
        return fullName() + " (" + origin + ":" + line + ")";
    }
}
