package dev.hunt4j.ti.localfeed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.IocType;
import dev.hunt4j.api.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STIX 2.1 bundles and MISP JSON exports, told apart by their shape and read one STIX object or MISP event at a
 * time, so a large export does not have to fit in memory as a whole.
 *
 * <p><b>STIX</b>: {@code indicator} objects with a STIX pattern; every comparison of the supported object paths is
 * an indicator ({@code [ipv4-addr:value = '1.2.3.4']}, {@code [domain-name:value = 'x']}, {@code [url:value = 'x']},
 * {@code [email-addr:value = 'x']}, {@code [file:hashes.'SHA-256' = 'x']} and MD5/SHA-1, joined by {@code OR} or
 * {@code AND}, and {@code IN ('a', 'b')}). Revoked indicators and those past {@code valid_until} are skipped.
 * Severity comes from {@code confidence} (70+ high, 30+ warning, else information), else the default.
 *
 * <p><b>MISP</b>: an {@code Event} (or {@code {"response": [{"Event": ...}]}}, or a list of them) with its
 * {@code Attribute}s and its {@code Object}s' attributes; only attributes flagged {@code to_ids} unless
 * {@code misp_ids_only: false}. Severity comes from the event's {@code threat_level_id} (1 high, 2 warning,
 * 3 information, 4 the default).
 */
final class JsonFeed {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern COMPARISON = Pattern.compile(
            "([a-z0-9-]+):([A-Za-z0-9_.'\\-]+)\\s*(=|IN)\\s*('(?:[^'\\\\]|\\\\.)*'|\\((?:\\s*'(?:[^'\\\\]|\\\\.)*'\\s*,?)+\\))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern QUOTED = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'");

    private JsonFeed() {
    }

