package dev.hunt4j.provider.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.query.ProviderCapability;
import dev.hunt4j.api.query.QueryLanguages;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path dir;

    private static LocalSettings settings(PluginSettings s) {
        return ((LocalFilesProvider) new LocalFilesProviderFactory().connect(s)).settings();
    }

    @Test
    void factoryDeclaresItself() {
        LocalFilesProviderFactory f = new LocalFilesProviderFactory();
        assertEquals("local", f.type());
        assertEquals(QueryLanguages.FILES, f.language());
        assertEquals(Set.of("local", "LocalData"), f.dataEnvironments());
        assertEquals(EnumSet.of(ProviderCapability.TIME_RANGE, ProviderCapability.ROW_LIMIT, ProviderCapability.CANCELLATION),
                f.capabilities());
    }

    @Test
    void defaults() {
        LocalSettings s = settings(PluginSettings.empty("local"));
        assertEquals(List.of(Path.of("").toAbsolutePath()), s.dataPaths(), "the working directory");
        assertEquals(Optional.empty(), s.timeColumn());
        assertEquals(1000, s.sampleRows());
        assertEquals(false, s.nullOnTypeError());
    }

    @Test
    void values() {
        PluginSettings ps = new PluginSettings("lab", "providers.lab", Map.of("data_paths", List.of("a", dir.toString()),
                "time_column", " EventTime ", "sample_rows", "50", "on_type_error", "NULL"), dir);
        LocalSettings s = settings(ps);
        assertEquals(List.of(dir.resolve("a"), dir), s.dataPaths());
        assertEquals(Optional.of("EventTime"), s.timeColumn());
        assertEquals(50, s.sampleRows());
        assertTrue(s.nullOnTypeError());
    }

    @Test
    void errorsNameTheKeyPath() {
        PluginSettings base = new PluginSettings("lab", "providers.lab", Map.of(), dir);
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> settings(base.with("sample_rows", 0)));
        assertTrue(e.getMessage().contains("providers.lab.sample_rows"), e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> settings(base.with("sample_rows", "many")));
        assertTrue(e.getMessage().contains("providers.lab.sample_rows"), e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> settings(base.with("on_type_error", "ignore")));
        assertTrue(e.getMessage().contains("providers.lab.on_type_error") && e.getMessage().contains("'fail' or 'null'"), e.getMessage());
        Path file = Fixture.write(dir, "x.csv", "a\n");
        e = assertThrows(ConfigurationException.class, () -> settings(base.with("data_paths", file.toString())));
        assertTrue(e.getMessage().contains("providers.lab.data_paths") && e.getMessage().contains(file.toString()), e.getMessage());
    }
}
