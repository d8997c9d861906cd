package dev.hunt4j.ti.openpagerank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.IocType;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.enrich.EnricherFactory;
import dev.hunt4j.api.enrich.TiResult;
import dev.hunt4j.titoolkit.testing.HttpEnricherContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Open PageRank against a loopback server replaying its documented responses, one record per requested domain. */
class OpenPageRankContractTest extends HttpEnricherContract {
    static final Map<String, String> RANKED = Map.of("microsoft.com", "{\"page_rank_integer\": 10, \"page_rank_decimal\": 10, \"rank\": \"4\"}",
            "example.com", "{\"page_rank_integer\": 6, \"page_rank_decimal\": 5.83, \"rank\": \"3981\"}");

    @Override
    protected EnricherFactory factory() {
        return new OpenPageRankFactory();
    }

    @Override
    protected MockResponse answer(RecordedRequest request) {
        if (!request.getUrl().encodedPath().equals("/api/v1.0/getPageRank")) {
            return json(404, "{\"status_code\": 404, \"error\": \"not found\"}");
        }
        List<String> records = new ArrayList<>();
        for (String d : request.getUrl().queryParameterValues("domains[]")) {
            String ranked = RANKED.get(d);
            records.add(ranked != null
                    ? "{\"status_code\": 200, \"error\": \"\", \"domain\": \"" + d + "\", " + ranked.substring(1)
                    : "{\"status_code\": 404, \"error\": \"Domain not found\", \"page_rank_integer\": 0, \"page_rank_decimal\": 0, "
                    + "\"rank\": null, \"domain\": \"" + d + "\"}");
        }
        return json(200, "{\"status_code\": 200, \"response\": [" + String.join(",", records) + "], \"last_updated\": \"20th Nov 2026\"}");
    }

    @Override
    protected void checkAuthentication(RecordedRequest request) {
        assertEquals(API_KEY, request.getHeaders().get("API-OPR"));
    }

    @Override
    protected Map<String, IocType> knownObservables() {
        return Map.of("microsoft.com", IocType.DNS, "example.com", IocType.DNS);
    }

    @Override
    protected Map<String, IocType> unknownObservables() {
        return Map.of("nvcdn-sync.net", IocType.DNS);
    }

    @Test
    void rankedIsInformationAndUnrankedIsAWarning() {
        TiResult ms = enricher().lookup("microsoft.com", IocType.DNS);
        assertEquals(Severity.INFORMATION, ms.severity());
        assertEquals("4", ms.details().get("rank"));
        TiResult unranked = enricher().lookup("nvcdn-sync.net", IocType.DNS);
        assertEquals(Severity.WARNING, unranked.severity());
        assertEquals("Domain not found", unranked.details().get("error"));
    }

    @Test
    void concurrentLookupsShareRequests() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<TiResult>> answers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String d = i % 2 == 0 ? "microsoft.com" : "d" + i + ".example.net";
                answers.add(pool.submit(() -> enricher().lookup(d, IocType.DNS)));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertEquals(i % 2 == 0, answers.get(i).get().found(), "answer " + i);
            }
        } finally {
            pool.shutdownNow();
        }
        long sent = ((OpenPageRankEnricher) enricher()).requests();
        assertTrue(sent < 64, "64 lookups took " + sent + " requests");
        assertEquals(sent, REQUESTS.size());
    }
}
