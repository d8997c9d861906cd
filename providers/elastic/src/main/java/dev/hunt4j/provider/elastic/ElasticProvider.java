package dev.hunt4j.provider.elastic;

import dev.hunt4j.api.NotSupportedException;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.TimeRange;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.api.query.QueryProvider;
import dev.hunt4j.toolkit.ErrorBodies;
import dev.hunt4j.toolkit.QueryScope;
import dev.hunt4j.toolkit.Redactor;
import dev.hunt4j.toolkit.ServiceRejection;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A connected Elasticsearch or OpenSearch cluster. Thread-safe: each query has its own scope and stream. */
final class ElasticProvider implements QueryProvider {
    private final ElasticSettings settings;
    private final ElasticClient client;

    ElasticProvider(ElasticSettings settings, Redactor redactor) {
        this.settings = settings;
        this.client = new ElasticClient(settings, redactor);
    }

    ElasticClient client() {
        return client;
    }

    @Override
    public ResultStream execute(String query, QueryOptions options) {
        ElasticQuery q = ElasticQuery.parse(query);
        if (!client.knowsServer()) {
            // first contact: learn whether it is Elasticsearch or OpenSearch, so every message of the query names it
            QueryScope probe = client.scope(options);
            try {
                client.info(probe);
            } finally {
                probe.close();
            }
        }
        QueryScope scope = client.scope(options);
        try {
            ElasticClient.Info info = client.info(scope);
            return switch (q.kind()) {
                case SEARCH -> search(q, options, scope, info);
                case ESQL -> esql(q, options, scope, info);
                case SQL -> sql(q, options, scope, info);
            };
        } catch (RuntimeException e) {
            scope.close();
            throw e;
        }
    }

    private String timeField(ElasticQuery q) {
        return q.noTimeField() ? null : q.timeField() != null ? q.timeField() : settings.timeField();
    }

    /** The range filter for the query's time range, or null. */
    private Map<String, Object> timeFilter(ElasticQuery q, QueryOptions options) {
        TimeRange range = options.timeRange();
        if (range == null) {
            return null;
        }
        String field = timeField(q);
        if (field == null) {
            throw new QueryException("the query turns the time filter off (\"time_field\": null) but a time range was given; "
                    + "name a time field in the query or run it without a time range");
        }
        // half-open like TimeRange; nanosecond text so date_nanos fields lose nothing
        return Json.object("range", Json.object(field, Json.object("gte", range.start().toString(), "lt", range.end().toString(),
                "format", "strict_date_optional_time_nanos")));
    }

    private static long limit(long a, long b) {
        if (a == 0) {
            return b;
        }
        return b == 0 ? a : Math.min(a, b);
    }

