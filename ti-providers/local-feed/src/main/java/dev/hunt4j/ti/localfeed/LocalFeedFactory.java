package dev.hunt4j.ti.localfeed;

import dev.hunt4j.api.IocType;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.enrich.Enricher;
import dev.hunt4j.api.enrich.EnricherFactory;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * The {@code local-feed} TI provider: looks observables up in IoC lists on disk — CSV/TSV with a header,
 * plain text (one per line, {@code #} comments), STIX 2.1 bundles and MISP JSON exports — with no network. The
 * offline default, and the way to bring a team's own watchlists into every lookup. See the module README.
 */
@Extension
public final class LocalFeedFactory implements EnricherFactory {
    @Override
    public String type() {
        return "local-feed";
    }

    @Override
    public String description() {
        return "IoC lists on disk: CSV, plain text, STIX 2.1 bundles and MISP JSON exports (offline)";
    }

    @Override
    public Set<IocType> supportedTypes() {
        return EnumSet.allOf(IocType.class);
    }

    @Override
    public Map<String, String> knownSettings() {
        return LocalFeedSettings.KNOWN;
    }

    /**
     * {@inheritDoc}
     *
     * @throws dev.hunt4j.api.ConfigurationException naming the setting, or the feed file and line, that is wrong
     */
    @Override
    public Enricher create(PluginSettings settings) {
        return new LocalFeedEnricher(settings.name(), LocalFeedSettings.from(settings));
    }
}
