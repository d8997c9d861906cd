package dev.hunt4j.cli;

import dev.hunt4j.analysis.proctree.ProcSchema;
import dev.hunt4j.analysis.proctree.ProcessTree;
import dev.hunt4j.analysis.proctree.TreeSummary;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hunt4j proctree}: process trees from process-creation events. */
@Command(name = "proctree", description = {"Build process trees from Windows 4688, Sysmon 1, Defender, auditd or osquery process events.",
        "Output: input + proc_key,parent_key,path,IsRoot,IsLeaf,IsBranch,depth,source_index (as MSTICPy), depth first."})
final class ProcTreeCommand implements Callable<Integer> {
    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE", description = "CSV file with a header row (- for standard input)")
    String input;
    @Option(names = "--schema", paramLabel = "SCHEMA", defaultValue = "auto",
            description = "auto (default), windows-4688, sysmon, mde, mde-internal, linux-auditd, osquery, or a YAML file mapping schema fields to columns")
    String schema;
    @Option(names = "--text", description = "print the trees as indented text instead of a table")
    boolean text;
    @Option(names = "--wrap", paramLabel = "N", defaultValue = "0", description = "with --text: wrap lines at N characters (MSTICPy: 80; default 0, no wrapping)")
    int wrap;
    @Option(names = "--summary", description = "print the summary (processes, roots, leaves, branches, largest depth) instead of the table")
    boolean summary;
    @Mixin
    OutputOptions output = new OutputOptions();
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (text && summary) {
            throw new IllegalArgumentException("give either --text or --summary, not both");
        }
        ProcSchema s = schema(schema);
        ProcessTree tree = ProcessTree.build(TableInput.open(input), s);
        PrintWriter out = spec.commandLine().getOut();
        if (summary) {
            output.write(tree.summaryStream(), out);
            return 0;
        }
        if (text) {
            if (output.output == null || output.output.equals("-")) {
                tree.appendText(out, wrap);
                out.flush();
            } else {
                Path file = Path.of(output.output);
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
                    tree.appendText(w, wrap);
                }
            }
            return 0;
        }
        output.write(tree.toResultStream(), out);
        if (System.console() != null) {
            TreeSummary t = tree.summary();
            spec.commandLine().getErr().printf("hunt4j: %,d processes (%,d added as missing parents) in %,d trees, largest depth %d (schema %s)%n",
                    t.processes(), t.syntheticProcesses(), t.rootProcesses(), t.largestTreeDepth(), tree.schema().name());
            spec.commandLine().getErr().flush();
        }
        return 0;
    }

    /** auto → null (inferred), a built-in name, or a YAML file. */
    static ProcSchema schema(String s) throws java.io.IOException {
        if (s == null || s.isBlank() || s.equalsIgnoreCase("auto")) {
            return null;
        }
        if (s.endsWith(".yaml") || s.endsWith(".yml") || s.endsWith(".json") || Files.isRegularFile(Path.of(s))) {
            Path p = Path.of(s);
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("--schema " + s + ": no such file");
            }
            return ProcSchema.fromYaml(p);
        }
        return ProcSchema.named(s);
    }
}
