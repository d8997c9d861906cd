package dev.hunt4j.cli;

import dev.hunt4j.api.data.ResultStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --format} and {@code --output}, shared by every command that prints a table. */
final class OutputOptions {
    @Option(names = "--format", paramLabel = "FORMAT",
            description = "table, csv or jsonl (default: table on a terminal, csv otherwise)")
    RowWriter.Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to FILE instead of standard output (- for standard output)")
    String output;

    /** CSV text made straight as UTF-8 bytes, without rows in between. */
    @FunctionalInterface
    interface CsvText {
        /** Writes the text to {@code out}; returns the row count. */
        long writeTo(RowWriter.Sink out) throws IOException;
    }

    /** Whether the output is CSV (the default when it does not go to a terminal). */
    boolean csv() {
        return format() == RowWriter.Format.csv;
    }

    /** Writes the rows where the options say; returns the row count. */
    long write(ResultStream rows, PrintWriter stdout) throws IOException {
        RowWriter.Format f = format();
        if (toStdout()) {
            return RowWriter.write(rows, f, stdout);
        }
        try (OutputStream out = open()) {
            return RowWriter.write(rows, f, out);
        }
    }

    /** Writes CSV text where the options say (only when {@link #csv()}); returns the row count. */
    long writeCsv(CsvText csv, PrintWriter stdout) throws IOException {
        if (toStdout()) {
            try {
                return csv.writeTo((bytes, length) -> stdout.write(new String(bytes, 0, length, StandardCharsets.UTF_8)));
            } finally {
                stdout.flush();
            }
        }
        try (OutputStream out = open()) {
            return csv.writeTo((bytes, length) -> out.write(bytes, 0, length));
        }
    }

    private boolean toStdout() {
        return output == null || output.equals("-");
    }

    private RowWriter.Format format() {
        return format != null ? format : toStdout() && System.console() != null ? RowWriter.Format.table : RowWriter.Format.csv;
    }

    private OutputStream open() throws IOException {
        Path file = Path.of(output);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        return Files.newOutputStream(file);
    }
}
