package dev.hunt4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Run by the build under {@code -XX:ArchiveClassesAtExit}: the data commands once each on a few generated rows, so
 * the class archive {@code ./hunt4j} starts from holds the classes a run loads (picocli, CSV in and out, the
 * analyses). Loading them from the archive instead of the jars saves about a tenth of a second per run. Not a
 * command: a failure here only makes the archive smaller, and is reported so the build log shows it.
 */
final class ClassArchiveTraining {
    private ClassArchiveTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/class-archive-training"));
        Path events = write(dir, "events.csv", "TimeGenerated,Computer,EventID,NewProcessId,NewProcessName,ProcessId,"
                + "ParentProcessName,CommandLine,SubjectUserName,IpAddress\n"
                + "2024-05-01 00:00:00.001,wks1,4688,0x10,C:\\Windows\\cmd.exe,0x4,C:\\Windows\\services.exe,"
                + "\"cmd.exe /c \"\"x\"\"\",alice,10.1.2.3\n"
                + "2024-05-01 00:00:00.002,wks1,4688,0x14,C:\\Windows\\powershell.exe,0x10,C:\\Windows\\cmd.exe,"
                + "powershell -enc SQBFAFgA see hxxp://bad[.]example.com/a.ps1,bob,192.0.2.7\n");
        StringBuilder hours = new StringBuilder("TimeGenerated,Total\n");
        for (int h = 0; h < 72; h++) {
            hours.append(String.format("2024-05-%02d %02d:00:00,%d%n", 1 + h / 24, h % 24, 10 + h % 24));
        }
        Path series = write(dir, "series.csv", hours.toString());
        List<List<String>> runs = List.of(
                List.of("proctree", "--input", events.toString(), "--output", dir.resolve("tree.csv").toString()),
                List.of("mask", "--input", events.toString(), "--key", "000102030405060708090a0b0c0d0e0f",
                        "--output", dir.resolve("masked.csv").toString()),
                List.of("ioc", "extract", "--input", events.toString(), "--output", dir.resolve("iocs.csv").toString()),
                List.of("b64", "--input", events.toString(), "--column", "CommandLine", "--output", dir.resolve("b64.csv").toString()),
                List.of("timeseries", "--input", series.toString(), "--value-column", "Total",
                        "--output", dir.resolve("series-out.csv").toString()));
        int failed = 0;
        for (List<String> run : runs) {
            StringWriter err = new StringWriter();
            int code = Hunt4jCli.run(run.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(err));
            if (code != 0) {
                failed++;
                System.err.println("class archive training: '" + String.join(" ", run) + "' ended with " + code + ": " + err);
            }
        }
        System.out.println("class archive training: " + (runs.size() - failed) + " of " + runs.size() + " commands ran");
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }
}
