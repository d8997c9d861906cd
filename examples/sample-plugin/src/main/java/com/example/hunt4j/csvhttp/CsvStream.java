package com.example.hunt4j.csvhttp;

import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.TimeRange;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.query.QueryOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Streams a simple CSV body (header row, no quoted line breaks) row by row: the time column becomes a
 * TIMESTAMP, everything else stays text. Honours the time range, the row limit and cancellation.
 */
final class CsvStream implements ResultStream {
    /** Streams still open, so tests can check that closing releases the connection. */
    static final AtomicInteger OPEN = new AtomicInteger();

    private final BufferedReader reader;
    private final String source;
    private final List<Column> columns = new ArrayList<>();
    private final int timeIndex;
    private final TimeRange range;
    private final QueryOptions options;
    private final long limit;
    private long returned;
    private long line = 1;
    private boolean closed;

    CsvStream(InputStream body, String source, String timeColumn, QueryOptions options, long limit) {
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        this.source = source;
        this.options = options;
        this.range = options.timeRange();
        this.limit = limit;
        OPEN.incrementAndGet();
        String header = readLine();
        if (header == null) {
            close();
            throw new QueryException("csv-http: " + source + " is empty (expected a header row)");
        }
        int t = -1;
        for (String name : split(header)) {
            boolean time = name.equals(timeColumn);
            t = time ? columns.size() : t;
            columns.add(new Column(name, time ? ColumnType.TIMESTAMP : ColumnType.STRING));
        }
        timeIndex = t;
        if (range != null && timeIndex < 0) {
            close();
            throw new QueryException("csv-http: a time range needs the column '" + timeColumn + "', which " + source + " lacks");
        }
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public Object[] next() {
        while (!closed && (limit == 0 || returned < limit)) {
            options.cancellation().check();
            String text = readLine();
            if (text == null) {
                close();
                return null;
            }
            if (text.isEmpty()) {
                continue;
            }
            Object[] row = toRow(split(text));
            if (range == null || row[timeIndex] != null && range.contains((Instant) row[timeIndex])) {
                returned++;
                return row;
            }
        }
        close();
        return null;
    }

    private Object[] toRow(List<String> fields) {
        if (fields.size() != columns.size()) {
            throw new QueryException("csv-http: " + source + " line " + line + " has " + fields.size() + " fields, the header has "
                    + columns.size());
        }
        Object[] row = fields.toArray();
        for (int i = 0; i < row.length; i++) {
            if (fields.get(i).isEmpty()) {
                row[i] = null;
            } else if (i == timeIndex) {
                try {
                    row[i] = Instant.parse(fields.get(i));
                } catch (DateTimeParseException e) {
                    throw new QueryException("csv-http: " + source + " line " + line + ": '" + fields.get(i) + "' is not an ISO-8601 time");
                }
            }
        }
        return row;
    }

    /** Splits one line on commas; double-quoted fields may hold commas and doubled quotes. */
    private static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }

    private String readLine() {
        try {
            String s = reader.readLine();
            line++;
            return s == null ? null : s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        } catch (IOException e) {
            throw new QueryException("csv-http: reading " + source + " failed at line " + line + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            OPEN.decrementAndGet();
            try {
                reader.close();
            } catch (IOException ignored) {
                // the connection is dropped either way
            }
        }
    }
}
