package dev.hunt4j.runtime.enrich;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hunt4j.api.IocType;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.enrich.LookupStatus;
import dev.hunt4j.api.enrich.TiResult;
import java.util.Locale;
import java.util.Map;

/** {@link TiResult}s as JSON, for the persistent cache and the {@code Details} column. */
final class TiResultJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private TiResultJson() {
    }

    static ObjectNode toJson(TiResult r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("ioc", r.ioc());
        n.put("type", r.type() == null ? null : r.type().id());
        n.put("provider", r.provider());
        n.put("subtype", r.subtype());
        n.put("found", r.found());
        n.put("severity", r.severity().id());
        n.set("details", MAPPER.valueToTree(r.details()));
        n.put("raw", r.rawJson());
        n.put("reference", r.reference());
        n.put("status", r.status().name());
        n.put("message", r.message());
        return n;
    }

    static TiResult fromJson(JsonNode n) {
        Map<String, Object> details = MAPPER.convertValue(n.path("details"), MAP);
        return new TiResult(n.path("ioc").asText(), text(n, "type") == null ? null : IocType.parse(n.get("type").asText()),
                n.path("provider").asText(), text(n, "subtype"), n.path("found").asBoolean(),
                Severity.valueOf(n.path("severity").asText("unknown").toUpperCase(Locale.ROOT)), details, text(n, "raw"),
                text(n, "reference"), LookupStatus.valueOf(n.path("status").asText("OK")), text(n, "message"));
    }

    /** The details map as compact JSON text. */
    static String details(Map<String, Object> details) {
        try {
            return MAPPER.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            return String.valueOf(details);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
