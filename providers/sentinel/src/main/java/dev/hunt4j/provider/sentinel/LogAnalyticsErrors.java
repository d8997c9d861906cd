package dev.hunt4j.provider.sentinel;

import dev.hunt4j.toolkit.ErrorBodies;
import dev.hunt4j.toolkit.ServiceErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Log Analytics' OneAPI error objects: {@code {"error":{"code","message","innererror":{...},"details":[...]}}}. The
 * message is the chain of codes and messages down to the innermost error, which is where a syntax error names its
 * line and token.
 */
final class LogAnalyticsErrors implements ServiceErrors {
    static final String SERVICE = "Log Analytics";
    private final String workspace;
    private final String keyPath;

    /**
     * @param workspace the workspace as shown in messages (id, and name when configured)
     */
    LogAnalyticsErrors(String workspace, String keyPath) {
        this.workspace = workspace;
        this.keyPath = keyPath;
    }

    @Override
    public String service() {
        return SERVICE;
    }

    @Override
    public String message(int status, String body) {
        Object error = ErrorBodies.at(ErrorBodies.parse(body), "error");
        return error == null ? null : describe(error);
    }

    /** "code: message; inner code: inner message; ..." for an error object, details included. */
    static String describe(Object error) {
        List<String> parts = new ArrayList<>();
        collect(error, parts, 0);
        return String.join("; ", parts);
    }

    private static void collect(Object error, List<String> parts, int depth) {
        if (!(error instanceof Map) || depth > 10) {
            return;
        }
        String code = ErrorBodies.text(error, "code");
        String message = ErrorBodies.text(error, "message");
        if (message != null && !message.isBlank()) {
            String part = (code == null || code.isBlank() || code.startsWith("-") ? "" : code + ": ") + message.strip();
            if (!parts.contains(part)) {
                parts.add(part);
            }
        }
        if (ErrorBodies.at(error, "details") instanceof List<?> details) {
            for (Object d : details) {
                collect(d, parts, depth + 1);
            }
        }
        collect(ErrorBodies.at(error, "innererror"), parts, depth + 1);
    }

    @Override
    public String authHint(int status, String message) {
        if (status == 403) {
            return "The app or user needs read access to workspace " + workspace + ": the 'Log Analytics Reader' or "
                    + "'Microsoft Sentinel Reader' role on the workspace (or its resource group), and for multi-workspace "
                    + "queries on every workspace listed in '" + keyPath + ".workspaces'.";
        }
        return "Check that the token is for this API: '" + keyPath + ".cloud', api_url and scope must name the same cloud "
                + "(the scope is <api_url>/.default), and that the app exists in tenant_id.";
    }

    @Override
    public String throttleHint() {
        return "Log Analytics allows about 200 requests per 30 seconds per user and 5 concurrent queries; lower "
                + "max_parallel if time-chunked queries hit this";
    }

    @Override
    public boolean retryable(int status, String message) {
        // a query the service stopped at its own time limit would only time out again
        return !isServiceTimeout(message);
    }

    @Override
    public String errorHint(int status, String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (isServiceTimeout(message)) {
            return "Log Analytics stopped the query at its time limit (the Prefer: wait header, at most 10 minutes): "
                    + "narrow the query or split its time range (split_by).";
        }
        if (m.contains("workspacenotfound") || m.contains("workspace could not be found")) {
            return "Check '" + keyPath + ".workspace_id' (" + workspace + ") and '" + keyPath + ".workspaces'.";
        }
        if (m.contains("result") && (m.contains("limit") || m.contains("too large") || m.contains("exceed"))) {
            return "Log Analytics returns at most 500,000 rows or about 100 MB per query: narrow the query or split its time "
                    + "range (split_by).";
        }
        return "";
    }

    private static boolean isServiceTimeout(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return m.contains("gatewaytimeout") || m.contains("querytimeout") || m.contains("query execution has exceeded")
                || m.contains("timeout") && m.contains("query");
    }
}
