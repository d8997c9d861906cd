package dev.hunt4j.provider.splunk;

import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.Secret;
import dev.hunt4j.toolkit.testing.Bodies;
import dev.hunt4j.toolkit.testing.Forms;
import dev.hunt4j.toolkit.testing.Routes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A loopback Splunk management API in its documented JSON wire format: {@code POST /services/search/jobs}
 * ({@code 201 {"sid"}}), {@code GET /services/search/jobs/{sid}} (RUNNING on the first poll, then DONE with
 * {@code resultCount}), {@code GET /services/search/v2/jobs/{sid}/results} with {@code offset}/{@code count} (count
 * defaults to 100 as in Splunk, and is capped at {@link #maxResultRows} like {@code limits.conf maxresultrows}),
 * {@code DELETE /services/search/jobs/{sid}} and {@code POST /services/search/v2/jobs/export}. The data: 72 events
 * one per 61 minutes from 2024-03-01 (or {@code rows=N} in the search for N generated events), with {@code _time}
 * in Splunk's format and a multivalue field. A search containing {@code wher } is rejected as Splunk does.
 */
final class FakeSplunk {
    static final String TOKEN = "eyJraWQiOiJzcGx1bmsuc2VjcmV0Iiwi.splunk-token";
    static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");
    static final int ROWS = 72;

    final MockWebServer server;
    final Routes routes = new Routes();
    final Map<String, Job> jobs = new ConcurrentHashMap<>();
    final Set<String> deleted = ConcurrentHashMap.newKeySet();
    final AtomicInteger ids = new AtomicInteger();
    volatile int maxResultRows = 50_000;
    volatile int pollsBeforeDone = 1;
    volatile Function<RecordedRequest, MockResponse> resultsHook;

    /** A search job: its search, time bounds and how many results it has. */
    static final class Job {
        final String search;
        final Double earliest;
        final Double latest;
        final long count;
        final Map<String, String> form;
        final AtomicInteger polls = new AtomicInteger();

        Job(Map<String, String> form) {
            this.form = form;
            this.search = form.get("search");
            this.earliest = form.containsKey("earliest_time") ? Double.parseDouble(form.get("earliest_time")) : null;
            this.latest = form.containsKey("latest_time") ? Double.parseDouble(form.get("latest_time")) : null;
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("rows=(\\d+)").matcher(search);
            long n = 0;
            if (m.find()) {
                n = Long.parseLong(m.group(1));
            } else {
                for (int i = 0; i < ROWS; i++) {
                    if (inRange(i)) {
                        n++;
                    }
                }
            }
            this.count = n;
        }

        boolean inRange(int i) {
            double t = time(i).toEpochMilli() / 1000.0;
            return (earliest == null || t >= earliest) && (latest == null || t < latest);
        }

        /** Row index of the n-th result (in a time-filtered job, results skip rows outside the range). */
        int rowOf(long n) {
            if (search.contains("rows=")) {
                return (int) n;
            }
            int seen = -1;
            for (int i = 0; i < ROWS; i++) {
                if (inRange(i) && ++seen == n) {
                    return i;
                }
            }
            throw new IllegalStateException("no result " + n);
        }
    }

    FakeSplunk(MockWebServer server) {
        this.server = server;
        routes.on("POST", "/services/search/jobs", this::create)
                .on("GET", "/services/search/jobs/", this::status)
                .on("DELETE", "/services/search/jobs/", r -> {
                    deleted.add(r.getUrl().pathSegments().get(3));
                    return Routes.json(200, "{\"messages\":[{\"type\":\"INFO\",\"text\":\"Search job cancelled.\"}]}");
                })
                .on("GET", "/services/search/v2/jobs/", this::results)
                .on("POST", "/services/search/v2/jobs/export", this::export);
        server.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                String auth = r.getHeaders().get("Authorization");
                if (!("Bearer " + TOKEN).equals(auth) && !basic().equals(auth)) {
                    return Routes.json(401, "{\"messages\":[{\"type\":\"WARN\",\"text\":\"call not properly authenticated\"}]}");
                }
                return routes.dispatch(r);
            }
        });
    }

    static String basic() {
        return "Basic " + java.util.Base64.getEncoder().encodeToString("hunter:spl-password-1".getBytes());
    }

    PluginSettings settings(Path dir, Map<String, Object> extra) {
        Map<String, Object> m = new HashMap<>(Map.of("host", server.getHostName(), "port", server.getPort(), "http_scheme", "http",
                "token", new Secret(TOKEN, "env:SPLUNK_TOKEN"), "retry_backoff", "10ms", "poll_interval", "20ms"));
        m.putAll(extra);
        return new PluginSettings("splunk-test", "providers.splunk-test", m, dir);
    }

    static Instant time(int i) {
        return T0.plus(Duration.ofMinutes(61L * i)).plusMillis(250);
    }

    /** Event i as Splunk's JSON output writes it: every value a string, multivalue fields as arrays. */
    static String event(int i) {
        return "{\"_time\":\"" + time(i % ROWS).toString().replace("Z", "+00:00") + "\",\"host\":\"wks-" + (i % 4) + "\","
                + "\"EventCode\":\"" + (i % 3 == 0 ? 4624 : 4688) + "\",\"id\":\"" + i + "\","
                + "\"Process_Command_Line\":\"cmd.exe /c \\\"echo " + i + "\\\"\","
                + (i % 2 == 0 ? "\"tag\":[\"process\",\"endpoint\"]," : "") + "\"_raw\":\"event " + i + "\"}";
    }

    static final List<String> FIELDS = List.of("_time", "host", "EventCode", "id", "Process_Command_Line", "tag", "_raw");

    private MockResponse create(RecordedRequest r) {
        Map<String, String> form = Forms.parse(r);
        String search = form.getOrDefault("search", "");
        if (search.contains("wher ")) {
            return Routes.json(400, "{\"messages\":[{\"type\":\"FATAL\",\"text\":\"Error in 'search' command: Unable to parse the "
                    + "search: unknown command 'wher'.\"}]}");
        }
        if (!search.startsWith("search ") && !search.startsWith("|")) {
            return Routes.json(400, "{\"messages\":[{\"type\":\"FATAL\",\"text\":\"Unknown search command '" + search.split(" ")[0] + "'.\"}]}");
        }
        String sid = "1710000000." + ids.incrementAndGet();
        jobs.put(sid, new Job(form));
        return Routes.json(201, "{\"sid\":\"" + sid + "\"}");
    }

    private MockResponse status(RecordedRequest r) {
        String sid = r.getUrl().pathSegments().get(3);
        Job job = jobs.get(sid);
        if (job == null || deleted.contains(sid)) {
            return Routes.json(404, "{\"messages\":[{\"type\":\"ERROR\",\"text\":\"Unknown sid.\"}]}");
        }
        boolean done = job.polls.incrementAndGet() > pollsBeforeDone;
        boolean failed = job.search.contains("fail_me");
        return Routes.json(200, "{\"links\":{},\"origin\":\"https://localhost:8089/services/search/jobs\",\"entry\":[{\"name\":\""
                + "search\",\"id\":\"https://localhost:8089/services/search/jobs/" + sid + "\",\"content\":{\"dispatchState\":\""
                + (failed ? "FAILED" : done ? "DONE" : "RUNNING") + "\",\"doneProgress\":" + (done ? 1 : 0.4) + ",\"isDone\":" + (done || failed)
                + ",\"isFailed\":" + failed + ",\"isZombie\":false,\"resultCount\":" + (done ? job.count : 0) + ",\"messages\":["
                + (failed ? "{\"type\":\"FATAL\",\"text\":\"Search auto-canceled: the search head ran out of memory\"}" : "")
                + "]}}],\"paging\":{\"total\":1,\"perPage\":0,\"offset\":0}}");
    }

    private MockResponse results(RecordedRequest r) {
        if (resultsHook != null) {
            MockResponse hooked = resultsHook.apply(r);
            if (hooked != null) {
                return hooked;
            }
        }
        String sid = r.getUrl().pathSegments().get(4);
        Job job = jobs.get(sid);
        if (job == null || deleted.contains(sid)) {
            return Routes.json(404, "{\"messages\":[{\"type\":\"ERROR\",\"text\":\"Unknown sid.\"}]}");
        }
        long offset = Long.parseLong(r.getUrl().queryParameter("offset") == null ? "0" : r.getUrl().queryParameter("offset"));
        String c = r.getUrl().queryParameter("count");
        long count = c == null ? 100 : Long.parseLong(c);
        if (count == 0 || count > maxResultRows) {
            count = maxResultRows;
        }
        long end = Math.min(job.count, offset + count);
        long from = offset;
        return new MockResponse.Builder().setHeader("Content-Type", "application/json").body(Bodies.generated(sink -> {
            sink.writeUtf8("{\"preview\":false,\"init_offset\":" + from + ",\"messages\":[],\"fields\":[");
            for (int i = 0; i < FIELDS.size(); i++) {
                sink.writeUtf8((i == 0 ? "" : ",") + "{\"name\":\"" + FIELDS.get(i) + "\"}");
            }
            sink.writeUtf8("],\"results\":[");
            for (long n = from; n < end; n++) {
                sink.writeUtf8(n == from ? "" : ",").writeUtf8(event(job.rowOf(n)));
            }
            sink.writeUtf8("],\"highlighted\":{}}");
        })).build();
    }

    private MockResponse export(RecordedRequest r) {
        Map<String, String> form = Forms.parse(r);
        if (form.getOrDefault("search", "").contains("wher ")) {
            return Routes.json(400, "{\"messages\":[{\"type\":\"FATAL\",\"text\":\"Error in 'search' command: unknown command 'wher'.\"}]}");
        }
        Job job = new Job(form);
        boolean failMidway = job.search.contains("fail_midway");
        return new MockResponse.Builder().setHeader("Content-Type", "application/json").body(Bodies.generated(sink -> {
            sink.writeUtf8("{\"preview\":true,\"offset\":0,\"result\":{\"count\":\"1\"}}\n");
            for (long n = 0; n < job.count; n++) {
                if (failMidway && n == 5) {
                    sink.writeUtf8("{\"preview\":false,\"messages\":[{\"type\":\"ERROR\",\"text\":\"Search process died on indexer idx-2\"}]}\n");
                    return;
                }
                sink.writeUtf8("{\"preview\":false,\"offset\":" + n + (n == job.count - 1 ? ",\"lastrow\":true" : "") + ",\"result\":"
                        + event(job.rowOf(n)) + "}\n");
            }
        })).build();
    }
}
