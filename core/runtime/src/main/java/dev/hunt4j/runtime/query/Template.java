package dev.hunt4j.runtime.query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A query text parsed the way Python's {@code str.format} reads it: {@code {name}} is a placeholder,
 * {@code {{} and {@code }}} are literal braces. Unlike Python, a brace that does not start a placeholder
 * is kept as text, because some MSTICPy query files carry raw JSON with single braces.
 */
final class Template {

    /** A piece of a template. */
    sealed interface Part permits Text, Slot {
    }

    /** Literal query text (with doubled braces already undoubled). */
    record Text(String text) implements Part {
    }

    /** A {@code {name}} placeholder. */
    record Slot(String name) implements Part {
    }

    private final List<Part> parts;
    private final Set<String> names;

    private Template(List<Part> parts) {
        this.parts = List.copyOf(parts);
        Set<String> n = new LinkedHashSet<>();
        for (Part p : parts) {
            if (p instanceof Slot s) {
                n.add(s.name());
            }
        }
        this.names = Set.copyOf(n);
    }

    List<Part> parts() {
        return parts;
    }

    /** The placeholder names used. */
    Set<String> names() {
        return names;
    }

    /**
     * Parses a template.
     *
     * @throws IllegalArgumentException for Python format features this reader does not support
     *                                  ({@code {name:spec}}, {@code {name!r}}, {@code {name.attr}}, {@code {name[0]}})
     */
    static Template parse(String s) {
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '{') {
                if (i + 1 < n && s.charAt(i + 1) == '{') {
                    text.append('{');
                    i += 2;
                    continue;
                }
                int j = i + 1;
                if (j < n && (Character.isLetter(s.charAt(j)) || s.charAt(j) == '_')) {
                    while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                        j++;
                    }
                    if (j < n && s.charAt(j) == '}') {
                        if (text.length() > 0) {
                            parts.add(new Text(text.toString()));
                            text.setLength(0);
                        }
                        parts.add(new Slot(s.substring(i + 1, j)));
                        i = j + 1;
                        continue;
                    }
                    int close = s.indexOf('}', j);
                    int lineEnd = s.indexOf('\n', j);
                    if (j < n && ":!.[".indexOf(s.charAt(j)) >= 0 && close > 0 && (lineEnd < 0 || close < lineEnd)
                            && s.substring(j, close).indexOf('"') < 0 && s.substring(j, close).indexOf(' ') < 0) {
                        throw new IllegalArgumentException("placeholder '" + s.substring(i, close + 1)
                                + "' uses Python format syntax that is not supported; write {" + s.substring(i + 1, j) + "}");
                    }
                }
                text.append('{');
                i++;
                continue;
            }
            if (c == '}' && i + 1 < n && s.charAt(i + 1) == '}') {
                text.append('}');
                i += 2;
                continue;
            }
            text.append(c);
            i++;
        }
        if (text.length() > 0) {
            parts.add(new Text(text.toString()));
        }
        return new Template(parts);
    }
}
