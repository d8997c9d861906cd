package dev.hunt4j.ti.openpagerank;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.Hunt4jException;
import dev.hunt4j.api.IocType;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.enrich.Enricher;
import dev.hunt4j.api.enrich.LookupStatus;
import dev.hunt4j.api.enrich.TiResult;
import dev.hunt4j.titoolkit.Json;
import dev.hunt4j.titoolkit.Reply;
import dev.hunt4j.titoolkit.ServiceErrorText;
import dev.hunt4j.titoolkit.TiHttp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Open PageRank: {@code GET api/v1.0/getPageRank?domains[]=a&domains[]=b...}, key in the {@code API-OPR} header, up to
 * 100 domains per request. Lookups running at the same time share a request: the first one waits up to
 * {@code batch_wait} for others (or until the batch is full), sends it, and hands every lookup its record.
 * A domain with a rank is found, severity information; an unranked one ({@code status_code 404} in its record) is not
 * found, severity warning — unranked domains are new or obscure, as MSTICPy rates them.
 */
final class OpenPageRankEnricher implements Enricher {
    static final String DEFAULT_URL = "https://openpagerank.com/";

    /** Domains waiting to share one request. */
    private static final class Batch {
        final Map<String, CompletableFuture<Object>> items = new LinkedHashMap<>();
        boolean sealed;
    }

    private final TiHttp http;
    private final int batchSize;
    private final long waitNanos;
    private final Object lock = new Object();
    private final AtomicLong requests = new AtomicLong();
    private Batch open;

    OpenPageRankEnricher(PluginSettings settings) {
        this.http = new TiHttp(settings, new ServiceErrorText("Open PageRank", "check api_key (domcop.com, Open PageRank API key)"),
                "base_url", DEFAULT_URL, TiHttp.headerKey(settings, "api_key", "API-OPR"));
        long size = settings.longValue("batch_size", 100);
        if (size < 1 || size > 100) {
            throw new ConfigurationException("setting '" + settings.keyPath() + ".batch_size' must be between 1 and 100, got " + size);
        }
        this.batchSize = (int) size;
        this.waitNanos = settings.duration("batch_wait", Duration.ofMillis(50)).toNanos();
    }

    @Override
    public TiResult lookup(String observable, IocType type) {
        if (type != IocType.DNS) {
            return http.unsupported(observable, type, "Open PageRank");
        }
        String key = observable.toLowerCase(Locale.ROOT);
        Batch batch;
        CompletableFuture<Object> mine;
        boolean leader;
        synchronized (lock) {
            leader = open == null;
            if (leader) {
                open = new Batch();
            }
            batch = open;
            mine = batch.items.computeIfAbsent(key, k -> new CompletableFuture<>());
            if (batch.items.size() >= batchSize) {
                seal(batch);
            }
        }
        if (leader) {
            awaitOthers(batch);
            send(batch);
        }
        Object answer;
        try {
            answer = mine.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new Hunt4jException("Open PageRank lookup failed: " + e.getCause(), e.getCause());
        }
        if (answer instanceof Reply r) {
            return r.malformed() ? http.failed(observable, type, LookupStatus.ERROR, r.message()) : http.unusual(observable, type, r);
        }
        JsonNode record = (JsonNode) answer;
        String reference = "https://openpagerank.com/api/v1.0/getPageRank?domains[0]=" + observable;
        if (record == null || record.path("status_code").asInt(404) != 200) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("ranked", false);
            details.put("error", record == null ? "not in the answer" : record.path("error").asText(""));
            return new TiResult(observable, type, http.provider(), null, false, Severity.WARNING, details,
                    record == null ? null : record.toString(), reference, LookupStatus.OK, null);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        Json.put(details, "rank", record.path("rank"));
        Json.put(details, "page_rank_decimal", record.path("page_rank_decimal"));
        Json.put(details, "page_rank_integer", record.path("page_rank_integer"));
        return new TiResult(observable, type, http.provider(), null, true, Severity.INFORMATION, details, record.toString(),
                reference, LookupStatus.OK, null);
    }

    private void seal(Batch b) {
        b.sealed = true;
        if (open == b) {
            open = null;
        }
        lock.notifyAll();
    }

    private void awaitOthers(Batch b) {
        synchronized (lock) {
            long end = System.nanoTime() + waitNanos;
            while (!b.sealed) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    lock.wait(left / 1_000_000, (int) (left % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            seal(b);
        }
    }

    private void send(Batch b) {
        try {
            HttpUrl.Builder url = http.url("api/v1.0/getPageRank");
            b.items.keySet().forEach(d -> url.addQueryParameter("domains[]", d));
            requests.incrementAndGet();
            Reply r = http.send(new Request.Builder().url(url.build()).get().build(), "ranking " + b.items.size() + " domain(s)");
            if (!r.ok()) {
                b.items.values().forEach(f -> f.complete(r));
                return;
            }
            Map<String, JsonNode> byDomain = new LinkedHashMap<>();
            for (JsonNode rec : r.json().path("response")) {
                byDomain.put(rec.path("domain").asText().toLowerCase(Locale.ROOT), rec);
            }
            b.items.forEach((d, f) -> f.complete(byDomain.get(d)));
        } catch (RuntimeException e) {
            b.items.values().forEach(f -> f.completeExceptionally(e));
        }
    }

    /** Requests sent so far (for tests: fewer than lookups when they were batched). */
    long requests() {
        return requests.get();
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "OpenPageRank[" + http.provider() + "]";
    }
}
