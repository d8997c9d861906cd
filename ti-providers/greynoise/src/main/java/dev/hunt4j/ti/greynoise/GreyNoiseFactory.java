package dev.hunt4j.ti.greynoise;

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
 * The {@code greynoise} TI provider: the GreyNoise community API for IPv4 addresses. Settings: {@code api_key}
 * (required), {@code base_url}. See the module README.
 */
@Extension
public final class GreyNoiseFactory implements EnricherFactory {
    @Override
    public String type() {
        return "greynoise";
    }

    @Override
    public String description() {
        return "GreyNoise community API: internet background noise, known benign services and malicious scanners (IPv4)";
    }

    @Override
    public Set<IocType> supportedTypes() {
        return EnumSet.of(IocType.IPV4);
    }

    @Override
    public Map<String, String> knownSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("api_key", "the GreyNoise API key (env:NAME or file:PATH)");
        m.put("auth_key", "the same as api_key, as msticpyconfig.yaml names it (AuthKey)");
        m.put("base_url", "the API root (default " + GreyNoiseEnricher.DEFAULT_URL + ")");
        m.putAll(TiHttp.KNOWN);
        return m;
    }

    @Override
    public Enricher create(PluginSettings settings) {
        return new GreyNoiseEnricher(settings);
    }
}
