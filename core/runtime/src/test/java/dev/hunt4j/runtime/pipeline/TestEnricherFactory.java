package dev.hunt4j.runtime.pipeline;

import dev.hunt4j.api.IocType;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.enrich.Enricher;
import dev.hunt4j.api.enrich.EnricherFactory;
import dev.hunt4j.api.enrich.LookupStatus;
import dev.hunt4j.api.enrich.TiResult;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** A TI provider on the test classpath: bad-updates.net is high, 203.0.113.9 a warning, everything else unknown. */
@org.pf4j.Extension
public class TestEnricherFactory implements EnricherFactory {
    @Override
    public String type() {
        return "pipeline-ti";
    }

    @Override
    public String description() {
        return "knows two bad observables";
    }

    @Override
    public Set<IocType> supportedTypes() {
        return EnumSet.allOf(IocType.class);
    }

    @Override
    public Enricher create(PluginSettings settings) {
        String name = settings.name();
        Map<String, Severity> known = Map.of("bad-updates.net", Severity.HIGH, "203.0.113.9", Severity.WARNING);
        return (observable, type) -> {
            Severity s = known.get(observable);
            return new TiResult(observable, type, name, null, s != null, s == null ? Severity.UNKNOWN : s,
                    s == null ? Map.of() : Map.of("description", "known bad: " + observable), null, null, LookupStatus.OK, null);
        };
    }
}
