package dev.hunt4j.benchmarks;

import dev.hunt4j.analysis.ioc.IocExtractor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * IoC extraction throughput on generated command lines. Every operation processes one mebibyte of text
 * (1,048,576 characters, ASCII), so the reported ops/s is MiB/s, single-threaded.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IocExtractBenchmark {
    static final int MIB = 1 << 20;

    List<String> lines;
    String text;
    IocExtractor defaults;
    IocExtractor withPaths;

    @Setup
    public void setup() {
        CommandLines gen = new CommandLines(42);
        lines = new ArrayList<>();
        int size = 0;
        while (size < MIB) {
            String l = gen.next();
            if (size + l.length() > MIB) {
                l = l.substring(0, MIB - size);
            }
            lines.add(l);
            size += l.length();
        }
        text = String.join("", lines);
        defaults = IocExtractor.builder().parallelism(1).build();
        withPaths = IocExtractor.builder().includePaths(true).parallelism(1).build();
    }

    /** The table case: one extraction per command line, default types (MSTICPy's defaults). */
    @Benchmark
    public int perLineDefaults() {
        int n = 0;
        for (String l : lines) {
            n += defaults.find(l).size();
        }
        return n;
    }

    /** Per line with Windows and Linux paths as well. */
    @Benchmark
    public int perLineWithPaths() {
        int n = 0;
        for (String l : lines) {
            n += withPaths.find(l).size();
        }
        return n;
    }

    /** One 1 MiB text, grouped by type as {@code extract(String)} returns it. */
    @Benchmark
    public int wholeTextExtract() {
        return defaults.extract(text).size();
    }
}
