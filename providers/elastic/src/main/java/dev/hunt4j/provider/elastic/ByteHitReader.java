package dev.hunt4j.provider.elastic;

import dev.hunt4j.provider.elastic.HitReader.Multi;
import dev.hunt4j.provider.elastic.HitReader.TypeError;
import dev.hunt4j.toolkit.JsonValues;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads the hits of a page held in memory straight from its bytes into rows: the same rows {@link HitReader} makes
 * with Jackson's streaming parser (same flattening, arrays, conversions and type errors), at a fraction of the cost.
 *
 * <p>Why by hand: a general tokenizer does work this reader can skip. Keys are compared as bytes with the key the
 * schema expects next (the first document's order, {@link FieldSchema.Node#seqRaw}) instead of being decoded and
 * looked up; a string value becomes a {@link String} in one copy of its bytes (ASCII needs no decoding); and text
 * values that repeat ({@code host.name}, {@code event.action}, {@code ["process"]}) are handed out as the same String
 * from a small per-column cache keyed by their raw bytes, which saves the allocation here and the hashing in the
 * table's dictionary. It validates what it reads as strictly as Jackson does (or more strictly: overlong or surrogate
 * UTF-8 and deep nesting are left to Jackson).
 *
 * <p>Anything it does not handle, malformed JSON included, throws {@link Fallback} before the row is handed out, and
 * the caller reads that hit again with Jackson (so errors, and their positions, are Jackson's). A hit crossing the
 * end of a 64 KiB chunk is read again from a copy of its bytes.
 */
final class ByteHitReader {
    /** This hit is left to the Jackson path. */
    static final class Fallback extends Exception {
        private static final long serialVersionUID = 1L;

        Fallback() {
            super(null, null, false, false);
        }
    }

    private static final Fallback FALLBACK = new Fallback();
    /** The hit goes on past the bytes at hand: read it again from a larger copy. */
    private static final Fallback UNDERFLOW = new Fallback();
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    // below Jackson's own limits (StreamReadConstraints: nesting 1000 or 500, numbers 1000 characters, strings 20 M,
    // names 50,000), so that whatever passes here passes there; beyond them Jackson decides
    private static final int MAX_DEPTH = 200;
    private static final int MAX_NUMBER = 100;
    private static final int MAX_STRING = 1 << 20;
    private static final int MAX_NAME = 10_000;
    private static final byte[] SOURCE = bytes("_source");
    private static final byte[] ID = bytes("_id");
    private static final byte[] INDEX = bytes("_index");
    /** 1 for the bytes a string can hold as they are (printable ASCII other than the quote and the backslash). */
    private static final boolean[] PLAIN = new boolean[256];

    /** The bytes a number or literal may be followed by. */
    private static final boolean[] END = new boolean[256];

    static {
        for (int c = 0x20; c < 0x80; c++) {
            PLAIN[c] = c != '"' && c != '\\';
        }
        for (char c : ",}] \n\r\t".toCharArray()) {
            END[c] = true;
        }
    }

    private final FieldSchema schema;
    private final HitReader hits;
    private final TextCache[] strings;
    private final TextCache[] copies;
    private final Long[][] longs;
    private final JsonText text = new JsonText();
    private final List<TypeError> errors = new ArrayList<>();

    private SearchStream.Chunks page;
    private long pageSize;
    private int chunk; // the chunk at hand, -1 for the copy in scratch
    private byte[] buf;
    private int pos;
    private int limit;
    private long base; // offset in the page of buf[0]
    private byte[] scratch = new byte[16 * 1024];
    private int hitsRead;
    private int depth;
    private boolean sawMulti;

    // the string last scanned: content between the quotes, and what it holds
    private int sFrom;
    private int sTo;
    private boolean sEscapes; // backslash escapes of any kind
    private boolean sOddEscapes; // escapes JsonText writes differently (\/ \b \f \\u...)
    private boolean sNonAscii;
    // whether the structure last skipped is written differently by JsonText (whitespace, odd escapes), and holds non-ASCII
    private boolean reformat;
    private boolean nonAscii;
    private char[] chars = new char[64];
    private byte[] latin = new byte[256];

    ByteHitReader(FieldSchema schema, HitReader hits) {
        this.schema = schema;
        this.hits = hits;
        int n = schema.columns().size();
        strings = new TextCache[n];
        copies = new TextCache[n];
        longs = new Long[n][];
        for (int i = 0; i < n; i++) {
            FieldSchema.Reader r = schema.reader(i);
            if (r == FieldSchema.Reader.STRING) {
                strings[i] = new TextCache();
                copies[i] = new TextCache();
            } else if (r == FieldSchema.Reader.LONG) {
                longs[i] = new Long[256];
            }
        }
    }

    /** Starts reading a page whose hits array begins at {@code offset} (just after its {@code [}). */
    void open(SearchStream.Chunks chunks, long offset) {
        page = chunks;
        pageSize = chunks.size();
        hitsRead = 0;
        seek(offset);
    }

    /** Drops the page. */
    void close() {
        page = null;
        buf = null;
    }

    /** Drops the buffers too: the stream is done (a finished stream may stay referenced for a while). */
    void release() {
        close();
        scratch = new byte[0];
        Arrays.fill(strings, null);
        Arrays.fill(copies, null);
        Arrays.fill(longs, null);
    }

    /** Hits of this page read so far (by either reader). */
    int hitsRead() {
        return hitsRead;
    }

    /** Type errors read as null in the last hit ({@code on_type_error: null}). */
    List<TypeError> typeErrors() {
        return errors;
    }

    /** Continues after a hit the Jackson path read, which ended just before {@code offset}. */
    void resume(long offset) {
        hitsRead++;
        seek(offset);
    }

    /**
     * Reads the next hit into {@code row} (all nulls); false at the end of the page's hits.
     *
     * @throws Fallback when the hit (or what follows the one before) is for the Jackson path; {@code row} may then
     *                  hold part of it
     */
    boolean next(Object[] row) throws Fallback, TypeError {
        int b = between();
        if (b == ']') {
            return false;
        }
        if (hitsRead > 0) {
            if (b != ',') {
                throw FALLBACK;
            }
            pos++;
            b = between();
        }
        if (b != '{') {
            throw FALLBACK;
        }
        long start = base + pos;
        int tried = 0;
        while (true) {
            try {
                errors.clear();
                depth = 0;
                readHit(row);
                break;
            } catch (Fallback f) {
                if (f != UNDERFLOW) {
                    throw f;
                }
                tried = widen(start, Math.max(tried, limit - (int) (start - base)));
                Arrays.fill(row, null);
            }
        }
        if (chunk < 0) {
            seek(base + pos);
        }
        hitsRead++;
        return true;
    }

    // ---- the page's bytes

    private void seek(long offset) {
        int count = page.count();
        int c = (int) (offset / SearchStream.Chunks.SIZE);
        int at = (int) (offset % SearchStream.Chunks.SIZE);
        if (c >= count && count > 0) {
            c = count - 1;
            at = page.length(c);
        }
        chunk = c;
        buf = count == 0 ? new byte[0] : page.chunk(c);
        limit = count == 0 ? 0 : page.length(c);
        pos = at;
        base = (long) c * SearchStream.Chunks.SIZE;
    }

    /** Puts the bytes from {@code start} into scratch, more than {@code had}; false-free: throws at the page's end. */
    private int widen(long start, int had) throws Fallback {
        long left = pageSize - start;
        int n = (int) Math.min(left, Math.max(16 * 1024L, 2L * had));
        if (n <= had || n > Integer.MAX_VALUE / 2) {
            throw FALLBACK; // the page ends inside the hit: Jackson reports it
        }
        if (scratch.length < n) {
            scratch = new byte[Math.max(n, scratch.length * 2)];
        }
        page.copy(start, scratch, n);
        chunk = -1;
        buf = scratch;
        base = start;
        pos = 0;
        limit = n;
        return n;
    }

    /** The next byte that is not whitespace between hits, moving on to the next chunk as needed; -1 at the end. */
    private int between() {
        while (true) {
            while (pos < limit) {
                int b = buf[pos] & 0xFF;
                if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                    return b;
                }
                pos++;
            }
            if (chunk < 0) {
                seek(base + pos);
            } else if (chunk + 1 < page.count()) {
                seek((long) (chunk + 1) * SearchStream.Chunks.SIZE);
            } else {
                return -1;
            }
        }
    }

    private int at(int i) throws Fallback {
        if (i >= limit) {
            throw UNDERFLOW;
        }
        return buf[i] & 0xFF;
    }

    /** Skips whitespace; returns the byte after it (not consumed). */
    private int ws() throws Fallback {
        if (pos < limit) {
            int b = buf[pos] & 0xFF;
            if (b > ' ') {
                return b; // compact JSON: no whitespace at all
            }
        }
        while (true) {
            int b = at(pos);
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b;
            }
            pos++;
        }
    }

    /** After a member or element: past its comma (true: another follows) or past {@code close} (false: the end). */
    private boolean more(int close) throws Fallback {
        int b = ws();
        if (b == ',') {
            pos++;
            return true;
        }
        if (b == close) {
            pos++;
            return false;
        }
        throw FALLBACK;
    }

    private void colon() throws Fallback {
        if (ws() != ':') {
            throw FALLBACK;
        }
        pos++;
    }

    // ---- a hit

    private void readHit(Object[] row) throws Fallback, TypeError {
        pos++; // {
        int b = ws();
        if (b == '}') {
            pos++;
            return;
        }
        while (true) {
            if (b != '"') {
                throw FALLBACK;
            }
            scanKey();
            if (sEscapes) {
                throw FALLBACK; // the hit's own keys are plain
            }
            int from = sFrom;
            int len = sTo - sFrom;
            colon();
            b = ws();
            if (is(SOURCE, from, len)) {
                if (b == '{') {
                    readSource(row);
                } else {
                    skipValue();
                }
            } else if (is(ID, from, len)) {
                meta(row, schema.idColumn(), b);
            } else if (is(INDEX, from, len)) {
                meta(row, schema.indexColumn(), b);
            } else {
                skipValue(); // _score, sort (read from the end of the page by the read-ahead)
            }
            if (!more('}')) {
                return;
            }
            b = ws();
        }
    }

    private boolean is(byte[] key, int from, int len) {
        if (len != key.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (buf[from + i] != key[i]) {
                return false;
            }
        }
        return true;
    }

    private void meta(Object[] row, int col, int b) throws Fallback {
        if (b != '"') {
            throw FALLBACK;
        }
        scanString();
        if (col >= 0) {
            row[col] = decode();
        }
    }

    private void readSource(Object[] row) throws Fallback, TypeError {
        hits.typeErrors().clear();
        sawMulti = false;
        readObject(schema.root(), row, false);
        if (sawMulti) {
            for (int i = 0; i < row.length; i++) {
                if (row[i] instanceof Multi m) {
                    row[i] = hits.finish(i, m);
                }
            }
        }
        if (!hits.typeErrors().isEmpty()) {
            errors.addAll(hits.typeErrors());
        }
    }

    /** The object at {@code pos} (its {@code {}), mapped on {@code node}. */
    private void readObject(FieldSchema.Node node, Object[] row, boolean multi) throws Fallback, TypeError {
        if (!enter('}')) {
            return;
        }
        int b = buf[pos] & 0xFF; // enter has checked it is there
        for (int k = 0; ; k++) {
            if (b != '"') {
                throw FALLBACK;
            }
            FieldSchema.Node child;
            int from = pos + 1;
            int j = k < node.seqLength ? match(node.seqRaw[k], from) : -1;
            if (j >= 0) {
                child = node.seqNodes[k]; // the key expected here
                pos = j;
            } else {
                scanKey();
                child = known(node, k);
            }
            colon();
            ws();
            if (child == null) {
                skipValue();
            } else {
                readValue(child, row, multi);
            }
            if (!more('}')) {
                depth--;
                return;
            }
            b = ws();
        }
    }

    /**
     * Steps into the object or array at {@code pos} (its opening byte), one level deeper, to its first non-blank byte;
     * false when it is empty, then past its {@code close} and back at the level before.
     */
    private boolean enter(int close) throws Fallback {
        if (++depth > MAX_DEPTH) {
            throw FALLBACK;
        }
        pos++;
        if (ws() == close) {
            pos++;
            depth--;
            return false;
        }
        return true;
    }

    /** Whether the key starting at {@code from} is {@code key}: the position after its closing quote, or -1. */
    private int match(Key key, int from) {
        int span = key.span;
        if (span <= 16 && from + 16 <= limit) {
            // one or two word compares: the key's bytes and its closing quote
            long w = (long) LONGS.get(buf, from);
            if (span <= 8) {
                return (w & key.mask) == key.first ? from + span : -1;
            }
            return w == key.first && (long) LONGS.get(buf, from + span - 8) == key.last ? from + span : -1;
        }
        byte[] k = key.bytes;
        int end = from + k.length;
        if (end >= limit || buf[end] != '"' || !same(k, buf, from, k.length)) {
            return -1;
        }
        return end + 1;
    }

    /** A key as it appears in JSON (the bytes between its quotes), with the words {@link #match} compares. */
    static final class Key {
        final byte[] bytes;
        final int span; // the bytes and the closing quote
        final long first;
        final long mask;
        final long last;

        Key(byte[] bytes) {
            this.bytes = bytes;
            span = bytes.length + 1;
            byte[] q = Arrays.copyOf(bytes, Math.max(16, span));
            q[bytes.length] = '"';
            mask = span >= 8 ? -1L : (1L << (8 * span)) - 1;
            first = (long) LONGS.get(q, 0) & mask;
            last = span > 8 ? (long) LONGS.get(q, span - 8) : 0;
        }
    }

    /** Whether {@code len} bytes of {@code b} from {@code from} are {@code key} (of that length), a word at a time. */
    static boolean same(byte[] key, byte[] b, int from, int len) {
        if (len < 8) {
            for (int i = 0; i < len; i++) {
                if (key[i] != b[from + i]) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < len - 8; i += 8) {
            if ((long) LONGS.get(key, i) != (long) LONGS.get(b, from + i)) {
                return false;
            }
        }
        return (long) LONGS.get(key, len - 8) == (long) LONGS.get(b, from + len - 8); // the last word, overlapping
    }

    /** The node of the key just scanned, which is not the one expected at position {@code k}. */
    private FieldSchema.Node known(FieldSchema.Node node, int k) {
        if (!sEscapes) {
            // another order than the first document's: still one of the keys seen before?
            int len = sTo - sFrom;
            for (int i = 0; i < node.seqLength; i++) {
                byte[] key = node.seqRaw[i].bytes;
                if (key.length == len && same(key, buf, sFrom, len)) {
                    return node.seqNodes[i];
                }
            }
        }
        String name = decode();
        FieldSchema.Node child = node.child(name);
        if (child == null && name.indexOf('.') > 0) {
            child = HitReader.dotted(node, name);
        }
        node.learn(k, name, child);
        return child;
    }

    /** The value at {@code pos} for node {@code n}: what {@code HitReader.readValue} does, on bytes. */
    private void readValue(FieldSchema.Node n, Object[] row, boolean multi) throws Fallback, TypeError {
        int b = buf[pos] & 0xFF; // ws() has checked it is there
        int col = n.column;
        if (col < 0) {
            if (b == '{') {
                readObject(n, row, multi);
            } else if (b == '[') {
                readArray(n, row);
            } else {
                skipValue(); // a scalar where the mapping has an object: nothing maps to it
            }
            return;
        }
        FieldSchema.Reader r = n.reader;
        if (r == FieldSchema.Reader.JSON) {
            String json;
            if (b == '{' || b == '[') {
                json = copy();
            } else if (b == '"') {
                scanString();
                json = multi ? text.quote(decode()) : decode();
            } else if (b == 'n') {
                literal("null");
                json = null;
            } else {
                json = scalarText(b);
            }
            HitReader.put(row, col, multi && json != null ? new Json.Raw(json) : json, multi);
            return;
        }
        if (b == '[') {
            if (!multi && r == FieldSchema.Reader.STRING && n.children.isEmpty()) {
                // the common case, a plain array in a text column: its JSON text
                HitReader.put(row, col, cachedCopy(col), false);
                return;
            }
            readArray(n, row);
            return;
        }
        if (b == '{') {
            if (!n.children.isEmpty()) {
                readObject(n, row, multi);
            } else {
                String json = copy();
                HitReader.put(row, col, multi ? new Json.Raw(json) : json, multi);
            }
            return;
        }
        if (b == 'n') {
            literal("null");
            return;
        }
        Object value;
        if (r == FieldSchema.Reader.STRING) {
            if (b == '"') {
                scanString();
                value = multi ? new Json.Raw(text.quote(decode())) : cachedString(col);
            } else {
                String t = scalarText(b);
                value = multi ? new Json.Raw(t) : t;
            }
        } else {
            value = scalar(col, r, b);
        }
        HitReader.put(row, col, value, multi);
    }

    /** An array at node {@code n}: every element, objects included, adds to the columns below. */
    private void readArray(FieldSchema.Node n, Object[] row) throws Fallback, TypeError {
        boolean any = enter(']');
        sawMulti = true;
        HitReader.startMulti(row, n.column);
        if (!any) {
            return;
        }
        while (true) {
            readValue(n, row, true);
            if (!more(']')) {
                depth--;
                return;
            }
            ws();
        }
    }

    // ---- scalars

    /** A number, boolean or time column's value ({@code JsonValues.read} and {@code HitReader.time} on bytes). */
    private Object scalar(int col, FieldSchema.Reader r, int b) throws Fallback, TypeError {
        try {
            if (b == '"') {
                scanString();
                return fromString(col, r);
            }
            if (b == 't' || b == 'f') {
                String t = b == 't' ? "true" : "false";
                literal(t);
                if (r == FieldSchema.Reader.BOOLEAN) {
                    return b == 't';
                }
                throw new IllegalArgumentException("'" + t + "' is not " + switch (r) {
                    case LONG -> "a whole number";
                    case DOUBLE -> "a number";
                    default -> "a time";
                });
            }
            int from = pos;
            boolean whole = number();
            if (whole) {
                int digits = pos - from - (buf[from] == '-' ? 1 : 0);
                long v;
                if (digits <= 18) {
                    v = parseLong(from, pos);
                } else {
                    String t = new String(buf, from, pos - from, StandardCharsets.ISO_8859_1);
                    try {
                        v = Long.parseLong(t);
                    } catch (NumberFormatException e) {
                        // past a long: Jackson's BigInteger
                        return switch (r) {
                            case LONG -> throw new IllegalArgumentException("'" + t + "' does not fit a 64-bit whole number");
                            case DOUBLE -> Double.parseDouble(t);
                            default -> throw FALLBACK; // Jackson fails the result on it (no long value)
                        };
                    }
                }
                return switch (r) {
                    case LONG -> boxed(col, v);
                    case DOUBLE -> (double) v;
                    case BOOLEAN -> v != 0;
                    default -> HitReader.epoch(v, v, r == FieldSchema.Reader.TIME_SECONDS);
                };
            }
            String t = new String(buf, from, pos - from, StandardCharsets.ISO_8859_1);
            double d = Double.parseDouble(t);
            return switch (r) {
                case LONG -> {
                    if (d == Math.rint(d) && Math.abs(d) < 9.2e18) {
                        yield (long) d;
                    }
                    throw new IllegalArgumentException("'" + t + "' is not a whole number");
                }
                case DOUBLE -> d;
                case BOOLEAN -> throw new IllegalArgumentException("'" + t + "' is not true or false");
                default -> HitReader.epoch(d, Long.MIN_VALUE, r == FieldSchema.Reader.TIME_SECONDS);
            };
        } catch (IllegalArgumentException e) {
            return hits.typeError(col, e.getMessage());
        }
    }

    /** A number, boolean or time column's value written as a string. */
    private Object fromString(int col, FieldSchema.Reader r) {
        switch (r) {
            case LONG:
                return JsonValues.parseLong(decode().trim());
            case DOUBLE:
                return JsonValues.parseDouble(decode().trim());
            case BOOLEAN: {
                String s = decode();
                return switch (s.trim().toLowerCase(Locale.ROOT)) {
                    case "true", "1" -> Boolean.TRUE;
                    case "false", "0" -> Boolean.FALSE;
                    case "" -> null;
                    default -> throw new IllegalArgumentException("'" + s + "' is not true or false");
                };
            }
            default: {
                int n = decodeChars();
                return HitReader.time(chars, 0, n, r == FieldSchema.Reader.TIME_SECONDS);
            }
        }
    }


    /** A number's text as written, or {@code true}/{@code false}. */
    private String scalarText(int b) throws Fallback {
        if (b == 't') {
            literal("true");
            return "true";
        }
        if (b == 'f') {
            literal("false");
            return "false";
        }
        int from = pos;
        number();
        return new String(buf, from, pos - from, StandardCharsets.ISO_8859_1);
    }

    private Long boxed(int col, long v) {
        Long[] cache = longs[col];
        int slot = (int) (v ^ (v >>> 29)) & 255;
        Long c = cache[slot];
        if (c == null || c != v) {
            c = v;
            cache[slot] = c;
        }
        return c;
    }

    private long parseLong(int from, int to) {
        boolean negative = buf[from] == '-';
        long v = 0;
        for (int i = negative ? from + 1 : from; i < to; i++) {
            v = v * 10 + (buf[i] - '0');
        }
        return negative ? -v : v;
    }

    /** Scans a JSON number at {@code pos}; true when it is a whole number (no fraction or exponent). */
    private boolean number() throws Fallback {
        int i = pos;
        if (at(i) == '-') {
            i++;
        }
        int b = at(i);
        if (b == '0') {
            i++;
        } else if (b >= '1' && b <= '9') {
            i = digits(i);
        } else {
            throw FALLBACK;
        }
        boolean whole = true;
        if (at(i) == '.') {
            whole = false;
            i++;
            i = digits(i);
        }
        b = at(i);
        if (b == 'e' || b == 'E') {
            whole = false;
            i++;
            b = at(i);
            if (b == '+' || b == '-') {
                i++;
            }
            i = digits(i);
        }
        if (!ends(at(i)) || i - pos > MAX_NUMBER) {
            throw FALLBACK; // 0123, 1x, or a number longer than Jackson's limits like
        }
        pos = i;
        return whole;
    }

    /** The end of the run of one or more digits at {@code i}; none there is not a number this reader takes. */
    private int digits(int i) throws Fallback {
        if (!isDigit(at(i))) {
            throw FALLBACK;
        }
        do {
            i++;
        } while (isDigit(at(i)));
        return i;
    }

    private static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    /** Whether a value may end before this byte. */
    private static boolean ends(int b) {
        return END[b];
    }

    private void literal(String word) throws Fallback {
        int n = word.length();
        for (int i = 0; i < n; i++) {
            if (at(pos + i) != word.charAt(i)) {
                throw FALLBACK;
            }
        }
        if (!ends(at(pos + n))) {
            throw FALLBACK;
        }
        pos += n;
    }

    // ---- strings

    /**
     * Scans the string at {@code pos} (its opening quote), checking it as Jackson would: no raw control characters,
     * known escapes, well-formed UTF-8 (stricter: overlong forms and encoded surrogates are left to Jackson).
     */
    private void scanString() throws Fallback {
        int i = pos + 1;
        boolean escapes = false;
        boolean odd = false;
        boolean high = false;
        while (true) {
            // eight bytes at a time up to the first that is not plain: a quote, a backslash, a control byte or non-ASCII
            while (i + 8 <= limit) {
                long x = (long) LONGS.get(buf, i);
                long special = ((x - 0x2020202020202020L) | ((x ^ 0x2222222222222222L) - 0x0101010101010101L)
                        | ((x ^ 0x5C5C5C5C5C5C5C5CL) - 0x0101010101010101L) | x) & 0x8080808080808080L;
                if (special != 0) {
                    i += Long.numberOfTrailingZeros(special) >>> 3; // the lowest flagged byte is a true one
                    break;
                }
                i += 8;
            }
            int b = at(i);
            if (PLAIN[b]) {
                i++;
                continue;
            }
            if (b == '"') {
                break;
            }
            if (b == '\\') {
                escapes = true;
                int e = at(i + 1);
                switch (e) {
                    case '"', '\\', 'n', 'r', 't' -> i += 2;
                    case '/', 'b', 'f' -> {
                        odd = true;
                        i += 2;
                    }
                    case 'u' -> {
                        int u = 0;
                        for (int k = 2; k < 6; k++) {
                            int h = Character.digit(at(i + k), 16);
                            if (h < 0) {
                                throw FALLBACK;
                            }
                            u = u << 4 | h;
                        }
                        if (u >= 0xD800 && u <= 0xDFFF) {
                            throw FALLBACK; // escaped surrogates: Jackson checks their pairing in names
                        }
                        odd = true;
                        high = true; // may decode to any character
                        i += 6;
                    }
                    default -> throw FALLBACK;
                }
                continue;
            }
            if (b < 0x20) {
                throw FALLBACK;
            }
            high = true;
            i = utf8(b, i);
        }
        if (i - pos > MAX_STRING) {
            throw FALLBACK;
        }
        sFrom = pos + 1;
        sTo = i;
        sEscapes = escapes;
        sOddEscapes = odd;
        sNonAscii = high;
        pos = i + 1;
    }

    /** {@link #scanString()} for a key: names longer than Jackson's limit for them are left to it. */
    private void scanKey() throws Fallback {
        scanString();
        if (sTo - sFrom > MAX_NAME) {
            throw FALLBACK;
        }
    }

    /** Checks the UTF-8 sequence starting with {@code b} at {@code i}; returns the index after it. */
    private int utf8(int b, int i) throws Fallback {
        int n;
        int lo = 0x80;
        int hi = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
            n = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            n = 2;
            if (b == 0xE0) {
                lo = 0xA0;
            } else if (b == 0xED) {
                hi = 0x9F; // no encoded surrogates
            }
        } else if (b >= 0xF0 && b <= 0xF4) {
            n = 3;
            if (b == 0xF0) {
                lo = 0x90;
            } else if (b == 0xF4) {
                hi = 0x8F;
            }
        } else {
            throw FALLBACK;
        }
        int c = at(i + 1);
        if (c < lo || c > hi) {
            throw FALLBACK;
        }
        for (int k = 2; k <= n; k++) {
            c = at(i + k);
            if (c < 0x80 || c > 0xBF) {
                throw FALLBACK;
            }
        }
        return i + n + 1;
    }

    /** The string last scanned, decoded. */
    private String decode() {
        int len = sTo - sFrom;
        if (!sEscapes) {
            return new String(buf, sFrom, len, sNonAscii ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        }
        if (!sNonAscii) {
            // ASCII with escapes such as \\ in Windows paths: unescaped into bytes, no char[] and no decoding
            if (latin.length < len) {
                latin = new byte[Math.max(len, latin.length * 2)];
            }
            byte[] out = latin;
            int o = 0;
            int i = sFrom;
            while (true) {
                int j = backslash(i, sTo);
                System.arraycopy(buf, i, out, o, j - i); // the run before it, as it is
                o += j - i;
                if (j == sTo) {
                    break;
                }
                byte e = buf[j + 1];
                out[o++] = switch (e) {
                    case 'b' -> (byte) '\b';
                    case 'f' -> (byte) '\f';
                    case 'n' -> (byte) '\n';
                    case 'r' -> (byte) '\r';
                    case 't' -> (byte) '\t';
                    default -> e; // " \\ /
                };
                i = j + 2;
            }
            return new String(out, 0, o, StandardCharsets.ISO_8859_1);
        }
        int n = decodeChars(); // may grow chars
        return new String(chars, 0, n);
    }

    /** The index of the first backslash in {@code buf} from {@code i} before {@code to}, or {@code to}; a word at a time. */
    private int backslash(int i, int to) {
        while (i + 8 <= to) {
            long x = (long) LONGS.get(buf, i) ^ 0x5C5C5C5C5C5C5C5CL;
            long zero = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
            if (zero != 0) {
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
            i += 8;
        }
        while (i < to && buf[i] != '\\') {
            i++;
        }
        return i;
    }

    /** Decodes the string last scanned into {@link #chars}; returns its length. */
    private int decodeChars() {
        int len = sTo - sFrom;
        if (chars.length < len) {
            chars = new char[Math.max(len, chars.length * 2)];
        }
        char[] out = chars;
        int o = 0;
        if (!sEscapes && !sNonAscii) {
            for (int i = sFrom; i < sTo; i++) {
                out[o++] = (char) buf[i];
            }
            return o;
        }
        int i = sFrom;
        while (i < sTo) {
            int b = buf[i] & 0xFF;
            if (b == '\\') {
                int e = buf[i + 1];
                i += 2;
                switch (e) {
                    case 'b' -> out[o++] = '\b';
                    case 'f' -> out[o++] = '\f';
                    case 'n' -> out[o++] = '\n';
                    case 'r' -> out[o++] = '\r';
                    case 't' -> out[o++] = '\t';
                    case 'u' -> {
                        out[o++] = (char) Integer.parseInt(new String(buf, i, 4, StandardCharsets.ISO_8859_1), 16);
                        i += 4;
                    }
                    default -> out[o++] = (char) e; // " \ /
                }
            } else if (b < 0x80) {
                out[o++] = (char) b;
                i++;
            } else {
                int cp;
                if (b < 0xE0) {
                    cp = (b & 0x1F) << 6 | buf[i + 1] & 0x3F;
                    i += 2;
                } else if (b < 0xF0) {
                    cp = (b & 0x0F) << 12 | (buf[i + 1] & 0x3F) << 6 | buf[i + 2] & 0x3F;
                    i += 3;
                } else {
                    cp = (b & 0x07) << 18 | (buf[i + 1] & 0x3F) << 12 | (buf[i + 2] & 0x3F) << 6 | buf[i + 3] & 0x3F;
                    i += 4;
                }
                if (cp >= 0x10000) {
                    out[o++] = Character.highSurrogate(cp);
                    out[o++] = Character.lowSurrogate(cp);
                } else {
                    out[o++] = (char) cp;
                }
            }
        }
        return o;
    }

    /** The string last scanned as a text column's value, the same String as last time when its bytes repeat. */
    private String cachedString(int col) {
        TextCache cache = strings[col];
        String s = cache.probe(buf, sFrom, sTo);
        if (s == null) {
            s = decode();
            cache.store(buf, sFrom, sTo, s);
        }
        return s;
    }

    // ---- structures as JSON text

    /** The structure or value at {@code pos} as compact JSON, exactly as {@link JsonText#copy} writes it. */
    private String copy() throws Fallback {
        int from = pos;
        reformat = false;
        nonAscii = false;
        skipValue();
        if (!reformat) {
            // the text as stored is already compact, with JsonText's escapes
            return new String(buf, from, pos - from, nonAscii ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        }
        int end = pos;
        pos = from;
        StringBuilder sb = new StringBuilder(end - from);
        write(sb);
        return sb.toString();
    }

    /** {@link #copy()} of a plain array in a text column, the same String as last time when its bytes repeat. */
    private String cachedCopy(int col) throws Fallback {
        int from = pos;
        reformat = false;
        nonAscii = false;
        skipValue();
        TextCache cache = copies[col];
        String s = cache.probe(buf, from, pos);
        if (s != null) {
            return s;
        }
        if (!reformat) {
            s = new String(buf, from, pos - from, nonAscii ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        } else {
            int end = pos;
            pos = from;
            StringBuilder sb = new StringBuilder(end - from);
            write(sb);
            s = sb.toString();
        }
        cache.store(buf, from, pos, s);
        return s;
    }

    /** Writes the (already checked) value at {@code pos} as JsonText does. */
    private void write(StringBuilder sb) throws Fallback {
        int b = ws();
        if (b == '{' || b == '[') {
            int close = b == '{' ? '}' : ']';
            sb.append((char) b);
            pos++;
            boolean first = true;
            while (ws() != close) {
                if (!first) {
                    ws(); // the comma
                    pos++;
                    ws();
                }
                first = false;
                if (close == '}') {
                    scanKey();
                    sb.append(text.quote(decode())).append(':');
                    colon();
                }
                write(sb);
                if (ws() == ',') {
                    sb.append(',');
                }
            }
            pos++;
            sb.append((char) close);
        } else if (b == '"') {
            scanString();
            sb.append(text.quote(decode()));
        } else {
            int from = pos;
            if (b == 't' || b == 'f' || b == 'n') {
                literal(b == 't' ? "true" : b == 'f' ? "false" : "null");
            } else {
                number();
            }
            sb.append(new String(buf, from, pos - from, StandardCharsets.ISO_8859_1));
        }
    }

    // ---- skipping (and checking) values

    private void skipValue() throws Fallback {
        int b = at(pos);
        switch (b) {
            case '"' -> {
                scanString();
                reformat |= sOddEscapes;
                nonAscii |= sNonAscii;
            }
            case '{' -> skipStructure('}');
            case '[' -> skipStructure(']');
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    private void skipStructure(int close) throws Fallback {
        if (++depth > MAX_DEPTH) {
            throw FALLBACK;
        }
        pos++;
        int b = spaced();
        if (b == close) {
            pos++;
            depth--;
            return;
        }
        while (true) {
            if (close == '}') {
                if (b != '"') {
                    throw FALLBACK;
                }
                scanKey();
                reformat |= sOddEscapes;
                nonAscii |= sNonAscii;
                if (spaced() != ':') {
                    throw FALLBACK;
                }
                pos++;
                spaced();
            }
            skipValue();
            b = spaced();
            if (b == ',') {
                pos++;
                b = spaced();
            } else if (b == close) {
                pos++;
                depth--;
                return;
            } else {
                throw FALLBACK;
            }
        }
    }

    /** {@link #ws()} that notes whitespace inside a structure (which its compact text leaves out). */
    private int spaced() throws Fallback {
        int b = at(pos);
        if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
            reformat = true;
            return ws();
        }
        return b;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A direct-mapped cache of one column's text values keyed by their raw JSON bytes. Values of a column mostly
     * repeat (host, user, action) or mostly do not (command lines, hashes); a column whose values keep missing is not
     * looked up for a while, so it costs next to nothing.
     */
    static final class TextCache {
        private static final int SLOTS = 2048;
        private static final int WINDOW = 4096;
        /** Per slot: the length and three words of the bytes (see {@link #probe}), side by side for one cache line. */
        private final long[] words = new long[SLOTS * 4];
        private final byte[][] longKeys = new byte[SLOTS][]; // the bytes of keys over 24 bytes
        private final String[] values = new String[SLOTS];
        private int lookups;
        private int misses;
        private int paused;
        // the bytes last probed: their slot (-1 while paused) and words
        private int slot;
        private long w0;
        private long w1;
        private long w2;

        /**
         * The value for these bytes, or null (then {@link #store} it). Up to 24 bytes, the length and three words (the
         * first, the second and the last eight bytes, overlapping; fewer bytes packed into the first) are the whole
         * content; longer keys are also compared byte for byte.
         */
        String probe(byte[] b, int from, int to) {
            if (paused > 0) {
                paused--;
                slot = -1;
                return null;
            }
            if (++lookups == WINDOW) {
                if (misses > WINDOW / 2) {
                    paused = 16 * WINDOW; // mostly distinct values: try again later
                }
                lookups = 0;
                misses = 0;
            }
            int len = to - from;
            long a;
            long m = 0;
            long z;
            if (len >= 8) {
                a = (long) LONGS.get(b, from);
                z = (long) LONGS.get(b, to - 8);
                if (len > 16) {
                    m = (long) LONGS.get(b, from + 8);
                }
            } else {
                a = 0;
                for (int i = from; i < to; i++) {
                    a = a << 8 | b[i] & 0xFF;
                }
                z = 0;
            }
            int s = (int) ((a * 0x9E3779B97F4A7C15L + z + len) * 0xC2B2AE3D27D4EB4FL >>> 53); // 11 bits: SLOTS
            slot = s;
            w0 = a;
            w1 = m;
            w2 = z;
            int k = s << 2;
            long[] w = words;
            if (w[k] == len && w[k + 1] == a && w[k + 3] == z && w[k + 2] == m && (len <= 24 || same(longKeys[s], b, from, len))) {
                String v = values[s];
                if (v != null) {
                    return v;
                }
            }
            misses++;
            return null;
        }

        /** Keeps {@code value} for the bytes just probed. */
        void store(byte[] b, int from, int to, String value) {
            int s = slot;
            if (s < 0) {
                return;
            }
            int len = to - from;
            int k = s << 2;
            words[k] = len;
            words[k + 1] = w0;
            words[k + 2] = w1;
            words[k + 3] = w2;
            longKeys[s] = len > 24 ? Arrays.copyOfRange(b, from, to) : null;
            values[s] = value;
        }
    }
}
