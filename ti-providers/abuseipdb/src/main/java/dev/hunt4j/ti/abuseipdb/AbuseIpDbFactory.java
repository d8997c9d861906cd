package dev.hunt4j.ti.abuseipdb;

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
 * The {@code abuseipdb} TI provider: AbuseIPDB's check endpoint for IPv4 and IPv6 addresses. Settings:
 * {@code api_key} (required), {@code base_url}, {@code max_age_days} (default 90). See the module README.
 */
@Extension
public final class AbuseIpDbFactory implements EnricherFactory {
    @Override
    public String type() {
        return "abuseipdb";
    }

    @Override
    public String description() {
        return "AbuseIPDB: abuse reports and abuse confidence score for IP addresses";
    }

    @Override
    public Set<IocType> supportedTypes() {
        return EnumSet.of(IocType.IPV4, IocType.IPV6);
    }

    @Override
    public Map<String, String> knownSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("api_key", "the AbuseIPDB API key (env:NAME or file:PATH)");
        m.put("auth_key", "the same as api_key, as msticpyconfig.yaml names it (AuthKey)");
        m.put("base_url", "the API root (default " + AbuseIpDbEnricher.DEFAULT_URL + ")");
        m.put("max_age_days", "only reports from the last N days count (1-365, default 90)");
        m.putAll(TiHttp.KNOWN);
        return m;
    }

    @Override
    public Enricher create(PluginSettings settings) {
        return new AbuseIpDbEnricher(settings);
    }
}
