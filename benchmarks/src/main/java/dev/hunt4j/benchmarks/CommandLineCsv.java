package dev.hunt4j.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes the command-line CSV used for the end-to-end CLI measurement: {@code TimeGenerated,Computer,CommandLine},
 * 200,000 rows (about 21 MB) by default, seeded.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.hunt4j.benchmarks.CommandLineCsv cmdlines.csv [rows] [seed]
 * ./hunt4j ioc extract --input cmdlines.csv --columns CommandLine --output iocs.csv</pre>
 */
public final class CommandLineCsv {
    private CommandLineCsv() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: CommandLineCsv OUTPUT.csv [rows=200000] [seed=42]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42L;
        long bytes = write(out, rows, seed);
        System.out.printf("wrote %,d rows, %,d bytes to %s%n", rows, bytes, out);
    }

    /** Writes the file; returns its size in bytes. */
    public static long write(Path out, int rows, long seed) throws IOException {
        CommandLines gen = new CommandLines(seed);
        Instant t = Instant.parse("2026-03-02T00:00:00Z");
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            w.write("TimeGenerated,Computer,CommandLine\n");
            for (int i = 0; i < rows; i++) {
                w.write(t.plusMillis(i * 431L).toString());
                w.write(",WKS-");
                w.write(String.format("%04d", (i * 7919) % 2000));
                w.write(',');
                w.write(csv(gen.next()));
                w.write('\n');
            }
        }
        return Files.size(out);
    }

    private static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
