package dev.hunt4j.analysis.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionModelTest {
    static List<Cmd> cmds(String... names) {
        return java.util.Arrays.stream(names).map(Cmd::of).toList();
    }

    static Cmd cmd(String name, String... kv) {
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return new Cmd(name, p);
    }

    /*
     * Sessions [a, b] and [a]. Counts: START 2, a 2, b 1, END 2; with UNK there are N = 5 commands, and smoothing adds
     * N-1 = 4 for each side a command can take in a pair: START 2+4, a 2+4+4, b 1+4+4, END 2+4, UNK 0+4+4 = 39 in all.
     * Transitions: START->a 2, a->b 1, a->END 1, b->END 1; each row gets +1 per target (4 targets: not START).
     */
    @Test
    void smoothedProbabilitiesByHand() {
        SessionModel m = SessionModel.train(List.of(cmds("a", "b"), cmds("a")), SessionModel.Kind.COMMANDS);
        assertEquals(10.0 / 39, m.priorProbability("a"));
        assertEquals(9.0 / 39, m.priorProbability("b"));
        assertEquals(8.0 / 39, m.priorProbability("never seen"));
        assertEquals(3.0 / 6, m.transitionProbability(SessionModel.START, "a"));
        assertEquals(2.0 / 6, m.transitionProbability("a", "b"));
        assertEquals(2.0 / 6, m.transitionProbability("a", SessionModel.END));
        assertEquals(1.0 / 6, m.transitionProbability("a", "zzz"));
        assertEquals(2.0 / 5, m.transitionProbability("b", SessionModel.END));
        assertEquals(1.0 / 4, m.transitionProbability("zzz", "a"));
        assertEquals(0.5 * (2.0 / 6) * 0.4, m.likelihood(cmds("a", "b")), 1e-15);
        // windows of 2 over [a, b, END]: [a, b] from START = 1/2 * 1/3; [b, END] = prior(b) * 2/5 = 0.0923 (rarest)
        RareWindow w = m.rarestWindow(cmds("a", "b"), 2, false);
        assertEquals(1, w.start());
        assertEquals(cmds("b"), w.commands());
        assertEquals(9.0 / 39 * 0.4, w.likelihood(), 1e-15);
        assertEquals(Math.sqrt(9.0 / 39 * 0.4), m.rarestWindow(cmds("a", "b"), 2, true).likelihood(), 1e-15);
        assertTrue(Double.isNaN(m.rarestWindow(cmds("a"), 3, false).likelihood()), "a session + end shorter than the window");
        assertEquals(Math.pow(m.likelihood(cmds("a", "b")), 0.5), m.geometricMeanLikelihood(cmds("a", "b")), 1e-15);
    }

    /*
     * Parameters: x is used with {p} twice and {p, q} once. Smoothed row for x: p 3+1, q 1+1, UNK 1 -> 4/7, 2/7, 1/7.
     * For x{p}: (4/7) * (1 - 2/7) * (1 - 1/7) to the power 1/3.
     */
    @Test
    void parameterProbabilityByHand() {
        SessionModel m = SessionModel.train(List.of(
                List.of(cmd("x", "p", "1"), cmd("x", "p", "2")),
                List.of(cmd("x", "p", "1", "q", "9"))), SessionModel.Kind.PARAMS);
        assertEquals(Math.pow(4.0 / 7 * (5.0 / 7) * (6.0 / 7), 1.0 / 3), m.paramsProbability(cmd("x", "p", "anything")), 1e-15);
        assertEquals(Math.pow(4.0 / 7 * (2.0 / 7) * (6.0 / 7), 1.0 / 3), m.paramsProbability(cmd("x", "p", "", "q", "")), 1e-15);
        assertEquals(1.0, m.paramsProbability(Cmd.of("x")));
        assertEquals(0.0, m.paramsProbability(cmd("unseen", "p", "1")), "MSTICPy: the unknown command's only parameter is UNK, certain");
    }

    @Test
    void valuesOfCategoricalParametersAreModelled() {
        // 'Force' is used 30 times with 2 values: categorical. 'Identity' has 30 distinct values: not.
        List<List<Cmd>> sessions = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            sessions.add(List.of(cmd("Set-User", "Identity", "user" + i, "Force", i % 10 == 0 ? "false" : "true")));
        }
        SessionModel m = SessionModel.train(sessions, SessionModel.Kind.VALUES);
        assertTrue(m.modellableParams().contains("Force"));
        assertTrue(!m.modellableParams().contains("Identity"));
        // Force: true 27+1, false 3+1, UNK 1 -> 28/33
        assertEquals(28.0 / 33, m.valueProbability("Force", "true"), 1e-15);
        assertEquals(1.0 / 33, m.valueProbability("Force", "maybe"), 1e-15);
        assertTrue(m.paramsProbability(cmd("Set-User", "Identity", "x", "Force", "false"))
                < m.paramsProbability(cmd("Set-User", "Identity", "x", "Force", "true")));
    }

    @Test
    void rejectsEmptyInput() {
        assertThrows(IllegalArgumentException.class, () -> SessionModel.train(List.of(), SessionModel.Kind.COMMANDS));
        assertThrows(IllegalArgumentException.class, () -> SessionModel.train(List.of(List.of()), SessionModel.Kind.COMMANDS));
    }
}
