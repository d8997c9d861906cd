package dev.hunt4j.ti.openpagerank;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.Hunt4jException;
import dev.hunt4j.api.IocType;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.enrich.Enricher;
import dev.hunt4j.api.enrich.LookupBatcher;
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
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Open PageRank: {@code GET api/v1.0/getPageRank?domains[]=a&domains[]=b...}, key in the {@code API-OPR} header, up to
 * 100 domains per request. Lookups running at the same time share a request ({@link LookupBatcher}): the first one
 * waits up to {@code batch_wait} for others (or until the batch is full), sends it, and hands every lookup its record.
 * A domain with a rank is found, severity information; an unranked one ({@code status_code 404} in its record) is not
 * found, severity warning — unranked domains are new or obscure, as MSTICPy rates them.
 */
final class OpenPageRankEnricher implements Enricher {
    static final String DEFAULT_URL = "https://openpagerank.com/";

    private final TiHttp http;
    private final AtomicLong requests = new AtomicLong();
    /** Domains (lower-case) sharing one request; the answer is the domain's record or the service's unusual reply. */
    private final LookupBatcher<String, Object> batcher;

    OpenPageRankEnricher(PluginSettings settings) {
        this.http = new TiHttp(settings, new ServiceErrorText("Open PageRank", "check api_key (domcop.com, Open PageRank API key)"),
                "base_url", DEFAULT_URL, TiHttp.headerKey(settings, "api_key", "API-OPR"));
        long size = settings.longValue("batch_size", 100);
        if (size < 1 || size > 100) {
            throw new ConfigurationException("setting '" + settings.keyPath() + ".batch_size' must be between 1 and 100, got " + size);
        }
        this.batcher = new LookupBatcher<>((int) size, settings.duration("batch_wait", Duration.ofMillis(50)), this::send);
    }

    @Override
    public TiResult lookup(String observable, IocType type) {
        if (type != IocType.DNS) {
            return http.unsupported(observable, type, "Open PageRank");
        }
        Object answer;
        try {
            answer = batcher.lookup(observable.toLowerCase(Locale.ROOT)).join();
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

    /** One request for the batch's domains: each gets its record (null when the answer leaves it out). */
    private Map<String, Object> send(Set<String> domains) {
        HttpUrl.Builder url = http.url("api/v1.0/getPageRank");
        domains.forEach(d -> url.addQueryParameter("domains[]", d));
        requests.incrementAndGet();
        Reply r = http.send(new Request.Builder().url(url.build()).get().build(), "ranking " + domains.size() + " domain(s)");
        Map<String, Object> byDomain = new LinkedHashMap<>();
        if (!r.ok()) {
            domains.forEach(d -> byDomain.put(d, r));
            return byDomain;
        }
        for (JsonNode rec : r.json().path("response")) {
            byDomain.put(rec.path("domain").asText().toLowerCase(Locale.ROOT), rec);
        }
        return byDomain;
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
