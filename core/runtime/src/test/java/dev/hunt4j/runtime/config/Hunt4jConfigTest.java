package dev.hunt4j.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Hunt4jConfigTest {
    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, yaml);
        return p;
    }

    @Test
    void readsProvidersEnrichersAndFoldersWithPathsRelativeToTheFile() throws Exception {
        Hunt4jConfig c = Hunt4jConfig.load(write("hunt4j.yaml", """
                providers:
                  local:
                    data_paths: [data]
                  splunk-prod:
                    type: splunk
                    host: splunk.example.org
                    port: 8089
                enrichers:
                  feed: { type: local-feed, paths: [iocs.csv] }
                queries: { paths: [my-queries] }
                plugins: { dirs: [plugins] }
                """));
        assertEquals(List.of("local", "splunk-prod"), List.copyOf(c.providers().keySet()));
        assertEquals("local", c.providers().get("local").type(), "type defaults to the instance name");
        assertEquals("splunk", c.providers().get("splunk-prod").type());
        PluginSettings s = c.providers().get("splunk-prod").resolve(Map.of(), k -> null);
        assertEquals(8089, s.longValue("port", 0));
        assertEquals("providers.splunk-prod", s.keyPath());
        assertEquals(List.of(dir.resolve("data")), c.providers().get("local").resolve(Map.of(), k -> null).pathList("data_paths"));
        assertEquals("local-feed", c.enrichers().get("feed").type());
        assertEquals(List.of(dir.resolve("my-queries")), c.queryPaths());
        assertEquals(List.of(dir.resolve("plugins")), c.pluginDirs());
    }

    @Test
    void secretsAreResolvedFromEnvironmentAndFilesAndNeverPrinted() throws Exception {
        Files.writeString(dir.resolve("pw.txt"), "file-secret-123\n");
        Hunt4jConfig c = Hunt4jConfig.load(write("hunt4j.yaml", """
                providers:
                  splunk:
                    token: env:SPLUNK_TOKEN
                    password: file:pw.txt
                    api_key: inline-key-456
                    host: h
                """));
        PluginSettings s = c.providers().get("splunk").resolve(Map.of(), k -> k.equals("SPLUNK_TOKEN") ? "env-secret-789" : null);
        assertEquals("env-secret-789", s.secret("token").orElseThrow().reveal());
        assertEquals("file-secret-123", s.secret("password").orElseThrow().reveal());
        assertInstanceOf(Secret.class, s.settings().get("api_key"), "secret-looking keys are wrapped even when inline");
        String shown = s.toString();
        for (String secret : List.of("env-secret-789", "file-secret-123", "inline-key-456")) {
            assertFalse(shown.contains(secret), "settings print a secret: " + shown);
        }
        assertTrue(shown.contains("env:SPLUNK_TOKEN"), "the reference is shown instead: " + shown);
    }

    @Test
    void missingEnvironmentVariableNamesTheKeyPathAndVariable() throws Exception {
        Hunt4jConfig c = Hunt4jConfig.load(write("hunt4j.yaml", "providers:\n  vt:\n    api_key: env:VT_KEY\n"));
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> c.providers().get("vt").resolve(Map.of(), k -> null));
        assertTrue(e.getMessage().contains("providers.vt.api_key") && e.getMessage().contains("VT_KEY"), e.getMessage());
    }

    @Test
    void unknownKeysAreReportedWithTheirPathAndAHint() throws Exception {
        ConfigurationException top = assertThrows(ConfigurationException.class,
                () -> Hunt4jConfig.load(write("a.yaml", "provider:\n  x: {}\n")));
        assertTrue(top.getMessage().contains("'provider'") && top.getMessage().contains("did you mean providers"), top.getMessage());

        Hunt4jConfig c = Hunt4jConfig.load(write("b.yaml", "providers:\n  local:\n    data_path: [x]\n"));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> c.providers().get("local")
                .resolve(Map.of("data_paths", "folders to read", "time_column", "timestamp column"), k -> null));
        assertTrue(e.getMessage().contains("providers.local.data_path") && e.getMessage().contains("did you mean data_paths"), e.getMessage());
    }

    @Test
    void missingRequiredSettingNamesTheKeyPath() throws Exception {
        Hunt4jConfig c = Hunt4jConfig.load(write("hunt4j.yaml", "providers:\n  sentinel:\n    tenant_id: t\n"));
        PluginSettings s = c.providers().get("sentinel").resolve(Map.of(), k -> null);
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> s.requiredString("workspace_id"));
        assertEquals("missing required setting 'providers.sentinel.workspace_id'", e.getMessage());
    }

    @Test
    void yamlSyntaxErrorNamesFileAndLine() throws Exception {
        Path bad = write("bad.yaml", "providers:\n  local:\n    data_paths: [a, b\n  other: 1\n");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Hunt4jConfig.load(bad));
        assertTrue(e.getMessage().contains(bad.toString()) && e.getMessage().matches("(?s).*line [34].*"), e.getMessage());
    }

    @Test
    void readsMsticpyConfigDataAndTiProviders() throws Exception {
        Hunt4jConfig c = Hunt4jConfig.load(write("msticpyconfig.yaml", """
                AzureSentinel:
                  Workspaces:
                    Default:
                      WorkspaceId: "ws-1"
                      TenantId: "tenant-1"
                    Second:
                      WorkspaceId: "ws-2"
                      TenantId: "tenant-1"
                DataProviders:
                  LocalData:
                    data_paths: [./data]
                  Splunk:
                    Args:
                      host: splunk.local
                      password:
                        EnvironmentVar: SPLUNK_PW
                TIProviders:
                  VirusTotal:
                    Args:
                      AuthKey:
                        EnvironmentVar: VT_AUTH
                    Primary: True
                    Provider: "VirusTotal"
                  OpenPageRank:
                    Args:
                      AuthKey:
                        KeyVault: opr-key
                    Primary: False
                    Provider: "OPR"
                QueryDefinitions:
                  Custom: [custom-queries]
                """));
        assertEquals("sentinel", c.providers().get("sentinel").type());
        assertEquals("ws-2", c.providers().get("sentinel-second").resolve(Map.of(), k -> null).requiredString("workspace_id"));
        assertEquals("local", c.providers().get("local").type());
        PluginSettings splunk = c.providers().get("splunk").resolve(Map.of(), k -> k.equals("SPLUNK_PW") ? "pw" : null);
        assertEquals("pw", splunk.secret("password").orElseThrow().reveal());
        PluginSettings vt = c.enrichers().get("virustotal").resolve(Map.of(), k -> "vt-key");
        assertEquals("vt-key", vt.secret("auth_key").orElseThrow().reveal());
        assertTrue(vt.bool("primary", false));
        assertEquals("openpagerank", c.enrichers().get("openpagerank").type());
        ConfigurationException kv = assertThrows(ConfigurationException.class,
                () -> c.enrichers().get("openpagerank").resolve(Map.of(), k -> null));
        assertTrue(kv.getMessage().contains("TIProviders.OpenPageRank.auth_key") && kv.getMessage().contains("KeyVault"), kv.getMessage());
        assertEquals(List.of(dir.resolve("custom-queries")), c.queryPaths());
    }

    @Test
    void msticpysAzStiBecomesSentinelTiRunningThroughTheMatchingWorkspace() throws Exception {
        Hunt4jConfig c = Hunt4jConfig.load(write("msticpyconfig.yaml", """
                AzureSentinel:
                  Workspaces:
                    Default:
                      WorkspaceId: "ws-1"
                    Hunting:
                      WorkspaceId: "ws-2"
                TIProviders:
                  AzureSentinel:
                    Args:
                      WorkspaceID: "WS-2"
                      TenantID: "tenant-1"
                    Primary: True
                    Provider: "AzSTI"
                  SentinelDefault:
                    Provider: "AzSTI"
                """));
        InstanceConfig byId = c.enrichers().get("azuresentinel");
        assertEquals("sentinel-ti", byId.type());
        assertEquals(Map.of("provider", "sentinel-hunting", "primary", true), byId.settings());
        assertEquals(Map.of("provider", "sentinel"), c.enrichers().get("sentineldefault").settings());
    }

    @Test
    void snakeCaseConversionOfMsticpyKeys() {
        assertEquals("workspace_id", Hunt4jConfig.snake("WorkspaceId"));
        assertEquals("auth_key", Hunt4jConfig.snake("AuthKey"));
        assertEquals("api_id", Hunt4jConfig.snake("ApiID"));
        assertEquals("data_paths", Hunt4jConfig.snake("data_paths"));
    }
}
