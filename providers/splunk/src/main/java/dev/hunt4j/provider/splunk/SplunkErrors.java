package dev.hunt4j.provider.splunk;

import dev.hunt4j.toolkit.ErrorBodies;
import dev.hunt4j.toolkit.ServiceErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Splunk's REST errors: {@code {"messages":[{"type":"FATAL","text":"..."}]}}. */
final class SplunkErrors implements ServiceErrors {
    static final String SERVICE = "Splunk";
    private final String keyPath;

    SplunkErrors(String keyPath) {
        this.keyPath = keyPath;
    }

    @Override
    public String service() {
        return SERVICE;
    }

    @Override
    public String message(int status, String body) {
        return texts(ErrorBodies.at(ErrorBodies.parse(body), "messages"), false);
    }

    /**
     * The texts of a {@code messages} value: a list of {@code {type, text}} or a map of type to texts. Only errors
     * ({@code FATAL}, {@code ERROR}) when {@code errorsOnly}; otherwise errors first, or all when there are none.
     */
    static String texts(Object messages, boolean errorsOnly) {
        List<String> errors = new ArrayList<>();
        List<String> others = new ArrayList<>();
        if (messages instanceof List<?> list) {
            for (Object m : list) {
                add(ErrorBodies.text(m, "type"), ErrorBodies.text(m, "text"), errors, others);
            }
        } else if (messages instanceof Map<?, ?> map) {
            map.forEach((type, v) -> {
                for (Object t : v instanceof List<?> l ? l : List.of(String.valueOf(v))) {
                    add(String.valueOf(type), String.valueOf(t), errors, others);
                }
            });
        }
        if (!errors.isEmpty()) {
            return String.join("; ", errors);
        }
        return errorsOnly || others.isEmpty() ? null : String.join("; ", others);
    }

    private static void add(String type, String text, List<String> errors, List<String> others) {
        if (text == null || text.isBlank()) {
            return;
        }
        String t = type == null ? "" : type.toUpperCase(Locale.ROOT);
        (t.equals("FATAL") || t.equals("ERROR") ? errors : others).add((t.isEmpty() ? "" : t + ": ") + text.strip());
    }

    @Override
    public String authHint(int status, String message) {
        if (status == 403) {
            return "The Splunk user needs the 'search' capability, read access to the indexes searched and, with owner/app set, "
                    + "access to that app namespace.";
        }
        return "Check '" + keyPath + ".token' (enabled, not expired, and token authentication turned on in Splunk) or '"
                + keyPath + ".username'/'password'.";
    }

    @Override
    public String throttleHint() {
        return "Splunk limits concurrent searches per user and role (srchJobsQuota, max_searches_per_cpu): lower max_parallel "
                + "or wait for other searches to finish";
    }

    @Override
    public String errorHint(int status, String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (status == 404 && m.contains("unknown sid")) {
            return "The search job is gone (expired or deleted by an admin); run the query again.";
        }
        if (m.contains("maximum number of concurrent") || m.contains("quota")) {
            return throttleHint() + ".";
        }
        return "";
    }
}