    private ResultStream search(ElasticQuery q, QueryOptions options, QueryScope scope, ElasticClient.Info info) {
        String index = q.index() != null ? q.index() : settings.defaultIndex();
        String timeField = timeField(q);
        Object mapping = client.json(new ElasticClient.Call("GET", "/" + index + "/_mapping", Map.of(), null), scope,
                "reading the mappings of " + index);
        boolean anyIndex = Json.asObject(mapping) != null && !Json.asObject(mapping).isEmpty();
        Set<String> nonEmpty = null;
        if (anyIndex && q.fields().isEmpty() && info.knowsEmptyFields()) {
            nonEmpty = nonEmptyFields(index, scope);
        }
        FieldSchema schema = FieldSchema.build(mapping, nonEmpty, q.fields(), timeField == null ? "" : timeField);
        Map<String, Object> range = timeFilter(q, options);
        if (range != null && anyIndex && !schema.isMapped(timeField)) {
            throw new QueryException("the time range cannot be applied: field '" + timeField + "' is not mapped in " + index
                    + " (set '" + settings.keyPath() + ".time_field' or \"time_field\" in the query to the index's time field)");
        }
        long limit = limit(options.maxRows(), q.size());
        if (!anyIndex) {
            scope.close();
            return ResultStream.of(schema.columns(), List.of());
        }
        List<Object> must = new ArrayList<>();
        if (q.dsl() != null) {
            must.add(q.dsl());
        }
        if (q.queryString() != null) {
            must.add(Json.object("query_string", Json.object("query", q.queryString())));
        }
        Object clause;
        if (range == null && must.size() <= 1) {
            clause = must.isEmpty() ? Json.object("match_all", Json.object()) : must.get(0);
        } else {
            Map<String, Object> bool = new LinkedHashMap<>();
            if (!must.isEmpty()) {
                bool.put("must", must);
            }
            if (range != null) {
                bool.put("filter", List.of(range));
            }
            clause = Json.object("bool", bool);
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("query", clause);
        request.put("track_total_hits", false);
        if (schema.sourceIncludes() != null) {
            request.put("_source", schema.sourceIncludes().isEmpty() ? Boolean.FALSE : Json.object("includes", schema.sourceIncludes()));
        }
        return SearchStream.open(client, info, scope, schema, request, q.sort(), index, limit);
    }

    /** Fields that hold a value somewhere in the indices (Elasticsearch 8.13+), so empty template fields are not columns. */
    private Set<String> nonEmptyFields(String index, QueryScope scope) {
        try {
            Object caps = client.json(new ElasticClient.Call("GET", "/" + index + "/_field_caps",
                    Map.of("fields", "*", "include_empty_fields", "false", "filters", "-metadata"), null), scope,
                    "listing the fields that hold values in " + index);
            if (ErrorBodies.at(caps, "fields") instanceof Map<?, ?> fields) {
                Set<String> out = new HashSet<>();
                for (Object k : fields.keySet()) {
                    out.add(String.valueOf(k));
                }
                return out;
            }
        } catch (ServiceRejection e) {
            // an older node or a proxy that does not know the flag: every mapped field is a column
        }
        return null;
    }

    private ResultStream esql(ElasticQuery q, QueryOptions options, QueryScope scope, ElasticClient.Info info) {
        if (info.isOpenSearch()) {
            throw new NotSupportedException(info.product() + " has no ES|QL (an Elasticsearch 8.11+ language); use the query "
                    + "DSL, lucene: or sql: (with the OpenSearch SQL plugin)");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", q.statement());
        if (q.params() != null) {
            body.put("params", q.params() instanceof Map<?, ?> named ? namedEsqlParams(named) : q.params());
        }
        Map<String, Object> range = timeFilter(q, options);
        if (range != null) {
            body.put("filter", range);
        }
        try {
            return TabularStream.open(client, scope, TabularStream.Format.ESQL, "/_query", Json.write(body), options.maxRows());
        } catch (ServiceRejection e) {
            throw missing(e, "/_query", "ES|QL", info, "ES|QL needs Elasticsearch 8.11 or later with its x-pack-esql module "
                    + "(the default distribution has it; integration-test builds do not)");
        }
    }

    private static List<Object> namedEsqlParams(Map<?, ?> named) {
        List<Object> out = new ArrayList<>();
        named.forEach((k, v) -> out.add(Json.object(String.valueOf(k), v)));
        return out;
    }

    private ResultStream sql(ElasticQuery q, QueryOptions options, QueryScope scope, ElasticClient.Info info) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", q.statement());
        body.put("fetch_size", settings.pageSize());
        if (q.params() != null) {
            if (!(q.params() instanceof List<?> list)) {
                throw new QueryException("SQL takes positional parameters (? in the statement, \"params\": [...]), not named ones");
            }
            if (info.isOpenSearch()) {
                body.put("parameters", openSearchParams(list));
            } else {
                body.put("params", list);
            }
        }
        Map<String, Object> range = timeFilter(q, options);
        if (range != null) {
            body.put("filter", range);
        }
        String path = info.isOpenSearch() ? "/_plugins/_sql" : "/_sql";
        try {
            return TabularStream.open(client, scope, info.isOpenSearch() ? TabularStream.Format.OPENSEARCH_SQL
                    : TabularStream.Format.ES_SQL, path, Json.write(body), options.maxRows());
        } catch (ServiceRejection e) {
            throw missing(e, path, "SQL", info, info.isOpenSearch()
                    ? "SQL needs the OpenSearch SQL plugin (opensearch-sql; the full distribution has it, the minimal one does not)"
                    : "SQL needs Elasticsearch's x-pack-sql module (the default distribution has it; integration-test builds do not)");
        }
    }

    /** OpenSearch's SQL plugin wants typed parameters. */
    private static List<Object> openSearchParams(List<?> values) {
        List<Object> out = new ArrayList<>();
        for (Object v : values) {
            String type = v instanceof Long ? "long" : v instanceof BigDecimal ? "double" : v instanceof Boolean ? "boolean"
                    : v == null ? "null" : "string";
            out.add(Json.object("type", type, "value", v));
        }
        return out;
    }

    /**
     * A rejection that means the endpoint does not exist on this cluster (rather than a bad query) becomes a clear
     * "not supported"; anything else passes through.
     */
    private static RuntimeException missing(ServiceRejection e, String path, String language, ElasticClient.Info info, String needs) {
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        boolean noEndpoint = e.status() == 405 || m.contains("no handler found for uri")
                || m.contains("incorrect http method for uri [" + path) || e.status() == 404 && !m.contains("index_not_found")
                && !m.contains("verification_exception") && !m.contains("unknown index");
        if (!noEndpoint) {
            return e;
        }
        return new NotSupportedException("this cluster (" + info.product() + ") has no " + language + " endpoint: POST " + path
                + " answered HTTP " + e.status() + ". " + needs + ". Use the query DSL or lucene: instead.");
    }

    @Override
    public void close() {
        client.close();
    }
}
