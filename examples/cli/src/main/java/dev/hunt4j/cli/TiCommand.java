package dev.hunt4j.cli;

import dev.hunt4j.api.IocType;
import dev.hunt4j.api.enrich.EnricherFactory;
import dev.hunt4j.runtime.Hunt4j;
import dev.hunt4j.runtime.enrich.EnrichProgress;
import dev.hunt4j.runtime.enrich.Enrichment;
import dev.hunt4j.runtime.enrich.LookupRequest;
import dev.hunt4j.runtime.enrich.ProviderOptions;
import dev.hunt4j.runtime.enrich.ProviderScope;
import dev.hunt4j.runtime.enrich.TiProviderInfo;
import dev.hunt4j.runtime.enrich.TiResults;
import dev.hunt4j.runtime.plugin.Extension;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hunt4j ti lookup} and {@code hunt4j ti providers}: threat-intelligence lookups through the enrichment engine. */
@Command(name = "ti", description = "Threat intelligence: look observables up at the configured TI providers.",
        subcommands = {TiCommand.Lookup.class, TiCommand.Providers.class})
final class TiCommand {
    @ParentCommand
    Hunt4jCli root;

    @Command(name = "lookup", description = {
            "Look up one observable (--ioc) or a column of a CSV file (--input, --column) at the TI providers.",
            "Output columns (as MSTICPy): Ioc,IocType,SafeIoc,QuerySubtype,Provider,Result,Severity,Details,RawResult,Reference,Status;",
            "with --summary one row per observable: Ioc,IocType,Severity,Result,FlaggedBy,Providers,Failed.",
            "Observables that cannot be looked up come back as rows whose Status says why (invalid, unsupported)."})
    static final class Lookup implements Callable<Integer> {
        @ParentCommand
        TiCommand ti;
        @Option(names = "--ioc", paramLabel = "OBSERVABLE", description = "an observable (repeatable); defanged forms are fine")
        List<String> iocs = new ArrayList<>();
        @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "CSV file with a header row (- for standard input)")
        String input;
        @Option(names = {"-c", "--column"}, paramLabel = "COLUMN", description = "the column holding the observables")
        String column;
        @Option(names = "--type-column", paramLabel = "COLUMN", description = "a column holding each row's IoC type (ioc extract's IoCType)")
        String typeColumn;
        @Option(names = {"-t", "--type"}, paramLabel = "TYPE",
                description = "the observables' type: ipv4, ipv6, dns, url, email, md5_hash, sha1_hash, sha256_hash, hostname, ... (default: inferred)")
        String type;
        @Option(names = {"-p", "--providers"}, paramLabel = "P1,P2", split = ",",
                description = "providers by name (configured instances or plugin types); default: the --scope")
        List<String> providers = new ArrayList<>();
        @Option(names = "--scope", paramLabel = "SCOPE", description = "primary (default), secondary or all configured providers")
        String scope = "primary";
        @Option(names = "--summary", description = "one row per observable: worst severity, providers that flagged it")
        boolean summary;
        @Option(names = "--no-raw", description = "leave RawResult empty (smaller output)")
        boolean noRaw;
        @Option(names = "--hide-invalid", description = "no rows for observables that are malformed or refused")
        boolean hideInvalid;
        @Option(names = "--hide-unsupported", description = "no rows for observables no provider supports")
        boolean hideUnsupported;
        @Mixin
        OutputOptions output = new OutputOptions();
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (iocs.isEmpty() == (input == null)) {
                throw new IllegalArgumentException("give either --ioc OBSERVABLE or --input FILE --column COLUMN (not both)");
            }
            if (input != null && column == null) {
                throw new IllegalArgumentException("--input needs --column: the column holding the observables");
            }
            IocType t = type == null ? null : IocType.parse(type);
            ProviderScope s;
            try {
                s = ProviderScope.valueOf(scope.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--scope must be primary, secondary or all, got '" + scope + "'");
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (Hunt4j h = ti.root.open(err, b -> { })) {
                LookupRequest request = input != null ? LookupRequest.fromColumn(TableInput.open(input), column, typeColumn)
                        : LookupRequest.of(iocs);
                request = request.withType(t).withProviders(providers.stream().map(String::trim).filter(p -> !p.isEmpty()).toList())
                        .withScope(s).includeRaw(!noRaw).showInvalid(!hideInvalid).showUnsupported(!hideUnsupported);
                if (System.console() != null) {
                    request = request.onProgress(progressOn(err));
                }
                TiResults results = h.enrich().lookup(request);
                if (System.console() != null) {
                    err.print("\r\033[K");
                    err.flush();
                }
                results.warnings().forEach(w -> err.println("hunt4j: warning: " + w));
                output.write(summary ? results.summaryStream() : results.stream(), out);
                out.flush();
                return 0;
            }
        }

        /** A progress line on the terminal, redrawn at most five times a second. */
        private static java.util.function.Consumer<EnrichProgress> progressOn(PrintWriter err) {
            AtomicLong last = new AtomicLong();
            return p -> {
                long now = System.nanoTime();
                long before = last.get();
                if (!p.complete() && now - before < 200_000_000L || !last.compareAndSet(before, now)) {
                    return;
                }
                synchronized (err) {
                    err.printf("\r\033[K  %,d/%,d lookups (%,d from cache, %,d failed) %ds", p.done(), p.total(), p.cached(), p.failed(),
                            p.elapsed().toSeconds());
                    err.flush();
                }
            };
        }
    }

