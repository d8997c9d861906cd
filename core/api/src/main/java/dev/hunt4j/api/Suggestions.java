package dev.hunt4j.api;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean" hints for misspelt names (keys, options, plugins), so every error suggests the same way. */
public final class Suggestions {
    private Suggestions() {
    }

    /**
     * Up to {@code max} of {@code known} that look like {@code wrong}, ignoring case: within a few edits
     * (2, or a third of its length if longer), or one name containing the other. Closest first, ties alphabetical.
     */
    public static List<String> closest(String wrong, Collection<String> known, int max) {
        String w = wrong.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, w.length() / 3);
        return known.stream()
                .filter(k -> {
                    String l = k.toLowerCase(Locale.ROOT);
                    // containment catches abbreviations and prefixes that are many edits away
                    return distance(w, l) <= limit || l.contains(w) || (w.length() > 3 && w.contains(l));
                })
                .sorted(Comparator.comparingInt((String k) -> distance(w, k.toLowerCase(Locale.ROOT))).thenComparing(k -> k))
                .limit(max)
                .toList();
    }

    /** Levenshtein distance (insertions, deletions, substitutions; case-sensitive). */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
