package dev.hunt4j.runtime.pipeline;

/** Asks a person for parameter values (a terminal, a dialog); see {@link TerminalPrompter}. */
public interface Prompter {
    /**
     * Asks for a value.
     *
     * @param parameter  the parameter
     * @param suggestion the value taken when the answer is empty (the last-used value or the default), or null
     * @return the answer as typed, or {@code null} to take the suggestion (empty answer, timeout, end of input)
     */
    String ask(ParameterSpec parameter, String suggestion);

    /** Tells the person an answer was not valid (it is asked again). */
    void problem(String message);
}
