package dev.hunt4j.analysis.b64;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One unpacking run over one input text: decodes base64 runs, unpacks archives, decodes text and recurses,
 * charging every produced byte to the run's budget. Builds the item list and the marked-up decoded text.
 */
final class Unpacking {
    private static final Set<String> ARCHIVES = Set.of("gz", "zip", "tar", "zlib");

    private final Base64Unpacker.Limits lim;
    private final List<DecodedItem> items = new ArrayList<>();
    private long totalBytes;
    private boolean stopped;

    Unpacking(Base64Unpacker.Limits lim) {
        this.lim = lim;
    }

    UnpackResult run(String text) {
        String decoded = text == null ? "" : text(text, 1, "");
        return new UnpackResult(decoded, items);
    }

    /** Replaces each plausible base64 run in {@code text} with its decoded form; {@code depth} is the depth of what it decodes. */
    private String text(String text, int depth, String prefix) {
        if (stopped) {
            return text;
        }
        List<Base64Finder.Run> runs = Base64Finder.find(text, lim.minLength());
        if (runs.isEmpty()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int last = 0;
        int k = 0;
        for (Base64Finder.Run r : runs) {
            if (stopped) {
                break;
            }
            byte[] data = Base64Finder.decode(r);
            if (data == null || data.length == 0 || !plausible(data, r)) {
                continue;
            }
            String ref = prefix + (++k);
            if (depth > lim.maxDepth()) {
                // one row says so; the text keeps this and any further runs encoded
                sb.append(text, last, r.start()).append(limit(ref, depth, r.text(), null, null, "limit reached: depth "
                        + depth + " is beyond the maximum " + lim.maxDepth() + " (not decoded)"));
                sb.append(text, r.start(), r.end());
                last = r.end();
                break;
            }
            sb.append(text, last, r.start()).append(content(data, r.text(), ref, depth, null, null));
            last = r.end();
        }
        if (k == 0) {
            return text;
        }
        return sb.append(text, last, text.length()).toString();
    }

    /**
     * Whether a decoded run is worth reporting: a known file type, text, or — for unknown binary — a run that
     * looks like encoded data rather than a word or identifier (32+ characters, a whole number of 4-character
     * groups, upper and lower case and digits, not just hex digits).
     */
    private static boolean plausible(byte[] data, Base64Finder.Run r) {
        String type = Content.sniff(data);
        if (type != null && !type.equals("zlib")) {
            return true;
        }
        if (Content.text(data) != null) {
            return true;
        }
        String t = r.text();
        if (t.length() < 32 || (t.length() + r.padding()) % 4 != 0) {
            return false;
        }
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        boolean nonHex = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
            nonHex |= !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F');
        }
        return upper && lower && digit && nonHex;
    }

