package dev.hunt4j.ti.virustotal;

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
 * The {@code virustotal} TI provider: VirusTotal API v3 reports for IP addresses, domains, URLs and file hashes.
 * Settings: {@code api_key} (required), {@code base_url}. A free key allows 4 requests a minute and 500 a day: set
 * {@code rate_limit: 4/minute} and {@code quota: 500/day} on the provider. Severity: see the module README.
 */
@Extension
public final class VirusTotalFactory implements EnricherFactory {
    @Override
    public String type() {
        return "virustotal";
    }

    @Override
    public String description() {
        return "VirusTotal v3: engine detections for IP addresses, domains, URLs and file hashes";
    }

    @Override
    public Set<IocType> supportedTypes() {
        return EnumSet.of(IocType.IPV4, IocType.IPV6, IocType.DNS, IocType.URL, IocType.MD5_HASH, IocType.SHA1_HASH,
                IocType.SHA256_HASH);
    }

    @Override
    public Map<String, String> knownSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("api_key", "the VirusTotal API key (env:NAME or file:PATH)");
        m.put("auth_key", "the same as api_key, as msticpyconfig.yaml names it (AuthKey)");
        m.put("base_url", "the API root (default " + VirusTotalEnricher.DEFAULT_URL + ")");
        m.putAll(TiHttp.KNOWN);
        return m;
    }

    @Override
    public Enricher create(PluginSettings settings) {
        return new VirusTotalEnricher(settings);
    }
}
