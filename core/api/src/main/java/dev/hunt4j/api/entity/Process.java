package dev.hunt4j.api.entity;

import java.time.Instant;

/**
 * A process start.
 *
 * @param host        host name
 * @param processId   process id as the source wrote it (decimal or hex)
 * @param imagePath   path of the executable
 * @param commandLine full command line, or {@code null}
 * @param parentId    parent process id, or {@code null}
 * @param account     account that ran it, or {@code null}
 * @param created     start time
 */
public record Process(String host, String processId, String imagePath, String commandLine, String parentId,
                      Account account, Instant created) implements Entity {
}
