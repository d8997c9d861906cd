package com.example.hunt4j.csvhttp;

import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.api.query.QueryProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs "table [| take N]" by streaming {@code <base>/table.csv}. Uses only the JDK's HTTP client. */
final class CsvHttpProvider implements QueryProvider {
    private static final Pattern QUERY = Pattern.compile("\\s*([A-Za-z0-9_\\-]+)\\s*(?:\\|\\s*take\\s+(\\d+)\\s*)?");

    private final URI base;
    private final String timeColumn;
    private final HttpClient http;

    CsvHttpProvider(URI base, String timeColumn, Duration connectTimeout) {
        this.base = base;
        this.timeColumn = timeColumn;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    @Override
    public ResultStream execute(String query, QueryOptions options) {
        Matcher m = QUERY.matcher(query);
        if (!m.matches()) {
            throw new QueryException("csv-http: cannot read query '" + query + "'; expected '<table>' or '<table> | take <N>'");
        }
        long take = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
        long limit = options.maxRows() == 0 ? take : take == 0 ? options.maxRows() : Math.min(take, options.maxRows());
        URI uri = base.resolve(m.group(1) + ".csv");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(options.timeout()).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new QueryException("csv-http: no answer from " + uri + " within the query timeout of " + options.timeout());
        } catch (IOException e) {
            throw new QueryException("csv-http: cannot reach " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryException("csv-http: interrupted while reading " + uri);
        }
        if (response.statusCode() != 200) {
            closeQuietly(response.body());
            throw new QueryException("csv-http: " + uri + " answered HTTP " + response.statusCode()
                    + (response.statusCode() == 404 ? " (no such table '" + m.group(1) + "')" : ""));
        }
        return new CsvStream(response.body(), uri.toString(), timeColumn, options, limit);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
