package dev.hunt4j.provider.splunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.toolkit.testing.Forms;
import dev.hunt4j.toolkit.testing.MsticpyConfigCase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MSTICPy's DataProviders.Splunk section, read by the runtime, drives the plugin against the loopback Splunk. */
class MsticpyConfigTest extends MsticpyConfigCase {
    @Test
    void dataProvidersSplunkArgsConfigureTheProvider() throws Exception {
        FakeSplunk fake = new FakeSplunk(server);
        assertEquals(FakeSplunk.ROWS, rows(Map.of(), Map.of("SPLUNK_PW", "spl-password-1"), "splunk", "list_host_logons",
                Map.of("host_name", "WKS-07")));
        assertEquals(FakeSplunk.basic(), fake.routes.requests("/services/search/jobs").get(0).getHeaders().get("Authorization"));
        String search = Forms.parse(fake.routes.requests("/services/search/jobs").get(0)).get("search");
        assertTrue(search.startsWith("search index=* (sourcetype=WinEventLog") && search.contains("host=\"WKS-07\""), search);
    }
}
