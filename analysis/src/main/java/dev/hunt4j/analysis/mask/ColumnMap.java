package dev.hunt4j.analysis.mask;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Which columns (and keys inside JSON columns) are masked, and how; immutable. Names match exactly first,
 * then ignoring case. The map also carries the host-name settings: domains whose names are kept
 * ({@code keep_domains}) and whether the public suffix ({@code .com}, {@code .co.uk}) is masked too.
 *
 * <p>User map files are YAML. Entries {@code Column: type} may sit at the top level or in any number of
 * sections ({@code Section: {Column: type}}), so MSTICPy's {@code obfuscation_cols.yaml} loads as it is
 * (its type names are translated, see {@link MaskType#fromName}). Reserved top-level keys:
 * <pre>
 * columns: {Column: type}      # same as top-level entries
 * keep: [Column, ...]          # never mask these (alias: columns_to_keep)
 * replace_defaults: true       # start from an empty map instead of the default one
 * keep_domains: [contoso.com]  # keep these DNS domains in host names and e-mail addresses
 * mask_public_suffix: true     # mask .com, .co.uk, ... as well (default: kept)
 * </pre>
 */
public final class ColumnMap {
    private static final String DEFAULT_RESOURCE = "/dev/hunt4j/analysis/mask/default-columns.yaml";
    private static volatile ColumnMap defaults;

    private final Map<String, MaskType> columns;
    private final Map<String, MaskType> folded;
    private final Set<String> keepDomains;
    private final boolean maskPublicSuffix;

    private ColumnMap(Map<String, MaskType> columns, Set<String> keepDomains, boolean maskPublicSuffix) {
        this.columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        Map<String, MaskType> f = new LinkedHashMap<>();
        for (Map.Entry<String, MaskType> e : columns.entrySet()) {
            f.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
        }
        this.folded = f;
        this.keepDomains = Collections.unmodifiableSet(new LinkedHashSet<>(keepDomains));
        this.maskPublicSuffix = maskPublicSuffix;
    }

    /** The built-in map: the common Sentinel, Windows, Azure AD, Office 365, Defender and e-mail columns. */
    public static ColumnMap defaults() {
        ColumnMap d = defaults;
        if (d == null) {
            try (InputStream in = ColumnMap.class.getResourceAsStream(DEFAULT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
                }
                d = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), empty());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            defaults = d;
        }
        return d;
    }

    /** A map that masks nothing. */
    public static ColumnMap empty() {
        return new ColumnMap(Map.of(), Set.of(), false);
    }

    /** A map of exactly these columns. */
    public static ColumnMap of(Map<String, MaskType> columns) {
        return new ColumnMap(columns, Set.of(), false);
    }

    /**
     * Reads a map file and applies it to the defaults (or replaces them, with {@code replace_defaults: true}).
     *
     * @throws IllegalArgumentException naming the file and the bad entry
     */
    public static ColumnMap load(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return parse(text, defaults());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Applies the YAML map {@code yaml} to {@code base} (see the class comment for the format).
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static ColumnMap parse(String yaml, ColumnMap base) {
        Object doc = simpleDocument(yaml);
        if (doc == null) {
            doc = SnakeYaml.load(yaml);
        }
        if (doc == null) {
            return base;
        }
        if (!(doc instanceof Map)) {
            throw new IllegalArgumentException("a column map is a YAML mapping of column: type");
        }
        Map<?, ?> top = (Map<?, ?>) doc;
        boolean replace = Boolean.TRUE.equals(top.get("replace_defaults"));
        Map<String, MaskType> cols = new LinkedHashMap<>(replace ? Map.of() : base.columns);
        Set<String> domains = new LinkedHashSet<>(replace ? Set.of() : base.keepDomains);
        boolean maskSuffix = base.maskPublicSuffix && !replace;
        List<String> keep = new ArrayList<>();
        Set<String> own = new LinkedHashSet<>();
        for (Map.Entry<?, ?> e : top.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object value = e.getValue();
            switch (key) {
                case "replace_defaults":
                    if (!(value instanceof Boolean)) {
                        throw new IllegalArgumentException("replace_defaults: expected true or false");
                    }
                    break;
                case "mask_public_suffix":
                    if (!(value instanceof Boolean)) {
                        throw new IllegalArgumentException("mask_public_suffix: expected true or false");
                    }
                    maskSuffix = (Boolean) value;
                    break;
                case "keep":
                case "columns_to_keep":
                    keep.addAll(stringList(key, value));
                    break;
                case "keep_domains":
                    for (String d : stringList(key, value)) {
                        domains.add(normaliseDomain(d));
                    }
                    break;
                case "columns":
                    putSection(cols, own, key, value);
                    break;
                default:
                    if (value instanceof Map) {
                        putSection(cols, own, key, value);
                    } else {
                        put(cols, own, key, value);
                    }
            }
        }
        for (String k : keep) {
            removeIgnoringCase(cols, Set.of(), k);
            cols.put(k, MaskType.KEEP);
        }
        return new ColumnMap(cols, domains, maskSuffix);
    }

    /** This map plus (or with a changed) {@code column}. */
    public ColumnMap with(String column, MaskType type) {
        Objects.requireNonNull(type, "type");
        Map<String, MaskType> cols = new LinkedHashMap<>(columns);
        removeIgnoringCase(cols, Set.of(), column);
        cols.put(column, type);
        return new ColumnMap(cols, keepDomains, maskPublicSuffix);
    }

    /** This map with these DNS domains kept in host names and e-mail addresses. */
    public ColumnMap withKeepDomains(Collection<String> domains) {
        Set<String> d = new LinkedHashSet<>(keepDomains);
        domains.forEach(x -> d.add(normaliseDomain(x)));
        return new ColumnMap(columns, d, maskPublicSuffix);
    }

    /** This map with the public suffix of host names masked ({@code true}) or kept ({@code false}, default). */
    public ColumnMap withMaskPublicSuffix(boolean mask) {
        return new ColumnMap(columns, keepDomains, mask);
    }

    /** The type for a column or JSON key, or {@code null} when it is not in the map. */
    public MaskType typeOf(String column) {
        MaskType t = columns.get(column);
        return t != null ? t : folded.get(column.toLowerCase(Locale.ROOT));
    }

    /** The entries in file order. */
    public Map<String, MaskType> columns() {
        return columns;
    }

    /** Number of entries (including {@code keep} ones). */
    public int size() {
        return columns.size();
    }

    /** DNS domains kept in host names and e-mail addresses (lower case). */
    public Set<String> keepDomains() {
        return keepDomains;
    }

    /** Whether the public suffix of host names is masked too. */
    public boolean maskPublicSuffix() {
        return maskPublicSuffix;
    }

    @Override
    public String toString() {
        return "ColumnMap" + columns;
    }

    /**
     * The document SnakeYAML would load, for the plain form that map files nearly always have (the built-in
     * map is one): {@code Column: type} lines at the top level or indented under {@code Section:} lines, with
     * comments and blank lines. Anything else (quotes, lists, flow style, reserved keys, values YAML would read
     * as booleans or numbers, duplicate sections, ...) gives {@code null} and is left to SnakeYAML, whose
     * start-up alone costs about 0.2 s, a third of masking a 100,000-row table.
     */
    static Map<String, Object> simpleDocument(String yaml) {
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> section = null;
        int indent = -1;
        int n = yaml.length();
        int lineStart = 0;
        if (n > 0 && yaml.charAt(0) == '\uFEFF') {
            lineStart = 1;
        }
        while (lineStart < n) {
            int lineEnd = yaml.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = n;
            }
            String line = yaml.substring(lineStart, lineEnd);
            lineStart = lineEnd + 1;
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.indexOf('\t') >= 0) {
                return null;
            }
            int hash = line.indexOf('#');
            if (hash >= 0) {
                if (hash > 0 && line.charAt(hash - 1) != ' ') {
                    return null; // a '#' inside a scalar
                }
                line = line.substring(0, hash);
            }
            int end = line.length();
            while (end > 0 && line.charAt(end - 1) == ' ') {
                end--;
            }
            if (end == 0) {
                continue;
            }
            int start = 0;
            while (line.charAt(start) == ' ') {
                start++;
            }
            int colon = line.indexOf(':', start);
            if (colon < 0 || colon >= end || !isPlainKey(line, start, colon)) {
                return null;
            }
            String key = line.substring(start, colon);
            if (start == 0 && section != null && section.isEmpty()) {
                return null; // "Section:" with nothing under it is a null value
            }
            if (colon == end - 1) { // "Section:"
                if (start != 0 || doc.containsKey(key) || isReserved(key)) {
                    return null;
                }
                section = new LinkedHashMap<>();
                indent = -1;
                doc.put(key, section);
                continue;
            }
            if (line.charAt(colon + 1) != ' ') {
                return null;
            }
            int v = colon + 2;
            while (line.charAt(v) == ' ') {
                v++;
            }
            if (!isPlainValue(line, v, end)) {
                return null;
            }
            String value = line.substring(v, end);
            if (start == 0) {
                if (doc.containsKey(key) || isReserved(key)) {
                    return null;
                }
                section = null;
                doc.put(key, value);
            } else {
                if (section == null || (indent >= 0 && start != indent)) {
                    return null; // an indented line not under a section, or a change of indentation
                }
                indent = start;
                section.put(key, value);
            }
        }
        if (doc.isEmpty() || (section != null && section.isEmpty())) {
            return null;
        }
        return doc;
    }

    /** SnakeYAML, in a class of its own so that it is only loaded (and verified) for maps that need it. */
    private static final class SnakeYaml {
        static Object load(String yaml) {
            try {
                return new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not valid YAML: " + e.getMessage(), e);
            }
        }
    }

    /** A key YAML reads as this very string: letters, digits, {@code _ $ . -}, not starting like a number. */
    private static boolean isPlainKey(String s, int from, int to) {
        if (from == to) {
            return false;
        }
        char c0 = s.charAt(from);
        if (!(Character.isLetter(c0) && c0 < 128 || c0 == '_' || c0 == '$')) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.' || c == '-'))) {
                return false;
            }
        }
        return !isYamlWord(s.substring(from, to));
    }

    /** A type name: lower-case letters and {@code _}, and not a YAML boolean or null. */
    private static boolean isPlainValue(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c == '_')) {
                return false;
            }
        }
        return !isYamlWord(s.substring(from, to));
    }

    /** Plain words YAML 1.1 reads as booleans or null. */
    private static boolean isYamlWord(String w) {
        switch (w.toLowerCase(Locale.ROOT)) {
            case "y": case "n": case "yes": case "no": case "true": case "false": case "on": case "off": case "null":
                return true;
            default:
                return false;
        }
    }

    private static boolean isReserved(String key) {
        switch (key) {
            case "columns": case "keep": case "columns_to_keep": case "keep_domains": case "replace_defaults":
            case "mask_public_suffix":
                return true;
            default:
                return false;
        }
    }

    private static void putSection(Map<String, MaskType> cols, Set<String> own, String section, Object value) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(section + ": expected a mapping of column: type");
        }
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
            if (e.getValue() instanceof Map) {
                throw new IllegalArgumentException(section + "." + e.getKey() + ": expected a type name");
            }
            put(cols, own, String.valueOf(e.getKey()), e.getValue());
        }
    }

    private static void put(Map<String, MaskType> cols, Set<String> own, String column, Object type) {
        if (!(type instanceof String)) {
            throw new IllegalArgumentException(column + ": expected a type name, got " + type);
        }
        MaskType t;
        try {
            t = MaskType.fromName((String) type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(column + ": " + e.getMessage(), e);
        }
        removeIgnoringCase(cols, own, column);
        cols.put(column, t);
        own.add(column);
    }

    /**
     * An entry replaces the base map's entries that differ from it only in case, so a user's
     * {@code ipaddress: keep} also wins over the default {@code IpAddress: ip}; names from the same file
     * may differ in case (exact matches are looked up first).
     */
    private static void removeIgnoringCase(Map<String, MaskType> cols, Set<String> own, String column) {
        if (own.size() == cols.size()) {
            return; // every entry is from this file (as for the built-in map): nothing to replace
        }
        for (java.util.Iterator<String> it = cols.keySet().iterator(); it.hasNext(); ) {
            String k = it.next();
            if (k.equalsIgnoreCase(column) && !own.contains(k)) {
                it.remove();
            }
        }
    }

    private static List<String> stringList(String key, Object value) {
        if (value instanceof String) {
            return List.of((String) value);
        }
        if (!(value instanceof List)) {
            throw new IllegalArgumentException(key + ": expected a list of names");
        }
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) value) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    private static String normaliseDomain(String d) {
        String s = d.trim().toLowerCase(Locale.ROOT);
        while (s.startsWith(".")) {
            s = s.substring(1);
        }
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("keep_domains: empty domain name");
        }
        return s;
    }
}
