package dev.hunt4j.analysis.ioc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random inputs — random characters and mutated corpus lines — must never make the extractor throw, and
 * every match must point at exactly the text it reports as original.
 */
class IocFuzzTest {
    private static final int CASES = 2_000;
    private static final String INTERESTING = ".:/\\@[]()%{}<>\"'`=-_#?&;, \t\nxX0123456789abcdefABCDEF";

    @Test
    void randomAndMutatedInputsNeverThrowAndSpansMatch() {
        Random r = new Random(0xF00DL);
        List<IocCorpus.Line> corpus = IocCorpus.generate(99, 500);
        IocExtractor[] extractors = {
            IocExtractor.builder().includePaths(true).parallelism(1).build(),
            IocExtractor.builder().includePaths(true).includeHostsOfUrlsAndEmails(true).keepDefanged(true).parallelism(1).build()};
        long start = System.nanoTime();
        for (int n = 0; n < CASES; n++) {
            String text = n % 3 == 0 ? randomText(r) : mutate(r, corpus.get(r.nextInt(corpus.size())).text());
            for (IocExtractor ex : extractors) {
                for (IocMatch m : ex.find(text)) {
                    assertTrue(m.start() >= 0 && m.end() <= text.length() && m.start() < m.end(), m + " in " + text);
                    assertEquals(text.substring(m.start(), m.end()), m.original(), "span of " + m + " in " + text);
                }
                ex.extract(text);
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("IoC fuzz: " + CASES + " inputs x " + extractors.length + " extractors in " + ms + " ms");
        assertTrue(ms < 10_000, "fuzzing took " + ms + " ms");
    }

    private static String randomText(Random r) {
        int len = r.nextInt(400);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            int k = r.nextInt(10);
            if (k < 5) {
                sb.append(INTERESTING.charAt(r.nextInt(INTERESTING.length())));
            } else if (k < 8) {
                sb.append((char) (32 + r.nextInt(95)));
            } else if (k < 9) {
                sb.append((char) r.nextInt(0x3000));
            } else {
                sb.append((char) r.nextInt(0x10000)); // lone surrogates included
            }
        }
        return sb.toString();
    }

    private static String mutate(Random r, String line) {
        StringBuilder sb = new StringBuilder(line);
        int edits = 1 + r.nextInt(8);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = r.nextInt(sb.length());
            switch (r.nextInt(4)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, INTERESTING.charAt(r.nextInt(INTERESTING.length())));
                case 2 -> sb.setCharAt(at, INTERESTING.charAt(r.nextInt(INTERESTING.length())));
                default -> {
                    int from = r.nextInt(sb.length());
                    sb.insert(at, sb.substring(from, Math.min(sb.length(), from + r.nextInt(30))));
                }
            }
        }
        return r.nextInt(5) == 0 ? sb.toString().repeat(1 + r.nextInt(20)) : sb.toString();
    }
}
