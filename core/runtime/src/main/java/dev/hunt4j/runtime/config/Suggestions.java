package dev.hunt4j.runtime.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean" hints for misspelt names. */
public final class Suggestions {
    private Suggestions() {
    }

    /** Up to {@code max} candidates close to {@code name} (edit distance or substring), closest first. */
    public static List<String> closest(String name, Collection<String> candidates, int max) {
        String n = name.toLowerCase(Locale.ROOT);
        return candidates.stream()
                .filter(c -> {
                    String l = c.toLowerCase(Locale.ROOT);
                    return distance(n, l) <= Math.max(2, n.length() / 3) || l.contains(n) || (n.length() > 3 && n.contains(l));
                })
                .sorted(Comparator.comparingInt((String c) -> distance(n, c.toLowerCase(Locale.ROOT))).thenComparing(c -> c))
                .limit(max)
                .toList();
    }

    /** {@code " (did you mean x?)"} or the empty string. */
    public static String didYouMean(String name, Collection<String> candidates) {
        List<String> c = closest(name, candidates, 3);
        return c.isEmpty() ? "" : " (did you mean " + String.join(", ", c) + "?)";
    }

    /** Levenshtein distance. */
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
