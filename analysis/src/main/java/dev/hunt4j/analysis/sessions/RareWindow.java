package dev.hunt4j.analysis.sessions;

import java.util.List;

/**
 * The least likely stretch of a session.
 *
 * @param start the window's first position in the session
 * @param commands the window's commands (shorter than the window length when it includes the session's end)
 * @param likelihood its likelihood (NaN when the session is shorter than the window)
 */
public record RareWindow(int start, List<Cmd> commands, double likelihood) {
}
