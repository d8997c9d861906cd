package dev.hunt4j.visualization;

import dev.hunt4j.api.data.ColumnType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the time-based views share: finding the time column and reading reference markers. */
final class Common {
    static final String DEFAULT_TIME = "TimeGenerated";
    /** Names logs use for the event time, tried when the default column is missing. */
    private static final String[] TIME_NAMES = {"TimeGenerated", "Timestamp", "TimeCreated", "EventTime", "UtcTime", "_time",
        "@timestamp", "time", "date", "StartTime"};

    private Common() {
    }

    /**
     * The time column of {@code t}: the one the option names; without the option, TimeGenerated, else the first
     * TIMESTAMP column, else a usual name.
     */
    static int timeColumn(String renderer, Table t, Options o) {
        String named = o.get("time_column");
        if (named != null) {
            return t.require(renderer, "time_column", named);
        }
        int i = t.find(DEFAULT_TIME);
        if (i >= 0) {
            return i;
        }
        for (int k = 0; k < t.columns.size(); k++) {
            if (t.columns.get(k).type() == ColumnType.TIMESTAMP) {
                return k;
            }
        }
        i = t.findAny(TIME_NAMES);
        return i >= 0 ? i : t.require(renderer, "time_column", DEFAULT_TIME);
    }

    /**
     * Reference markers from {@code ref_time} / {@code ref_label} (MSTICPy's names) and
     * {@code markers} ({@code TIME=LABEL;TIME=LABEL}), as {@code {t, label}} maps.
     */
    static List<Map<String, Object>> markers(String renderer, Options o) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (o.has("ref_time")) {
            Long t = Times.millis(o.get("ref_time"));
            if (t == null) {
                throw o.bad("ref_time", "a time such as 2024-05-01T10:00:00Z", o.get("ref_time"));
            }
            out.add(marker(t, o.get("ref_label", "reference")));
        } else if (o.has("ref_label")) {
            throw new IllegalArgumentException(renderer + ": option 'ref_label' needs 'ref_time'");
        }
        if (o.has("markers")) {
            for (String part : o.get("markers").split(";")) {
                if (part.isBlank()) {
                    continue;
                }
                int eq = part.indexOf('=');
                String time = eq < 0 ? part.trim() : part.substring(0, eq).trim();
                String label = eq < 0 ? time : part.substring(eq + 1).trim();
                Long t = Times.millis(time);
                if (t == null) {
                    throw o.bad("markers", "TIME=LABEL pairs separated by ';' with ISO-8601 times", part.trim());
                }
                out.add(marker(t, label));
            }
        }
        return out;
    }

    private static Map<String, Object> marker(long t, String label) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("t", t);
        m.put("label", label);
        return m;
    }

    /** Options the time-based views share. */
    static final String[] MARKER_OPTIONS = {
        "ref_time", "a reference time to mark, e.g. the alert time (ISO-8601)",
        "ref_label", "the label of ref_time (default 'reference')",
        "markers", "more reference markers: TIME=LABEL;TIME=LABEL"};
}
