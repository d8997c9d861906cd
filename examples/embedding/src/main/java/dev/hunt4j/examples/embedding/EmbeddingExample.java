package dev.hunt4j.examples.embedding;

import dev.hunt4j.api.Severity;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.api.render.RendererFactory;
import dev.hunt4j.runtime.Hunt4j;
import dev.hunt4j.runtime.QueryResult;
import dev.hunt4j.runtime.enrich.IocSummary;
import dev.hunt4j.runtime.enrich.TiResults;
import dev.hunt4j.runtime.plugin.Extension;
import dev.hunt4j.samples.SampleDataSet;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import tech.tablesaw.api.Table;

/** Embeds hunt4j: queries a workstation's connections, looks the addresses up in a TI feed, renders the verdicts. */
public final class EmbeddingExample {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/embedding-example");
        SampleDataSet.ensure(dir.resolve("sample-data"));           // three days of logs with one planted attack
        Path config = dir.resolve("hunt4j.yaml");                   // the local provider, and the data's IoC feed as TI
        Files.writeString(config, """
                providers:
                  local: {data_paths: [sample-data]}
                enrichers:
                  feed: {type: local-feed, paths: [sample-data/ioc_feed.csv], global_ips_only: false}
                """);
        // The provider, TI and renderer plugins are jars on the classpath (embedded mode): no plugins folder needed.
        try (Hunt4j hunt4j = Hunt4j.builder().config(config).build()) {
            // 1. Query: every network flow of one workstation, as a Tablesaw table.
            Table flows;
            try (QueryResult r = hunt4j.provider("local").query("list_host_network_flows", Map.of("host_name", "WKS-07"),
                    QueryOptions.defaults())) {
                flows = r.toTable();
            }
            // 2. Enrich: look every distinct destination address up (concurrently, cached, rate-limited).
            TiResults verdicts = hunt4j.enrich().lookup(flows.stringColumn("DestIP").unique().asList());
            for (IocSummary s : verdicts.summary()) {
                if (s.severity().compareTo(Severity.WARNING) >= 0) {
                    System.out.println(s.severity().id() + "  " + s.ioc() + "  flagged by " + String.join(", ", s.flaggedBy()));
                }
            }
            // 3. Render: the verdicts as one self-contained HTML page.
            RendererFactory tiView = hunt4j.rendererTypes().stream().map(Extension::instance)
                    .filter(f -> f.name().equals("ti")).findFirst().orElseThrow();
            Path page = dir.resolve("verdicts.html");
            try (OutputStream out = Files.newOutputStream(page)) {
                tiView.create(Map.of()).render(Map.of("ti", verdicts.stream()), out);
            }
            System.out.println(flows.rowCount() + " flows, " + verdicts.summary().size() + " addresses looked up: " + page.toAbsolutePath());
        }
    }
}
