package dev.hunt4j.analysis.sessions;

import dev.hunt4j.analysis.timeseries.EventTime;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.analysis.Analyzer;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.query.QueryLanguages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Anomalous command sessions, as MSTICPy's {@code anomalous_sequence}: events are grouped into sessions per user
 * (any key columns: user, host, IP), a new session starting after an inactivity gap (and, optionally, when a session
 * grows longer than a maximum); a {@link SessionModel} is trained on all sessions and each session scored by the
 * likelihood of its rarest window of {@code window} commands. The result has one row per session, rarest first:
 * key columns, {@code <time>_min, <time>_max, duration, number_events, <command>_list} (as MSTICPy's
 * {@code sessionize_data}), {@code rarest_window<N>_likelihood, rarest_window<N>} (as {@code score_sessions}), and
 * {@code session_likelihood, session_geomean_likelihood}. Lists are JSON arrays; durations are written as pandas
 * prints a Timedelta ({@code 0 days 00:05:00}).
 */
public final class SessionAnomalies implements Analyzer {
    private final List<String> keyColumns;
    private final String timeColumn;
    private final String commandColumn;
    private final String paramsColumn;
    private final SessionModel.Kind kind;
    private final Duration gap;
    private final Duration maxSession;
    private final int window;
    private final boolean geometricMean;

    private SessionAnomalies(Builder b) {
        if (b.keyColumns.isEmpty()) {
            throw new IllegalArgumentException("give at least one user (session key) column");
        }
        this.keyColumns = List.copyOf(b.keyColumns);
        this.timeColumn = Objects.requireNonNull(b.timeColumn, "time column");
        this.commandColumn = Objects.requireNonNull(b.commandColumn, "command column");
        this.paramsColumn = b.paramsColumn;
        this.kind = b.kind;
        this.gap = b.gap;
        this.maxSession = b.maxSession;
        if (gap == null || gap.isNegative() || gap.isZero()) {
            throw new IllegalArgumentException("the inactivity gap must be a positive duration, got " + gap);
        }
        if (b.window < 1) {
            throw new IllegalArgumentException("the window length must be at least 1, got " + b.window);
        }
        this.window = b.window;
        this.geometricMean = b.geometricMean;
    }

    /** A builder: time column TimeGenerated, 30-minute gap, window 3, commands only. */
    public static Builder builder() {
        return new Builder();
    }

    /** One session: its key values, first and last time (epoch ns) and commands in time order. */
    public record Session(List<Object> key, long start, long end, List<Cmd> commands) {
    }

    /** A scored session. */
    public record ScoredSession(Session session, RareWindow rarest, double likelihood, double geometricMeanLikelihood) {
    }

    @Override
    public ResultStream analyze(ResultStream input) {
        List<Session> sessions = sessionize(input);
        List<ScoredSession> scored = score(sessions);
        return toStream(scored);
    }

    /**
     * Groups the events of {@code input} (closing it) into sessions, ordered by key then time.
     *
     * @throws QueryException naming a missing column or a row without a time
     */
    public List<Session> sessionize(ResultStream input) {
        List<Event> events = new ArrayList<>();
        try (input) {
            List<Column> cols = input.columns();
            int[] keyIdx = new int[keyColumns.size()];
            for (int i = 0; i < keyIdx.length; i++) {
                keyIdx[i] = index(cols, keyColumns.get(i), "user");
            }
            int timeIdx = index(cols, timeColumn, "time");
            int cmdIdx = index(cols, commandColumn, "command");
            int parIdx = paramsColumn == null ? -1 : index(cols, paramsColumn, "parameters");
            long rowNo = 0;
            for (Object[] row = input.next(); row != null; row = input.next()) {
                rowNo++;
                Object c = row[cmdIdx];
                if (c == null || c.toString().isBlank()) {
                    continue; // no command: nothing to model
                }
                long t;
                try {
                    t = EventTime.parse(row[timeIdx]);
                } catch (IllegalArgumentException e) {
                    throw new QueryException("row " + rowNo + ", column '" + timeColumn + "': " + e.getMessage());
                }
                if (t == EventTime.MISSING) {
                    throw new QueryException("row " + rowNo + " has no time in column '" + timeColumn + "'");
                }
                String[] key = new String[keyIdx.length];
                for (int i = 0; i < keyIdx.length; i++) {
                    key[i] = row[keyIdx[i]] == null ? null : row[keyIdx[i]].toString();
                }
                events.add(new Event(key, t, command(c.toString(), parIdx < 0 ? null : row[parIdx]), events.size()));
            }
        }
        Comparator<Event> byKeyTime = (a, b) -> {
            for (int i = 0; i < a.key.length; i++) {
                int c = compareNullsFirst(a.key[i], b.key[i]);
                if (c != 0) {
                    return c;
                }
            }
            int c = Long.compare(a.time, b.time);
            return c != 0 ? c : Integer.compare(a.seq, b.seq);
        };
        events.sort(byKeyTime);
        long maxGap = gap.toNanos();
        long maxLen = maxSession == null ? Long.MAX_VALUE : maxSession.toNanos();
        List<Session> out = new ArrayList<>();
        List<Cmd> cur = null;
        Event first = null;
        Event prev = null;
        long cumulative = 0;
        for (Event e : events) {
            boolean next = prev == null || !Arrays.equals(prev.key, e.key);
            if (!next) {
                long dif = e.time - prev.time;
                cumulative += dif;
                next = dif > maxGap || cumulative > maxLen;
            }
            if (next) {
                if (cur != null) {
                    out.add(new Session(Arrays.asList((Object[]) first.key), first.time, prev.time, List.copyOf(cur)));
                }
                cur = new ArrayList<>();
                first = e;
                cumulative = 0;
            }
            cur.add(e.cmd);
            prev = e;
        }
        if (cur != null) {
            out.add(new Session(Arrays.asList((Object[]) first.key), first.time, prev.time, List.copyOf(cur)));
        }
        return out;
    }

