package dev.hunt4j.provider.defender;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.TimeRange;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.api.query.QueryProvider;
import dev.hunt4j.toolkit.ChunkSettings;
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
import java.util.concurrent.ExecutorService;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * A connected Defender tenant. With {@code api: graph} each query is a {@code POST /v1.0/security/runHuntingQuery}
 * whose {@code Timespan} is the time range (or the chunk's); with {@code api: mde} a
 * {@code POST /api/advancedqueries/run}, and the time range is applied to the result's time column. Thread-safe.
 */
final class DefenderProvider implements QueryProvider {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final DefenderSettings settings;
    private final HttpTransport transport;
    private final RequestAuth auth;
    private final ExecutorService pool;
    private final HttpUrl url;

    DefenderProvider(DefenderSettings settings) {
        this.settings = settings;
        this.transport = new HttpTransport(settings.http(), Redactor.of(settings.raw()));
        this.auth = AzureAuth.from(settings.raw(), transport, settings.cloud().login(), settings.scope(), Clock.systemUTC());
        this.pool = ChunkSettings.newExecutor(settings.raw().name());
        HttpUrl.Builder b = HttpUrl.get(settings.apiUrl() + "/").newBuilder();
        this.url = (settings.api() == DefenderApi.GRAPH
                ? b.addPathSegment("v1.0").addPathSegment("security").addPathSegment("runHuntingQuery")
                : b.addPathSegment("api").addPathSegment("advancedqueries").addPathSegment("run")).build();
    }

    @Override
    public ResultStream execute(String query, QueryOptions options) {
        if (query == null || query.isBlank()) {
            throw new QueryException("the query text is empty");
        }
        DefenderApi api = settings.api();
        QueryScope scope = new QueryScope(api.service(), options, transport.redactor());
        if (api == DefenderApi.MDE) {
            // no time parameter: one request, the range applied to the rows
            return ChunkedResultStream.open(null, settings.chunks(), scope, options.maxRows(), pool,
                    ignored -> run(query, null, options.timeRange(), scope));
        }
        return ChunkedResultStream.open(options.timeRange(), settings.chunks(), scope, options.maxRows(), pool,
                range -> run(query, range, null, scope));
    }

    /**
     * Runs the query once.
     *
     * @param timespan sent as Graph's {@code Timespan} (null: none)
     * @param filter   applied to the rows' time column (null: none)
     */
    private ResultStream run(String query, TimeRange timespan, TimeRange filter, QueryScope scope) {
        byte[] json = body(query, timespan);
        Request request = new Request.Builder().url(url).post(RequestBody.create(json, JSON, 0, json.length))
                .header("Accept", "application/json").build();
        String what = "running the advanced hunting query" + (timespan == null ? "" : " for " + timespan);
        OpenResponse response = transport.send(request, auth, settings.api(), scope, what);
        return new HuntingResult(new JsonBody(response, "the " + settings.api().service() + " response"), settings.api().service(),
                filter, settings.timeColumn());
    }

    private static byte[] body(String query, TimeRange timespan) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(query.length() + 100);
        try (JsonGenerator g = JsonValues.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("Query", query);
            if (timespan != null) {
                g.writeStringField("Timespan", Timestamps.kusto(timespan.start()) + "/" + Timestamps.kusto(timespan.end()));
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
