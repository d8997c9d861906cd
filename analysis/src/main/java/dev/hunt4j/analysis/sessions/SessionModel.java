package dev.hunt4j.analysis.sessions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A first-order Markov model of command sessions, as MSTICPy's {@code anomalous_sequence.Model}: command and
 * transition probabilities from counts with add-one (Laplace) smoothing over every pair of known commands plus an
 * unknown token, optionally the probability of a command's set of parameters (each parameter's presence or absence
 * given the command) and of the values of "categorical" parameters. The numbers are MSTICPy's: the smoothing is
 * computed in closed form (observed count + 1 over row total + number of commands) rather than by filling every pair,
 * so training is linear in the data even with many distinct commands.
 *
 * <p>Sessions are scored with a start token before and an end token after each session ({@code
 * use_start_end_tokens=True}, as {@code score_sessions}). Immutable after {@link #train}; thread-safe.
 */
public final class SessionModel {
    /** MSTICPy's start token. */
    public static final String START = "##START##";
    /** MSTICPy's end token. */
    public static final String END = "##END##";
    /** MSTICPy's unknown token. */
    public static final String UNK = "##UNK##";

    /** What the model looks at. */
    public enum Kind {
        /** Command names only. */
        COMMANDS,
        /** Command names and which parameters were set. */
        PARAMS,
        /** Command names, parameters and the values of parameters that look categorical. */
        VALUES
    }

    private final Kind kind;
    // commands: observed counts, in first-seen order (START first, END after the first session)
    private final Map<String, Long> seq1 = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> seq2 = new HashMap<>();
    private final Map<String, Long> seq2RowTotal = new HashMap<>();
    private int nCmds;
    private long seq1Total;
    // parameters
    private final Map<String, Long> paramCounts = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> cmdParams = new HashMap<>();
    private final Map<String, Map<String, Double>> paramCondCmd = new HashMap<>();
    private Map<String, Double> unkParamRow;
    // values
    private final Map<String, Map<String, Long>> paramValues = new LinkedHashMap<>();
    private final Map<String, Long> paramValueTotal = new HashMap<>();
    private Set<String> modellable = Set.of();

    private SessionModel(Kind kind) {
        this.kind = kind;
    }

    /**
     * Trains on {@code sessions} (each a non-empty list of commands).
     *
     * @throws IllegalArgumentException for no sessions or an empty session
     */
    public static SessionModel train(List<List<Cmd>> sessions, Kind kind) {
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("no sessions to train on");
        }
        SessionModel m = new SessionModel(kind);
        for (int i = 0; i < sessions.size(); i++) {
            if (sessions.get(i).isEmpty()) {
                throw new IllegalArgumentException("session " + i + " is empty: each session needs at least one command");
            }
        }
        m.count(sessions);
        m.smooth();
        return m;
    }

    /** What the model looks at. */
    public Kind kind() {
        return kind;
    }

    private void count(List<List<Cmd>> sessions) {
        for (List<Cmd> s : sessions) {
            String prev = START;
            seq1.merge(START, 1L, Long::sum);
            for (Cmd c : s) {
                seq1.merge(c.name(), 1L, Long::sum);
                seq2.computeIfAbsent(prev, k -> new HashMap<>()).merge(c.name(), 1L, Long::sum);
                prev = c.name();
                if (kind != Kind.COMMANDS) {
                    for (Map.Entry<String, String> p : c.params().entrySet()) {
                        paramCounts.merge(p.getKey(), 1L, Long::sum);
                        cmdParams.computeIfAbsent(c.name(), k -> new LinkedHashMap<>()).merge(p.getKey(), 1L, Long::sum);
                        if (kind == Kind.VALUES) {
                            paramValues.computeIfAbsent(p.getKey(), k -> new LinkedHashMap<>()).merge(String.valueOf(p.getValue()), 1L, Long::sum);
                        }
                    }
                }
            }
            seq2.computeIfAbsent(prev, k -> new HashMap<>()).merge(END, 1L, Long::sum);
            seq1.merge(END, 1L, Long::sum);
        }
    }

    private void smooth() {
        // every pair (c1, c2) of known commands + UNK with c1 != END and c2 != START gets one more count
        List<String> cmds = new ArrayList<>(seq1.keySet());
        if (!seq1.containsKey(UNK)) {
            cmds.add(UNK);
        }
        nCmds = cmds.size();
        long total = 0;
        for (String c : cmds) {
            long v = seq1.getOrDefault(c, 0L) + (c.equals(END) ? 0 : nCmds - 1) + (c.equals(START) ? 0 : nCmds - 1);
            total += v;
        }
        seq1Total = total;
        for (Map.Entry<String, Map<String, Long>> e : seq2.entrySet()) {
            long row = 0;
            for (long v : e.getValue().values()) {
                row += v;
            }
            seq2RowTotal.put(e.getKey(), row);
        }
        if (kind == Kind.COMMANDS) {
            return;
        }
        // parameters: each command's observed parameters + 1, and UNK with count 1
        for (String c : cmds) {
            Map<String, Long> obs = cmdParams.getOrDefault(c, Map.of());
            Map<String, Long> sm = new LinkedHashMap<>();
            long rowTotal = 0;
            for (Map.Entry<String, Long> p : obs.entrySet()) {
                sm.put(p.getKey(), p.getValue() + 1);
                rowTotal += p.getValue() + 1;
            }
            sm.merge(UNK, 1L, Long::sum);
            rowTotal += obs.containsKey(UNK) ? 0 : 1;
            Map<String, Double> probs = new LinkedHashMap<>();
            for (Map.Entry<String, Long> p : sm.entrySet()) {
                probs.put(p.getKey(), (double) p.getValue() / rowTotal);
            }
            paramCondCmd.put(c, Collections.unmodifiableMap(probs));
        }
        unkParamRow = paramCondCmd.get(UNK);
        if (kind == Kind.VALUES) {
            // smoothed parameter counts: observed + number of commands that used it; UNK: every command once
            Map<String, Long> paramSm = new LinkedHashMap<>();
            for (Map.Entry<String, Long> p : paramCounts.entrySet()) {
                long users = 0;
                for (String c : cmds) {
                    users += cmdParams.getOrDefault(c, Map.of()).containsKey(p.getKey()) ? 1 : 0;
                }
                paramSm.put(p.getKey(), p.getValue() + users);
            }
            paramSm.merge(UNK, (long) nCmds, Long::sum);
            List<String> params = new ArrayList<>(paramCounts.keySet());
            if (!paramCounts.containsKey(UNK)) {
                params.add(UNK);
            }
            Set<String> model = new LinkedHashSet<>();
            for (String p : params) {
                Map<String, Long> obs = paramValues.getOrDefault(p, Map.of());
                Map<String, Long> sm = new LinkedHashMap<>();
                long row = 0;
                for (Map.Entry<String, Long> v : obs.entrySet()) {
                    sm.put(v.getKey(), v.getValue() + 1);
                    row += v.getValue() + 1;
                }
                if (!sm.containsKey(UNK)) {
                    sm.put(UNK, 1L);
                    row += 1;
                }
                paramValues.put(p, sm);
                paramValueTotal.put(p, row);
                // MSTICPy's heuristic for categorical parameters: few distinct values, used often
                long distinct = sm.size();
                long count = paramSm.getOrDefault(p, 0L);
                if (distinct <= 20 && 20 <= count && 100.0 * distinct / count <= 10) {
                    model.add(p);
                }
            }
            modellable = Collections.unmodifiableSet(model);
        }
    }

    /** The parameters whose values are modelled (VALUES models): at most 20 distinct values and at most 10% of uses distinct. */
    public Set<String> modellableParams() {
        return modellable;
    }

    /** The prior probability of a command (unknown commands: the unknown token's). */
    public double priorProbability(String cmd) {
        String c = seq1.containsKey(cmd) ? cmd : UNK;
        long v = seq1.getOrDefault(c, 0L) + (c.equals(END) ? 0 : nCmds - 1) + (c.equals(START) ? 0 : nCmds - 1);
        return (double) v / seq1Total;
    }

    /** The probability that {@code cur} follows {@code prev}. */
    public double transitionProbability(String prev, String cur) {
        String a = seq1.containsKey(prev) && !prev.equals(END) ? prev : UNK;
        String b = seq1.containsKey(cur) && !cur.equals(START) ? cur : UNK;
        Map<String, Long> row = seq2.getOrDefault(a, Map.of());
        long obs = row.getOrDefault(b, 0L);
        long rowTotal = seq2RowTotal.getOrDefault(a, 0L) + nCmds - 1;
        return (double) (obs + 1) / rowTotal;
    }

    /**
     * The probability of the command's set of parameters (and modelled values) given the command, as a geometric
     * mean over the parameters known for the command; 1 for a command without parameters or a COMMANDS model.
     */
    public double paramsProbability(Cmd cmd) {
        if (kind == Kind.COMMANDS || cmd.params().isEmpty()) {
            return 1.0;
        }
        Map<String, Double> ref = paramCondCmd.getOrDefault(cmd.name(), unkParamRow);
        double lik = 1;
        int num = 0;
        for (Map.Entry<String, Double> e : ref.entrySet()) {
            String param = e.getKey();
            double prob = e.getValue();
            if (cmd.params().containsKey(param)) {
                lik *= prob;
                if (kind == Kind.VALUES && modellable.contains(param)) {
                    num++;
                    lik *= valueProbability(param, cmd.params().get(param));
                }
            } else {
                lik *= 1 - prob;
            }
        }
        int k = ref.size() + num;
        return k > 0 ? Math.pow(lik, 1.0 / k) : lik;
    }

    /** The probability of a parameter's value given the parameter (VALUES models). */
    public double valueProbability(String param, String value) {
        String p = paramValues.containsKey(param) ? param : UNK;
        Map<String, Long> row = paramValues.get(p);
        if (row == null) {
            return 1.0;
        }
        String v = String.valueOf(value);
        Long c = row.get(v);
        if (c == null) {
            c = row.get(UNK);
        }
        return (double) c / paramValueTotal.get(p);
    }

    /** The likelihood of a whole session, start and end tokens included. */
    public double likelihood(List<Cmd> session) {
        List<Cmd> s = new ArrayList<>(session);
        s.add(Cmd.of(END));
        return windowLikelihood(s, 0, s.size(), true);
    }

    /** {@link #likelihood} to the power 1/k (k: the session's length), comparable across session lengths. */
    public double geometricMeanLikelihood(List<Cmd> session) {
        return Math.pow(likelihood(session), 1.0 / session.size());
    }

    private double windowLikelihood(List<Cmd> s, int from, int to, boolean useStart) {
        if (to <= from) {
            return Double.NaN;
        }
        Cmd first = s.get(from);
        double prob = 1;
        double pp = paramsProbability(first);
        prob *= (useStart ? transitionProbability(START, first.name()) : priorProbability(first.name())) * pp;
        for (int i = from + 1; i < to; i++) {
            Cmd cur = s.get(i);
            prob *= transitionProbability(s.get(i - 1).name(), cur.name());
            if (kind != Kind.COMMANDS) {
                prob *= paramsProbability(cur);
            }
        }
        return prob;
    }

    /** The likelihood of every window of {@code windowLength} commands (the end token counts as one), in order. */
    public double[] windowLikelihoods(List<Cmd> session, int windowLength, boolean geometricMean) {
        if (windowLength < 1) {
            throw new IllegalArgumentException("window length must be at least 1, got " + windowLength);
        }
        List<Cmd> s = new ArrayList<>(session);
        s.add(Cmd.of(END));
        int count = s.size() - windowLength + 1;
        if (count <= 0) {
            return new double[0];
        }
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            double lik = windowLikelihood(s, i, i + windowLength, i == 0);
            out[i] = geometricMean ? Math.pow(lik, 1.0 / windowLength) : lik;
        }
        return out;
    }

    /**
     * The least likely window of {@code windowLength} commands (the first one on a tie), as MSTICPy's
     * {@code rarest_window_session}; likelihood NaN when the session plus its end token is shorter than the window.
     */
    public RareWindow rarestWindow(List<Cmd> session, int windowLength, boolean geometricMean) {
        double[] liks = windowLikelihoods(session, windowLength, geometricMean);
        if (liks.length == 0) {
            return new RareWindow(0, List.of(), Double.NaN);
        }
        int best = 0;
        for (int i = 1; i < liks.length; i++) {
            if (liks[i] < liks[best]) {
                best = i;
            }
        }
        int end = Math.min(session.size(), best + windowLength);
        return new RareWindow(best, List.copyOf(session.subList(best, end)), liks[best]);
    }
}
