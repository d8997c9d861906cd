package dev.hunt4j.provider.splunk;

import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.Secret;
import dev.hunt4j.api.TimeRange;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.api.query.QueryProvider;
import dev.hunt4j.toolkit.ChunkSettings;
import dev.hunt4j.toolkit.ChunkedResultStream;
import dev.hunt4j.toolkit.ErrorBodies;
import dev.hunt4j.toolkit.HttpTransport;
import dev.hunt4j.toolkit.JsonBody;
import dev.hunt4j.toolkit.OpenResponse;
import dev.hunt4j.toolkit.QueryScope;
import dev.hunt4j.toolkit.Redactor;
import dev.hunt4j.toolkit.RequestAuth;
import dev.hunt4j.toolkit.ServiceRejection;
import dev.hunt4j.toolkit.Timestamps;
import dev.hunt4j.toolkit.auth.BasicAuth;
import dev.hunt4j.toolkit.auth.BearerToken;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connected Splunk search head. In {@code jobs} mode a query creates a search job ({@code POST search/jobs}), polls
 * it until done, then reads every result page ({@code search/v2/jobs/{sid}/results}, falling back to the v1 path on
 * servers before 9.0) and deletes the job. In {@code export} mode it streams {@code search/v2/jobs/export}. The time
 * range becomes {@code earliest_time}/{@code latest_time}. Thread-safe.
 */
final class SplunkProvider implements QueryProvider {
    private static final Logger LOG = LoggerFactory.getLogger(SplunkProvider.class);
    private static final int SMALL_BODY = 4 << 20;
    private static final String JOB_TTL_SECONDS = "600";

    private final SplunkSettings settings;
    private final HttpTransport transport;
    private final RequestAuth auth;
    private final SplunkErrors errors;
    private final ExecutorService pool;
    // servers before Splunk 9.0 have no search/v2 paths; learnt from the first 404
    private volatile boolean v1Paths;

    SplunkProvider(SplunkSettings settings, Redactor redactor) {
        this.settings = settings;
        this.transport = new HttpTransport(settings.http(), redactor);
        this.errors = new SplunkErrors(settings.keyPath());
        if (settings.token().isPresent()) {
            Secret t = settings.token().get();
            redactor.add(t);
            this.auth = new BearerToken(t, "Splunk token (setting '" + settings.keyPath() + ".token', " + t.source() + ")");
        } else {
            Secret pw = settings.password().orElseThrow();
            String user = settings.username().orElseThrow();
            this.auth = new BasicAuth(user, pw, "user '" + user + "' with password (setting '" + settings.keyPath() + ".password', "
                    + pw.source() + ")", redactor);
        }
        this.pool = ChunkSettings.newExecutor("splunk");
    }

    @Override
    public ResultStream execute(String query, QueryOptions options) {
        if (query == null || query.isBlank()) {
            throw new QueryException("the query text is empty");
        }
        String search = searchCommand(query);
        QueryScope scope = new QueryScope(SplunkErrors.SERVICE, options, transport.redactor());
        long maxRows = options.maxRows();
        return ChunkedResultStream.open(options.timeRange(), settings.chunks(), scope, maxRows, pool,
                range -> settings.export() ? export(search, range, scope) : job(search, range, maxRows, scope));
    }

    /** Splunk runs a search string only when it starts with a command: plain terms need {@code search} in front. */
    static String searchCommand(String query) {
        String q = query.strip();
        String lower = q.toLowerCase(Locale.ROOT);
        return q.startsWith("|") || lower.startsWith("search ") || lower.startsWith("search\n") ? q : "search " + q;
    }

    private ResultStream job(String search, TimeRange range, long maxRows, QueryScope scope) {
        FormBody.Builder form = new FormBody.Builder().add("search", search).add("output_mode", "json").add("exec_mode", "normal")
                .add("max_count", Long.toString(maxRows > 0 ? maxRows : settings.maxCount())).add("timeout", JOB_TTL_SECONDS);
        timeRange(form, range);
        Request create = new Request.Builder().url(path("search", "jobs")).post(form.build()).build();
        String created = transport.send(create, auth, errors, scope, "creating the search job" + forRange(range))
                .text(SMALL_BODY, "the Splunk job creation answer");
        String sid = ErrorBodies.text(ErrorBodies.parse(created), "sid");
        if (sid == null || sid.isBlank()) {
            throw scope.error("Splunk answered the job creation without a sid: " + dev.hunt4j.toolkit.Texts.abbreviate(created, 300));
        }
        try {
            long count = waitUntilDone(sid, scope);
            return new SplunkJobResult(this, sid, maxRows > 0 ? Math.min(count, maxRows) : count, scope);
        } catch (RuntimeException e) {
            deleteJob(sid);
            throw e;
        }
    }

