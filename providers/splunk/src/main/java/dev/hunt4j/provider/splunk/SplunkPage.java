package dev.hunt4j.provider.splunk;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hunt4j.api.Hunt4jException;
import dev.hunt4j.toolkit.ErrorBodies;
import dev.hunt4j.toolkit.JsonBody;
import dev.hunt4j.toolkit.JsonValues;
import java.io.IOException;
import java.util.List;

/**
 * One page of a search job's results ({@code GET .../jobs/{sid}/results?output_mode=json&offset&count}):
 * {@code {"preview":false,"init_offset":N,"messages":[...],"fields":[...],"results":[{...}]}}, streamed. The first
 * page's {@code fields} become the layout; later pages are read into it.
 */
final class SplunkPage implements AutoCloseable {
    private final JsonBody body;
    private final JsonParser p;
    private final long offset;
    private SplunkRows layout;
    private long rows;
    private boolean done;

    /**
     * @param layout the columns of the first page, or null when this is the first page
     */
    SplunkPage(JsonBody body, long offset, SplunkRows layout) {
        this.body = body;
        this.p = body.parser();
        this.offset = offset;
        this.layout = layout;
        try {
            readHead();
        } catch (IOException e) {
            body.close();
            throw body.failure(e, "in the page at offset " + offset);
        } catch (RuntimeException e) {
            body.close();
            throw e;
        }
    }

    private void readHead() throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw body.scope().error("the Splunk results page at offset " + offset + " is not a JSON object");
        }
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if ("fields".equals(field) && v == JsonToken.START_ARRAY) {
                List<String> fields = SplunkRows.readFields(p);
                if (layout == null) {
                    layout = new SplunkRows(fields);
                }
            } else if ("messages".equals(field)) {
                String errors = SplunkErrors.texts(ErrorBodies.parse(JsonValues.structureText(p)), true);
                if (errors != null) {
                    throw body.scope().error("Splunk reported an error in the results at offset " + offset + ": " + errors);
                }
            } else if ("results".equals(field) && v == JsonToken.START_ARRAY) {
                if (layout == null) {
                    // no "fields" before the results: the layout comes from what Splunk lists first, nothing to go on
                    throw body.scope().error("the Splunk results page at offset " + offset + " has results but no field list before them");
                }
                return;
            } else {
                p.skipChildren();
            }
        }
        // a page without "results": no rows
        body.markComplete();
        done = true;
        if (layout == null) {
            layout = new SplunkRows(List.of());
        }
    }

    SplunkRows layout() {
        return layout;
    }

    /** The next row, or null at the end of the page. */
    Object[] next() {
        if (done) {
            return null;
        }
        try {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT) {
                Object[] row = layout.read(p, body.scope(), offset + rows + 1);
                rows++;
                return row;
            }
            if (t == JsonToken.END_ARRAY) {
                for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
                    p.nextToken();
                    p.skipChildren();
                }
                body.markComplete();
                close();
                return null;
            }
            throw body.scope().error("unexpected " + t + " in the Splunk results page at offset " + offset);
        } catch (IOException e) {
            close();
            throw body.failure(e, "in the page at offset " + offset + " after " + rows + " rows");
        } catch (Hunt4jException e) {
            close();
            throw e;
        }
    }

    /** Rows read from this page. */
    long rows() {
        return rows;
    }

    @Override
    public void close() {
        done = true;
        body.close();
    }
}