    private static int compareNullsFirst(String a, String b) {
        if (a == null) {
            return b == null ? 0 : -1;
        }
        return b == null ? 1 : a.compareTo(b);
    }

    private record Event(String[] key, long time, Cmd cmd, int seq) {
    }

    private Cmd command(String text, Object params) {
        String t = text.trim();
        if (kind == SessionModel.Kind.COMMANDS) {
            return Cmd.of(t);
        }
        if (paramsColumn != null) {
            return new Cmd(t, Params.parse(params == null ? null : params.toString()));
        }
        // no parameters column: the command column is a command line
        List<String> tokens = Params.tokens(t);
        if (tokens.isEmpty()) {
            return Cmd.of(t);
        }
        Map<String, String> p = new java.util.LinkedHashMap<>();
        Params.commandLine(tokens, 1, p);
        return new Cmd(tokens.get(0), p);
    }

    private static int index(List<Column> cols, String name, String role) {
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).name().equals(name)) {
                return i;
            }
        }
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new QueryException("the " + role + " column '" + name + "' is not in the input; its columns are "
                + cols.stream().map(Column::name).toList());
    }

    /**
     * Trains a model on {@code sessions} and scores each, rarest window first (sessions shorter than the window,
     * which have no window, last).
     *
     * @throws QueryException when there are no sessions
     */
    public List<ScoredSession> score(List<Session> sessions) {
        if (sessions.isEmpty()) {
            throw new QueryException("no sessions: the input has no rows with a command in column '" + commandColumn + "'");
        }
        List<List<Cmd>> cmds = new ArrayList<>(sessions.size());
        for (Session s : sessions) {
            cmds.add(s.commands());
        }
        SessionModel model = SessionModel.train(cmds, kind);
        List<ScoredSession> out = new ArrayList<>(sessions.size());
        for (Session s : sessions) {
            out.add(new ScoredSession(s, model.rarestWindow(s.commands(), window, geometricMean),
                    model.likelihood(s.commands()), model.geometricMeanLikelihood(s.commands())));
        }
        out.sort(Comparator.comparingDouble((ScoredSession x) -> Double.isNaN(x.rarest().likelihood()) ? Double.POSITIVE_INFINITY : x.rarest().likelihood())
                .thenComparingLong(x -> x.session().start()));
        return out;
    }

    private ResultStream toStream(List<ScoredSession> scored) {
        List<Column> cols = new ArrayList<>();
        for (String k : keyColumns) {
            cols.add(new Column(k, ColumnType.STRING));
        }
        cols.add(new Column(timeColumn + "_min", ColumnType.TIMESTAMP));
        cols.add(new Column(timeColumn + "_max", ColumnType.TIMESTAMP));
        cols.add(new Column("duration", ColumnType.STRING));
        cols.add(new Column("number_events", ColumnType.LONG));
        cols.add(new Column(commandColumn + "_list", ColumnType.JSON));
        cols.add(new Column("rarest_window" + window + "_likelihood", ColumnType.DOUBLE));
        cols.add(new Column("rarest_window" + window, ColumnType.JSON));
        cols.add(new Column("session_likelihood", ColumnType.DOUBLE));
        cols.add(new Column("session_geomean_likelihood", ColumnType.DOUBLE));
        List<Object[]> rows = new ArrayList<>(scored.size());
        for (ScoredSession s : scored) {
            Object[] r = new Object[cols.size()];
            int k = 0;
            for (Object v : s.session().key()) {
                r[k++] = v;
            }
            r[k++] = EventTime.ofNanos(s.session().start());
            r[k++] = EventTime.ofNanos(s.session().end());
            r[k++] = pandasTimedelta(s.session().end() - s.session().start());
            r[k++] = (long) s.session().commands().size();
            r[k++] = json(s.session().commands());
            double lik = s.rarest().likelihood();
            r[k++] = Double.isNaN(lik) ? null : lik;
            r[k++] = json(s.rarest().commands());
            r[k++] = s.likelihood();
            r[k] = s.geometricMeanLikelihood();
            rows.add(r);
        }
        return ResultStream.of(cols, rows);
    }

    private String json(List<Cmd> cmds) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < cmds.size(); i++) {
            sb.append(i == 0 ? "" : ",");
            Cmd c = cmds.get(i);
            if (kind == SessionModel.Kind.COMMANDS) {
                sb.append(QueryLanguages.JSON.bare(c.name()));
                continue;
            }
            sb.append("{\"name\":");
            sb.append(QueryLanguages.JSON.bare(c.name()));
            sb.append(",\"params\":");
            if (kind == SessionModel.Kind.PARAMS) {
                Params.Json.write(sb, new ArrayList<>(c.params().keySet()));
            } else {
                Params.Json.write(sb, c.params());
            }
            sb.append('}');
        }
        return sb.append(']').toString();
    }

    /** A duration as pandas prints a Timedelta: {@code 0 days 00:05:00} (fraction only when not zero). */
    static String pandasTimedelta(long nanos) {
        long days = Math.floorDiv(nanos, 86_400_000_000_000L);
        long rest = Math.floorMod(nanos, 86_400_000_000_000L);
        long secs = rest / 1_000_000_000L;
        long frac = rest % 1_000_000_000L;
        String s = String.format("%d days %02d:%02d:%02d", days, secs / 3600, secs / 60 % 60, secs % 60);
        if (frac != 0) {
            s += frac % 1000 == 0 ? String.format(".%06d", frac / 1000) : String.format(".%09d", frac);
        }
        return s;
    }

    /** Settings for {@link SessionAnomalies}. */
    public static final class Builder {
        private List<String> keyColumns = List.of();
        private String timeColumn = "TimeGenerated";
        private String commandColumn;
        private String paramsColumn;
        private SessionModel.Kind kind = SessionModel.Kind.COMMANDS;
        private Duration gap = Duration.ofMinutes(30);
        private Duration maxSession;
        private int window = 3;
        private boolean geometricMean;

        private Builder() {
        }

        /** Columns identifying whose session an event belongs to (user, and e.g. host or client IP). */
        public Builder keyColumns(List<String> keyColumns) {
            this.keyColumns = keyColumns == null ? List.of() : keyColumns;
            return this;
        }

        /** The time column (default TimeGenerated). */
        public Builder timeColumn(String timeColumn) {
            this.timeColumn = timeColumn;
            return this;
        }

        /** The command column (required). */
        public Builder commandColumn(String commandColumn) {
            this.commandColumn = commandColumn;
            return this;
        }

        /**
         * The parameters column (JSON list of Name/Value objects, JSON object or command-line flags); without one,
         * PARAMS and VALUES models read parameters from the command column as a command line.
         */
        public Builder paramsColumn(String paramsColumn) {
            this.paramsColumn = paramsColumn;
            return this;
        }

        /** What the model looks at (default commands only). */
        public Builder kind(SessionModel.Kind kind) {
            this.kind = Objects.requireNonNull(kind, "kind");
            return this;
        }

        /** A pause longer than this starts a new session (default 30 minutes). */
        public Builder gap(Duration gap) {
            this.gap = gap;
            return this;
        }

        /** A session longer than this is split (default: no limit; MSTICPy's max_session_time_mins). */
        public Builder maxSession(Duration maxSession) {
            this.maxSession = maxSession;
            return this;
        }

        /** The sliding window's length (default 3). */
        public Builder window(int window) {
            this.window = window;
            return this;
        }

        /** Score windows by the geometric mean of their likelihood (likelihood^(1/window)). */
        public Builder geometricMean(boolean geometricMean) {
            this.geometricMean = geometricMean;
            return this;
        }

        /**
         * The analyzer.
         *
         * @throws IllegalArgumentException naming a bad or missing setting
         */
        public SessionAnomalies build() {
            if (commandColumn == null || commandColumn.isBlank()) {
                throw new IllegalArgumentException("give the command column");
            }
            return new SessionAnomalies(this);
        }
    }
}
