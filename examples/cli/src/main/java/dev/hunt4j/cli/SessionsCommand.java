package dev.hunt4j.cli;

import dev.hunt4j.analysis.sessions.SessionAnomalies;
import dev.hunt4j.analysis.sessions.SessionsAnalyzerFactory;
import dev.hunt4j.api.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hunt4j sessions}: user sessions ranked by their rarest command sequence. */
@Command(name = "sessions", description = {"Group events into user sessions and rank them by their rarest window of commands",
        "under a Markov model trained on all sessions (MSTICPy's anomalous_sequence). Rarest first."})
final class SessionsCommand implements Callable<Integer> {
    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE", description = "CSV file with a header row (- for standard input)")
    String input;
    @Option(names = {"-u", "--user-column"}, required = true, paramLabel = "C1,C2", split = ",",
            description = "columns that identify a session's owner (user, and e.g. host or client IP)")
    List<String> userColumns = new ArrayList<>();
    @Option(names = {"-t", "--time-column"}, paramLabel = "COLUMN", defaultValue = "TimeGenerated", description = "time column (default TimeGenerated)")
    String timeColumn;
    @Option(names = {"-c", "--command-column"}, required = true, paramLabel = "COLUMN", description = "command column")
    String commandColumn;
    @Option(names = {"-p", "--params-column"}, paramLabel = "COLUMN",
            description = "parameters: JSON list of Name/Value objects (Exchange/Office audit), JSON object, or command-line flags")
    String paramsColumn;
    @Option(names = "--model", paramLabel = "KIND", defaultValue = "commands",
            description = "commands (default), params (commands + parameter names) or values (+ categorical parameter values)")
    String model;
    @Option(names = "--gap", paramLabel = "DURATION", defaultValue = "30m", description = "inactivity that starts a new session (default 30m)")
    String gap;
    @Option(names = "--max-session", paramLabel = "DURATION", description = "split sessions longer than this (default: no limit)")
    String maxSession;
    @Option(names = {"-w", "--window"}, paramLabel = "N", defaultValue = "3", description = "sliding window length (default 3)")
    int window;
    @Option(names = "--geo-mean", description = "score windows by the geometric mean of their likelihood")
    boolean geoMean;
    @Mixin
    OutputOptions output = new OutputOptions();
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SessionAnomalies.Builder b = SessionAnomalies.builder().keyColumns(userColumns).timeColumn(timeColumn)
                .commandColumn(commandColumn).paramsColumn(paramsColumn).kind(SessionsAnalyzerFactory.kind(model))
                .gap(Durations.parse(gap)).window(window).geometricMean(geoMean);
        if (maxSession != null) {
            b.maxSession(Durations.parse(maxSession));
        }
        output.write(b.build().analyze(TableInput.open(input)), spec.commandLine().getOut());
        return 0;
    }
}
