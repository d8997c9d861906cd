package dev.hunt4j.analysis.b64;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Bounded readers for gzip, zip, tar and zlib/raw deflate. Nothing trusts a size written in the archive: every
 * read counts the bytes it produces and stops at the budget, so a zip bomb costs at most the budget in memory and
 * time. Malformed input ends the listing with an error status; it never throws.
 */
final class Archives {
    /** One extracted file. */
    record Entry(String name, byte[] data) {
    }

    /**
     * What came out of an archive.
     *
     * @param entries what could be read
     * @param status  null when complete, else {@code limit reached: ...} or {@code error: ...}
     * @param limit   true when {@code status} is a limit (as opposed to an error)
     * @param budgetExhausted true when the total budget (not a per-entry limit) ran out
     */
    record Result(List<Entry> entries, String status, boolean limit, boolean budgetExhausted) {
    }

    /** Limits for one archive: its own entry count and size limits, and what is left of the whole run's budget. */
    record Budget(long remainingTotal, long maxEntryBytes, int maxEntries) {
    }

    private Archives() {
    }

    static Result read(String type, byte[] data, Budget budget) {
        try {
            return switch (type) {
                case "gz" -> gunzip(data, budget);
                case "zip" -> unzip(data, budget);
                case "tar" -> untar(data, budget);
                case "zlib" -> inflate(data, false, budget);
                case "deflate" -> inflate(data, true, budget);
                default -> new Result(List.of(), "error: not an archive type: " + type, false, false);
            };
        } catch (RuntimeException e) {
            // java.util.zip throws IllegalArgumentException for malformed names and the like
            return new Result(List.of(), "error: " + describe(e), false, false);
        }
    }

    /** Thrown inside a bounded read when the output would pass its limit. */
    private static final class LimitException extends IOException {
        final boolean total;

        LimitException(String message, boolean total) {
            super(message);
            this.total = total;
        }
    }

