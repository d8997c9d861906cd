package dev.hunt4j.runtime.enrich;

import dev.hunt4j.api.IocType;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ResultStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * What to look up and how: observables (each with a type, or {@code null} to infer it), which providers, and what
 * to report. Immutable; the {@code with...} methods return changed copies.
 * <pre>
 * LookupRequest.of("1.2.3.4", "hxxp://evil[.]com/a")
 *     .withProviders("vt", "otx")          // or .withScope(ProviderScope.ALL); default: the primary providers
 *     .onProgress(p -&gt; log(p.done() + "/" + p.total()));
 * </pre>
 */
public final class LookupRequest {

    /**
     * One observable to look up.
     *
     * @param observable the text, possibly defanged
     * @param type       its type, or {@code null} to infer it (or use the request's type)
     */
    public record Item(String observable, IocType type) {
        public Item {
            Objects.requireNonNull(observable, "observable");
        }
    }

    private final List<Item> items;
    private final IocType type;
    private final List<String> providers;
    private final ProviderScope scope;
    private final boolean showInvalid;
    private final boolean showUnsupported;
    private final boolean includeRaw;
    private final Consumer<EnrichProgress> progress;

    private LookupRequest(List<Item> items, IocType type, List<String> providers, ProviderScope scope, boolean showInvalid,
                          boolean showUnsupported, boolean includeRaw, Consumer<EnrichProgress> progress) {
        this.items = List.copyOf(items);
        this.type = type;
        this.providers = List.copyOf(providers);
        this.scope = scope;
        this.showInvalid = showInvalid;
        this.showUnsupported = showUnsupported;
        this.includeRaw = includeRaw;
        this.progress = progress;
    }

    /** Observables whose types are inferred. */
    public static LookupRequest of(String... observables) {
        return of(List.of(observables));
    }

    /** Observables whose types are inferred. */
    public static LookupRequest of(Collection<String> observables) {
        return ofItems(observables.stream().map(o -> new Item(o, null)).toList());
    }

    /** Observables with their types ({@code null} types are inferred). */
    public static LookupRequest ofItems(Collection<Item> items) {
        return new LookupRequest(new ArrayList<>(items), null, List.of(), ProviderScope.PRIMARY, true, true, true, null);
    }

    /**
     * The values of one column of a table (empty cells are skipped); the stream is read to its end and closed.
     *
     * @param typeColumn a column holding each row's IoC type ({@code ioc extract}'s {@code IoCType}), or {@code null}
     *                   to infer types; a value that is not a type name leaves that row's type to inference
     * @throws QueryException naming the columns when a column is not in the table
     */
    public static LookupRequest fromColumn(ResultStream table, String column, String typeColumn) {
        List<Item> items = new ArrayList<>();
        try (table) {
            int c = index(table, column);
            int tc = typeColumn == null ? -1 : index(table, typeColumn);
            for (Object[] row = table.next(); row != null; row = table.next()) {
                Object v = row[c];
                if (v == null || v.toString().isBlank()) {
                    continue;
                }
                IocType t = null;
                if (tc >= 0 && row[tc] != null && !row[tc].toString().isBlank()) {
                    try {
                        t = IocType.parse(row[tc].toString());
                    } catch (IllegalArgumentException notAType) {
                        t = null;
                    }
                }
                items.add(new Item(v.toString(), t));
            }
        }
        return ofItems(items);
    }

    private static int index(ResultStream table, String column) {
        List<Column> cols = table.columns();
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).name().equals(column)) {
                return i;
            }
        }
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).name().equalsIgnoreCase(column)) {
                return i;
            }
        }
        throw new QueryException("column '" + column + "' is not in the input; its columns are "
                + cols.stream().map(Column::name).collect(Collectors.joining(", ")));
    }

    /** The type of every observable that has none of its own (instead of inferring it). */
    public LookupRequest withType(IocType value) {
        return new LookupRequest(items, value, providers, scope, showInvalid, showUnsupported, includeRaw, progress);
    }

    /** Exactly these providers (configured instance names, or plugin types run with default settings). */
    public LookupRequest withProviders(String... names) {
        return withProviders(List.of(names));
    }

    /** See {@link #withProviders(String...)}; an empty list means "by scope". */
    public LookupRequest withProviders(List<String> names) {
        return new LookupRequest(items, type, names, scope, showInvalid, showUnsupported, includeRaw, progress);
    }

    /** Which configured providers to use when none are named (default {@link ProviderScope#PRIMARY}). */
    public LookupRequest withScope(ProviderScope value) {
        return new LookupRequest(items, type, providers, Objects.requireNonNull(value, "scope"), showInvalid, showUnsupported,
                includeRaw, progress);
    }

    /** Whether malformed or refused observables get rows saying why (default true). */
    public LookupRequest showInvalid(boolean value) {
        return new LookupRequest(items, type, providers, scope, value, showUnsupported, includeRaw, progress);
    }

    /** Whether observables no chosen provider supports get rows saying so (default true). */
    public LookupRequest showUnsupported(boolean value) {
        return new LookupRequest(items, type, providers, scope, showInvalid, value, includeRaw, progress);
    }

    /** Whether rows keep the providers' raw responses (default true; false saves memory on big batches). */
    public LookupRequest includeRaw(boolean value) {
        return new LookupRequest(items, type, providers, scope, showInvalid, showUnsupported, value, progress);
    }

    /** Called as lookups complete, from worker threads. */
    public LookupRequest onProgress(Consumer<EnrichProgress> listener) {
        return new LookupRequest(items, type, providers, scope, showInvalid, showUnsupported, includeRaw, listener);
    }

    public List<Item> items() {
        return items;
    }

    /** The default type, or {@code null} to infer. */
    public IocType type() {
        return type;
    }

    public List<String> providers() {
        return providers;
    }

    public ProviderScope scope() {
        return scope;
    }

    public boolean showInvalid() {
        return showInvalid;
    }

    public boolean showUnsupported() {
        return showUnsupported;
    }

    public boolean includeRaw() {
        return includeRaw;
    }

    /** The progress listener, or {@code null}. */
    public Consumer<EnrichProgress> progress() {
        return progress;
    }
}
