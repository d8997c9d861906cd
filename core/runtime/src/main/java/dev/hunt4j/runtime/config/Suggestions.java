package dev.hunt4j.runtime.config;

import java.util.Collection;
import java.util.List;

/** The runtime's wording of "did you mean" hints; the matching is {@link dev.hunt4j.api.Suggestions}. */
public final class Suggestions {
    private Suggestions() {
    }

    /** {@code " (did you mean x?)"} or the empty string. */
    public static String didYouMean(String name, Collection<String> candidates) {
        List<String> c = dev.hunt4j.api.Suggestions.closest(name, candidates, 3);
        return c.isEmpty() ? "" : " (did you mean " + String.join(", ", c) + "?)";
    }
}
