package dev.hunt4j.cli;

import dev.hunt4j.analysis.mask.ColumnMap;
import dev.hunt4j.analysis.mask.Masker;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hunt4j mask}: deterministic, keyed, structure-preserving masking of a table. */
@Command(name = "mask", description = {"Mask user names, hosts, addresses, SIDs, GUIDs, e-mail addresses in a CSV table.",
        "The same value and key always give the same mask, so tables masked on different days still join."})
final class MaskCommand implements Callable<Integer>, Prepares {
    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE", description = "CSV file with a header row (- for standard input)")
    String input;
    @Option(names = "--map", paramLabel = "FILE", description = "YAML column map (column: type) added to the built-in map")
    Path map;
    @Option(names = "--key", paramLabel = "KEY", description = "masking key (hex or Base64, 16+ bytes); default: $HUNT4J_MASK_KEY, else a random key printed once")
    String key;
    @Option(names = "--passphrase", paramLabel = "TEXT", description = "derive the key from a passphrase instead")
    String passphrase;
    @Mixin
    OutputOptions output = new OutputOptions();
    @Spec
    CommandSpec spec;

    @Override
    public void prepare() {
        // builds the default rules and loads the mask classes and the public suffixes (about 0.2 s on one core)
        Masker m = Masker.builder().columnMap(ColumnMap.defaults()).key(new byte[16]).build();
        m.host("wks-07.corp.example.com");
        m.account("CORP\\someone");
        m.ip("10.1.2.3");
    }

    @Override
    public Integer call() throws Exception {
        ColumnMap columns = map == null ? ColumnMap.defaults() : ColumnMap.load(map);
        // a file is masked in parallel chunks (same masks, same order): rows need not come one at a time here
        Masker.Builder builder = Masker.builder().columnMap(columns).parallelism(Runtime.getRuntime().availableProcessors());
        String k = key != null ? key : System.getenv("HUNT4J_MASK_KEY");
        if (k != null && passphrase != null) {
            throw new IllegalArgumentException("give either --key or --passphrase, not both");
        }
        if (k != null) {
            builder.key(k);
        } else if (passphrase != null) {
            builder.passphrase(passphrase);
        }
        Masker masker = builder.build();
        if (masker.keyGenerated()) {
            // the key is needed to mask more data the same way later, and is shown only this once
            spec.commandLine().getErr().println("hunt4j: masking with a new random key (keep it to mask more data the same way): "
                    + masker.keyHex());
            spec.commandLine().getErr().flush();
        }
        if (output.csv()) { // the usual case: CSV to CSV, without rows in between
            output.writeCsv(out -> MaskedCsv.copy(input, masker, columns, out), spec.commandLine().getOut());
        } else {
            output.write(masker.mask(TableInput.open(input)), spec.commandLine().getOut());
        }
        return 0;
    }
}
