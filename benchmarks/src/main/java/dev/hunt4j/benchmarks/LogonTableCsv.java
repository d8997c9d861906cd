package dev.hunt4j.benchmarks;

import dev.hunt4j.api.data.Column;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Writes the masking benchmark's logon table (MSTICPy-style 4624 columns) as CSV, for timing
 * {@code hunt4j mask} end to end: {@code LogonTableCsv OUTPUT.csv [rows=100000] [seed=42]}.
 */
public final class LogonTableCsv {
    private LogonTableCsv() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: LogonTableCsv OUTPUT.csv [rows=100000] [seed=42]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Random r = new Random(args.length > 2 ? Long.parseLong(args[2]) : 42);
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write(MaskingBenchmark.COLUMNS.stream().map(Column::name).collect(Collectors.joining(",")));
            w.write('\n');
            for (int i = 0; i < rows; i++) {
                Object[] row = MaskingBenchmark.row(r);
                StringBuilder sb = new StringBuilder();
                for (int c = 0; c < row.length; c++) {
                    String v = String.valueOf(row[c]);
                    sb.append(c == 0 ? "" : ",").append(v.contains(",") || v.contains("\"") ? '"' + v.replace("\"", "\"\"") + '"' : v);
                }
                w.write(sb.append('\n').toString());
            }
        }
        System.out.printf("wrote %,d rows, %,d bytes to %s%n", rows, Files.size(out), out);
    }
}
