package dev.hunt4j.ti.openpagerank;

import dev.hunt4j.api.IocType;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.enrich.Enricher;
import dev.hunt4j.api.enrich.EnricherFactory;
import dev.hunt4j.titoolkit.TiHttp;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * The {@code openpagerank} TI provider: the Open PageRank of domains, looked up in batches of up to 100. Settings:
 * {@code api_key} (required), {@code base_url}, {@code batch_size}, {@code batch_wait}. See the module README.
 */
@Extension
public final class OpenPageRankFactory implements EnricherFactory {
    @Override
    public String type() {
        return "openpagerank";
    }

    @Override
    public String description() {
        return "Open PageRank: how well known a domain is (unranked domains are new or obscure); batched lookups";
    }

    @Override
    public Set<IocType> supportedTypes() {
        return EnumSet.of(IocType.DNS);
    }

    @Override
    public Map<String, String> knownSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("api_key", "the Open PageRank API key (env:NAME or file:PATH)");
        m.put("auth_key", "the same as api_key, as msticpyconfig.yaml names it (AuthKey)");
        m.put("base_url", "the API root (default " + OpenPageRankEnricher.DEFAULT_URL + ")");
        m.put("batch_size", "domains per request, 1-100 (default 100)");
        m.put("batch_wait", "how long a lookup waits for others to share its request (default 50ms)");
        m.putAll(TiHttp.KNOWN);
        return m;
    }

    @Override
    public Enricher create(PluginSettings settings) {
        return new OpenPageRankEnricher(settings);
    }
}
