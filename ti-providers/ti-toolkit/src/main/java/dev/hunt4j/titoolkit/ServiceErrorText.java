package dev.hunt4j.titoolkit;

import dev.hunt4j.toolkit.ErrorBodies;
import dev.hunt4j.toolkit.ServiceErrors;

/**
 * The message in a TI service's error body, wherever the common shapes keep it: {@code {"error": {"message"}}}
 * (VirusTotal), {@code {"errors": [{"detail"}]}} (AbuseIPDB), {@code {"message"}} (GreyNoise, CrowdSec),
 * {@code {"detail"}} (OTX), {@code {"error": "..."}} (X-Force), {@code {"query_status"}} (abuse.ch).
 *
 * @param service  the service as users know it
 * @param keyHint  what to check on 401/403, e.g. where to find the key
 */
public record ServiceErrorText(String service, String keyHint) implements ServiceErrors {

    @Override
    public String message(int status, String body) {
        Object root = ErrorBodies.parse(body);
        for (String[] path : new String[][] {{"error", "message"}, {"errors", "0", "detail"}, {"errors", "0", "message"},
                {"message"}, {"detail"}, {"error"}, {"query_status"}}) {
            String m = ErrorBodies.text(root, path);
            if (m != null && !m.isBlank()) {
                return m;
            }
        }
        return null;
    }

    @Override
    public String authHint(int status, String message) {
        return keyHint;
    }
}
