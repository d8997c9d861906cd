package dev.hunt4j.analysis.b64;

import dev.hunt4j.analysis.ioc.IocExtractor;
import dev.hunt4j.api.IocType;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.query.QueryLanguages;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Table form of {@link Base64Unpacker}: reads one input row at a time and yields its items' rows. */
final class UnpackTableStream implements ResultStream {
    private final Base64Unpacker unpacker;
    private final ResultStream input;
    private final int idx;
    private final List<Column> columns;
    private final IocExtractor iocs;
    private final ArrayDeque<Object[]> ready = new ArrayDeque<>();
    private long rowIndex;
    private boolean closed;

    UnpackTableStream(Base64Unpacker unpacker, ResultStream input, int idx, List<Column> columns, IocExtractor iocs) {
        this.unpacker = unpacker;
        this.input = input;
        this.idx = idx;
        this.columns = columns;
        this.iocs = iocs;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public Object[] next() {
        while (ready.isEmpty()) {
            if (closed) {
                return null;
            }
            Object[] row = input.next();
            if (row == null) {
                close();
                return null;
            }
            long src = rowIndex++;
            Object v = row[idx];
            if (v == null) {
                continue;
            }
            String text = v.toString();
            UnpackResult r = unpacker.unpack(text);
            for (DecodedItem item : r.items()) {
                ready.add(row(item, src, text, r.fullyDecodedText()));
            }
        }
        return ready.poll();
    }

    private Object[] row(DecodedItem it, long src, String text, String full) {
        Object[] out = new Object[columns.size()];
        int k = 0;
        boolean limitRow = it.md5() == null;
        out[k++] = it.reference();
        out[k++] = it.originalString();
        out[k++] = it.fileName();
        out[k++] = it.fileType();
        out[k++] = limitRow ? null : (long) it.size();
        out[k++] = it.decodedString();
        out[k++] = it.encodingType();
        out[k++] = limitRow ? null : "{\"md5\":\"" + it.md5() + "\",\"sha1\":\"" + it.sha1() + "\",\"sha256\":\"" + it.sha256() + "\"}";
        out[k++] = it.md5();
        out[k++] = it.sha1();
        out[k++] = it.sha256();
        out[k++] = it.printableBytes();
        out[k++] = it.archiveType();
        out[k++] = (long) it.depth();
        out[k++] = it.status();
        out[k++] = src;
        out[k++] = text;
        out[k++] = full;
        if (iocs != null) {
            out[k] = it.isText() ? json(iocs.extract(it.decodedString())) : null;
        }
        return out;
    }

    static String json(Map<IocType, Set<String>> found) {
        StringBuilder sb = new StringBuilder("{");
        boolean firstType = true;
        for (Map.Entry<IocType, Set<String>> e : found.entrySet()) {
            sb.append(firstType ? "" : ",").append('"').append(e.getKey().id()).append("\":[");
            firstType = false;
            boolean first = true;
            for (String v : e.getValue()) {
                sb.append(first ? "" : ",");
                sb.append(QueryLanguages.JSON.bare(v));
                first = false;
            }
            sb.append(']');
        }
        return sb.append('}').toString();
    }

    @Override
    public List<String> warnings() {
        return input.warnings();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            ready.clear();
            input.close();
        }
    }
}
