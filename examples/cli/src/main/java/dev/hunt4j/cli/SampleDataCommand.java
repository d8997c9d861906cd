package dev.hunt4j.cli;

import dev.hunt4j.samples.SampleDataSet;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hunt4j sample-data}: writes the sample investigation data set. */
@Command(name = "sample-data", description = "Write the sample investigation data set (deterministic) to a folder.")
final class SampleDataCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "folder to write to")
    Path output;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        dev.hunt4j.samples.Manifest m = SampleDataSet.generate(output);
        m.rowsPerFile().forEach((f, n) -> spec.commandLine().getOut().printf("%-28s %,9d rows%n", f, n));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
