package dev.hunt4j.ti.otx;

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
 * The {@code otx} TI provider: AlienVault OTX indicator pages ({@code general} section) for IP addresses, domains,
 * host names, URLs and file hashes. Settings: {@code api_key} (required), {@code base_url}. See the module README.
 */
@Extension
public final class OtxFactory implements EnricherFactory {
    @Override
    public String type() {
        return "otx";
    }

    @Override
    public String description() {
        return "AlienVault OTX: community pulses mentioning IP addresses, domains, host names, URLs and file hashes";
    }

    @Override
    public Set<IocType> supportedTypes() {
        return EnumSet.of(IocType.IPV4, IocType.IPV6, IocType.DNS, IocType.HOSTNAME, IocType.URL, IocType.MD5_HASH,
                IocType.SHA1_HASH, IocType.SHA256_HASH);
    }

    @Override
    public Map<String, String> knownSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("api_key", "the OTX API key (env:NAME or file:PATH)");
        m.put("auth_key", "the same as api_key, as msticpyconfig.yaml names it (AuthKey)");
        m.put("base_url", "the OTX root (default " + OtxEnricher.DEFAULT_URL + ")");
        m.putAll(TiHttp.KNOWN);
        return m;
    }

    @Override
    public Enricher create(PluginSettings settings) {
        return new OtxEnricher(settings);
    }
}
