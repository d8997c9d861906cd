package dev.hunt4j.provider.elastic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hunt4j.api.Hunt4jException;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.toolkit.JsonBody;
import dev.hunt4j.toolkit.QueryScope;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A search result paged through with {@code search_after}: over a point in time when it may take more than one page
 * (Elasticsearch's {@code _pit}, OpenSearch's {@code _search/point_in_time}), so the pages come from one consistent
 * snapshot, or as a single search when the row limit fits one page. Each page's hits are parsed from the socket one
 * at a time as {@link #next()} is called; memory does not grow with the result. The point in time is closed when the
 * last page has been read, on {@link #close()} and on any error.
 */
final class SearchStream implements ResultStream {
    private static final Logger LOG = LoggerFactory.getLogger(SearchStream.class);

    private final ElasticClient client;
    private final ElasticClient.Info info;
    private final QueryScope scope;
    private final FieldSchema schema;
    private final HitReader reader;
    private final Map<String, Object> request;
    private final String index;
    private final long limit;
    private final int pageSize;
    private final Map<String, String> params;
    private final boolean usePit;
    private String pitId;
    private JsonBody body;
    private JsonParser p;
    private List<?> lastSort;
    private long delivered;
    private int pageHits;
    private int requested;
    private int pages;
    private boolean lastPage;
    private boolean done;
    private long nulledValues;

    /**
     * @param request the search body without size, pit and search_after
     * @param limit   the most rows, 0 for all
     */
    private SearchStream(ElasticClient client, ElasticClient.Info info, QueryScope scope, FieldSchema schema,
                         Map<String, Object> request, String index, long limit) {
        this.client = client;
        this.info = info;
        this.scope = scope;
        this.schema = schema;
        this.reader = new HitReader(schema, client.settings().nullOnTypeError());
        this.request = request;
        this.index = index;
        this.limit = limit;
        this.pageSize = client.settings().pageSize();
        this.usePit = limit == 0 || limit > pageSize;
        // no filter_path: it makes the server re-parse every _source to filter it, costing it more CPU (measured +60%)
        // than the client spends skipping _index, _id and _score
        this.params = Map.of("allow_partial_search_results", "false");
    }

    /**
     * Runs the search and reads up to its first hit, so a rejected query fails here rather than on the first row.
     *
     * @param sort the query's sort clauses (a tiebreaker is added for paging)
     */
    static SearchStream open(ElasticClient client, ElasticClient.Info info, QueryScope scope, FieldSchema schema,
                             Map<String, Object> request, List<Object> sort, String index, long limit) {
        SearchStream s = new SearchStream(client, info, scope, schema, request, index, limit);
        try {
            s.start(sort);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private void start(List<Object> sort) {
        List<Object> order = new java.util.ArrayList<>(sort);
        if (usePit) {
            int shards = openPit();
            if (info.isOpenSearch()) {
                // OpenSearch 2.x has no _shard_doc: Lucene's doc id is unique within one shard; over several, the
                // tiebreaker field (by default _id) makes the order total so no hit is skipped or repeated between pages
                if (order.isEmpty()) {
                    order.add(Json.object("_doc", "asc"));
                }
                if (shards != 1) {
                    order.add(Json.object(client.settings().tiebreaker(), "asc"));
                } else if (!isDocSort(order)) {
                    order.add(Json.object("_doc", "asc"));
                }
            } else if (order.isEmpty()) {
                // index order; with a point in time Elasticsearch adds _shard_doc to any other sort by itself
                order.add(Json.object("_shard_doc", "asc"));
            }
        }
        if (!order.isEmpty()) {
            request.put("sort", order);
        }
        fetchPage();
    }

    private static boolean isDocSort(List<Object> order) {
        Object lastClause = order.get(order.size() - 1);
        return "_doc".equals(lastClause) || Json.asObject(lastClause) != null && Json.asObject(lastClause).containsKey("_doc");
    }

    /** Opens the point in time; returns the number of shards it spans (-1 when not said). */
    private int openPit() {
        String keepAlive = client.settings().pitKeepAlive().toSeconds() + "s";
        Object r;
        if (info.isOpenSearch()) {
            r = client.json(new ElasticClient.Call("POST", "/" + index + "/_search/point_in_time",
                    Map.of("keep_alive", keepAlive), null), scope, "opening a point in time on " + index);
            pitId = dev.hunt4j.toolkit.ErrorBodies.text(r, "pit_id");
        } else {
            r = client.json(new ElasticClient.Call("POST", "/" + index + "/_pit", Map.of("keep_alive", keepAlive), null), scope,
                    "opening a point in time on " + index);
            pitId = dev.hunt4j.toolkit.ErrorBodies.text(r, "id");
        }
        if (pitId == null) {
            throw scope.error(client.service() + " answered the point-in-time request without an id");
        }
        String total = dev.hunt4j.toolkit.ErrorBodies.text(r, "_shards", "total");
        try {
            return total == null ? -1 : Integer.parseInt(total);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Requests the next page and reads its head; leaves the parser on the hits array, or marks the end. */
    private void fetchPage() {
        scope.checkCancelled();
        scope.checkDeadline("fetching page " + (pages + 1));
        long left = limit == 0 ? Long.MAX_VALUE : limit - delivered;
        requested = (int) Math.min(pageSize, left);
        Map<String, Object> page = new LinkedHashMap<>(request);
        page.put("size", requested);
        if (lastSort != null) {
            page.put("search_after", lastSort);
        }
        String path;
        if (usePit) {
            page.put("pit", Json.object("id", pitId, "keep_alive", client.settings().pitKeepAlive().toSeconds() + "s"));
            path = "/_search";
        } else {
            path = "/" + index + "/_search";
        }
        pages++;
        pageHits = 0;
        String what = pages == 1 ? "running the search on " + index : "fetching page " + pages + " of the search on " + index;
        body = new JsonBody(client.send(new ElasticClient.Call("POST", path, params, Json.write(page)), scope, what),
                "the " + client.service() + " search response");
        p = body.parser();
        try {
            if (!readHead()) {
                readToEnd(0);
            }
        } catch (IOException e) {
            throw body.failure(e, "in page " + pages);
        }
    }

    /** Reads up to the hits array; false when the page has none. */
    private boolean readHead() throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw scope.error("the " + client.service() + " search response is not a JSON object");
        }
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if ("hits".equals(field) && v == JsonToken.START_OBJECT) {
                for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
                    String inner = p.currentName();
                    JsonToken iv = p.nextToken();
                    if ("hits".equals(inner) && iv == JsonToken.START_ARRAY) {
                        return true;
                    }
                    p.skipChildren();
                }
            } else {
                readTopField(field, v);
            }
        }
        return false;
    }

    private void readTopField(String field, JsonToken v) throws IOException {
        if ("pit_id".equals(field) && v == JsonToken.VALUE_STRING) {
            pitId = p.getText();
        } else if ("_shards".equals(field) && v == JsonToken.START_OBJECT) {
            Object shards = Json.read(p, v);
            String failed = dev.hunt4j.toolkit.ErrorBodies.text(shards, "failed");
            if (failed != null && !"0".equals(failed)) {
                // allow_partial_search_results=false should prevent this; never pass a partial page for a whole one
                throw scope.error(client.service() + " answered page " + pages + " of the search on " + index + " with " + failed
                        + " failed shards; the result would be incomplete");
            }
        } else {
            p.skipChildren();
        }
    }

    /**
     * After the hits array (depth 2: inside "hits" inside the top object) or at the end of a response without one
     * (depth 0): reads the rest of the response, then the page is complete.
     */
    private void readToEnd(int depth) throws IOException {
        while (depth > 0) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new com.fasterxml.jackson.core.io.JsonEOFException(p, null, "unexpected end of the search response");
            }
            if (t == JsonToken.END_OBJECT) {
                depth--;
            } else if (t == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if (depth == 1) {
                    readTopField(field, v);
                } else {
                    p.skipChildren();
                }
            }
        }
        p.nextToken();
        body.markComplete();
        closeBody();
        if (pageHits < requested) {
            lastPage = true;
        }
    }

    @Override
    public List<Column> columns() {
        return schema.columns();
    }

    @Override
    public Object[] next() {
        if (done) {
            return null;
        }
        try {
            while (true) {
                if (limit > 0 && delivered >= limit) {
                    finish();
                    return null;
                }
                if (body == null) {
                    if (lastPage) {
                        finish();
                        return null;
                    }
                    fetchPage();
                    continue;
                }
                if (scope.isCancelled()) {
                    throw scope.cancelled();
                }
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_OBJECT) {
                    Object[] row = readHit();
                    pageHits++;
                    delivered++;
                    return row;
                }
                if (t == JsonToken.END_ARRAY) {
                    readToEnd(2);
                    continue;
                }
                throw scope.error("unexpected " + t + " among the hits of page " + pages + " of the " + client.service() + " search");
            }
        } catch (IOException e) {
            Hunt4jException failure = body == null ? scope.ioFailure(e, "reading the search") : body.failure(e, "after " + delivered + " rows");
            close();
            throw failure;
        } catch (HitReader.TypeError e) {
            close();
            Column c = schema.columns().get(e.column);
            throw scope.error("row " + (delivered + 1) + ", field " + c.name() + " (" + c.type() + ") of the search on " + index
                    + ": " + e.getMessage() + ". The field's mapping differs from what the document holds; set '"
                    + client.settings().keyPath() + ".on_type_error: null' to read such values as null");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private Object[] readHit() throws IOException, HitReader.TypeError {
        Object[] row = new Object[schema.columns().size()];
        for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "_source" -> {
                    if (v == JsonToken.START_OBJECT) {
                        reader.readSource(p, row);
                        if (!reader.typeErrors().isEmpty()) {
                            noteNulled(reader.typeErrors());
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                case "sort" -> {
                    // only the last hit of a full page is searched after; a shorter page is the last one
                    if (pageHits == requested - 1 && v == JsonToken.START_ARRAY) {
                        lastSort = (List<?>) Json.read(p, v);
                    } else {
                        p.skipChildren();
                    }
                }
                case "_id" -> {
                    if (schema.idColumn() >= 0) {
                        row[schema.idColumn()] = p.getText();
                    }
                }
                case "_index" -> {
                    if (schema.indexColumn() >= 0) {
                        row[schema.indexColumn()] = p.getText();
                    }
                }
                default -> p.skipChildren();
            }
        }
        return row;
    }

    private void noteNulled(List<HitReader.TypeError> errors) {
        for (HitReader.TypeError e : errors) {
            if (nulledValues++ == 0) {
                LOG.warn(scope.redact("row " + (delivered + 1) + ", field " + schema.columns().get(e.column).name() + " of the search on "
                        + index + ": " + e.getMessage() + "; read as null (on_type_error: null), further such values are counted"));
            }
        }
    }

    private void finish() {
        close();
        if (nulledValues > 1) {
            LOG.warn("search on {}: {} values did not fit their column's type and were read as null", index, nulledValues);
        }
    }

    private void closeBody() {
        JsonBody b = body;
        body = null;
        p = null;
        if (b != null) {
            b.close();
        }
    }

    /** Hits handed out so far. */
    long rows() {
        return delivered;
    }

    /** Pages requested so far. */
    int pages() {
        return pages;
    }

    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        try {
            closeBody();
        } finally {
            scope.close();
            closePit();
        }
    }

    private void closePit() {
        String id = pitId;
        pitId = null;
        if (id == null || !usePit) {
            return;
        }
        try {
            QueryScope cleanup = client.cleanupScope();
            if (info.isOpenSearch()) {
                client.json(new ElasticClient.Call("DELETE", "/_search/point_in_time", Map.of(),
                        Json.write(Json.object("pit_id", List.of(id)))), cleanup, "closing the point in time");
            } else {
                client.json(new ElasticClient.Call("DELETE", "/_pit", Map.of(), Json.write(Json.object("id", id))), cleanup,
                        "closing the point in time");
            }
        } catch (RuntimeException e) {
            // it expires by itself after pit_keep_alive; not worth failing a finished query for
            LOG.debug("could not close the point in time: {}", e.getMessage());
        }
    }
}
