package dev.hunt4j.analysis.proctree;

import dev.hunt4j.analysis.ParallelRows;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ResultStream;
import java.util.List;

/** Index ranges worked on in parallel by the analysis workers ({@link ParallelRows}): the caller works too. */
final class Ranges {
    /** The work on range [from, to); ranges never overlap, so a task may write what its range owns. */
    @FunctionalInterface
    interface Task {
        void run(int from, int to);
    }

    private Ranges() {
    }

    /**
     * Runs {@code task} over consecutive ranges of [0, n) of about {@code weightPerRange} total weight each (range
     * ends come from {@code cumulative}: cumulative[i] is the weight of [0, i), n + 1 entries) and returns when all
     * are done; a failure in any is thrown here.
     */
    static void forEach(int[] cumulative, long weightPerRange, String name, Task task) {
        int n = cumulative.length - 1;
        ResultStream ranges = new ResultStream() {
            private int from;

            @Override
            public List<Column> columns() {
                return List.of();
            }

            @Override
            public Object[] next() {
                if (from >= n) {
                    return null;
                }
                int to = from + 1;
                while (to < n && cumulative[to] - cumulative[from] < weightPerRange) {
                    to++;
                }
                Object[] range = {from, to};
                from = to;
                return range;
            }

            @Override
            public void close() {
                from = n;
            }
        };
        try (ResultStream done = ParallelRows.over(ranges).parallelism(Runtime.getRuntime().availableProcessors()).chunkRows(1)
                .name(name).map((chunk, first) -> {
                    for (Object[] r : chunk) {
                        task.run((Integer) r[0], (Integer) r[1]);
                    }
                    return List.of();
                })) {
            while (done.next() != null) {
                // each chunk yields no rows: draining waits for all of them
            }
        }
    }
}
