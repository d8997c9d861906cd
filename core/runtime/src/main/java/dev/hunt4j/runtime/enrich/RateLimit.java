package dev.hunt4j.runtime.enrich;

import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "At most {@code permits} requests in any {@code window}", as services state their limits: {@code 4/minute},
 * {@code 500/day}, {@code 10/s}, {@code 50/100ms}.
 *
 * @param permits requests allowed per window, at least 1
 * @param window  the window, positive
 */
public record RateLimit(int permits, Duration window) {
    private static final Pattern FORM = Pattern.compile("\\s*(\\d+)\\s*(?:/|per)\\s*(\\d*\\s*[a-zA-Z]+)\\s*");
    private static final Map<String, Duration> UNITS = Map.ofEntries(
            Map.entry("ms", Duration.ofMillis(1)),
            Map.entry("s", Duration.ofSeconds(1)), Map.entry("sec", Duration.ofSeconds(1)),
            Map.entry("second", Duration.ofSeconds(1)),
            Map.entry("m", Duration.ofMinutes(1)), Map.entry("min", Duration.ofMinutes(1)),
            Map.entry("minute", Duration.ofMinutes(1)),
            Map.entry("h", Duration.ofHours(1)), Map.entry("hour", Duration.ofHours(1)),
            Map.entry("d", Duration.ofDays(1)), Map.entry("day", Duration.ofDays(1)),
            Map.entry("week", Duration.ofDays(7)), Map.entry("month", Duration.ofDays(30)));

    public RateLimit {
        if (permits < 1) {
            throw new IllegalArgumentException("a rate limit needs at least 1 request per window, got " + permits);
        }
        if (window == null || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("a rate limit needs a positive window, got " + window);
        }
    }

    /**
     * Parses {@code N/unit} or {@code N/<duration>}: units {@code ms, s, second, m, min, minute, h, hour, d, day,
     * week, month} (30 days; plural {@code s} allowed), durations as in config ({@code 30s}, {@code 5m}).
     *
     * @param keyPath where the text comes from, for the error message
     * @throws ConfigurationException naming {@code keyPath} when the text is not a rate
     */
    public static RateLimit parse(String text, String keyPath) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2).replace(" ", "").toLowerCase(Locale.ROOT);
            Duration window = UNITS.get(unit);
            if (window == null && unit.endsWith("s")) {
                window = UNITS.get(unit.substring(0, unit.length() - 1));
            }
            if (window == null) {
                try {
                    window = Durations.parse(unit);
                } catch (IllegalArgumentException e) {
                    window = null;
                }
            }
            if (window != null && n >= 1 && n <= Integer.MAX_VALUE && !window.isZero() && !window.isNegative()) {
                return new RateLimit((int) n, window);
            }
        }
        throw new ConfigurationException("setting '" + keyPath + "' must be a rate such as 4/minute, 500/day or 50/100ms, got '"
                + text + "'");
    }

    /** Requests per second this limit allows in the long run. */
    public double perSecond() {
        return permits * 1e9 / window.toNanos();
    }

    @Override
    public String toString() {
        return permits + "/" + format(window);
    }

    /** A window the way it is usually written: {@code minute}, {@code 30s}, {@code 100ms}. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000L == 0) {
            return ms == 86_400_000L ? "day" : ms / 86_400_000L + "d";
        }
        if (ms % 3_600_000L == 0) {
            return ms == 3_600_000L ? "hour" : ms / 3_600_000L + "h";
        }
        if (ms % 60_000L == 0) {
            return ms == 60_000L ? "minute" : ms / 60_000L + "m";
        }
        if (ms % 1000 == 0) {
            return ms == 1000 ? "second" : ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
