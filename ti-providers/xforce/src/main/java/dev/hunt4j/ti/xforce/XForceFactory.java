package dev.hunt4j.ti.xforce;

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
 * The {@code xforce} TI provider: IBM X-Force Exchange reputation for IP addresses, URLs and domains, and malware
 * reports for file hashes. Settings: {@code api_key} and {@code api_password} (required; MSTICPy's ApiID and
 * AuthKey), {@code base_url}. See the module README.
 */
@Extension
public final class XForceFactory implements EnricherFactory {
    @Override
    public String type() {
        return "xforce";
    }

    @Override
    public String description() {
        return "IBM X-Force Exchange: risk scores for IP addresses, URLs and domains; malware reports for file hashes";
    }

    @Override
    public Set<IocType> supportedTypes() {
        return EnumSet.of(IocType.IPV4, IocType.IPV6, IocType.URL, IocType.DNS, IocType.MD5_HASH, IocType.SHA1_HASH,
                IocType.SHA256_HASH);
    }

    @Override
    public Map<String, String> knownSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("api_key", "the X-Force API key (MSTICPy's ApiID)");
        m.put("api_password", "the X-Force API password (MSTICPy's AuthKey)");
        m.put("api_id", "alias of api_key, as MSTICPy's config names it");
        m.put("auth_key", "alias of api_password, as MSTICPy's config names it");
        m.put("base_url", "the API root (default " + XForceEnricher.DEFAULT_URL + ")");
        m.putAll(TiHttp.KNOWN);
        return m;
    }

    @Override
    public Enricher create(PluginSettings settings) {
        return new XForceEnricher(settings);
    }
}
