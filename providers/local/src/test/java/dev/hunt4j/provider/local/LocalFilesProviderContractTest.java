package dev.hunt4j.provider.local;

import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.query.QueryProviderFactory;
import dev.hunt4j.tck.QueryProviderContract;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The TCK over a CSV file of 72 process events spread over three days. */
class LocalFilesProviderContractTest extends QueryProviderContract {
    @TempDir
    static Path dir;

    @BeforeAll
    static void writeData() {
        StringBuilder sb = new StringBuilder("TimeGenerated,Computer,EventID,Account,CommandLine,ElapsedMs\n");
        Instant start = Instant.parse("2024-03-01T00:00:00Z");
        for (int i = 0; i < 72; i++) {
            Instant t = start.plus(Duration.ofMinutes(i * 61L));
            sb.append(t).append(',')
                    .append("host-").append(i % 4).append(".contoso.com,")
                    .append(i % 3 == 0 ? 4624 : 4688).append(',')
                    .append("CONTOSO\\user").append(i % 5).append(',')
                    .append('"').append("cmd.exe /c echo \"\"").append(i).append("\"\"").append('"').append(',')
                    .append(i * 1.5).append('\n');
        }
        Fixture.write(dir, "events.csv", sb.toString());
    }

    @Override
    protected QueryProviderFactory factory() {
        return new LocalFilesProviderFactory();
    }

    @Override
    protected PluginSettings settings() {
        return Fixture.settings(dir);
    }

    @Override
    protected String queryReturningRows() {
        return "events.csv | where EventID in (4624, 4688) | project TimeGenerated, Computer, EventID, CommandLine, ElapsedMs";
    }

    @Override
    protected String timeColumn() {
        return "TimeGenerated";
    }

    @Override
    protected String invalidQuery() {
        return "events.csv | where EventID === 4688";
    }

    @Override
    protected long openResources() {
        return DataFile.openFiles();
    }
}
