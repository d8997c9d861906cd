package dev.hunt4j.ti.crowdsec;

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
 * The {@code crowdsec} TI provider: the CrowdSec CTI smoke endpoint for IPv4 and IPv6 addresses. Settings:
 * {@code api_key} (required), {@code base_url}. See the module README.
 */
@Extension
public final class CrowdSecFactory implements EnricherFactory {
    @Override
    public String type() {
        return "crowdsec";
    }

    @Override
    public String description() {
        return "CrowdSec CTI: reputation, scores and behaviours of IP addresses seen attacking the CrowdSec network";
    }

    @Override
    public Set<IocType> supportedTypes() {
        return EnumSet.of(IocType.IPV4, IocType.IPV6);
    }

    @Override
    public Map<String, String> knownSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("api_key", "the CrowdSec CTI API key (env:NAME or file:PATH)");
        m.put("auth_key", "the same as api_key, as msticpyconfig.yaml names it (AuthKey)");
        m.put("base_url", "the API root (default " + CrowdSecEnricher.DEFAULT_URL + ")");
        m.putAll(TiHttp.KNOWN);
        return m;
    }

    @Override
    public Enricher create(PluginSettings settings) {
        return new CrowdSecEnricher(settings);
    }
}
