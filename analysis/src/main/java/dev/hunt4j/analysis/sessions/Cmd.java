package dev.hunt4j.analysis.sessions;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A command with its parameters (and their values), as MSTICPy's {@code Cmd}. For a commands-only model the
 * parameters are ignored; for a parameters model only their names count.
 *
 * @param name the command, e.g. {@code Set-Mailbox}
 * @param params parameter name → value (value null when unknown), in the order given; never null
 */
public record Cmd(String name, Map<String, String> params) {
    public Cmd {
        Objects.requireNonNull(name, "name");
        params = params == null || params.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** A command without parameters. */
    public static Cmd of(String name) {
        return new Cmd(name, Map.of());
    }

    @Override
    public String toString() {
        return params.isEmpty() ? name : name + params;
    }
}
