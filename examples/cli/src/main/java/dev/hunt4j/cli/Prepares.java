package dev.hunt4j.cli;

/**
 * A command with a slow one-time set-up (loading classes and built-in tables such as the Public Suffix List) that
 * can run on another core while picocli is still reading the command line. {@link #prepare()} must only warm
 * things up: the command works the same, only later, when it was not called or failed.
 */
interface Prepares {
    void prepare();
}
