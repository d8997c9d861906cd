package dev.hunt4j.analysis.mask;

import dev.hunt4j.analysis.AnalyzerOptions;
import dev.hunt4j.api.analysis.Analyzer;
import dev.hunt4j.api.analysis.AnalyzerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pf4j.Extension;

/**
 * The {@code mask} analyzer: the same table with the columns of the column map masked (see {@link Masker}).
 * Without {@code key} or {@code passphrase} a random key is generated; {@link MaskAnalyzer#masker()} gives
 * it to the caller so it can be shown once.
 */
@Extension
public final class MaskAnalyzerFactory implements AnalyzerFactory {
    static final String KEY = "key";
    static final String PASSPHRASE = "passphrase";
    static final String MAP = "map";
    static final String PARALLELISM = "parallelism";

    @Override
    public String name() {
        return "mask";
    }

    @Override
    public String description() {
        return "Masks IPs, accounts, SIDs, host names, GUIDs, e-mail addresses and text deterministically, "
                + "keeping their structure";
    }

    @Override
    public Map<String, String> options() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put(KEY, "masking key, hex or Base64, at least 16 bytes (default: a random 256-bit key)");
        o.put(PASSPHRASE, "derive the key from this passphrase instead (PBKDF2)");
        o.put(MAP, "YAML column map applied to the default one (column: type, keep, replace_defaults, "
                + "keep_domains, mask_public_suffix; default: the built-in map only)");
        o.put(PARALLELISM, "threads masking chunks of rows, results in input order (default: 1, row by row)");
        return o;
    }

    @Override
    public MaskAnalyzer create(Map<String, String> options) {
        options = AnalyzerOptions.checked("mask", options(), options);
        String key = options.get(KEY);
        String passphrase = options.get(PASSPHRASE);
        if (key != null && passphrase != null) {
            throw new IllegalArgumentException("options key and passphrase: give one, not both");
        }
        Masker.Builder b = Masker.builder();
        if (key != null) {
            b.key(key);
        } else if (passphrase != null) {
            b.passphrase(passphrase);
        }
        String par = options.get(PARALLELISM);
        if (par != null) {
            try {
                b.parallelism(Integer.parseInt(par.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option 'parallelism' must be a whole number, got '" + par + "'", e);
            }
        }
        String map = options.get(MAP);
        if (map != null) {
            try {
                b.columnMap(ColumnMap.load(Path.of(map)));
            } catch (IOException e) {
                throw new IllegalArgumentException("map: cannot read " + map + ": " + e.getMessage(), e);
            } catch (UncheckedIOException e) {
                throw new IllegalArgumentException("map: cannot read " + map + ": " + e.getMessage(), e);
            }
        }
        return new MaskAnalyzer(b.build());
    }

    /** A configured {@code mask} analyzer. */
    public static final class MaskAnalyzer implements Analyzer {
        private final Masker masker;

        MaskAnalyzer(Masker masker) {
            this.masker = masker;
        }

        /** The masker, e.g. to show a generated key ({@link Masker#keyGenerated()}, {@link Masker#keyHex()}). */
        public Masker masker() {
            return masker;
        }

        @Override
        public dev.hunt4j.api.data.ResultStream analyze(dev.hunt4j.api.data.ResultStream input) {
            return masker.mask(input);
        }
    }
}
