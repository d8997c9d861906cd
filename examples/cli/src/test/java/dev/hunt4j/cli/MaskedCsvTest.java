package dev.hunt4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.analysis.mask.ColumnMap;
import dev.hunt4j.analysis.mask.MaskType;
import dev.hunt4j.analysis.mask.Masker;
import dev.hunt4j.api.QueryException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mask command's CSV-to-CSV path against the general one (read rows, mask the stream, write rows): the same
 * bytes for tables with quotes, line breaks, commas, non-ASCII text, empty and missing fields, over many blocks.
 */
class MaskedCsvTest {
    private static final ColumnMap MAP = ColumnMap.defaults().with("Notes", MaskType.STR);
    private static final Masker MASKER = Masker.builder().key("000102030405060708090a0b0c0d0e0f").columnMap(MAP)
            .parallelism(2).build();

    @TempDir
    Path dir;

    private byte[] fast(Path file) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MaskedCsv.copy(file.toString(), MASKER, MAP, (bytes, length) -> out.write(bytes, 0, length));
        return out.toByteArray();
    }

    private static byte[] general(Path file) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RowWriter.write(MASKER.mask(TableInput.open(file.toString())), RowWriter.Format.csv, out);
        return out.toByteArray();
    }

    private Path file(String text) throws Exception {
        return file(text.getBytes(StandardCharsets.UTF_8));
    }

    private Path file(byte[] bytes) throws Exception {
        Path f = Files.createTempFile(dir, "t", ".csv");
        Files.write(f, bytes);
        return f;
    }

    /** A random field: plain, quoted, with commas, quotes, line breaks, non-ASCII letters, or empty. */
    private static String field(Random r, String plain) {
        return switch (r.nextInt(12)) {
            case 0 -> "";
            case 1 -> "\"\"";
            case 2 -> "\"" + plain + ", with a comma\"";
            case 3 -> "\"" + plain + " said \"\"hi\"\"\"";
            case 4 -> "\"two\nlines " + plain + "\"";
            case 5 -> "Jürgen-" + plain + "-東京";
            case 6 -> "\"" + plain + "\"";
            case 7 -> plain + "\"x"; // a lone quote inside an unquoted field, read leniently
            default -> plain;
        };
    }

    @Test
    void sameBytesAsTheGeneralPathOverManyBlocks() throws Exception {
        Random r = new Random(7);
        StringBuilder sb = new StringBuilder("Account,EventID,Computer,Notes,IpAddress,TargetUserSid,Status\r\n");
        for (int i = 0; i < 30_000; i++) { // about 2 MB: many blocks; 12,000 distinct users pass the caches' limit
            String user = "user" + r.nextInt(12_000);
            sb.append(field(r, "CORP\\" + user)).append(',')
                    .append(r.nextInt(5) == 0 ? field(r, "4624") : "4624").append(',')
                    .append(field(r, "wks-" + r.nextInt(300) + ".corp.example.com")).append(',')
                    .append(field(r, "note " + i)).append(',')
                    .append(field(r, "10." + r.nextInt(256) + ".1." + r.nextInt(256)));
            if (r.nextInt(10) > 0) { // else a short row: the last fields are missing
                sb.append(',').append(field(r, "S-1-5-21-1-2-3-" + (1000 + r.nextInt(5000)))).append(',').append("0x0");
            }
            sb.append(r.nextBoolean() ? "\n" : "\r\n");
            if (r.nextInt(100) == 0) {
                sb.append("\n"); // a blank line, skipped
            }
        }
        Path f = file(sb.toString());
        byte[] expected = general(f);
        byte[] got = fast(f);
        assertEquals(new String(expected, StandardCharsets.UTF_8).lines().count(),
                new String(got, StandardCharsets.UTF_8).lines().count(), "lines");
        assertArrayEquals(expected, got);
        assertNotEquals(sb.toString(), new String(got, StandardCharsets.UTF_8), "the file was masked");
        assertTrue(new String(got, StandardCharsets.UTF_8).startsWith("Account,EventID,Computer,Notes,IpAddress,TargetUserSid,Status\n"),
                "the header is kept");
    }

    @Test
    void masksRepeatedValuesTheSameWayAndCopiesOtherColumns() throws Exception {
        Path f = file("Account,EventID\nCORP\\alice,4624\nCORP\\bob,4625\nCORP\\alice,4624\n");
        String[] lines = new String(fast(f), StandardCharsets.UTF_8).split("\n");
        assertEquals(4, lines.length);
        assertEquals(lines[1], lines[3], "the same value, the same mask (once from the cache)");
        assertTrue(lines[1].startsWith(MASKER.mask(MaskType.ACCOUNT, "CORP\\alice") + ","), lines[1]);
        assertNotEquals(lines[1].split(",")[0], lines[2].split(",")[0]);
        assertTrue(lines[2].endsWith(",4625"), "an unmapped column is copied: " + lines[2]);
    }

    @Test
    void bytesThatAreNotUtf8PassThroughUnmaskedColumns() throws Exception {
        byte[] in = "EventID,Account\nab\u00ff\u00fecd,CORP\\alice\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = fast(file(in));
        String expected = "EventID,Account\nab" + (char) 0xff + (char) 0xfe + "cd,";
        assertEquals(expected, new String(out, 0, expected.length(), StandardCharsets.ISO_8859_1), "copied byte for byte");
    }

    @Test
    void aMalformedRecordFailsNamingTheLineAfterTheRowsBeforeIt() throws Exception {
        StringBuilder sb = new StringBuilder("Account,EventID\n");
        for (int i = 0; i < 5_000; i++) {
            sb.append("CORP\\user").append(i).append(",4624\n");
        }
        sb.append("CORP\\x,4624,extra\n"); // line 5,002
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path f = file(sb.toString());
        QueryException e = assertThrows(QueryException.class,
                () -> MaskedCsv.copy(f.toString(), MASKER, MAP, (bytes, length) -> out.write(bytes, 0, length)));
        assertTrue(e.getMessage().contains(f + " line 5002: 3 fields but the header has 2"), e.getMessage());
        assertEquals(5_001, new String(out.toByteArray(), StandardCharsets.UTF_8).lines().count(), "header and every row before it");
    }

    @Test
    void anEmptyFileNamesTheFile() throws Exception {
        Path f = file("");
        QueryException e = assertThrows(QueryException.class, () -> fast(f));
        assertTrue(e.getMessage().contains(f + " is empty"), e.getMessage());
    }
}
