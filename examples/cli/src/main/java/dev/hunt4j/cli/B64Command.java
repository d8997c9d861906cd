package dev.hunt4j.cli;

import dev.hunt4j.analysis.b64.Base64Unpacker;
import dev.hunt4j.analysis.b64.UnpackResult;
import dev.hunt4j.analysis.ioc.IocExtractor;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ResultStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hunt4j b64}: base64 and archive unpacking. */
@Command(name = "b64", description = {
        "Find base64 in a table column or a text and decode it recursively (base64, gzip, zip, tar, deflate, UTF-16 text).",
        "With --input: one row per decoded item (MSTICPy's columns). With --text: the decoded text."})
final class B64Command implements Callable<Integer> {
    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "CSV file with a header row (- for standard input)")
    String input;
    @Option(names = {"-c", "--column"}, paramLabel = "C", description = "the column to decode (may be left out when the file has one column)")
    String column;
    @Option(names = "--text", paramLabel = "TEXT", description = "decode this text and print the decoded text")
    String text;
    @Option(names = "--items", description = "with --text: print the table of decoded items instead of the text")
    boolean items;
    @Option(names = "--iocs", description = "add an iocs column: the indicators found in each decoded text")
    boolean iocs;
    @Option(names = "--max-depth", paramLabel = "N", description = "decode/unpack levels (default 4)")
    Integer maxDepth;
    @Option(names = "--max-bytes", paramLabel = "N", description = "decoded bytes per cell, all levels together (default 67108864)")
    Long maxBytes;
    @Option(names = "--min-length", paramLabel = "N", description = "shortest base64 run in characters (default 20)")
    Integer minLength;
    @Mixin
    OutputOptions output = new OutputOptions();
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if ((input == null) == (text == null)) {
            throw new IllegalArgumentException("give either --input FILE or --text TEXT (not both)");
        }
        Base64Unpacker.Builder b = Base64Unpacker.builder();
        if (maxDepth != null) {
            b.maxDepth(maxDepth);
        }
        if (maxBytes != null) {
            b.maxTotalBytes(maxBytes);
        }
        if (minLength != null) {
            b.minLength(minLength);
        }
        if (iocs) {
            b.extractIocs(IocExtractor.defaults());
        }
        Base64Unpacker unpacker = b.build();
        PrintWriter out = spec.commandLine().getOut();
        if (text != null && !items) {
            UnpackResult r = unpacker.unpack(text);
            out.println(r.fullyDecodedText());
            if (iocs) {
                r.iocs(IocExtractor.defaults()).forEach((t, v) -> v.forEach(o -> out.println(t.id() + "\t" + o)));
            }
            out.flush();
            return 0;
        }
        ResultStream source;
        String col;
        if (text != null) {
            source = ResultStream.of(List.of(new Column("text", dev.hunt4j.api.data.ColumnType.STRING)),
                    List.<Object[]>of(new Object[] {text}));
            col = "text";
        } else {
            source = TableInput.open(input);
            col = column;
            if (col == null) {
                List<Column> cols = source.columns();
                if (cols.size() != 1) {
                    source.close();
                    throw new IllegalArgumentException("give --column: " + input + " has the columns "
                            + cols.stream().map(Column::name).collect(Collectors.joining(", ")));
                }
                col = cols.get(0).name();
            }
        }
        output.write(unpacker.unpack(source, col), out);
        return 0;
    }
}
