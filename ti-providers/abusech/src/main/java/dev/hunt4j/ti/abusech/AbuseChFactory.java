package dev.hunt4j.ti.abusech;

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
 * The {@code abusech} TI provider: abuse.ch's URLhaus (URLs and hosts), ThreatFox (IoCs of every kind) and
 * MalwareBazaar (file hashes), asked together, one answer combining them. Settings: {@code auth_key} (required),
 * {@code services}, and a base URL per service. See the module README.
 */
@Extension
public final class AbuseChFactory implements EnricherFactory {
    @Override
    public String type() {
        return "abusech";
    }

    @Override
    public String description() {
        return "abuse.ch: URLhaus (malware URLs and hosts), ThreatFox (IoCs) and MalwareBazaar (malware samples)";
    }

    @Override
    public Set<IocType> supportedTypes() {
        return EnumSet.of(IocType.URL, IocType.DNS, IocType.IPV4, IocType.MD5_HASH, IocType.SHA1_HASH, IocType.SHA256_HASH);
    }

    @Override
    public Map<String, String> knownSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("auth_key", "the abuse.ch Auth-Key (env:NAME or file:PATH)");
        m.put("services", "which services to ask: urlhaus, threatfox, malwarebazaar (default all three)");
        m.put("urlhaus_url", "URLhaus API root (default " + AbuseChEnricher.URLHAUS + ")");
        m.put("threatfox_url", "ThreatFox API root (default " + AbuseChEnricher.THREATFOX + ")");
        m.put("malwarebazaar_url", "MalwareBazaar API root (default " + AbuseChEnricher.MALWAREBAZAAR + ")");
        m.putAll(TiHttp.KNOWN);
        return m;
    }

    @Override
    public Enricher create(PluginSettings settings) {
        return new AbuseChEnricher(settings);
    }
}
