package dev.hunt4j.provider.elastic;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.hunt4j.api.Hunt4jException;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.toolkit.ErrorBodies;
import dev.hunt4j.toolkit.JsonBody;
import dev.hunt4j.toolkit.JsonValues;
import dev.hunt4j.toolkit.OpenResponse;
import dev.hunt4j.toolkit.QueryScope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A search result paged through with {@code search_after}.
 *
 * <p>When the rows may take more than one page, the pages come from a point in time (Elasticsearch's {@code _pit},
 * OpenSearch's {@code _search/point_in_time}), so they are one consistent snapshot, and a read-ahead thread fetches
 * page n+1 while the caller reads page n: the next page's {@code search_after} is the sort value at the very end of
 * page n's body, so the server works on the next page while this side parses. At most two pages are held (the one
 * being read and the one fetched ahead), as raw bytes. When the row limit fits one page, it is a single search whose
 * body is parsed straight from the socket.
 *
 * <p>Hits are parsed one at a time as {@link #next()} is called. The point in time is closed when the last page has
 * been read, on {@link #close()} and on any error.
 */
final class SearchStream implements ResultStream {
    private static final Logger LOG = LoggerFactory.getLogger(SearchStream.class);
    private static final Object END = new Object();
    private static final byte[] SORT_KEY = "\"sort\":[".getBytes(StandardCharsets.US_ASCII);

    private final ElasticClient client;
    private final ElasticClient.Info info;
    private final QueryScope scope;
    private final FieldSchema schema;
    private final HitReader reader;
    private final ByteHitReader bytes;
    private final Map<String, Object> request;
    private final String index;
    private final long limit;
    private final int pageSize;
    private final Map<String, String> params;
    private final boolean usePit;
    private final BlockingQueue<Object> ahead = new ArrayBlockingQueue<>(1);
    /** Chunks of pages read to their end, reused by the read-ahead for the next pages. */
    private final Queue<byte[]> freeChunks = new ConcurrentLinkedQueue<>();
    /** The keys of the first hit, in order (_index, _id, _score, _source, sort): matched on their bytes in later hits. */
    private SerializedString[] hitKeys = new SerializedString[0];
    private boolean hitKeysDone;
    private Chunks pageChunks;
    private volatile String pitId;
    private volatile boolean stopped;
    private Thread fetcher;
    private JsonBody body;
    private JsonParser p;
    /** The page in memory is read by {@link #bytes}; {@link #p} is then null. */
    private boolean bytePage;
    /** Jackson over the page in memory, for the hits {@link #bytes} leaves to it; null until one does. */
    private JsonParser fallback;
    private int fallbackHits;
    /** Hits read by Jackson in pages held in memory (what the byte reader left to it). */
    private long jacksonHits;
    private boolean pageOpen;
    private long delivered;
    private int pages;
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
        this.bytes = new ByteHitReader(schema, reader);
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
        List<Object> order = new ArrayList<>(sort);
        if (!usePit) {
            if (!order.isEmpty()) {
                request.put("sort", order);
            }
            int size = (int) limit;
            pages = 1;
            body = new JsonBody(client.send(call("/" + index + "/_search", size, null), scope, "running the search on " + index),
                    "the " + client.service() + " search response");
            openPage(body.parser());
            return;
        }
        int shards = openPit();
        if (info.isOpenSearch()) {
            // OpenSearch 2.x has no _shard_doc: Lucene's doc id is unique within one shard; over several, the tiebreaker
            // field (by default _id) makes the order total so no hit is skipped or repeated between pages
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
        request.put("sort", order);
        int size = size(0);
        Chunks first = fetchRaw(null, size, 1);
        // taken before the page is read: once read, its chunks go back to the pool
        List<?> firstAfter = lastSort(first);
        pages = 1;
        openPage(first);
        Thread t = new Thread(() -> readAhead(firstAfter, size), "hunt4j-elastic-read-ahead");
        t.setDaemon(true);
        fetcher = t;
        t.start();
    }

    private static boolean isDocSort(List<Object> order) {
        Object lastClause = order.get(order.size() - 1);
        return "_doc".equals(lastClause) || Json.asObject(lastClause) != null && Json.asObject(lastClause).containsKey("_doc");
    }

    /** Rows to ask for in the next page, after {@code requested} were asked for already. */
    private int size(long requested) {
        return (int) Math.min(pageSize, limit == 0 ? Long.MAX_VALUE : limit - requested);
    }

    private ElasticClient.Call call(String path, int size, List<?> searchAfter) {
        Map<String, Object> page = new LinkedHashMap<>(request);
        page.put("size", size);
        if (searchAfter != null) {
            page.put("search_after", searchAfter);
        }
        if (usePit) {
            page.put("pit", Json.object("id", pitId, "keep_alive", client.settings().pitKeepAlive().toSeconds() + "s"));
        }
        return new ElasticClient.Call("POST", path, params, Json.write(page));
    }

    /** Opens the point in time; returns the number of shards it spans (-1 when not said). */
    private int openPit() {
        String keepAlive = client.settings().pitKeepAlive().toSeconds() + "s";
        Object r;
        if (info.isOpenSearch()) {
            r = client.json(new ElasticClient.Call("POST", "/" + index + "/_search/point_in_time",
                    Map.of("keep_alive", keepAlive), null), scope, "opening a point in time on " + index);
            pitId = ErrorBodies.text(r, "pit_id");
        } else {
            r = client.json(new ElasticClient.Call("POST", "/" + index + "/_pit", Map.of("keep_alive", keepAlive), null), scope,
                    "opening a point in time on " + index);
            pitId = ErrorBodies.text(r, "id");
        }
        if (pitId == null) {
            throw scope.error(client.service() + " answered the point-in-time request without an id");
        }
        String total = ErrorBodies.text(r, "_shards", "total");
        try {
            return total == null ? -1 : Integer.parseInt(total);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Fetches one page of the point in time as bytes, and takes the newest point-in-time id from its head. */
    private Chunks fetchRaw(List<?> searchAfter, int size, int number) {
        scope.checkCancelled();
        scope.checkDeadline("fetching page " + number);
        String what = number == 1 ? "running the search on " + index : "fetching page " + number + " of the search on " + index;
        Chunks bytes = new Chunks(freeChunks);
        try (OpenResponse r = client.send(call("/_search", size, searchAfter), scope, what)) {
            try (java.io.InputStream in = r.bulkBody()) {
                bytes.readFrom(in);
            } catch (IOException e) {
                if (String.valueOf(e.getMessage()).contains("unexpected end of stream")) {
                    throw scope.error("the " + client.service() + " search response ended early (connection closed before the end "
                            + "of the body) in page " + number, e);
                }
                throw scope.ioFailure(e, "reading page " + number + " of the search on " + index);
            }
            r.markComplete();
        }
        try (JsonParser head = JsonValues.FACTORY.createParser(bytes.stream())) {
            if (head.nextToken() == JsonToken.START_OBJECT) {
                for (JsonToken t = head.nextToken(); t == JsonToken.FIELD_NAME; t = head.nextToken()) {
                    String field = head.currentName();
                    JsonToken v = head.nextToken();
                    if ("pit_id".equals(field) && v == JsonToken.VALUE_STRING) {
                        pitId = head.getText();
                    } else if ("hits".equals(field)) {
                        break;
                    } else {
                        head.skipChildren();
                    }
                }
            }
        } catch (IOException e) {
            throw failure(e, "in page " + number);
        }
        return bytes;
    }

    /**
     * The read-ahead thread: fetches page after page until one comes back empty or the row limit is covered.
     * {@code after} is the sort values of the last hit of the page before (null when it had none).
     */
    private void readAhead(List<?> after, int firstSize) {
        long requested = firstSize;
        int number = 1;
        try {
            while (!stopped) {
                if (limit > 0 && requested >= limit || after == null) {
                    hand(END); // the row limit is covered, or the page before had no hits
                    return;
                }
                int size = size(requested);
                Chunks page = fetchRaw(after, size, ++number);
                requested += size;
                // read before handing the page over: the reader recycles its chunks when done with it
                after = lastSort(page);
                hand(page);
            }
        } catch (RuntimeException e) {
            hand(e);
        }
    }

    /** Gives the reader a page, the end, or a failure; waits while it is still reading the page before. */
    private void hand(Object item) {
        try {
            while (!stopped && !ahead.offer(item, 100, TimeUnit.MILLISECONDS)) {
                // the reader has not taken the page before yet
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The sort values of a page's last hit, read from the end of its body ({@code ..."sort":[v1,v2]}]}}), or null when the
     * page has no hits. Falls back to parsing the whole page when the end does not look like that.
     */
    private List<?> lastSort(Chunks chunks) {
        // the sort values are in the last few hundred bytes; a key and its values never span more than the tail kept here
        byte[] page = chunks.tail(4096);
        int at = lastIndexOf(page, SORT_KEY);
        if (at >= 0) {
            int from = at + SORT_KEY.length - 1;
            try (JsonParser sp = JsonValues.FACTORY.createParser(page, from, page.length - from)) {
                List<?> values = (List<?>) Json.read(sp, sp.nextToken());
                // the array must close the last hit, the hits and the response: only "}]}}" may follow
                int end = from + (int) sp.currentLocation().getByteOffset();
                if (closesTheResponse(page, end)) {
                    return values;
                }
            } catch (IOException | RuntimeException e) {
                // not the shape expected: parse the whole page below
            }
        }
        try (JsonParser full = parser(chunks)) {
            if (!readHead(full)) {
                return null;
            }
            List<?> last = null;
            for (JsonToken t = full.nextToken(); t == JsonToken.START_OBJECT; t = full.nextToken()) {
                for (JsonToken f = full.nextToken(); f == JsonToken.FIELD_NAME; f = full.nextToken()) {
                    String name = full.currentName();
                    JsonToken v = full.nextToken();
                    if ("sort".equals(name) && v == JsonToken.START_ARRAY) {
                        last = (List<?>) Json.read(full, v);
                    } else {
                        full.skipChildren();
                    }
                }
            }
            return last;
        } catch (IOException e) {
            throw failure(e, "looking for the last hit's sort values");
        }
    }

    private static boolean closesTheResponse(byte[] page, int from) {
        byte[] expected = {'}', ']', '}', '}'};
        int k = 0;
        for (int i = from; i < page.length; i++) {
            byte b = page[i];
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                continue;
            }
            if (k == expected.length || b != expected[k]) {
                return false;
            }
            k++;
        }
        return k == expected.length;
    }

    private static int lastIndexOf(byte[] a, byte[] key) {
        for (int i = a.length - key.length; i >= 0; i--) {
            int k = 0;
            while (k < key.length && a[i + k] == key[k]) {
                k++;
            }
            if (k == key.length) {
                return i;
            }
        }
        return -1;
    }

    private JsonParser parser(Chunks page) {
        try {
            return JsonValues.FACTORY.createParser(page.stream());
        } catch (IOException e) {
            throw failure(e, "");
        }
    }

    /**
     * A response body held as 64 KiB chunks: no copy into one large array (which a big page would make a humongous
     * allocation for the garbage collector) and no growing buffer.
     */
    static final class Chunks {
        static final int SIZE = 64 * 1024;
        private final List<byte[]> chunks = new ArrayList<>();
        private final Queue<byte[]> pool;
        private int lastLength;

        /** @param pool where chunks come from when there are any, and go back to on {@link #recycle()} */
        Chunks(Queue<byte[]> pool) {
            this.pool = pool;
        }

        void readFrom(java.io.InputStream in) throws IOException {
            while (true) {
                byte[] c = pool.poll();
                if (c == null) {
                    c = new byte[SIZE];
                }
                int n = in.readNBytes(c, 0, SIZE);
                if (n > 0) {
                    chunks.add(c);
                    lastLength = n;
                } else {
                    pool.offer(c);
                }
                if (n < SIZE) {
                    return;
                }
            }
        }

        /**
         * Gives the chunks back to the pool, so the next page reuses them: at most three pages (read, handed over,
         * being fetched) are ever allocated, rather than one page's worth of garbage per page.
         */
        void recycle() {
            pool.addAll(chunks);
            chunks.clear();
            lastLength = 0;
        }

        int count() {
            return chunks.size();
        }

        byte[] chunk(int i) {
            return chunks.get(i);
        }

        /** Bytes held by chunk {@code i}: every chunk but the last is full. */
        int length(int i) {
            return i == chunks.size() - 1 ? lastLength : SIZE;
        }

        long size() {
            return chunks.isEmpty() ? 0 : (long) (chunks.size() - 1) * SIZE + lastLength;
        }

        /** Copies {@code n} bytes from offset {@code from} of the body into {@code dst}. */
        void copy(long from, byte[] dst, int n) {
            int o = 0;
            while (o < n) {
                int i = (int) ((from + o) / SIZE);
                int at = (int) ((from + o) % SIZE);
                int len = Math.min(n - o, length(i) - at);
                System.arraycopy(chunks.get(i), at, dst, o, len);
                o += len;
            }
        }

        /** The last {@code max} bytes (fewer when the body is shorter). */
        byte[] tail(int max) {
            long total = size();
            int n = (int) Math.min(max, total);
            byte[] out = new byte[n];
            copy(total - n, out, n);
            return out;
        }

        java.io.InputStream stream() {
            return new java.io.InputStream() {
                private int chunk;
                private int pos;

                @Override
                public int read() {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    while (chunk < chunks.size()) {
                        int limit = chunk == chunks.size() - 1 ? lastLength : SIZE;
                        if (pos < limit) {
                            int n = Math.min(len, limit - pos);
                            System.arraycopy(chunks.get(chunk), pos, b, off, n);
                            pos += n;
                            return n;
                        }
                        chunk++;
                        pos = 0;
                    }
                    return -1;
                }
            };
        }
    }

    /** Opens a page fetched by the read-ahead; its chunks are recycled when it is closed. */
    private void openPage(Chunks page) {
        pageChunks = page;
        openPage(parser(page));
        if (pageOpen) {
            // the hits are read from the bytes, starting just after the hits array's [
            long at = p.currentLocation().getByteOffset();
            closeParser(p);
            p = null;
            bytes.open(page, at);
            bytePage = true;
        }
    }

    private static void closeParser(JsonParser jp) {
        try {
            jp.close();
        } catch (IOException ignored) {
            // a parser over bytes in memory
        }
    }

    /** Reads the head of a page with {@code parser}; the page is open when it has hits. */
    private void openPage(JsonParser parser) {
        p = parser;
        try {
            pageOpen = readHead(p);
            if (!pageOpen) {
                closePage(true);
            }
        } catch (IOException e) {
            throw failure(e, "in page " + pages);
        }
    }

    /** Reads up to the hits array; false when the page has none. */
    private boolean readHead(JsonParser jp) throws IOException {
        if (jp.nextToken() != JsonToken.START_OBJECT) {
            throw scope.error("the " + client.service() + " search response is not a JSON object");
        }
        for (JsonToken t = jp.nextToken(); t == JsonToken.FIELD_NAME; t = jp.nextToken()) {
            String field = jp.currentName();
            JsonToken v = jp.nextToken();
            if ("hits".equals(field) && v == JsonToken.START_OBJECT) {
                for (JsonToken f = jp.nextToken(); f == JsonToken.FIELD_NAME; f = jp.nextToken()) {
                    String inner = jp.currentName();
                    JsonToken iv = jp.nextToken();
                    if ("hits".equals(inner) && iv == JsonToken.START_ARRAY) {
                        return true;
                    }
                    jp.skipChildren();
                }
            } else if ("_shards".equals(field) && v == JsonToken.START_OBJECT) {
                String failed = ErrorBodies.text(Json.read(jp, v), "failed");
                if (failed != null && !"0".equals(failed)) {
                    // allow_partial_search_results=false should prevent this; never pass a partial page for a whole one
                    throw scope.error(client.service() + " answered page " + pages + " of the search on " + index + " with " + failed
                            + " failed shards; the result would be incomplete");
                }
            } else {
                jp.skipChildren();
            }
        }
        return false;
    }

    /** Classifies a failure reading a page. */
    private Hunt4jException failure(IOException e, String where) {
        if (body != null) {
            return body.failure(e, where);
        }
        if (scope.isCancelled()) {
            return scope.cancelled();
        }
        if (e instanceof JsonEOFException) {
            return scope.error("the " + client.service() + " search response ended early (truncated body) " + where, e);
        }
        if (e instanceof JsonParseException jpe) {
            JsonLocation loc = jpe.getLocation();
            return scope.error("the " + client.service() + " search response is not valid JSON at line "
                    + (loc == null ? "?" : loc.getLineNr()) + ", column " + (loc == null ? "?" : loc.getColumnNr()) + " " + where
                    + ": " + jpe.getOriginalMessage(), e);
        }
        return scope.ioFailure(e, "reading the search " + where);
    }

    /** Releases the page; {@code complete} when it was read to its end (a body from the socket is then kept for reuse). */
    private void closePage(boolean complete) {
        pageOpen = false;
        JsonBody b = body;
        body = null;
        JsonParser jp = p;
        p = null;
        if (b != null) {
            if (complete) {
                b.markComplete();
            }
            b.close();
        } else if (jp != null) {
            closeParser(jp);
        }
        if (fallback != null) {
            closeParser(fallback);
            fallback = null;
        }
        bytePage = false;
        bytes.close();
        Chunks c = pageChunks;
        pageChunks = null;
        if (c != null && complete && !stopped) {
            c.recycle();
        }
    }

    /** The next page from the read-ahead thread; false at the end. */
    private boolean nextPage() {
        if (fetcher == null) {
            return false;
        }
        Object item;
        try {
            while ((item = ahead.poll(100, TimeUnit.MILLISECONDS)) == null) {
                if (scope.isCancelled()) {
                    throw scope.cancelled();
                }
                if (!fetcher.isAlive() && ahead.isEmpty()) {
                    throw scope.error("the read-ahead of the search on " + index + " stopped without a result");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw scope.error("interrupted while waiting for the next page of the search on " + index, e);
        }
        if (item == END) {
            return false;
        }
        if (item instanceof RuntimeException e) {
            throw e;
        }
        pages++;
        openPage((Chunks) item);
        return true;
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
                if (!pageOpen) {
                    if (!nextPage()) {
                        finish();
                        return null;
                    }
                    continue;
                }
                if (scope.isCancelled()) {
                    throw scope.cancelled();
                }
                if (bytePage) {
                    Object[] row = new Object[schema.columns().size()];
                    boolean hit;
                    try {
                        hit = bytes.next(row);
                        if (hit && !bytes.typeErrors().isEmpty()) {
                            noteNulled(bytes.typeErrors());
                        }
                    } catch (ByteHitReader.Fallback f) {
                        row = fallbackHit();
                        hit = row != null;
                    }
                    if (!hit) {
                        closePage(true);
                        continue;
                    }
                    delivered++;
                    return row;
                }
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_OBJECT) {
                    Object[] row = readHit(p);
                    delivered++;
                    return row;
                }
                if (t == JsonToken.END_ARRAY) {
                    closePage(true);
                    continue;
                }
                throw scope.error("unexpected " + t + " among the hits of page " + pages + " of the " + client.service() + " search");
            }
        } catch (IOException e) {
            Hunt4jException failure = failure(e, "after " + delivered + " rows");
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

    /**
     * The next hit of a page in memory read by Jackson, for what the byte reader leaves to it (which includes every
     * malformed page, so errors and their positions are Jackson's); null at the end of the hits. The parser is
     * kept for the page and moved over the hits read from the bytes in between.
     */
    private Object[] fallbackHit() throws IOException, HitReader.TypeError {
        if (fallback == null) {
            fallback = parser(pageChunks);
            fallbackHits = 0;
            if (!readHead(fallback)) {
                throw scope.error("page " + pages + " of the search on " + index + " changed while read");
            }
        }
        while (fallbackHits < bytes.hitsRead()) {
            JsonToken t = fallback.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw scope.error("unexpected " + t + " among the hits of page " + pages + " of the " + client.service() + " search");
            }
            fallback.skipChildren();
            fallbackHits++;
        }
        JsonToken t = fallback.nextToken();
        if (t == JsonToken.START_OBJECT) {
            Object[] row = readHit(fallback);
            fallbackHits++;
            jacksonHits++;
            bytes.resume(fallback.currentLocation().getByteOffset());
            return row;
        }
        if (t == JsonToken.END_ARRAY) {
            return null;
        }
        throw scope.error("unexpected " + t + " among the hits of page " + pages + " of the " + client.service() + " search");
    }

    private Object[] readHit(JsonParser jp) throws IOException, HitReader.TypeError {
        Object[] row = new Object[schema.columns().size()];
        for (int pos = 0; ; pos++) {
            String name;
            if (pos < hitKeys.length && jp.nextFieldName(hitKeys[pos])) {
                name = hitKeys[pos].getValue(); // the key expected here, matched on its bytes
            } else if ((pos < hitKeys.length ? jp.currentToken() : jp.nextToken()) == JsonToken.FIELD_NAME) {
                name = jp.currentName();
                learnHitKey(pos, name);
            } else {
                return row;
            }
            JsonToken v = jp.nextToken();
            switch (name) {
                case "_source" -> {
                    if (v == JsonToken.START_OBJECT) {
                        reader.readSource(jp, row);
                        if (!reader.typeErrors().isEmpty()) {
                            noteNulled(reader.typeErrors());
                        }
                    } else {
                        jp.skipChildren();
                    }
                }
                case "_id" -> {
                    if (schema.idColumn() >= 0) {
                        row[schema.idColumn()] = jp.getText();
                    }
                }
                case "_index" -> {
                    if (schema.indexColumn() >= 0) {
                        row[schema.indexColumn()] = jp.getText();
                    }
                }
                // sort values are read from the end of each page by the read-ahead
                default -> jp.skipChildren();
            }
        }
    }

    /** Remembers the first hit's key order; a hit that differs stops the learning (it only costs speed). */
    private void learnHitKey(int pos, String name) {
        if (hitKeysDone || pos != hitKeys.length) {
            hitKeysDone = true;
            return;
        }
        hitKeys = java.util.Arrays.copyOf(hitKeys, pos + 1);
        hitKeys[pos] = new SerializedString(name);
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
        if (jacksonHits > 0) {
            LOG.debug("search on {}: {} hits read by Jackson rather than from the bytes", index, jacksonHits);
        }
        if (nulledValues > 1) {
            LOG.warn("search on {}: {} values did not fit their column's type and were read as null", index, nulledValues);
        }
    }

    /** Hits of pages in memory that the byte reader left to Jackson. */
    long fallbackHits() {
        return jacksonHits;
    }

    /** Hits handed out so far. */
    long rows() {
        return delivered;
    }

    /** Pages read so far (with the read-ahead, one more may have been fetched: the empty one that ends the result). */
    int pages() {
        return pages;
    }

    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        stopped = true;
        try {
            closePage(false);
        } finally {
            // cancels a page request in flight, and wakes the read-ahead if it is waiting to retry
            scope.close();
            Thread t = fetcher;
            if (t != null) {
                try {
                    t.join(TimeUnit.SECONDS.toMillis(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ahead.clear();
            }
            freeChunks.clear(); // a finished stream may stay referenced (by a result object) for a while
            bytes.release();
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