    /** Reads {@code in} fully, or up to the limit: then the bytes read so far are lost and a LimitException is thrown. */
    private static byte[] readBounded(InputStream in, Budget budget, long alreadyUsed, String what) throws IOException {
        long cap = Math.min(budget.maxEntryBytes(), budget.remainingTotal() - alreadyUsed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[16 * 1024];
        long total = 0;
        int r;
        while ((r = in.read(buf)) > 0) {
            total += r;
            if (total > cap) {
                boolean byTotal = budget.remainingTotal() - alreadyUsed <= budget.maxEntryBytes();
                throw new LimitException(byTotal
                        ? "limit reached: total decoded bytes would exceed the budget while reading " + what
                        : "limit reached: " + what + " is larger than " + budget.maxEntryBytes() + " bytes", byTotal);
            }
            out.write(buf, 0, r);
        }
        return out.toByteArray();
    }

    static Result gunzip(byte[] data, Budget budget) {
        String name = gzipName(data);
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data), 16 * 1024)) {
            byte[] out = readBounded(new TeeInput(in, partial), budget, 0, "the gzip content");
            return new Result(List.of(new Entry(name, out)), null, false, false);
        } catch (LimitException e) {
            return new Result(List.of(), e.getMessage(), true, e.total);
        } catch (IOException e) {
            List<Entry> got = partial.size() > 0 ? List.of(new Entry(name, partial.toByteArray())) : List.of();
            String what = e instanceof EOFException ? "truncated gzip" : "bad gzip";
            return new Result(got, "error: " + what + " (" + describe(e) + "), " + partial.size() + " bytes recovered",
                    false, false);
        }
    }

    /** The FNAME field of a gzip header, else MSTICPy's name {@code gzip_file}. */
    private static String gzipName(byte[] b) {
        if (b.length < 10 || (b[3] & 0x08) == 0) {
            return "gzip_file";
        }
        int p = 10;
        if ((b[3] & 0x04) != 0) {
            if (b.length < 12) {
                return "gzip_file";
            }
            p += 2 + ((b[10] & 0xFF) | (b[11] & 0xFF) << 8);
        }
        int start = p;
        while (p < b.length && b[p] != 0 && p - start < 1024) {
            p++;
        }
        if (p >= b.length || b[p] != 0 || p == start) {
            return "gzip_file";
        }
        return new String(b, start, p - start, StandardCharsets.ISO_8859_1);
    }

    static Result unzip(byte[] data, Budget budget) {
        List<Entry> entries = new ArrayList<>();
        long used = 0;
        try (ZipInputStream zin = new ZipInputStream(new ByteArrayInputStream(data), StandardCharsets.UTF_8)) {
            ZipEntry e;
            int files = 0;
            while ((e = zin.getNextEntry()) != null) {
                if (e.isDirectory()) {
                    continue;
                }
                if (++files > budget.maxEntries()) {
                    return new Result(entries, "limit reached: more than " + budget.maxEntries() + " entries in the zip",
                            true, false);
                }
                byte[] content = readBounded(zin, budget, used, "zip entry '" + e.getName() + "'");
                used += content.length;
                entries.add(new Entry(e.getName(), content));
            }
            if (entries.isEmpty() && files == 0) {
                return new Result(entries, "error: no zip entries could be read", false, false);
            }
            return new Result(entries, null, false, false);
        } catch (LimitException ex) {
            return new Result(entries, ex.getMessage(), true, ex.total);
        } catch (IOException | RuntimeException ex) {
            return new Result(entries, "error: bad zip (" + describe(ex) + ")", false, false);
        }
    }

    /** POSIX/GNU tar: regular files and GNU long names; other entry kinds are skipped. */
    static Result untar(byte[] data, Budget budget) {
        List<Entry> entries = new ArrayList<>();
        long used = 0;
        int off = 0;
        String longName = null;
        int files = 0;
        while (off + 512 <= data.length) {
            if (isZeroBlock(data, off)) {
                break;
            }
            if (!Content.tarChecksumOk(data, off)) {
                return new Result(entries, "error: bad tar header checksum at offset " + off, false, false);
            }
            long size = Content.octal(data, off + 124, 12);
            if (size < 0) {
                return new Result(entries, "error: bad tar size field at offset " + off, false, false);
            }
            char kind = (char) data[off + 156];
            int dataStart = off + 512;
            if (size > data.length - dataStart) {
                return new Result(entries, "error: truncated tar (entry at offset " + off + " claims " + size + " bytes)",
                        false, false);
            }
            if (kind == 'L') {
                longName = cString(data, dataStart, (int) Math.min(size, 4096));
            } else if (kind == '0' || kind == 0 || kind == '7') {
                String name = longName != null ? longName : tarName(data, off);
                longName = null;
                if (++files > budget.maxEntries()) {
                    return new Result(entries, "limit reached: more than " + budget.maxEntries() + " entries in the tar",
                            true, false);
                }
                if (size > budget.maxEntryBytes()) {
                    return new Result(entries, "limit reached: tar entry '" + name + "' is larger than "
                            + budget.maxEntryBytes() + " bytes", true, false);
                }
                if (used + size > budget.remainingTotal()) {
                    return new Result(entries, "limit reached: total decoded bytes would exceed the budget while reading tar entry '"
                            + name + "'", true, true);
                }
                byte[] content = new byte[(int) size];
                System.arraycopy(data, dataStart, content, 0, (int) size);
                used += size;
                entries.add(new Entry(name, content));
            } else {
                longName = null; // directories, links, pax headers
            }
            long next = dataStart + ((size + 511) / 512) * 512;
            if (next > Integer.MAX_VALUE) {
                break;
            }
            off = (int) next;
        }
        return new Result(entries, null, false, false);
    }

    private static boolean isZeroBlock(byte[] b, int off) {
        for (int i = off; i < off + 512; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String tarName(byte[] b, int off) {
        String name = cString(b, off, 100);
        boolean ustar = b[off + 257] == 'u' && b[off + 258] == 's' && b[off + 259] == 't';
        if (ustar) {
            String prefix = cString(b, off + 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
        }
        return name;
    }

    private static String cString(byte[] b, int off, int max) {
        int end = off;
        while (end < off + max && end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    /** zlib ({@code nowrap=false}) or raw deflate ({@code nowrap=true}), bounded. */
    static Result inflate(byte[] data, boolean raw, Budget budget) {
        Inflater inf = new Inflater(raw);
        try {
            inf.setInput(data);
            long cap = Math.min(budget.maxEntryBytes(), budget.remainingTotal());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[16 * 1024];
            while (!inf.finished()) {
                int r = inf.inflate(buf);
                if (r == 0) {
                    if (inf.needsInput() || inf.needsDictionary()) {
                        return new Result(out.size() > 0 ? List.of(new Entry(raw ? "deflate_data" : "zlib_data", out.toByteArray())) : List.of(),
                                "error: truncated " + (raw ? "deflate" : "zlib") + " stream", false, false);
                    }
                    continue;
                }
                if (out.size() + (long) r > cap) {
                    boolean byTotal = budget.remainingTotal() <= budget.maxEntryBytes();
                    return new Result(List.of(), byTotal
                            ? "limit reached: total decoded bytes would exceed the budget while inflating"
                            : "limit reached: inflated data is larger than " + budget.maxEntryBytes() + " bytes", true, byTotal);
                }
                out.write(buf, 0, r);
            }
            return new Result(List.of(new Entry(raw ? "deflate_data" : "zlib_data", out.toByteArray())), null, false, false);
        } catch (DataFormatException e) {
            return new Result(List.of(), "error: bad " + (raw ? "deflate" : "zlib") + " data (" + describe(e) + ")", false, false);
        } finally {
            inf.end();
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Copies what a stream yields, so the good part of a truncated gzip can still be reported. */
    private static final class TeeInput extends InputStream {
        private final InputStream in;
        private final ByteArrayOutputStream copy;

        TeeInput(InputStream in, ByteArrayOutputStream copy) {
            this.in = in;
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                copy.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = in.read(b, off, len);
            if (r > 0) {
                copy.write(b, off, r);
            }
            return r;
        }
    }
}
