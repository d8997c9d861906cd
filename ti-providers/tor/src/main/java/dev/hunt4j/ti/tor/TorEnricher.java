package dev.hunt4j.ti.tor;

import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.IocType;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.enrich.Enricher;
import dev.hunt4j.api.enrich.LookupStatus;
import dev.hunt4j.api.enrich.TiResult;
import dev.hunt4j.titoolkit.Reply;
import dev.hunt4j.titoolkit.ServiceErrorText;
import dev.hunt4j.titoolkit.TiHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks addresses up in the exit list. The list is read from the disk cache while younger than {@code refresh}, else
 * downloaded (one download at a time; lookups meanwhile wait for it) and written back atomically. When a download
 * fails, a list that is too old is still used, with a warning; with no list at all the failure is thrown, for the
 * engine to retry.
 */
final class TorEnricher implements Enricher {
    private static final Logger LOG = LoggerFactory.getLogger(TorEnricher.class);

    private record ExitList(Set<String> addresses, long fetchedAt) {
    }

    private final String name;
    private final TiHttp http;
    private final HttpUrl url;
    private final Path cacheFile;
    private final Duration refresh;
    private final LongSupplier clock;
    private volatile ExitList list;

    TorEnricher(PluginSettings settings, LongSupplier clock) {
        this.name = settings.name();
        this.clock = clock;
        String u = settings.string("url").orElse(TorFactory.DEFAULT_URL);
        this.url = HttpUrl.parse(u);
        if (url == null) {
            throw new ConfigurationException("setting '" + settings.keyPath() + ".url' must be an http(s) URL, got '" + u + "'");
        }
        this.http = new TiHttp(settings, new ServiceErrorText("Tor Project", "the exit list needs no key; check the url setting"),
                "url", u, null);
        Path dir = settings.path("cache_dir").orElse(Path.of(System.getProperty("user.home"), ".hunt4j", "tor"));
        this.cacheFile = dir.resolve("exit-nodes.txt");
        this.refresh = settings.duration("refresh", Duration.ofHours(24));
        if (refresh.isNegative() || refresh.isZero()) {
            throw new ConfigurationException("setting '" + settings.keyPath() + ".refresh' must be positive");
        }
    }

    @Override
    public TiResult lookup(String observable, IocType type) {
        if (type != IocType.IPV4 && type != IocType.IPV6) {
            return http.unsupported(observable, type, "The Tor exit list");
        }
        ExitList l;
        try {
            l = current();
        } catch (NotAList e) {
            return TiResult.failed(observable, type, name, LookupStatus.ERROR, e.getMessage());
        }
        boolean exit = l.addresses().contains(key(observable));
        Map<String, Object> details = Map.of("exit_node", exit, "list_updated", Instant.ofEpochMilli(l.fetchedAt()).toString(),
                "list_size", l.addresses().size());
        if (!exit) {
            return new TiResult(observable, type, name, null, false, Severity.UNKNOWN, details, null, null, LookupStatus.OK, null);
        }
        return new TiResult(observable, type, name, null, true, Severity.WARNING, details, null,
                "https://metrics.torproject.org/rs.html#search/" + observable, LookupStatus.OK, null);
    }

    /** The list, refreshed when it is older than {@code refresh}. */
    private ExitList current() {
        ExitList l = list;
        if (l != null && fresh(l)) {
            return l;
        }
        synchronized (this) {
            l = list;
            if (l != null && fresh(l)) {
                return l;
            }
            if (l == null) {
                l = readCache();
                if (l != null && fresh(l)) {
                    list = l;
                    return l;
                }
            }
            try {
                ExitList fetched = download();
                list = fetched;
                return fetched;
            } catch (RuntimeException e) {
                if (l != null) {
                    LOG.warn("{}: cannot refresh the Tor exit list ({}); using the copy from {}", name, e.getMessage(),
                            Instant.ofEpochMilli(l.fetchedAt()));
                    list = l;
                    return l;
                }
                throw e;
            }
        }
    }

    private boolean fresh(ExitList l) {
        return clock.getAsLong() - l.fetchedAt() < refresh.toMillis();
    }

    private ExitList readCache() {
        try {
            if (!Files.isRegularFile(cacheFile)) {
                return null;
            }
            long at = Files.getLastModifiedTime(cacheFile).toMillis();
            return new ExitList(parse(Files.readString(cacheFile, StandardCharsets.UTF_8)), at);
        } catch (IOException | NotAList e) {
            LOG.warn("{}: ignoring the cached Tor exit list {}: {}", name, cacheFile, e.getMessage());
            return null;
        }
    }

    private ExitList download() {
        Reply r = http.sendText(new Request.Builder().url(url).header("Accept", "text/plain").get().build(),
                "downloading the Tor exit list");
        if (r.code() / 100 != 2 || r.text() == null) {
            throw new NotAList("the Tor exit list could not be downloaded from " + url + ": " + r.message());
        }
        Set<String> addresses = parse(r.text());
        long now = clock.getAsLong();
        try {
            Files.createDirectories(cacheFile.getParent());
            Path tmp = cacheFile.resolveSibling(cacheFile.getFileName() + ".tmp");
            Files.writeString(tmp, r.text(), StandardCharsets.UTF_8);
            Files.setLastModifiedTime(tmp, FileTime.fromMillis(now));
            Files.move(tmp, cacheFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("{}: cannot keep the Tor exit list in {}: {}", name, cacheFile, e.getMessage());
        }
        LOG.info("{}: downloaded the Tor exit list: {} addresses", name, addresses.size());
        return new ExitList(Set.copyOf(addresses), now);
    }

    /**
     * Addresses in the bulk list (one per line) or the {@code exit-addresses} format ({@code ExitAddress <ip> <date>}).
     *
     * @throws NotAList when the text holds no address at all (an error page, not a list)
     */
    static Set<String> parse(String text) {
        Set<String> out = new HashSet<>();
        for (String line : text.split("\n")) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            if (s.startsWith("ExitAddress ")) {
                s = s.split("\\s+")[1];
            } else if (s.indexOf(' ') >= 0) {
                continue; // the other lines of the exit-addresses format
            }
            if (s.matches("[0-9a-fA-F:.]+") && (s.indexOf('.') > 0 || s.indexOf(':') >= 0)) {
                out.add(key(s));
            }
        }
        if (out.isEmpty()) {
            throw new NotAList("the Tor exit list holds no IP addresses (" + Math.min(text.length(), 60)
                    + " characters starting '" + text.substring(0, Math.min(text.length(), 30)).replace('\n', ' ') + "')");
        }
        return out;
    }

    private static String key(String ip) {
        if (ip.indexOf(':') < 0) {
            return ip;
        }
        try {
            return InetAddress.getByName(ip).getHostAddress().toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            return ip.toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "Tor[" + name + ", " + url + "]";
    }

    /** A download that is not an exit list: not worth a retry. */
    static final class NotAList extends dev.hunt4j.api.Hunt4jException {
        private static final long serialVersionUID = 1L;

        NotAList(String message) {
            super(message);
        }
    }
}
