package dev.hunt4j.benchmarks;

import dev.hunt4j.analysis.b64.Base64Unpacker;
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
 * Base64 unpacking throughput. Every operation processes one mebibyte of command lines (ASCII), so ops/s is MiB/s:
 * {@code scanCommandLines} on the usual mix (about 0.5% of lines carry a PowerShell {@code -enc} payload),
 * {@code decodeEncodedCommands} on lines that all carry one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Base64UnpackBenchmark {
    List<String> mixed;
    List<String> encoded;
    Base64Unpacker unpacker;

    @Setup
    public void setup() {
        mixed = lines(false);
        encoded = lines(true);
        unpacker = Base64Unpacker.defaults();
    }

    private static List<String> lines(boolean allEncoded) {
        CommandLines gen = new CommandLines(7);
        List<String> out = new ArrayList<>();
        int size = 0;
        while (size < IocExtractBenchmark.MIB) {
            String l = allEncoded ? gen.encoded() : gen.next();
            if (size + l.length() > IocExtractBenchmark.MIB) {
                l = l.substring(0, IocExtractBenchmark.MIB - size);
            }
            out.add(l);
            size += l.length();
        }
        return out;
    }

    @Benchmark
    public int scanCommandLines() {
        int n = 0;
        for (String l : mixed) {
            n += unpacker.unpack(l).items().size();
        }
        return n;
    }

    @Benchmark
    public int decodeEncodedCommands() {
        int n = 0;
        for (String l : encoded) {
            n += unpacker.unpack(l).items().size();
        }
        return n;
    }
}
