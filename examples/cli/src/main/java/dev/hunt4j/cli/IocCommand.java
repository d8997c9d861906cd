package dev.hunt4j.cli;

import dev.hunt4j.analysis.ioc.IocExtractor;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ResultStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hunt4j ioc extract}. */
@Command(name = "ioc", description = "Indicators of compromise.", subcommands = IocCommand.Extract.class)
final class IocCommand implements Prepares {
    @Override
    public void prepare() {
        // compiles the patterns and loads the public suffixes (about 0.1 s on one core)
        IocExtractor.builder().includePaths(true).build().extract("see hxxp://a.example[.]com/x.ps1 or 10.1.2.3 at C:\\Temp\\a.exe");
    }

    @Command(name = "extract", description = {
            "Find IPs, domains, URLs, e-mail addresses, hashes (and paths) in table columns or a text.",
            "Output columns: IoCType,Observable,SourceIndex,Input (as MSTICPy). Defanged indicators are reported refanged."})
    static final class Extract implements Callable<Integer> {
        @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "CSV file with a header row (- for standard input)")
        String input;
        @Option(names = {"-c", "--columns"}, paramLabel = "C1,C2", split = ",", description = "columns to search (default: all)")
        List<String> columns = new ArrayList<>();
        @Option(names = "--text", paramLabel = "TEXT", description = "search this text instead of a file")
        String text;
        @Option(names = {"-t", "--types"}, paramLabel = "T1,T2", split = ",",
                description = "IoC types: ipv4, ipv6, dns, url, email, md5_hash, sha1_hash, sha256_hash, windows_path, linux_path (default: all but paths)")
        List<String> types = new ArrayList<>();
        @Option(names = "--include-paths", description = "also find windows_path and linux_path")
        boolean includePaths;
        @Option(names = "--include-hosts", description = "also report the hosts of URLs and domains of e-mail addresses as dns/ip (as MSTICPy does)")
        boolean includeHosts;
        @Option(names = "--keep-defanged", description = "report defanged indicators as written (hxxp://evil[.]com)")
        boolean keepDefanged;
        @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: available processors)")
        Integer threads;
        @Mixin
        OutputOptions output = new OutputOptions();
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if ((input == null) == (text == null)) {
                throw new IllegalArgumentException("give either --input FILE or --text TEXT (not both)");
            }
            IocExtractor.Builder b = IocExtractor.builder()
                    .types(types.isEmpty() ? null : IocExtractor.parseTypes(String.join(",", types)))
                    .includePaths(includePaths)
                    .includeHostsOfUrlsAndEmails(includeHosts)
                    .keepDefanged(keepDefanged);
            if (threads != null) {
                b.parallelism(threads);
            }
            IocExtractor extractor = b.build();
            PrintWriter out = spec.commandLine().getOut();
            ResultStream source;
            List<String> cols;
            if (text != null) {
                source = ResultStream.of(List.of(new Column("text", dev.hunt4j.api.data.ColumnType.STRING)),
                        List.<Object[]>of(new Object[] {text}));
                cols = List.of("text");
            } else {
                source = TableInput.open(input);
                cols = columns.isEmpty() ? source.columns().stream().map(Column::name).toList()
                        : columns.stream().map(String::trim).filter(c -> !c.isEmpty()).toList();
            }
            output.write(extractor.extract(source, cols), out);
            return 0;
        }
    }
}
