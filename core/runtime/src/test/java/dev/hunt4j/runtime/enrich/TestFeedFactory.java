package dev.hunt4j.runtime.enrich;

import dev.hunt4j.api.IocType;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.enrich.Enricher;
import dev.hunt4j.api.enrich.EnricherFactory;
import dev.hunt4j.api.enrich.LookupStatus;
import dev.hunt4j.api.enrich.TiResult;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** An enricher plugin on the test classpath (embedded mode): answers from {@code entries: ["value=severity", ...]}. */
@org.pf4j.Extension
public class TestFeedFactory implements EnricherFactory {
    @Override
    public String type() {
        return "test-feed";
    }

    @Override
    public String description() {
        return "observables listed in the settings";
    }

    @Override
    public Set<IocType> supportedTypes() {
        return EnumSet.of(IocType.IPV4, IocType.DNS, IocType.SHA256_HASH);
    }

    @Override
    public Map<String, String> knownSettings() {
        return Map.of("entries", "value=severity pairs", "api_key", "needed to prove secrets resolve");
    }

    @Override
    public Enricher create(PluginSettings settings) {
        settings.secret("api_key").orElseThrow(() -> new dev.hunt4j.api.ConfigurationException("no api_key"));
        Map<String, Severity> known = new HashMap<>();
        for (String e : settings.stringList("entries")) {
            String[] kv = e.split("=", 2);
            known.put(kv[0], Severity.valueOf(kv[1].toUpperCase(java.util.Locale.ROOT)));
        }
        String name = settings.name();
        return (observable, type) -> {
            Severity s = known.get(observable);
            return new TiResult(observable, type, name, null, s != null, s == null ? Severity.UNKNOWN : s, Map.of(), null, null,
                    LookupStatus.OK, null);
        };
    }
}