    /** Polls the job until it is done; returns its result count. */
    private long waitUntilDone(String sid, QueryScope scope) {
        Duration wait = Duration.ofMillis(50);
        HttpUrl status = path("search", "jobs", sid).newBuilder().addQueryParameter("output_mode", "json").build();
        while (true) {
            String text = transport.send(new Request.Builder().url(status).get().build(), auth, errors, scope, "polling search job " + sid)
                    .text(SMALL_BODY, "the Splunk job status");
            Object content = ErrorBodies.at(ErrorBodies.parse(text), "entry", "0", "content");
            if (content == null) {
                throw scope.error("the Splunk status of job " + sid + " has no entry content");
            }
            String state = String.valueOf(ErrorBodies.text(content, "dispatchState")).toUpperCase(Locale.ROOT);
            Object messages = ErrorBodies.at(content, "messages");
            if ("true".equals(ErrorBodies.text(content, "isFailed")) || state.equals("FAILED")) {
                String why = SplunkErrors.texts(messages, false);
                throw scope.error("Splunk search job " + sid + " failed" + (why == null ? "" : ": " + why));
            }
            if ("true".equals(ErrorBodies.text(content, "isZombie"))) {
                throw scope.error("Splunk search job " + sid + " died (zombie job): the search process ended without finishing");
            }
            if ("true".equals(ErrorBodies.text(content, "isDone")) || state.equals("DONE")) {
                String warnings = SplunkErrors.texts(messages, false);
                if (warnings != null) {
                    LOG.warn(scope.redact("Splunk search job " + sid + " finished with messages: " + warnings));
                }
                String count = ErrorBodies.text(content, "resultCount");
                try {
                    return Long.parseLong(count == null ? "" : count.replaceAll("\\.0$", ""));
                } catch (NumberFormatException e) {
                    throw scope.error("the Splunk status of job " + sid + " has no resultCount");
                }
            }
            scope.sleep(wait, "waiting for search job " + sid);
            wait = wait.multipliedBy(2).compareTo(settings.pollInterval()) > 0 ? settings.pollInterval() : wait.multipliedBy(2);
        }
    }

    /** Opens one results page; {@code layout} is the first page's, or null for the first page. */
    SplunkPage openPage(String sid, long offset, int count, SplunkRows layout, QueryScope scope) {
        String what = "reading results " + offset + ".." + (offset + count) + " of search job " + sid;
        while (true) {
            boolean v1 = v1Paths;
            HttpUrl url = (v1 ? path("search", "jobs", sid, "results") : path("search", "v2", "jobs", sid, "results")).newBuilder()
                    .addQueryParameter("output_mode", "json").addQueryParameter("offset", Long.toString(offset))
                    .addQueryParameter("count", Integer.toString(count)).build();
            try {
                OpenResponse r = transport.send(new Request.Builder().url(url).get().build(), auth, errors, scope, what);
                return new SplunkPage(new JsonBody(r, "the Splunk results page"), offset, layout);
            } catch (ServiceRejection e) {
                if (e.status() != 404 || v1) {
                    throw e;
                }
                LOG.info("Splunk has no search/v2 results path (before 9.0?); using search/jobs/{sid}/results");
                v1Paths = true;
            }
        }
    }

    private ResultStream export(String search, TimeRange range, QueryScope scope) {
        FormBody.Builder form = new FormBody.Builder().add("search", search).add("output_mode", "json");
        timeRange(form, range);
        FormBody body = form.build();
        String what = "streaming the export" + forRange(range);
        while (true) {
            boolean v1 = v1Paths;
            Request req = new Request.Builder().url(v1 ? path("search", "jobs", "export") : path("search", "v2", "jobs", "export"))
                    .post(body).build();
            try {
                return new SplunkExportResult(new JsonBody(transport.send(req, auth, errors, scope, what), "the Splunk export stream"));
            } catch (ServiceRejection e) {
                if (e.status() != 404 || v1) {
                    throw e;
                }
                v1Paths = true;
            }
        }
    }

    private static void timeRange(FormBody.Builder form, TimeRange range) {
        if (range != null) {
            form.add("earliest_time", epoch(range.start())).add("latest_time", epoch(range.end()));
        }
    }

    /**
     * Epoch seconds with microseconds, the UTC form Splunk's time bounds accept; rounded up to Splunk's microsecond
     * grid so a half-open range keeps exactly its events (see {@link Timestamps#ceil}).
     */
    static String epoch(Instant t) {
        Instant c = Timestamps.ceil(t, 1000);
        String micros = String.format("%06d", c.getNano() / 1000);
        return c.getEpochSecond() + "." + (micros.endsWith("000") ? micros.substring(0, 3) : micros);
    }

    private static String forRange(TimeRange range) {
        return range == null ? "" : " for " + range;
    }

    private HttpUrl path(String... segments) {
        HttpUrl.Builder b = settings.base().newBuilder();
        for (String s : segments) {
            b.addPathSegment(s);
        }
        return b.build();
    }

    /** Deletes a job in the background (best effort: Splunk expires it anyway after its time to live). */
    void deleteJob(String sid) {
        Request r = auth.authorize(new Request.Builder().url(path("search", "jobs", sid)).delete().build(), null);
        transport.client().newCall(r).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                LOG.debug("could not delete Splunk job {}: {}", sid, e.toString());
            }

            @Override
            public void onResponse(Call call, Response response) {
                response.close();
            }
        });
    }

    int pageSize() {
        return settings.pageSize();
    }

    int maxRetries() {
        return settings.http().maxRetries();
    }

    /** Responses handed out and not closed yet (for the TCK's resource check). */
    int openResponses() {
        return transport.openResponses();
    }

    @Override
    public void close() {
        pool.shutdownNow();
        // let pending job deletions go out before the client stops
        transport.client().dispatcher().executorService().shutdown();
        try {
            transport.client().dispatcher().executorService().awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transport.close();
    }
}
