package dev.hunt4j.analysis.b64;

import java.util.Objects;

/**
 * One thing decoded or unpacked: a base64 run, an archive, an archive entry, or a row saying a limit stopped
 * the work. Field names follow MSTICPy's {@code BinaryRecord}.
 *
 * @param reference      where it sits in the tree: {@code 1}, {@code 1.2} (entry 2 of item 1), {@code 1.2.1} ...;
 *                       also the {@code index} attribute in {@link UnpackResult#fullyDecodedText()}
 * @param depth          1 for what was decoded straight from the input, +1 per decode or unpack level
 * @param originalString the base64 text this item (or the archive holding it) was decoded from
 * @param fileName       the archive entry name (or gzip's stored name), else null
 * @param fileType       the detected type of these bytes ({@code zip}, {@code gz}, {@code tar}, {@code exe},
 *                       {@code pdf}, ...), null for text or unknown binary
 * @param archiveType    the type of the archive this item was unpacked from, null if decoded from base64 directly
 * @param bytes          the decoded bytes (the array is shared, do not modify it); empty for limit rows
 * @param decodedString  the text, for items that decode as text; for limit rows, the limit message
 * @param encodingType   {@code utf-8}, {@code utf-16} or {@code binary}; null for limit rows
 * @param md5            hex MD5 of {@code bytes} (null for limit rows), likewise {@code sha1}, {@code sha256}
 * @param sha1           hex SHA-1
 * @param sha256         hex SHA-256
 * @param printableBytes hex of the first bytes ({@code 4d 5a 90 00 ...}), cut after 1,024 bytes
 * @param status         {@code ok}, {@code limit reached: ...} or {@code error: ...} (e.g. a truncated gzip)
 */
public record DecodedItem(String reference, int depth, String originalString, String fileName, String fileType,
        String archiveType, byte[] bytes, String decodedString, String encodingType, String md5, String sha1,
        String sha256, String printableBytes, String status) {
    /** Status of an item decoded without trouble. */
    public static final String OK = "ok";

    public DecodedItem {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(status, "status");
        bytes = bytes == null ? new byte[0] : bytes;
    }

    /** The number of decoded bytes (MSTICPy's {@code input_bytes} holds the bytes; tables show this size). */
    public int size() {
        return bytes.length;
    }

    /** True for rows that report a limit instead of content. */
    public boolean isLimit() {
        return status.startsWith("limit reached");
    }

    /** True when the item decoded as text. */
    public boolean isText() {
        return "utf-8".equals(encodingType) || "utf-16".equals(encodingType);
    }

    @Override
    public String toString() {
        return "DecodedItem[" + reference + " depth=" + depth + " type=" + fileType + " enc=" + encodingType
                + " size=" + bytes.length + " name=" + fileName + " status=" + status + "]";
    }
}
