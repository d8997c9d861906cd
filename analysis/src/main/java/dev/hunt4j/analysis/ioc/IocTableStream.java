package dev.hunt4j.analysis.ioc;

import dev.hunt4j.analysis.ParallelRows;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ResultStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The streaming result of table extraction: input rows are processed in ordered parallel chunks
 * ({@link ParallelRows}), so the output order never depends on thread timing and memory stays bounded.
 */
final class IocTableStream implements ResultStream {
    private static final int CHUNK_ROWS = 512;
    /** Command lines vary from a few to thousands of characters: chunks are cut by text size too. */
    private static final long CHUNK_CHARS = 256 * 1024;

    private final ResultStream rows;

    IocTableStream(IocExtractor extractor, ResultStream input, int[] idx, int parallelism) {
        this.rows = ParallelRows.over(input)
                .columns(IocExtractor.RESULT_COLUMNS)
                .parallelism(parallelism)
                .chunkRows(CHUNK_ROWS)
                .chunkChars(CHUNK_CHARS, idx)
                .name("IoC extraction")
                .map((chunk, first) -> {
                    List<Object[]> out = new ArrayList<>();
                    for (int r = 0; r < chunk.size(); r++) {
                        extractor.rowsFor(chunk.get(r), idx, first + r, out);
                    }
                    return out;
                });
    }

    @Override
    public List<Column> columns() {
        return IocExtractor.RESULT_COLUMNS;
    }

    @Override
    public Object[] next() {
        return rows.next();
    }

    @Override
    public List<String> warnings() {
        return rows.warnings();
    }

    @Override
    public void close() {
        rows.close();
    }
}
