package dev.hunt4j.api.query;

import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The lexical rules of a query language that matter for putting values into query templates safely:
 * which characters open string literals, how text is escaped inside them, and how a value is written
 * where the template has no quotes around it. Every value goes through one of these two methods, so a
 * value can never change the structure of a query.
 *
 * <p>Values are {@link String}, {@link Long}, {@link Double}, {@link Boolean}, {@link Instant} or a
 * {@link List} of those. The built-in languages are in {@link QueryLanguages}.
 */
public interface QueryLanguage {

    /**
     * Plain tokens that mean the same quoted or not: identifiers, numbers, wildcards, dotted names, and single
     * dashes between them ({@code logs-*}, {@code WKS-01}); never {@code --}, which starts a comment in SQL.
     */
    Pattern SAFE_TOKEN = Pattern.compile("[A-Za-z0-9_.*]+(-[A-Za-z0-9_.*]+)*");

    /** The name, e.g. {@code kql}, {@code spl}, {@code es-dsl}, {@code sql}, {@code files}. */
    String name();

    /** Characters that open (and close) a string literal in this language. */
    String quoteChars();

    /** Whether {@code @"..."} opens a verbatim string literal (no backslash escapes), as in KQL. */
    default boolean hasVerbatimStrings() {
        return false;
    }

    /**
     * The value as text to place inside a string literal opened by {@code quote}.
     *
     * @param verbatim whether the literal is verbatim ({@code @"..."})
     * @throws IllegalArgumentException when the value cannot be written there (the message says why)
     */
    String insideString(Object value, char quote, boolean verbatim);

    /**
     * The value where the template has no quotes around the placeholder: a plain token ({@link #SAFE_TOKEN})
     * and numbers as they are (so table and index names work), anything else as a complete quoted literal.
     *
     * @throws IllegalArgumentException when the value cannot be written there (the message says why)
     */
    String bare(Object value);

    /** The text form of a scalar value used inside strings: ISO-8601 for times, plain digits for numbers. */
    static String textOf(Object value) {
        if (value instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("a number must be finite, got " + d);
            }
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
        }
        if (value instanceof Temporal || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder sb = new StringBuilder();
            for (Object o : list) {
                sb.append(sb.length() == 0 ? "" : ",").append(textOf(o));
            }
            return sb.toString();
        }
        throw new IllegalArgumentException("unsupported value type " + (value == null ? "null" : value.getClass().getSimpleName()));
    }
}