    /** Reports {@code data} (and what is inside it) as item {@code ref}; returns its marked-up display form. */
    private String content(byte[] data, String original, String ref, int depth, String fileName, String archiveType) {
        if (stopped) {
            return "";
        }
        if (items.size() >= lim.maxItems()) {
            stop(ref, depth, original, "limit reached: more than " + lim.maxItems() + " decoded items");
            return limitMarkup(ref, depth, "limit reached: more than " + lim.maxItems() + " decoded items");
        }
        if (totalBytes + data.length > lim.maxTotalBytes()) {
            String msg = "limit reached: total decoded bytes would exceed " + lim.maxTotalBytes();
            stop(ref, depth, original, msg);
            return limitMarkup(ref, depth, msg);
        }
        totalBytes += data.length;
        String type = Content.sniff(data);
        String[] h = Content.hashes(data);
        if (type != null && ARCHIVES.contains(type)) {
            Archives.Result ar = Archives.read(type, data, budget());
            if (!(type.equals("zlib") && ar.entries().isEmpty())) {
                return archive(data, original, ref, depth, fileName, archiveType, type, h, ar);
            }
            type = null; // "x^..." text that only looked like a zlib header
        }
        Content.Text t = Content.text(data);
        if (t != null) {
            items.add(new DecodedItem(ref, depth, original, fileName, null, archiveType, data, t.text(), t.encoding(),
                    h[0], h[1], h[2], Content.printableBytes(data), DecodedItem.OK));
            String inner = text(t.text(), depth + 1, ref + ".");
            return "<decoded type='string' name='" + name(fileName, archiveType) + "' index='" + ref + "' depth='" + depth
                    + "'>" + inner + "</decoded>";
        }
        if (type == null) {
            // PowerShell's [IO.Compression.DeflateStream] payloads are raw deflate: keep the result only if it is text
            Archives.Result ar = Archives.inflate(data, true, budget());
            if (ar.status() == null && ar.entries().size() == 1 && Content.text(ar.entries().get(0).data()) != null) {
                return archive(data, original, ref, depth, fileName, archiveType, "deflate", h, ar);
            }
        }
        String printable = Content.printableBytes(data);
        items.add(new DecodedItem(ref, depth, original, fileName, type, archiveType, data, null, "binary", h[0], h[1], h[2],
                printable, DecodedItem.OK));
        return "<decoded value='binary' name='" + name(fileName, archiveType) + "' type='" + (type == null ? "unknown" : type) + "' index='" + ref
                + "' depth='" + depth + "'>" + printable + "</decoded>";
    }

    private String archive(byte[] data, String original, String ref, int depth, String fileName, String archiveType,
            String type, String[] h, Archives.Result ar) {
        int slot = items.size();
        items.add(null); // the archive's own row goes before its entries
        StringBuilder sb = new StringBuilder();
        sb.append("<decoded value='archive' type='").append(type).append("' name='").append(name(fileName, archiveType))
                .append("' index='").append(ref).append("' depth='").append(depth).append("'>");
        int j = 0;
        for (Archives.Entry e : ar.entries()) {
            if (stopped) {
                break;
            }
            String childRef = ref + "." + (++j);
            if (depth + 1 > lim.maxDepth()) {
                sb.append(limit(childRef, depth + 1, original, e.name(), type, "limit reached: depth " + (depth + 1)
                        + " is beyond the maximum " + lim.maxDepth() + " (entry not unpacked)"));
                break;
            }
            sb.append(content(e.data(), original, childRef, depth + 1, e.name(), type));
        }
        String status = ar.status() == null ? DecodedItem.OK : ar.status();
        if (ar.budgetExhausted() && !stopped) {
            stopped = true;
        }
        items.set(slot, new DecodedItem(ref, depth, original, fileName, type, archiveType, data, null, "binary",
                h[0], h[1], h[2], Content.printableBytes(data), status));
        if (ar.status() != null) {
            sb.append("<decoded value='").append(ar.limit() ? "limit" : "error").append("' index='").append(ref)
                    .append("' depth='").append(depth).append("'>").append(ar.status()).append("</decoded>");
        }
        return sb.append("</decoded>").toString();
    }

    private Archives.Budget budget() {
        return new Archives.Budget(lim.maxTotalBytes() - totalBytes, lim.maxEntryBytes(), lim.maxEntries());
    }

    private String limit(String ref, int depth, String original, String fileName, String archiveType, String message) {
        items.add(new DecodedItem(ref, depth, original, fileName, null, archiveType, null, message, null, null, null, null,
                null, message));
        return limitMarkup(ref, depth, message);
    }

    private void stop(String ref, int depth, String original, String message) {
        stopped = true;
        items.add(new DecodedItem(ref, depth, original, null, null, null, null, message, null, null, null, null, null,
                message));
    }

    private static String limitMarkup(String ref, int depth, String message) {
        return "<decoded value='limit' index='" + ref + "' depth='" + depth + "'>" + message + "</decoded>";
    }

    private static String name(String fileName, String archiveType) {
        if (fileName != null) {
            return (archiveType == null ? "" : "[" + archiveType + "] Filename: ") + fileName;
        }
        return "[None]";
    }
}
