package dev.hunt4j.toolkit;

import java.time.Duration;

/** Small text helpers for messages. */
public final class Texts {
    private Texts() {
    }

    /** A duration as people write it in config: {@code 250ms}, {@code 30s}, {@code 10m}, {@code 1h30m}, {@code 2d}. */
    public static String duration(Duration d) {
        if (d.isNegative() || d.isZero()) {
            return "0s";
        }
        if (d.toMillis() < 1000) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        StringBuilder sb = new StringBuilder();
        long days = s / 86400;
        long hours = s % 86400 / 3600;
        long minutes = s % 3600 / 60;
        long seconds = s % 60;
        if (days > 0) {
            sb.append(days).append('d');
        }
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (minutes > 0) {
            sb.append(minutes).append('m');
        }
        if (seconds > 0 || sb.length() == 0) {
            sb.append(seconds).append('s');
        }
        return sb.toString();
    }

    /** The text cut to {@code max} characters, with an ellipsis when cut. */
    public static String abbreviate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "...";
    }
}
