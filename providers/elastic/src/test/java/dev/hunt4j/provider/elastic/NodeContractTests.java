package dev.hunt4j.provider.elastic;

import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.query.QueryProviderFactory;
import dev.hunt4j.tck.QueryProviderContract;
import org.junit.jupiter.api.BeforeAll;

/**
 * The TCK against a real node holding 72 process events an hour and a minute apart. Open resources are counted on
 * both sides: responses the client holds and search contexts (points in time) open on the server.
 */
abstract class NodeContractTests extends QueryProviderContract {
    static RealNode node;

    @BeforeAll
    static void load(RealNode n) {
        node = n;
        EcsData.load(node);
    }

    @Override
    protected QueryProviderFactory factory() {
        return new ElasticProviderFactory();
    }

    @Override
    protected PluginSettings settings() {
        // small pages, so the contract's queries page through a point in time
        return Rows.settings(node.url(), "page_size", 10);
    }

    @Override
    protected String queryReturningRows() {
        return "{\"index\": \"" + EcsData.TCK_INDEX + "\", \"query\": {\"terms\": {\"event.code\": [4624, 4688]}},"
                + " \"fields\": [\"@timestamp\", \"host.name\", \"event.code\", \"process.command_line\", \"elapsed_ms\", \"tags\"],"
                + " \"sort\": [{\"@timestamp\": \"asc\"}]}";
    }

    @Override
    protected String timeColumn() {
        return "@timestamp";
    }

    @Override
    protected String invalidQuery() {
        return "{\"index\": \"" + EcsData.TCK_INDEX + "\", \"query\": {\"bool\": {\"must\": {\"no_such_query\": {}}}}}";
    }

    @Override
    protected long openResources() {
        return ((ElasticProvider) provider()).client().openResponses() + node.settledOpenContexts();
    }
}
