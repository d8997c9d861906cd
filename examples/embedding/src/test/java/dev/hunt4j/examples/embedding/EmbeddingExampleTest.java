package dev.hunt4j.examples.embedding;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.samples.SampleDataSet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the example's main as a user would, and checks what it found and wrote. */
class EmbeddingExampleTest {
    @TempDir
    Path dir;

    @Test
    void findsTheCommandAndControlAddressAndWritesThePage() throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            EmbeddingExample.main(new String[] {dir.toString()});
        } finally {
            System.setOut(console);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("high  " + SampleDataSet.C2_IP + "  flagged by feed"), out);
        String page = Files.readString(dir.resolve("verdicts.html"));
        assertTrue(page.startsWith("<!DOCTYPE html>") || page.startsWith("<!doctype html>"), page.substring(0, 80));
        assertTrue(page.contains(SampleDataSet.C2_IP), "the page names the flagged address");
    }
}
