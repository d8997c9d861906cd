package dev.hunt4j.provider.sentinel;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.TimeRange;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.api.query.QueryProvider;
import dev.hunt4j.toolkit.ChunkedResultStream;
import dev.hunt4j.toolkit.HttpTransport;
import dev.hunt4j.toolkit.JsonBody;
import dev.hunt4j.toolkit.JsonValues;
import dev.hunt4j.toolkit.OpenResponse;
import dev.hunt4j.toolkit.QueryScope;
import dev.hunt4j.toolkit.Redactor;
import dev.hunt4j.toolkit.RequestAuth;
import dev.hunt4j.toolkit.Timestamps;
import dev.hunt4j.toolkit.auth.AzureAuth;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * A connected Log Analytics workspace. Each query is a {@code POST {api}/v1/workspaces/{id}/query} with the KQL text,
 * the time range as {@code timespan} and the extra workspaces; the response is streamed row by row. Long time ranges
 * are split by the toolkit's {@link ChunkedResultStream} when {@code split_by} is set. Thread-safe.
 */
final class SentinelProvider implements QueryProvider {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final SentinelSettings settings;
    private final HttpTransport transport;
    private final RequestAuth auth;
    private final LogAnalyticsErrors errors;
    private final ExecutorService pool;
    private final HttpUrl queryUrl;

    SentinelProvider(SentinelSettings settings) {
        this.settings = settings;
        this.transport = new HttpTransport(settings.http(), Redactor.of(settings.raw()));
        this.auth = AzureAuth.from(settings.raw(), transport, settings.cloud().login(), settings.apiUrl() + "/.default",
                Clock.systemUTC());
        this.errors = new LogAnalyticsErrors(settings.workspaceLabel(), settings.raw().keyPath());
        this.pool = dev.hunt4j.toolkit.ChunkSettings.newExecutor(settings.raw().name());
        this.queryUrl = HttpUrl.get(settings.apiUrl() + "/").newBuilder()
                .addPathSegment("v1").addPathSegment("workspaces").addPathSegment(settings.workspaceId()).addPathSegment("query")
                .build();
    }

    @Override
    public ResultStream execute(String query, QueryOptions options) {
        if (query == null || query.isBlank()) {
            throw new QueryException("the query text is empty");
        }
        QueryScope scope = new QueryScope(LogAnalyticsErrors.SERVICE, options, transport.redactor());
        return ChunkedResultStream.open(options.timeRange(), settings.chunks(), scope, options.maxRows(), pool,
                range -> run(query, range, scope));
    }

    /** Runs the query for one time range (null: none) and returns its rows as they arrive. */
    private ResultStream run(String query, TimeRange range, QueryScope scope) {
        Duration wait = settings.serverTimeout();
        Duration left = scope.deadline().remaining();
        if (left.compareTo(wait) < 0) {
            wait = left;
        }
        byte[] json = body(query, range);
        Request request = new Request.Builder().url(queryUrl)
                .post(RequestBody.create(json, JSON, 0, json.length))
                .header("Accept", "application/json")
                // the service's own time limit; by default it stops a query after 3 minutes
                .header("Prefer", "wait=" + Math.max(1, (wait.toMillis() + 999) / 1000))
                .build();
        String what = "running the query on workspace " + settings.workspaceLabel() + (range == null ? "" : " for " + range);
        OpenResponse response = transport.send(request, auth, errors, scope, what);
        return new LogAnalyticsResult(new JsonBody(response, "the Log Analytics response"));
    }

    private byte[] body(String query, TimeRange range) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(query.length() + 200);
        try (JsonGenerator g = JsonValues.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("query", query);
            if (range != null) {
                g.writeStringField("timespan", Timestamps.kusto(range.start()) + "/" + Timestamps.kusto(range.end()));
            }
            if (!settings.workspaces().isEmpty()) {
                g.writeArrayFieldStart("workspaces");
                for (String w : settings.workspaces()) {
                    g.writeString(w);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a request body", e);
        }
        return out.toByteArray();
    }

    /** Responses handed out and not closed yet (for the TCK's resource check). */
    int openResponses() {
        return transport.openResponses();
    }

    @Override
    public void close() {
        pool.shutdownNow();
        transport.close();
    }
}
