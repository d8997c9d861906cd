package dev.hunt4j.api.analysis;

import java.util.Map;
import org.pf4j.ExtensionPoint;

/** Extension point for a named analysis over a table (IoC extraction, process trees, anomalies, ...). */
public interface AnalyzerFactory extends ExtensionPoint {

    /** The name users call it by, e.g. {@code ioc-extract}, {@code proctree}. */
    String name();

    /** One line saying what it finds. */
    String description();

    /** The options it takes, with their meaning and default, for help texts and validation. */
    Map<String, String> options();

    /**
     * Creates an analyzer for these option values.
     *
     * @throws IllegalArgumentException naming the option and what was expected, for an unknown or bad option
     */
    Analyzer create(Map<String, String> options);
}