    static void read(InputStream in, String file, LocalFeedSettings settings, Consumer<FeedEntry> sink) throws IOException {
        Instant now = Instant.now();
        try (JsonParser p = MAPPER.createParser(in)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    JsonNode item = MAPPER.readTree(p);
                    if (item.has("Event")) {
                        misp(item.get("Event"), file, settings, sink);
                    } else if (item.has("type")) {
                        stix(item, file, settings, now, sink);
                    }
                }
                return;
            }
            if (first != JsonToken.START_OBJECT) {
                throw new ConfigurationException("IoC feed " + file + " is neither a STIX bundle nor a MISP export (not a JSON object)");
            }
            boolean known = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (field.equals("objects") && t == JsonToken.START_ARRAY) {
                    known = true;
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        stix(MAPPER.readTree(p), file, settings, now, sink);
                    }
                } else if (field.equals("Event") && t == JsonToken.START_OBJECT) {
                    known = true;
                    misp(MAPPER.readTree(p), file, settings, sink);
                } else if (field.equals("response") && t == JsonToken.START_ARRAY) {
                    known = true;
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        JsonNode item = MAPPER.readTree(p);
                        if (item.has("Event")) {
                            misp(item.get("Event"), file, settings, sink);
                        }
                    }
                } else if (field.equals("type") && t == JsonToken.VALUE_STRING && p.getText().equals("indicator")) {
                    throw new ConfigurationException("IoC feed " + file + " holds a single STIX object; wrap it in a bundle");
                } else {
                    p.skipChildren();
                }
            }
            if (!known) {
                throw new ConfigurationException("IoC feed " + file + " is neither a STIX 2.1 bundle ('objects') nor a MISP export ('Event')");
            }
        } catch (JsonProcessingException e) {
            throw new ConfigurationException("IoC feed " + file + " is not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
    }

    // ---------------------------------------------------------------- STIX 2.1

    private static void stix(JsonNode o, String file, LocalFeedSettings settings, Instant now, Consumer<FeedEntry> sink) {
        if (!"indicator".equals(o.path("type").asText()) || o.path("revoked").asBoolean(false)) {
            return;
        }
        String patternType = o.path("pattern_type").asText("stix");
        if (!patternType.equalsIgnoreCase("stix")) {
            return;
        }
        String until = o.path("valid_until").asText(null);
        if (until != null && !settings.includeExpired()) {
            try {
                if (Instant.parse(until).isBefore(now)) {
                    return;
                }
            } catch (DateTimeParseException ignored) {
                // an unreadable date does not hide the indicator
            }
        }
        Severity severity = settings.defaultSeverity();
        if (o.has("confidence")) {
            int c = o.get("confidence").asInt();
            severity = c >= 70 ? Severity.HIGH : c >= 30 ? Severity.WARNING : Severity.INFORMATION;
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        putText(extra, "stix_id", o.path("id"));
        putText(extra, "name", o.path("name"));
        putText(extra, "valid_from", o.path("valid_from"));
        putList(extra, "indicator_types", o.path("indicator_types"));
        putList(extra, "labels", o.path("labels"));
        String reference = null;
        for (JsonNode ref : o.path("external_references")) {
            if (ref.hasNonNull("url")) {
                reference = ref.get("url").asText();
                break;
            }
        }
        String description = o.path("description").asText(null);
        if (description == null) {
            description = o.path("name").asText(null);
        }
        String source = o.path("created_by_ref").asText(null);
        Matcher m = COMPARISON.matcher(o.path("pattern").asText(""));
        while (m.find()) {
            IocType type = stixType(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
            if (type == null) {
                continue;
            }
            Matcher q = QUOTED.matcher(m.group(4));
            while (q.find()) {
                String value = q.group(1).replace("\\'", "'").replace("\\\\", "\\");
                IocType t = type == IocType.IPV4 && value.contains(":") ? IocType.IPV6 : type;
                sink.accept(new FeedEntry(Values.refang(value), t, severity, source, description, reference,
                        file + "#" + o.path("id").asText("?"), extra));
            }
        }
    }

    private static IocType stixType(String object, String path) {
        String p = path.replace("'", "").toLowerCase(Locale.ROOT);
        return switch (object) {
            case "ipv4-addr" -> p.equals("value") ? IocType.IPV4 : null;
            case "ipv6-addr" -> p.equals("value") ? IocType.IPV6 : null;
            case "domain-name" -> p.equals("value") ? IocType.DNS : null;
            case "url" -> p.equals("value") ? IocType.URL : null;
            case "email-addr" -> p.equals("value") ? IocType.EMAIL : null;
            case "email-message" -> p.equals("from_ref.value") || p.equals("sender_ref.value") ? IocType.EMAIL : null;
            case "network-traffic" -> p.equals("dst_ref.value") || p.equals("src_ref.value") ? IocType.IPV4 : null;
            case "file" -> switch (p) {
                case "hashes.sha-256", "hashes.sha256" -> IocType.SHA256_HASH;
                case "hashes.sha-1", "hashes.sha1" -> IocType.SHA1_HASH;
                case "hashes.md5" -> IocType.MD5_HASH;
                default -> null;
            };
            default -> null;
        };
    }

    // ---------------------------------------------------------------- MISP

    private static void misp(JsonNode event, String file, LocalFeedSettings settings, Consumer<FeedEntry> sink) {
        Severity severity = switch (event.path("threat_level_id").asText("4")) {
            case "1" -> Severity.HIGH;
            case "2" -> Severity.WARNING;
            case "3" -> Severity.INFORMATION;
            default -> settings.defaultSeverity();
        };
        String info = event.path("info").asText(null);
        String org = event.path("Orgc").path("name").asText(event.path("Org").path("name").asText(null));
        String eventId = event.path("uuid").asText(event.path("id").asText("?"));
        List<JsonNode> attributes = new ArrayList<>();
        event.path("Attribute").forEach(attributes::add);
        for (JsonNode obj : event.path("Object")) {
            if (!obj.path("deleted").asBoolean(false)) {
                obj.path("Attribute").forEach(attributes::add);
            }
        }
        for (JsonNode a : attributes) {
            if (a.path("deleted").asBoolean(false) || settings.mispIdsOnly() && !toIds(a.path("to_ids"))) {
                continue;
            }
            String type = a.path("type").asText("");
            String value = a.path("value").asText("");
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("misp_event", eventId);
            putText(extra, "misp_category", a.path("category"));
            putText(extra, "misp_type", a.path("type"));
            List<String> tags = new ArrayList<>();
            event.path("Tag").forEach(t -> tags.add(t.path("name").asText()));
            a.path("Tag").forEach(t -> tags.add(t.path("name").asText()));
            if (!tags.isEmpty()) {
                extra.put("tags", tags);
            }
            String comment = a.path("comment").asText("");
            String description = comment.isBlank() ? info : info == null ? comment : info + ": " + comment;
            for (String[] v : mispValues(type, value)) {
                String refanged = Values.refang(v[0]);
                IocType t = v[1] == null ? Values.infer(refanged) : IocType.parse(v[1]);
                sink.accept(new FeedEntry(refanged, t, severity, org, description, null,
                        file + "#" + a.path("uuid").asText(eventId), extra));
            }
        }
    }

    /** The indicators in a MISP attribute: {value, type or null to infer}. Composite types give their IoC parts. */
    private static List<String[]> mispValues(String type, String value) {
        String[] parts = value.split("\\|", -1);
        return switch (type) {
            case "ip-src", "ip-dst" -> List.<String[]>of(new String[] {value, null});
            case "ip-src|port", "ip-dst|port" -> List.<String[]>of(new String[] {parts[0], null});
            case "domain", "hostname" -> List.<String[]>of(new String[] {value, "dns"});
            case "domain|ip", "hostname|port" -> parts.length > 1 && type.equals("domain|ip")
                    ? List.of(new String[] {parts[0], "dns"}, new String[] {parts[1], null})
                    : List.<String[]>of(new String[] {parts[0], "dns"});
            case "url", "uri" -> List.<String[]>of(new String[] {value, "url"});
            case "md5", "sha1", "sha256" -> List.<String[]>of(new String[] {value, type});
            case "filename|md5", "filename|sha1", "filename|sha256" ->
                    parts.length > 1 ? List.<String[]>of(new String[] {parts[1], type.substring(9)}) : List.of();
            case "email", "email-src", "email-dst" -> List.<String[]>of(new String[] {value, "email"});
            default -> List.of();
        };
    }

    private static boolean toIds(JsonNode v) {
        return v.isBoolean() ? v.booleanValue() : v.isNumber() ? v.asInt() != 0
                : "1".equals(v.asText()) || "true".equalsIgnoreCase(v.asText());
    }

    private static void putText(Map<String, Object> extra, String key, JsonNode v) {
        if (v != null && v.isValueNode() && !v.asText().isEmpty()) {
            extra.put(key, v.asText());
        }
    }

    private static void putList(Map<String, Object> extra, String key, JsonNode v) {
        if (v != null && v.isArray() && !v.isEmpty()) {
            List<String> out = new ArrayList<>();
            v.forEach(x -> out.add(x.asText()));
            extra.put(key, out);
        }
    }
}
