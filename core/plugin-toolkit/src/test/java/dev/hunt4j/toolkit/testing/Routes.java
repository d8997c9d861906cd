package dev.hunt4j.toolkit.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A MockWebServer dispatcher routing by method and path prefix, keeping every request, so one loopback server can
 * play a token endpoint and a query API at once. Unrouted requests get a 404 naming them.
 */
public final class Routes extends Dispatcher {
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    private record Route(String method, String pathPrefix, Function<RecordedRequest, MockResponse> handler) {
    }

    /** Adds a route; later routes win over earlier ones with the same prefix. */
    public Routes on(String method, String pathPrefix, Function<RecordedRequest, MockResponse> handler) {
        routes.add(0, new Route(method, pathPrefix, handler));
        return this;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        String path = request.getUrl().encodedPath();
        for (Route r : routes) {
            if (r.method.equals(request.getMethod()) && path.startsWith(r.pathPrefix)) {
                hits.computeIfAbsent(r.method + " " + r.pathPrefix, k -> new AtomicInteger()).incrementAndGet();
                return r.handler.apply(request);
            }
        }
        return new MockResponse.Builder().code(404).body("{\"error\":{\"message\":\"no route for " + request.getMethod() + " "
                + path + "\"}}").build();
    }

    /** Every request received, in order. */
    public List<RecordedRequest> requests() {
        return new ArrayList<>(requests);
    }

    /** Requests whose path starts with {@code prefix}. */
    public List<RecordedRequest> requests(String prefix) {
        return requests.stream().filter(r -> r.getUrl().encodedPath().startsWith(prefix)).toList();
    }

    /** A JSON response. */
    public static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json; charset=utf-8").body(body).build();
    }
}
