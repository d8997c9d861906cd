package dev.hunt4j.ti.tor;

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
 * The {@code tor} TI provider: whether an IP address is a Tor exit node, from the Tor Project's bulk exit list
 * ({@code https://check.torproject.org/torbulkexitlist}), downloaded once, kept on disk and refreshed daily. No key.
 */
@Extension
public final class TorFactory implements EnricherFactory {
    static final String DEFAULT_URL = "https://check.torproject.org/torbulkexitlist";

    @Override
    public String type() {
        return "tor";
    }

    @Override
    public String description() {
        return "Tor exit nodes (the Tor Project's bulk exit list, cached on disk, refreshed daily)";
    }

    @Override
    public Set<IocType> supportedTypes() {
        return EnumSet.of(IocType.IPV4, IocType.IPV6);
    }

    @Override
    public Map<String, String> knownSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("url", "the exit list (default " + DEFAULT_URL + "); one address per line, or the exit-addresses format");
        m.put("cache_dir", "where the downloaded list is kept (default ~/.hunt4j/tor)");
        m.put("refresh", "how old the list may get before it is downloaded again (default 24h)");
        m.putAll(TiHttp.KNOWN);
        return m;
    }

    @Override
    public Enricher create(PluginSettings settings) {
        return new TorEnricher(settings, System::currentTimeMillis);
    }
}
