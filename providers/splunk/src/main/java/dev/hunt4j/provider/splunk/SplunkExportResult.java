package dev.hunt4j.provider.splunk;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hunt4j.api.Hunt4jException;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.toolkit.ErrorBodies;
import dev.hunt4j.toolkit.JsonBody;
import dev.hunt4j.toolkit.JsonValues;
import dev.hunt4j.toolkit.Timestamps;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The export stream ({@code POST .../jobs/export}, {@code output_mode=json}): one JSON object per result,
 * {@code {"preview":false,"offset":N,"result":{...}}}, with {@code messages} objects for errors. It has no field list,
 * so the columns are the fields of the first {@value #SAMPLE} results in first-seen order (those results are held
 * until read); a field that first shows up later is left out and named in a WARN at the end. Preview results are
 * skipped. An error message in the stream fails the query after the rows before it.
 */
final class SplunkExportResult implements ResultStream {
    static final int SAMPLE = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(SplunkExportResult.class);

    private final JsonBody body;
    private final JsonParser p;
    private final Deque<Map<String, String>> sample = new ArrayDeque<>();
    private final SplunkRows layout;
    private final Set<String> late = new LinkedHashSet<>();
    private long rows;
    // results parsed from the stream so far (ahead of rows while the sample is buffered)
    private long parsed;
    private boolean ended;
    private boolean closed;
    // an error met while sampling, raised once the rows before it are read
    private Hunt4jException pending;

    SplunkExportResult(JsonBody body) {
        this.body = body;
        this.p = body.parser();
        Set<String> fields = new LinkedHashSet<>();
        try {
            while (sample.size() < SAMPLE) {
                Map<String, String> r = nextResultAsText();
                if (r == null) {
                    break;
                }
                fields.addAll(r.keySet());
                sample.add(r);
            }
        } catch (IOException e) {
            pending = body.failure(e, "after " + sample.size() + " results");
        } catch (Hunt4jException e) {
            pending = e;
        } catch (RuntimeException e) {
            body.close();
            throw e;
        }
        if (pending != null && sample.isEmpty()) {
            body.close();
            throw pending;
        }
        this.layout = new SplunkRows(new ArrayList<>(fields));
    }

    /** The next non-preview result as field to text (multivalue arrays as their JSON text); null at the end. */
    private Map<String, String> nextResultAsText() throws IOException {
        while (true) {
            if (!toNextResult()) {
                return null;
            }
            Map<String, String> r = new LinkedHashMap<>();
            for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                r.put(key, v == JsonToken.VALUE_NULL ? null : JsonValues.structureText(p));
            }
            finishEnvelope();
            return r;
        }
    }

    /**
     * Moves to the {@code result} object of the next non-preview envelope (its START_OBJECT consumed); false at the end.
     * Envelope fields after {@code result} are read by {@link #finishEnvelope()}.
     */
    private boolean toNextResult() throws IOException {
        while (true) {
            JsonToken t = p.nextToken();
            if (t == null) {
                ended = true;
                body.markComplete();
                return false;
            }
            if (t != JsonToken.START_OBJECT) {
                throw body.scope().error("unexpected " + t + " in the Splunk export stream after " + parsed + " results");
            }
            boolean preview = false;
            for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if ("preview".equals(field)) {
                    preview = v == JsonToken.VALUE_TRUE;
                } else if ("result".equals(field) && v == JsonToken.START_OBJECT) {
                    if (!preview) {
                        parsed++;
                        return true;
                    }
                    p.skipChildren();
                } else if ("messages".equals(field)) {
                    String errors = SplunkErrors.texts(ErrorBodies.parse(JsonValues.structureText(p)), true);
                    if (errors != null) {
                        throw body.scope().error("Splunk reported an error in the export stream after " + parsed + " results: " + errors);
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
    }

    private void finishEnvelope() throws IOException {
        for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
            p.nextToken();
            p.skipChildren();
        }
    }

    @Override
    public List<Column> columns() {
        return layout.columns();
    }

    @Override
    public Object[] next() {
        if (closed) {
            return null;
        }
        try {
            Map<String, String> buffered = sample.poll();
            if (buffered != null) {
                rows++;
                return fromText(buffered);
            }
            if (pending != null) {
                throw pending;
            }
            if (ended || !toNextResult()) {
                finish();
                return null;
            }
            rows++;
            Object[] row = layout.read(p, body.scope(), rows);
            finishEnvelope();
            return row;
        } catch (IOException e) {
            close();
            throw body.failure(e, "after " + rows + " results");
        } catch (Hunt4jException e) {
            close();
            throw e;
        }
    }

    private Object[] fromText(Map<String, String> r) {
        List<Column> cols = layout.columns();
        Object[] row = new Object[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            String v = r.get(cols.get(i).name());
            if (v != null && cols.get(i).type() == ColumnType.TIMESTAMP) {
                try {
                    row[i] = Timestamps.parse(v);
                } catch (IllegalArgumentException e) {
                    throw body.scope().error("row " + rows + ", field " + cols.get(i).name() + " of the Splunk result: " + e.getMessage());
                }
            } else {
                row[i] = v;
            }
        }
        return row;
    }

    private void finish() {
        late.addAll(layout.unknownFields());
        if (!late.isEmpty()) {
            LOG.warn(body.scope().redact("Splunk export: fields that first appeared after the first " + SAMPLE + " results were left "
                    + "out: " + late + " (end the search with | table or | fields, or use mode: jobs)"));
        }
        close();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            sample.clear();
            body.close();
        }
    }
}
