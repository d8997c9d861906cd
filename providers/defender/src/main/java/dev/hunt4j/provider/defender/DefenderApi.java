package dev.hunt4j.provider.defender;

import dev.hunt4j.toolkit.ErrorBodies;
import dev.hunt4j.toolkit.ServiceErrors;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two advanced-hunting APIs: Microsoft Graph's {@code POST /v1.0/security/runHuntingQuery} (body
 * {@code {"Query","Timespan"}}, answer {@code {"schema":[...],"results":[...]}}) and the older Defender for Endpoint
 * {@code POST /api/advancedqueries/run} (body {@code {"Query"}}, answer {@code {"Stats","Schema","Results"}}, no
 * time range parameter). Both word errors as {@code {"error":{"code","message"}}}.
 */
enum DefenderApi implements ServiceErrors {
    GRAPH("Microsoft Graph advanced hunting", "ThreatHunting.Read.All (Microsoft Graph)"),
    MDE("Defender for Endpoint advanced hunting", "AdvancedQuery.Read.All (WindowsDefenderATP)");

    private static final Pattern RETRY_IN = Pattern.compile(
            "(?i)(?:retry|try again)\\s+(?:in|after)\\s+(\\d+)\\s*(second|sec|s|minute|min|m)");

    private final String service;
    private final String permission;

    DefenderApi(String service, String permission) {
        this.service = service;
        this.permission = permission;
    }

    @Override
    public String service() {
        return service;
    }

    @Override
    public String message(int status, String body) {
        Object json = ErrorBodies.parse(body);
        String code = ErrorBodies.text(json, "error", "code");
        String message = ErrorBodies.text(json, "error", "message");
        if (message == null) {
            return code;
        }
        return code == null ? message : code + ": " + message;
    }

    @Override
    public String authHint(int status, String message) {
        if (status == 403) {
            return "The app needs the application permission " + permission + " with admin consent; a delegated token needs "
                    + "a user with access to the devices queried.";
        }
        return "Check that the token is for this API: its audience comes from 'scope' (default "
                + (this == GRAPH ? "<api_url>/.default" : "https://api.securitycenter.microsoft.com/.default")
                + "); cloud, api_url and scope must name the same cloud.";
    }

    @Override
    public Duration retryAfterInMessage(String message) {
        Matcher m = RETRY_IN.matcher(message == null ? "" : message);
        if (!m.find()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return m.group(2).toLowerCase(Locale.ROOT).startsWith("m") ? Duration.ofMinutes(n) : Duration.ofSeconds(n);
    }

    @Override
    public String throttleHint() {
        return "Defender advanced hunting allows 45 calls per minute and 1,500 per hour per tenant, plus a CPU quota per tenant "
                + "(queries are blocked until the next 15-minute cycle once it is used up): run fewer or lighter queries, "
                + "or lower max_parallel";
    }

    @Override
    public String errorHint(int status, String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("result size") || m.contains("too large") || m.contains("100,000") || m.contains("100000")) {
            return "Advanced hunting returns at most 100,000 rows and 124 MB per query: narrow the query"
                    + (this == GRAPH ? " or split its time range (split_by)." : ".");
        }
        if (m.contains("timeout") || m.contains("timed out") || m.contains("execution time")) {
            return "A query may run for at most 3 minutes (Graph) / 200 seconds (Defender for Endpoint): make it lighter"
                    + (this == GRAPH ? " or split its time range (split_by)." : ".");
        }
        return "";
    }

    @Override
    public boolean retryable(int status, String message) {
        // a query stopped at the service's time limit would only stop again
        return errorHint(status, message).isEmpty() || status == 429;
    }
}
