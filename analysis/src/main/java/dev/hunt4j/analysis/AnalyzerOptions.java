package dev.hunt4j.analysis;

import java.util.Map;

/** The option check every analyzer factory starts with, so unknown options are refused the same way everywhere. */
public final class AnalyzerOptions {
    private AnalyzerOptions() {
    }

    /**
     * The given options ({@code null} means none), after checking each key is one the analyzer knows.
     *
     * @throws IllegalArgumentException naming the unknown option, the analyzer and the known options
     */
    public static Map<String, String> checked(String analyzer, Map<String, String> known, Map<String, String> given) {
        Map<String, String> options = given == null ? Map.of() : given;
        for (String k : options.keySet()) {
            if (!known.containsKey(k)) {
                throw new IllegalArgumentException("unknown option '" + k + "' for " + analyzer + "; known: " + known.keySet());
            }
        }
        return options;
    }
}
