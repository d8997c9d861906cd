package dev.hunt4j.runtime.query;

import dev.hunt4j.api.Suggestions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** "Did you mean" suggestions: close by edit distance, or one name contained in the other. */
final class Names {
    private Names() {
    }

    /** Up to {@code max} of {@code candidates} that look like {@code wanted}, closest first. */
    static List<String> suggest(String wanted, Collection<String> candidates, int max) {
        return suggest(wanted, candidates, List::of, max);
    }

    /**
     * Up to {@code max} candidates close to {@code wanted}; each candidate is compared through every key
     * {@code keysOf} gives (e.g. a query's full name and its plain name) and ranked by its best key.
     */
    static List<String> suggest(String wanted, Collection<String> candidates, Function<String, List<String>> keysOf, int max) {
        String w = wanted.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, w.length() / 4); // typos, not different words
        record Scored(String name, int score) {
        }
        List<Scored> scored = new ArrayList<>();
        for (String c : candidates) {
            int best = Integer.MAX_VALUE;
            List<String> keys = new ArrayList<>(keysOf.apply(c));
            keys.add(c);
            for (String key : keys) {
                String k = key.toLowerCase(Locale.ROOT);
                int d = Suggestions.distance(w, k);
                if (d <= limit) {
                    best = Math.min(best, d);
                } else if (w.length() >= 3 && k.length() >= 3 && (k.contains(w) || w.contains(k))) {
                    // a substring match ranks after close typos but is still worth showing
                    best = Math.min(best, limit + 1);
                }
            }
            if (best != Integer.MAX_VALUE) {
                scored.add(new Scored(c, best));
            }
        }
        return scored.stream()
                .sorted(Comparator.comparingInt(Scored::score).thenComparing(Scored::name))
                .map(Scored::name)
                .distinct()
                .limit(max)
                .toList();
    }
}
