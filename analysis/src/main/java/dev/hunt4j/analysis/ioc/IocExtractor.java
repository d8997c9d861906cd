package dev.hunt4j.analysis.ioc;

import dev.hunt4j.api.IocType;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds indicators of compromise — IPv4/IPv6 addresses, domains, URLs, e-mail addresses, MD5/SHA-1/SHA-256
 * hashes and, on request, Windows and Linux paths — in free text and in table columns. The counterpart of
 * MSTICPy's {@code IoCExtract}, with one hand-written pass over the text instead of one regular expression per
 * type, and stricter rules about what counts (see the module README).
 *
 * <p>Defanged forms ({@code hxxp://evil[.]com}, {@code 1.2.3[.]4}, {@code user[at]example[dot]com}) are found and
 * reported refanged; {@link IocMatch#original()} keeps the text as written.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * IocExtractor ioc = IocExtractor.builder().includePaths(true).build();
 * Map<IocType, Set<String>> found = ioc.extract("powershell iwr hxxp://evil[.]com/a.ps1 -OutFile C:\\x\\a.ps1");
 * }</pre>
 */
public final class IocExtractor {
    /** Columns of {@link #extract(ResultStream, List)}: MSTICPy's names. */
    public static final List<Column> RESULT_COLUMNS = List.of(
            new Column("IoCType", ColumnType.STRING),
            new Column("Observable", ColumnType.STRING),
            new Column("SourceIndex", ColumnType.LONG),
            new Column("Input", ColumnType.STRING));

    /** The types MSTICPy looks for by default: everything but paths (and hostnames, which are never extracted). */
    public static final Set<IocType> DEFAULT_TYPES = Collections.unmodifiableSet(EnumSet.of(IocType.IPV4, IocType.IPV6,
            IocType.DNS, IocType.URL, IocType.EMAIL, IocType.MD5_HASH, IocType.SHA1_HASH, IocType.SHA256_HASH));

    private static final IocExtractor DEFAULTS = builder().build();

    private final Set<IocType> types;
    private final IocScanner.Config config;
    private final int parallelism;

    private IocExtractor(Builder b) {
        EnumSet<IocType> t = b.types != null ? EnumSet.copyOf(b.types) : EnumSet.copyOf(DEFAULT_TYPES);
        if (b.types == null && b.includePaths) {
            t.add(IocType.WINDOWS_PATH);
            t.add(IocType.LINUX_PATH);
        }
        this.types = Collections.unmodifiableSet(t);
        boolean[] wanted = new boolean[IocType.values().length];
        t.forEach(x -> wanted[x.ordinal()] = true);
        this.config = new IocScanner.Config(wanted, b.includeHosts, b.keepDefanged, b.matchDefanged);
        this.parallelism = b.parallelism;
    }

    /** An extractor with MSTICPy's default types ({@link #DEFAULT_TYPES}) and default settings. */
    public static IocExtractor defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The types this extractor reports. */
    public Set<IocType> types() {
        return types;
    }

    /**
     * The distinct observables per type, types in the order first seen, observables in the order found. Only
     * types with at least one observable are present. A null or empty text gives an empty map.
     */
    public Map<IocType, Set<String>> extract(String text) {
        Map<IocType, Set<String>> result = new LinkedHashMap<>();
        for (IocMatch m : find(text)) {
            result.computeIfAbsent(m.type(), k -> new LinkedHashSet<>()).add(m.observable());
        }
        result.replaceAll((k, v) -> Collections.unmodifiableSet(v));
        return Collections.unmodifiableMap(result);
    }

    /**
     * Every match with its position, in text order (indicators found inside a URL follow the URL). The same
     * observable appears once per occurrence.
     */
    public List<IocMatch> find(String text) {
        return IocScanner.scan(config, text);
    }

    /**
     * Extracts from the given columns of a table, streaming: the result has the columns {@link #RESULT_COLUMNS}
     * ({@code IoCType, Observable, SourceIndex, Input}) with one row per input row, type and observable
     * ({@code SourceIndex} is the 0-based input row, {@code Input} the text of the column it was first found in).
     * Rows are processed in chunks on {@code parallelism} threads; the output order is always the input order.
     * Closing the result closes {@code input}.
     *
     * @throws QueryException naming the column when a column is not in the input (the input is closed)
     */
    public ResultStream extract(ResultStream input, List<String> columns) {
        List<Column> cols = input.columns();
        if (columns == null || columns.isEmpty()) {
            input.close();
            throw new IllegalArgumentException("no columns given to extract from");
        }
        int[] idx = new int[columns.size()];
        for (int i = 0; i < idx.length; i++) {
            String name = columns.get(i);
            idx[i] = -1;
            for (int c = 0; c < cols.size(); c++) {
                if (cols.get(c).name().equals(name)) {
                    idx[i] = c;
                    break;
                }
            }
            if (idx[i] < 0) {
                input.close();
                throw new QueryException("column '" + name + "' is not in the input; its columns are "
                        + cols.stream().map(Column::name).collect(Collectors.joining(", ")));
            }
        }
        return new IocTableStream(this, input, idx, parallelism);
    }

    /** The rows for one input row (used by the table stream, on worker threads). */
    void rowsFor(Object[] row, int[] idx, long sourceIndex, List<Object[]> sink) {
        Set<String> seen = null;
        for (int c : idx) {
            Object v = row[c];
            if (v == null) {
                continue;
            }
            String text = v.toString();
            List<IocMatch> found = find(text);
            if (found.isEmpty()) {
                continue;
            }
            if (seen == null) {
                seen = new java.util.HashSet<>();
            }
            for (IocMatch m : found) {
                if (seen.add(m.type().ordinal() + ":" + m.observable())) {
                    sink.add(new Object[] {m.type().id(), m.observable(), sourceIndex, text});
                }
            }
        }
    }

    /** Parses a comma-separated list of type names ({@code ipv4,dns,md5}); blank gives null (the defaults). */
    public static Set<IocType> parseTypes(String list) {
        if (list == null || list.isBlank()) {
            return null;
        }
        EnumSet<IocType> set = EnumSet.noneOf(IocType.class);
        Arrays.stream(list.split(",")).map(String::trim).filter(x -> !x.isEmpty()).map(IocType::parse).forEach(set::add);
        return set;
    }

    @Override
    public String toString() {
        return "IocExtractor" + types.stream().map(IocType::id).toList();
    }

    /** Settings for an {@link IocExtractor}. */
    public static final class Builder {
        private Set<IocType> types;
        private boolean includePaths;
        private boolean keepDefanged;
        private boolean matchDefanged = true;
        private boolean includeHosts;
        private int parallelism = Runtime.getRuntime().availableProcessors();

        private Builder() {
        }

        /**
         * Look for exactly these types (as MSTICPy's {@code ioc_types}: {@link #includePaths} is then ignored).
         * {@link IocType#HOSTNAME} is not extracted and is rejected.
         */
        public Builder types(Collection<IocType> types) {
            if (types == null) {
                this.types = null;
                return this;
            }
            if (types.contains(IocType.HOSTNAME)) {
                throw new IllegalArgumentException("hostname is not an extractable IoC type; use dns");
            }
            if (types.isEmpty()) {
                throw new IllegalArgumentException("the set of IoC types is empty");
            }
            this.types = EnumSet.copyOf(types);
            return this;
        }

        /** See {@link #types(Collection)}. */
        public Builder types(IocType... types) {
            return types(new ArrayList<>(List.of(types)));
        }

        /** Also look for Windows and Linux paths (default false; MSTICPy adds only Windows paths here). */
        public Builder includePaths(boolean includePaths) {
            this.includePaths = includePaths;
            return this;
        }

        /** Report defanged observables as written ({@code evil[.]com}) instead of refanged (default false). */
        public Builder keepDefanged(boolean keepDefanged) {
            this.keepDefanged = keepDefanged;
            return this;
        }

        /** Recognise defanged forms at all (default true, like MSTICPy's {@code defanged=True}). */
        public Builder matchDefanged(boolean matchDefanged) {
            this.matchDefanged = matchDefanged;
            return this;
        }

        /**
         * Also report the host of every URL (as dns, ipv4 or ipv6) and the domain of every e-mail address (as dns),
         * as MSTICPy does (default false: a URL or address is reported once, as itself). When the URL or e-mail
         * type is not requested at all, its host is reported regardless, so asking only for dns still finds the
         * domains in URLs.
         */
        public Builder includeHostsOfUrlsAndEmails(boolean include) {
            this.includeHosts = include;
            return this;
        }

        /** Threads for table extraction (default: available processors; 1 = on the caller's thread). */
        public Builder parallelism(int parallelism) {
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
            }
            this.parallelism = parallelism;
            return this;
        }

        public IocExtractor build() {
            return new IocExtractor(this);
        }
    }
}
