package dev.hunt4j.analysis.b64;

import dev.hunt4j.analysis.ioc.IocExtractor;
import dev.hunt4j.api.IocType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outcome of {@link Base64Unpacker#unpack(String)}.
 *
 * @param fullyDecodedText the input with every decoded base64 run replaced by MSTICPy-style markup:
 *                         {@code <decoded type='string' name='...' index='1' depth='1'>text</decoded>} for text,
 *                         {@code <decoded value='binary' ...>4d 5a ...</decoded>} for binaries and
 *                         {@code <decoded value='archive' type='zip' ...>entries</decoded>} for archives; nested
 *                         encodings are decoded in place
 * @param items            every decoded item in tree order (see {@link DecodedItem#reference()})
 */
public record UnpackResult(String fullyDecodedText, List<DecodedItem> items) {
    public UnpackResult {
        items = List.copyOf(items);
    }

    /** Whether any limit (depth, total bytes, entries, entry size, item count) stopped part of the work. */
    public boolean limitReached() {
        return items.stream().anyMatch(DecodedItem::isLimit);
    }

    /**
     * The indicators in the decoded text of every text item (the base64-hidden part of the input), per type, as
     * {@link IocExtractor#extract(String)} reports them.
     */
    public Map<IocType, Set<String>> iocs(IocExtractor extractor) {
        Map<IocType, Set<String>> all = new LinkedHashMap<>();
        for (DecodedItem item : items) {
            if (item.isText() && item.decodedString() != null) {
                extractor.extract(item.decodedString())
                        .forEach((t, v) -> all.computeIfAbsent(t, k -> new LinkedHashSet<>()).addAll(v));
            }
        }
        all.replaceAll((k, v) -> Collections.unmodifiableSet(v));
        return Collections.unmodifiableMap(all);
    }
}
