package dev.hunt4j.ti.localfeed;

import dev.hunt4j.api.ConfigurationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every entry of every feed file, indexed by {@link Values#key}; CIDR blocks ({@code 203.0.113.0/24}) are kept
 * apart and matched against IP lookups. Immutable once built.
 */
final class FeedIndex {
    /** Extensions read from folders; a file named explicitly is read whatever its extension (as text if unknown). */
    static final List<String> EXTENSIONS = List.of(".csv", ".tsv", ".txt", ".list", ".json", ".stix", ".misp");

    private record Cidr(byte[] prefix, int bits, FeedEntry entry) {
        boolean contains(byte[] a) {
            if (a.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            return rest == 0 || ((a[full] ^ prefix[full]) & (0xFF << (8 - rest)) & 0xFF) == 0;
        }
    }

    private final Map<String, List<FeedEntry>> exact;
    private final List<Cidr> cidrs;
    /** path to "modified-time size" of every file read, to notice changes. */
    final Map<Path, String> stamps;
    final int entries;

    private FeedIndex(Map<String, List<FeedEntry>> exact, List<Cidr> cidrs, Map<Path, String> stamps, int entries) {
        this.exact = exact;
        this.cidrs = cidrs;
        this.stamps = stamps;
        this.entries = entries;
    }

    /** The entries for a looked-up value (exact matches, then the CIDR blocks holding an IP). */
    List<FeedEntry> find(String value, boolean ip) {
        List<FeedEntry> hits = exact.getOrDefault(Values.key(value), List.of());
        if (!ip || cidrs.isEmpty()) {
            return hits;
        }
        byte[] a;
        try {
            a = InetAddress.getByName(value).getAddress();
        } catch (UnknownHostException e) {
            return hits;
        }
        List<FeedEntry> out = null;
        for (Cidr c : cidrs) {
            if (c.contains(a)) {
                if (out == null) {
                    out = new ArrayList<>(hits);
                }
                out.add(c.entry());
            }
        }
        return out == null ? hits : out;
    }

    /**
     * Reads every feed file under the configured paths.
     *
     * @throws ConfigurationException naming the path or the file and line of anything that cannot be read
     */
    static FeedIndex load(LocalFeedSettings settings) {
        Map<String, List<FeedEntry>> exact = new HashMap<>();
        List<Cidr> cidrs = new ArrayList<>();
        int[] count = {0};
        Map<Path, String> stamps = new TreeMap<>();
        for (Path file : files(settings)) {
            stamps.put(file, stamp(file));
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            try (InputStream in = Files.newInputStream(file)) {
                java.util.function.Consumer<FeedEntry> sink = e -> {
                    count[0]++;
                    Cidr c = cidr(e);
                    if (c != null) {
                        cidrs.add(c);
                    } else {
                        exact.computeIfAbsent(Values.key(e.value()), k -> new ArrayList<>(1)).add(e);
                    }
                };
                String shown = file.toString();
                if (name.endsWith(".csv") || name.endsWith(".tsv")) {
                    CsvFeed.read(reader(in), shown, name.endsWith(".tsv") ? '\t' : ',', settings, sink);
                } else if (name.endsWith(".json") || name.endsWith(".stix") || name.endsWith(".misp")) {
                    JsonFeed.read(in, shown, settings, sink);
                } else {
                    TextFeed.read(reader(in), shown, settings, sink);
                }
            } catch (IOException e) {
                throw new ConfigurationException("cannot read IoC feed " + file + ": " + e.getMessage(), e);
            }
        }
        exact.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return new FeedIndex(exact, List.copyOf(cidrs), Collections.unmodifiableMap(stamps), count[0]);
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8), 64 * 1024);
    }

    /** The feed files under the configured paths, in name order. */
    static List<Path> files(LocalFeedSettings settings) {
        List<Path> out = new ArrayList<>();
        for (Path p : settings.paths()) {
            if (Files.isRegularFile(p)) {
                out.add(p);
            } else if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p, 8)) {
                    walk.filter(Files::isRegularFile)
                            .filter(f -> EXTENSIONS.stream().anyMatch(x -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(x)))
                            .sorted()
                            .forEach(out::add);
                } catch (IOException | UncheckedIOException e) {
                    throw new ConfigurationException("cannot list IoC feed folder " + p + " (setting '" + settings.keyPath()
                            + ".paths'): " + e.getMessage());
                }
            } else {
                throw new ConfigurationException("setting '" + settings.keyPath() + ".paths' names " + p
                        + ", which does not exist");
            }
        }
        return out;
    }

    static String stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.lastModifiedTime().toMillis() + " " + a.size();
        } catch (IOException e) {
            return "gone";
        }
    }

    private static Cidr cidr(FeedEntry e) {
        String v = e.value();
        int slash = v.indexOf('/');
        if (slash <= 0 || v.contains("://") || !v.substring(slash + 1).matches("\\d{1,3}")) {
            return null;
        }
        String base = v.substring(0, slash);
        if (!base.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        try {
            byte[] prefix = InetAddress.getByName(base).getAddress();
            int bits = Integer.parseInt(v.substring(slash + 1));
            return bits <= prefix.length * 8 ? new Cidr(prefix, bits, e) : null;
        } catch (UnknownHostException ex) {
            return null;
        }
    }
}