    @Command(name = "providers", description = "List the configured TI providers (usable or not, and why), and the TI plugin types loaded.")
    static final class Providers implements Callable<Integer> {
        @ParentCommand
        TiCommand ti;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Hunt4j h = ti.root.open(spec.commandLine().getErr(), b -> { })) {
                Enrichment e = h.enrich();
                out.println("Configured TI providers:");
                if (e.providers().isEmpty()) {
                    out.println("  none (add an 'enrichers:' section to hunt4j.yaml)");
                }
                for (TiProviderInfo p : e.providers()) {
                    if (p.usable()) {
                        ProviderOptions o = p.options();
                        out.printf("  %-16s %-14s %-9s %s%n", p.name(), p.type(), o.primary() ? "primary" : "secondary", types(p.supportedTypes()));
                        out.printf("  %-16s rate limit %s, quota %s, %d at once, cache %s%s%n", "",
                                o.rateLimit() == null ? "none" : o.rateLimit(), o.quota() == null ? "none" : o.quota(), o.concurrency(),
                                o.cacheTtl().isZero() ? "off" : o.cacheTtl().toString().substring(2).toLowerCase(Locale.ROOT),
                                o.persistentCache() == null ? "" : " (on disk in " + o.persistentCache() + ")");
                    } else {
                        out.printf("  %-16s %-14s NOT USABLE: %s%n", p.name(), p.type(), p.problem());
                    }
                }
                out.println("TI plugin types:");
                for (Extension<EnricherFactory> x : h.enricherTypes()) {
                    EnricherFactory f = x.instance();
                    out.printf("  %-14s %-24s %s%n", f.type(), x.pluginId(), f.description());
                    out.printf("  %-14s %-24s types: %s%n", "", "", types(f.supportedTypes()));
                }
                if (h.enricherTypes().isEmpty()) {
                    out.println("  none loaded");
                }
                out.println("TI types built into hunt4j:");
                java.util.Set<String> fromPlugins = h.enricherTypes().stream().map(x -> x.instance().type()).collect(Collectors.toSet());
                e.types().values().stream().filter(f -> !fromPlugins.contains(f.type())).forEach(f -> {
                    out.printf("  %-14s %s%n", f.type(), f.description());
                    out.printf("  %-14s types: %s%n", "", types(f.supportedTypes()));
                });
                out.flush();
                return 0;
            }
        }

        private static String types(java.util.Set<IocType> types) {
            return new TreeSet<>(types.stream().map(IocType::id).collect(Collectors.toSet())).toString();
        }
    }
}
