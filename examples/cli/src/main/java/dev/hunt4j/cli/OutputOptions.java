package dev.hunt4j.cli;

import dev.hunt4j.api.data.ResultStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
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

    /** Writes the rows where the options say; returns the row count. */
    long write(ResultStream rows, PrintWriter stdout) throws IOException {
        boolean toStdout = output == null || output.equals("-");
        RowWriter.Format f = format != null ? format
                : toStdout && System.console() != null ? RowWriter.Format.table : RowWriter.Format.csv;
        if (toStdout) {
            return RowWriter.write(rows, f, stdout);
        }
        Path file = Path.of(output);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            return RowWriter.write(rows, f, out);
        }
    }
}
