package dev.hunt4j.runtime.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Prompts on a terminal: shows the parameter's description and the value Enter takes, and takes that value when no
 * answer comes within the timeout (so a run left at a prompt still finishes). Input lines are read by one daemon
 * thread, because a blocking read on a console cannot be given a timeout.
 */
public final class TerminalPrompter implements Prompter {
    private static final String EOF = new String("<end of input>");
    private final PrintWriter out;
    private final Duration timeout;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private volatile boolean ended;

    /**
     * @param in      where answers come from (read by a daemon thread from the first question on)
     * @param out     where questions go (the terminal's error stream, so they never mix with results)
     * @param timeout how long to wait for each answer
     */
    public TerminalPrompter(Reader in, PrintWriter out, Duration timeout) {
        this.out = out;
        this.timeout = timeout;
        BufferedReader reader = in instanceof BufferedReader b ? b : new BufferedReader(in);
        Thread t = new Thread(() -> {
            try {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the terminal went away: treated as the end of input
            }
            lines.add(EOF);
        }, "hunt4j-prompt");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public String ask(ParameterSpec p, String suggestion) {
        if (ended) {
            return null;
        }
        StringBuilder q = new StringBuilder(p.name());
        if (!p.description().isEmpty()) {
            q.append(" (").append(p.description()).append(')');
        }
        if (!p.choices().isEmpty()) {
            q.append(" [").append(String.join("|", p.choices())).append(']');
        }
        if (suggestion != null) {
            q.append(" [").append(suggestion.isEmpty() ? "empty" : suggestion).append(']');
        }
        out.print(q.append(": "));
        out.flush();
        String answer;
        try {
            answer = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = null;
        }
        if (answer == null) {
            out.println();
            out.println("  no answer within " + (timeout.toMillis() < 1000 ? timeout.toMillis() + " ms" : timeout.toSeconds() + " s")
                    + (suggestion != null ? ", using " + display(suggestion) : ""));
            out.flush();
            return null;
        }
        if (answer == EOF) {
            ended = true;
            out.println();
            out.flush();
            return null;
        }
        return answer.isBlank() ? null : answer.trim();
    }

    private static String display(String s) {
        return s.isEmpty() ? "an empty value" : s;
    }

    @Override
    public void problem(String message) {
        out.println("  " + message);
        out.flush();
    }
}
