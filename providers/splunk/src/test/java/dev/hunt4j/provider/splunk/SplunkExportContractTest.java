package dev.hunt4j.provider.splunk;

import java.util.Map;

/** The TCK against the loopback Splunk, export-stream mode. */
class SplunkExportContractTest extends SplunkJobsContractTest {
    @Override
    protected Map<String, Object> mode() {
        return Map.of("mode", "export");
    }
}
