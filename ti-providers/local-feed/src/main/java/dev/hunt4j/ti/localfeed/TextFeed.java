package dev.hunt4j.ti.localfeed;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A plain list: one indicator per line; {@code #} starts a comment, on a line of its own or after the indicator
 * (where it becomes the description: {@code 203.0.113.7  # scanner}). Blank lines are skipped.
 */
final class TextFeed {
    private TextFeed() {
    }

    static void read(BufferedReader in, String file, LocalFeedSettings settings, Consumer<FeedEntry> sink) throws IOException {
        int n = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            n++;
            if (n == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#") || s.startsWith(";") || s.startsWith("//") && !s.contains(":")) {
                continue;
            }
            String comment = null;
            int hash = indexOfComment(s);
            if (hash >= 0) {
                comment = s.substring(hash + 1).strip();
                s = s.substring(0, hash).strip();
            }
            String value = Values.refang(s);
            if (value.isEmpty()) {
                continue;
            }
            sink.accept(new FeedEntry(value, Values.infer(value), settings.defaultSeverity(), null,
                    comment == null || comment.isEmpty() ? null : comment, null, file + ":" + n, Map.of()));
        }
    }

    /** A {@code #} after white space; a {@code #} inside a URL (a fragment) is part of the value. */
    private static int indexOfComment(String s) {
        for (int i = 1; i < s.length(); i++) {
            if (s.charAt(i) == '#' && Character.isWhitespace(s.charAt(i - 1))) {
                return i;
            }
        }
        return -1;
    }
}
