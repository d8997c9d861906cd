package dev.hunt4j.analysis.sessions;

import dev.hunt4j.analysis.AnalyzerOptions;
import dev.hunt4j.api.Durations;
import dev.hunt4j.api.analysis.Analyzer;
import dev.hunt4j.api.analysis.AnalyzerFactory;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.pf4j.Extension;

/** The {@code sessions} analyzer: {@link SessionAnomalies} configured from option strings. */
@Extension
public final class SessionsAnalyzerFactory implements AnalyzerFactory {
    private static final Map<String, String> OPTIONS;

    static {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("user_columns", "comma-separated session key columns, e.g. UserId,ClientIP (required)");
        o.put("time_column", "the time column (default TimeGenerated)");
        o.put("command_column", "the command column (required)");
        o.put("params_column", "parameters: JSON list of Name/Value objects, JSON object or command-line flags (optional)");
        o.put("model", "commands (default), params (commands + parameter names) or values (+ categorical parameter values)");
        o.put("gap", "inactivity that starts a new session (default 30m)");
        o.put("max_session", "split sessions longer than this (default: no limit)");
        o.put("window", "sliding window length (default 3)");
        o.put("geo_mean", "score windows by the geometric mean of the likelihood (default false)");
        OPTIONS = Collections.unmodifiableMap(o);
    }

    @Override
    public String name() {
        return "sessions";
    }

    @Override
    public String description() {
        return "Ranks user sessions by their rarest command sequence under a Markov model (MSTICPy's anomalous_sequence).";
    }

    @Override
    public Map<String, String> options() {
        return OPTIONS;
    }

    @Override
    public Analyzer create(Map<String, String> options) {
        Map<String, String> o = AnalyzerOptions.checked("sessions", OPTIONS, options);
        String users = o.get("user_columns");
        if (users == null || users.isBlank()) {
            throw new IllegalArgumentException("option 'user_columns' is required for sessions (comma-separated columns)");
        }
        SessionAnomalies.Builder b = SessionAnomalies.builder()
                .keyColumns(Arrays.stream(users.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .commandColumn(o.get("command_column"))
                .paramsColumn(o.get("params_column"));
        if (o.containsKey("time_column")) {
            b.timeColumn(o.get("time_column").trim());
        }
        if (o.containsKey("model")) {
            b.kind(kind(o.get("model")));
        }
        if (o.containsKey("gap")) {
            b.gap(Durations.parse(o.get("gap")));
        }
        if (o.containsKey("max_session")) {
            b.maxSession(Durations.parse(o.get("max_session")));
        }
        if (o.containsKey("window")) {
            try {
                b.window(Integer.parseInt(o.get("window").trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option 'window' must be a whole number, got '" + o.get("window") + "'");
            }
        }
        String g = o.getOrDefault("geo_mean", "false").trim().toLowerCase(Locale.ROOT);
        if (!g.matches("true|false|yes|no|1|0")) {
            throw new IllegalArgumentException("option 'geo_mean' must be true or false, got '" + g + "'");
        }
        b.geometricMean(g.equals("true") || g.equals("yes") || g.equals("1"));
        return b.build();
    }

    /** Parses a model kind: commands, params or values. */
    public static SessionModel.Kind kind(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "commands", "cmds", "cmds_only" -> SessionModel.Kind.COMMANDS;
            case "params", "cmds_params", "cmds_params_only" -> SessionModel.Kind.PARAMS;
            case "values", "cmds_params_values" -> SessionModel.Kind.VALUES;
            default -> throw new IllegalArgumentException("model must be commands, params or values, got '" + s + "'");
        };
    }
}
