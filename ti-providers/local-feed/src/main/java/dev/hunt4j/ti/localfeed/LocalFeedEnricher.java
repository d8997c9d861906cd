package dev.hunt4j.ti.localfeed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hunt4j.api.IocType;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.enrich.Enricher;
import dev.hunt4j.api.enrich.LookupStatus;
import dev.hunt4j.api.enrich.TiResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks observables up in the feed index. Found: the worst severity of the matching entries, their sources and
 * descriptions in the details, the entries themselves as the raw result. Not found: {@code OK}, not found,
 * severity {@code unknown}. The files are checked for changes every {@code reload_interval} and re-read when they
 * changed (a file that no longer reads keeps the last good index, with a warning). Thread-safe.
 */
final class LocalFeedEnricher implements Enricher {
    private static final Logger LOG = LoggerFactory.getLogger(LocalFeedEnricher.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String name;
    private final LocalFeedSettings settings;
    private volatile FeedIndex index;
    private volatile long nextCheck;

    LocalFeedEnricher(String name, LocalFeedSettings settings) {
        this.name = name;
        this.settings = settings;
        this.index = FeedIndex.load(settings);
        this.nextCheck = System.nanoTime() + settings.reloadInterval().toNanos();
        LOG.debug("IoC feed {}: {} entries from {} file(s)", name, index.entries, index.stamps.size());
    }

    @Override
    public TiResult lookup(String observable, IocType type) {
        reloadIfChanged();
        boolean ip = type == IocType.IPV4 || type == IocType.IPV6;
        List<FeedEntry> hits = index.find(observable, ip);
        if (hits.isEmpty()) {
            return new TiResult(observable, type, name, null, false, Severity.UNKNOWN, Map.of(), null, null, LookupStatus.OK, null);
        }
        Severity worst = Severity.UNKNOWN;
        Set<String> sources = new LinkedHashSet<>();
        Set<String> descriptions = new LinkedHashSet<>();
        Set<String> matched = new LinkedHashSet<>();
        Set<String> files = new LinkedHashSet<>();
        String reference = null;
        List<Map<String, Object>> raw = new ArrayList<>();
        Map<String, Object> details = new LinkedHashMap<>();
        for (FeedEntry e : hits) {
            worst = worst.max(e.severity());
            add(sources, e.source());
            add(descriptions, e.description());
            matched.add(e.value());
            files.add(fileOf(e.location()));
            if (reference == null) {
                reference = e.reference();
            }
            e.extra().forEach(details::putIfAbsent);
            raw.add(rawOf(e));
        }
        details.put("matches", hits.size());
        details.put("sources", List.copyOf(sources));
        details.put("descriptions", List.copyOf(descriptions));
        details.put("matched", List.copyOf(matched));
        details.put("feeds", List.copyOf(files));
        String rawJson;
        try {
            rawJson = MAPPER.writeValueAsString(raw);
        } catch (JsonProcessingException e) {
            rawJson = null;
        }
        return new TiResult(observable, type, name, null, true, worst, details, rawJson, reference, LookupStatus.OK, null);
    }

    private static void add(Set<String> set, String v) {
        if (v != null && !v.isBlank()) {
            set.add(v);
        }
    }

    private static String fileOf(String location) {
        int cut = Math.max(location.lastIndexOf(':'), location.lastIndexOf('#'));
        String file = cut > 1 ? location.substring(0, cut) : location;
        Path p = Path.of(file).getFileName();
        return p == null ? file : p.toString();
    }

    private static Map<String, Object> rawOf(FeedEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", e.value());
        m.put("type", e.type() == null ? null : e.type().id());
        m.put("severity", e.severity().id());
        m.put("source", e.source());
        m.put("description", e.description());
        m.put("reference", e.reference());
        m.put("location", e.location());
        m.putAll(e.extra());
        return m;
    }

    private void reloadIfChanged() {
        if (settings.reloadInterval().isZero() || System.nanoTime() - nextCheck < 0) {
            return;
        }
        synchronized (this) {
            if (System.nanoTime() - nextCheck < 0) {
                return;
            }
            nextCheck = System.nanoTime() + settings.reloadInterval().toNanos();
            try {
                Map<Path, String> now = new java.util.TreeMap<>();
                for (Path f : FeedIndex.files(settings)) {
                    now.put(f, FeedIndex.stamp(f));
                }
                if (!now.equals(index.stamps)) {
                    FeedIndex fresh = FeedIndex.load(settings);
                    LOG.info("IoC feed {} changed on disk: {} entries from {} file(s)", name, fresh.entries, fresh.stamps.size());
                    index = fresh;
                }
            } catch (RuntimeException e) {
                LOG.warn("IoC feed {} could not be re-read, keeping the last good copy: {}", name, e.getMessage());
            }
        }
    }

    /** Entries currently loaded (for tests and the providers listing). */
    int entries() {
        return index.entries;
    }

    @Override
    public String toString() {
        return "LocalFeed[" + name + ", " + index.entries + " entries]";
    }
}
