package dev.hunt4j.runtime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.TimeRange;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parameter values from the command line, a params file, the environment, prompts, remembered values and defaults. */
class ParameterResolverTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);
    static final Pipeline P = Pipeline.parse("""
            parameters:
              host: {type: str, description: Host to triage}
              time_range: {type: timerange, default: -7d, description: When}
              limit: {type: int, default: 100, prompt: false}
              users: {type: list, default: []}
              verbose: {type: bool, default: false, prompt: false}
              mode: {type: str, default: fast, choices: [fast, thorough]}
            steps:
              - {type: query, text: events, output: events}
            """, "p.yaml");

    @TempDir
    Path dir;

    ParameterResolver resolver() {
        return ParameterResolver.of(P).clock(CLOCK);
    }

    @Test
    void strongestSourceWinsAndValuesAreTyped() throws Exception {
        Path file = dir.resolve("params.yaml");
        Files.writeString(file, "host: FROM-FILE\nlimit: 5\nusers: [alice, bob]\n");
        Map<String, String> env = Map.of("HUNT4J_PARAM_HOST", "FROM-ENV", "HUNT4J_PARAM_VERBOSE", "yes", "HUNT4J_PARAM_TIME_RANGE", "-24h");
        ResolvedParameters r = resolver().given(Map.of("host", "GIVEN")).file(file).environment(env::get).resolve();
        assertEquals("GIVEN", r.get("host"));
        assertEquals(ResolvedParameters.Source.GIVEN, r.source("host"));
        assertEquals(5L, r.get("limit"));
        assertEquals(ResolvedParameters.Source.FILE, r.source("limit"));
        assertEquals(List.of("alice", "bob"), r.get("users"));
        assertEquals(Boolean.TRUE, r.get("verbose"));
        assertEquals(ResolvedParameters.Source.ENVIRONMENT, r.source("verbose"));
        assertEquals(new TimeRange(Instant.parse("2026-03-09T12:00:00Z"), Instant.parse("2026-03-10T12:00:00Z")), r.get("time_range"));
        assertEquals("fast", r.get("mode"));
        assertEquals(ResolvedParameters.Source.DEFAULT, r.source("mode"));
        assertEquals("2026-03-09T12:00:00Z..2026-03-10T12:00:00Z", r.texts().get("time_range"));
    }

    @Test
    void propertiesFilesAndAllTime() throws Exception {
        Path file = dir.resolve("ci.properties");
        Files.writeString(file, "host=WKS-07\ntime_range=all\nusers=a, b\n");
        ResolvedParameters r = resolver().file(file).resolve();
        assertEquals("WKS-07", r.get("host"));
        assertNull(r.get("time_range"));
        assertTrue(r.has("time_range"));
        assertEquals(List.of("a", "b"), r.get("users"));
    }

    @Test
    void everyProblemIsNamedTogether() {
        PipelineException e = assertThrows(PipelineException.class, () -> resolver()
                .given(Map.of("hots", "x", "limit", "lots", "mode", "slow")).resolve());
        List<String> p = e.problems();
        assertTrue(p.contains("--param: 'hots' is not a parameter of p (did you mean host?); parameters: host, time_range, limit, users, verbose, mode"), p.toString());
        assertTrue(p.contains("parameter 'limit' (int): 'lots' is not valid: a whole number is needed (from --param limit)"), p.toString());
        assertTrue(p.contains("parameter 'mode' (str): 'slow' is not valid: one of fast, thorough is needed (from --param mode)"), p.toString());
        assertTrue(p.contains("parameter 'host' is required (Host to triage): give --param host=VALUE, put it in a params file, or set HUNT4J_PARAM_HOST"), p.toString());
        assertTrue(assertThrows(PipelineException.class, () -> resolver().file(dir.resolve("none.yaml")))
                .getMessage().startsWith("no such params file"));
    }

    /** Answers from a list; records what was suggested. */
    static final class Scripted implements Prompter {
        final List<String> answers;
        final List<String> asked = new ArrayList<>();
        final List<String> problems = new ArrayList<>();

        Scripted(String... answers) {
            this.answers = new ArrayList<>(java.util.Arrays.asList(answers));
        }

        @Override
        public String ask(ParameterSpec p, String suggestion) {
            asked.add(p.name() + "=" + suggestion);
            return answers.isEmpty() ? null : answers.remove(0);
        }

        @Override
        public void problem(String message) {
            problems.add(message);
        }
    }

    @Test
    void promptsSuggestTheLastUsedValueAndAskAgainAfterABadAnswer() {
        Scripted s = new Scripted("WKS-07", "yesterday", "-3d", null, "thorough");
        ResolvedParameters r = resolver().prompter(s).remembered(Map.of("time_range", "-2d", "users", "carol")).resolve();
        assertEquals(List.of("host=null", "time_range=-2d", "time_range=-2d", "users=carol", "mode=fast"), s.asked);
        assertEquals(1, s.problems.size());
        assertEquals("WKS-07", r.get("host"));
        assertEquals(ResolvedParameters.Source.PROMPT, r.source("host"));
        assertEquals(Instant.parse("2026-03-07T12:00:00Z"), ((TimeRange) r.get("time_range")).start());
        assertEquals("-3d", r.writtenTexts().get("time_range"), "remembered as written, so next week's re-run looks at next week");
        assertEquals(List.of("carol"), r.get("users"));
        assertEquals(ResolvedParameters.Source.REMEMBERED, r.source("users"));
        assertEquals(100L, r.get("limit"), "prompt: false parameters take their default without asking");
        assertEquals("thorough", r.get("mode"));
    }

    @Test
    void givenValuesAreNeverPrompted() {
        Scripted s = new Scripted();
        resolver().given(Map.of("host", "A", "time_range", "-1d", "users", "x", "mode", "fast")).prompter(s).resolve();
        assertEquals(List.of(), s.asked);
    }

    @Test
    void aPromptWithoutAnswerTakesTheSuggestionAfterItsTimeout() throws Exception {
        StringWriter shown = new StringWriter();
        try (PipedWriter never = new PipedWriter(); PipedReader in = new PipedReader(never)) {
            TerminalPrompter t = new TerminalPrompter(in, new PrintWriter(shown), Duration.ofMillis(150));
            ResolvedParameters r = resolver().given(Map.of("host", "A")).prompter(t).resolve();
            assertEquals("fast", r.get("mode"));
            assertTrue(shown.toString().contains("time_range (When) [-7d]: "), shown.toString());
            assertTrue(shown.toString().contains("no answer within 150 ms, using -7d"), shown.toString());
        }
        StringWriter shown2 = new StringWriter();
        TerminalPrompter typed = new TerminalPrompter(new StringReader("WKS-09\n\n\nthorough\n"), new PrintWriter(shown2), Duration.ofSeconds(5));
        ResolvedParameters r = resolver().prompter(typed).resolve();
        assertEquals("WKS-09", r.get("host"));
        assertEquals("thorough", r.get("mode"));
        assertTrue(shown2.toString().contains("mode [fast|thorough] [fast]: "), shown2.toString());
    }

    @Test
    void rememberedValuesRoundTrip() {
        RememberedParameters rp = new RememberedParameters(dir.resolve("remember"));
        assertEquals(Map.of(), rp.load("host-triage"));
        rp.save("host-triage", Map.of("host", "WKS-07", "time_range", "-7d"));
        assertEquals(Map.of("host", "WKS-07", "time_range", "-7d"), rp.load("host-triage"));
        assertEquals("host-triage.properties", rp.file("host-triage").getFileName().toString());
        assertEquals("a_b.properties", rp.file("a/b").getFileName().toString());
    }
}
