package dev.hunt4j.provider.elastic;

import dev.hunt4j.toolkit.ErrorBodies;
import dev.hunt4j.toolkit.ServiceErrors;
import dev.hunt4j.toolkit.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Elasticsearch's and OpenSearch's error bodies: {@code {"error": {"root_cause": [...], "type", "reason", "caused_by",
 * "failed_shards": [...]}, "status": 400}}, the plain {@code {"error": "text"}} of the REST layer, and the SQL
 * plugin's {@code {"error": {"reason", "details", "type"}}}. The message puts the most specific reasons first (a parse
 * error's line and column are in the root cause, not in "all shards failed").
 *
 * <p>It also remembers, per thread, the status and circuit-breaker durability of the last error it read, so the
 * client's failover loop can tell an HTTP failure from a network one.
 */
final class ElasticErrors implements ServiceErrors {
    private final String service;
    private final String keyPath;
    private final ThreadLocal<Failure> last = ThreadLocal.withInitial(Failure::new);

    /** The last error read on one thread. */
    static final class Failure {
        int status;
        boolean permanent;
        String message;
    }

    ElasticErrors(String service, String keyPath) {
        this.service = service;
        this.keyPath = keyPath;
    }

    @Override
    public String service() {
        return service;
    }

    /** Forgets the last error on this thread; call before each send. */
    void reset() {
        Failure f = last.get();
        f.status = 0;
        f.permanent = false;
        f.message = null;
    }

    /**
     * The last error read on this thread since {@link #reset()}: status 0 means none (a network failure); {@code permanent}
     * marks a circuit breaker the server says would trip again; {@code message} is the server's reason.
     */
    Failure last() {
        return last.get();
    }

    @Override
    public String message(int status, String body) {
        Object root = ErrorBodies.parse(body);
        Failure f = last.get();
        f.status = status;
        f.permanent = "PERMANENT".equalsIgnoreCase(findDurability(ErrorBodies.at(root, "error")));
        f.message = describe(root);
        return f.message;
    }

    /** The reasons in an error body, most specific first; null when the body holds none. */
    static String describe(Object root) {
        Object error = ErrorBodies.at(root, "error");
        if (error == null) {
            String m = ErrorBodies.text(root, "message");
            return m == null ? null : m;
        }
        if (!(error instanceof Map)) {
            return String.valueOf(error);
        }
        List<String> parts = new ArrayList<>();
        if (ErrorBodies.at(error, "root_cause") instanceof List<?> causes) {
            for (Object c : causes) {
                add(parts, c);
            }
        }
        if (ErrorBodies.at(error, "failed_shards") instanceof List<?> shards) {
            for (Object s : shards) {
                chain(parts, ErrorBodies.at(s, "reason"));
            }
        }
        chain(parts, error);
        String details = ErrorBodies.text(error, "details");
        if (details != null && !details.isBlank()) {
            parts.add(firstLine(details));
        }
        if (parts.size() > 1) {
            parts.removeIf(p -> p.endsWith(": all shards failed"));
        }
        return parts.isEmpty() ? null : String.join("; ", parts.subList(0, Math.min(4, parts.size())));
    }

    private static void chain(List<String> parts, Object e) {
        for (int depth = 0; e instanceof Map && depth < 8; depth++) {
            add(parts, e);
            e = ErrorBodies.at(e, "caused_by");
        }
    }

    private static void add(List<String> parts, Object e) {
        String type = ErrorBodies.text(e, "type");
        String reason = ErrorBodies.text(e, "reason");
        if (reason == null || reason.isBlank()) {
            return;
        }
        String where = "";
        String line = ErrorBodies.text(e, "line");
        String col = ErrorBodies.text(e, "col");
        if (line != null && col != null && !reason.contains("[" + line + ":" + col + "]")) {
            where = " (line " + line + ", column " + col + ")";
        }
        String part = (type == null ? "" : type + ": ") + firstLine(reason) + where;
        for (String p : parts) {
            if (p.equals(part) || p.contains(firstLine(reason))) {
                return;
            }
        }
        parts.add(part);
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return Texts.abbreviate(nl < 0 ? t : t.substring(0, nl).strip(), 400);
    }

    private static String findDurability(Object error) {
        for (int depth = 0; error instanceof Map && depth < 8; depth++) {
            String d = ErrorBodies.text(error, "durability");
            if (d != null) {
                return d;
            }
            if (ErrorBodies.at(error, "root_cause") instanceof List<?> l && !l.isEmpty()) {
                d = ErrorBodies.text(l.get(0), "durability");
                if (d != null) {
                    return d;
                }
            }
            error = ErrorBodies.at(error, "caused_by");
        }
        return null;
    }

    @Override
    public String authHint(int status, String message) {
        if (status == 403) {
            return "The credential is valid but lacks privileges: it needs the 'read' and 'view_index_metadata' index "
                    + "privileges on the queried indices (point-in-time paging and mappings use both).";
        }
        return "Check the credential in '" + keyPath + "' (username/password, api_key or bearer_token): it may be wrong, "
                + "expired or revoked; an API key is the base64 value Kibana shows, or id:key.";
    }

    @Override
    public String throttleHint() {
        return service + " is overloaded (a full search queue or a tripped circuit breaker): lower '" + keyPath
                + ".page_size', narrow the query, or try again later";
    }

    @Override
    public boolean retryable(int status, String message) {
        return !last.get().permanent;
    }

    @Override
    public String errorHint(int status, String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("index_not_found_exception")) {
            return "Check the index name: a pattern with * that matches nothing returns no rows, but a name that does not exist "
                    + "is an error.";
        }
        if (m.contains("result window is too large")) {
            return "Lower '" + keyPath + ".page_size' to the index's index.max_result_window.";
        }
        if (m.contains("circuit_breaking_exception")) {
            return "The node ran short of memory for this request: lower '" + keyPath + ".page_size' or ask for fewer fields.";
        }
        if (m.contains("search_context_missing_exception") || m.contains("no search context found")) {
            return "The point in time expired between pages: raise '" + keyPath + ".pit_keep_alive'.";
        }
        return "";
    }
}
