package dev.hunt4j.analysis.ioc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.IocType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Precision and recall per type on the generated labelled corpus ({@link IocCorpus}). */
class IocQualityTest {
    private static final int LINES = 20_000;
    private static final double MIN = 0.99;

    @Test
    void precisionAndRecallPerTypeAreAtLeast99Percent() {
        List<IocCorpus.Line> corpus = IocCorpus.generate(20_260_301L, LINES);
        IocExtractor ex = IocExtractor.builder().includePaths(true).parallelism(1).build();
        Map<IocType, int[]> counts = new EnumMap<>(IocType.class); // tp, fp, fn
        Map<IocType, List<String>> errors = new EnumMap<>(IocType.class);
        for (IocCorpus.Line line : corpus) {
            Set<IocCorpus.Label> found = new HashSet<>();
            ex.extract(line.text()).forEach((t, vs) -> vs.forEach(v -> found.add(new IocCorpus.Label(t, v))));
            for (IocCorpus.Label l : found) {
                int[] c = counts.computeIfAbsent(l.type(), k -> new int[3]);
                if (line.labels().contains(l)) {
                    c[0]++;
                } else {
                    c[1]++;
                    note(errors, l.type(), "FP " + l.value() + "   in: " + line.text());
                }
            }
            for (IocCorpus.Label l : line.labels()) {
                if (!found.contains(l)) {
                    counts.computeIfAbsent(l.type(), k -> new int[3])[2]++;
                    note(errors, l.type(), "FN " + l.value() + "   in: " + line.text());
                }
            }
        }
        StringBuilder table = new StringBuilder(String.format("%n%-13s %7s %5s %5s %9s %7s%n", "type", "TP", "FP", "FN",
                "precision", "recall"));
        List<String> failures = new ArrayList<>();
        for (IocType t : IocType.values()) {
            if (t == IocType.HOSTNAME) {
                continue;
            }
            int[] c = counts.getOrDefault(t, new int[3]);
            double p = c[0] + c[1] == 0 ? 0 : (double) c[0] / (c[0] + c[1]);
            double r = c[0] + c[2] == 0 ? 0 : (double) c[0] / (c[0] + c[2]);
            table.append(String.format("%-13s %7d %5d %5d %9.4f %7.4f%n", t.id(), c[0], c[1], c[2], p, r));
            if (c[0] < 100 || p < MIN || r < MIN) {
                failures.add(t.id() + " (tp " + c[0] + ", precision " + p + ", recall " + r + ") e.g. "
                        + errors.getOrDefault(t, List.of()));
            }
        }
        System.out.println("IoC extraction quality on " + LINES + " generated lines:" + table);
        assertTrue(failures.isEmpty(), "below " + MIN + " (or too few planted):\n" + String.join("\n", failures));
    }

    private static void note(Map<IocType, List<String>> errors, IocType t, String msg) {
        List<String> l = errors.computeIfAbsent(t, k -> new ArrayList<>());
        if (l.size() < 8) {
            l.add("\n    " + msg);
        }
    }
}
