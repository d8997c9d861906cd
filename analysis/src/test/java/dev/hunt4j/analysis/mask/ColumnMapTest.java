package dev.hunt4j.analysis.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColumnMapTest {
    /** Every column MSTICPy's obfuscation_cols.yaml names (its Common, AAD, O365 and WindowsSecurity sections). */
    private static final List<String> MSTICPY_COLUMNS = List.of(
            "AADTenantId", "Account", "Computer", "DeviceDetail", "Host", "IpAddress", "Location", "LocationDetails",
            "ResourceId", "SourceComputerId", "SubjectDomainName", "SubjectUserName", "SubjectUserSid",
            "TargetDomainName", "TargetUserName", "TargetUserSid", "TenantId", "UserDisplayName", "UserId",
            "UserPrincipalName", "VMName",
            "AlternateSignInName", "ConditionalAccessPolicies", "IPAddress", "Id", "Identity", "ResourceDisplayName",
            "ResourceGroup", "ResourceIdentity",
            "AADGroupId", "ClientIP", "ClientIP_", "ClientInfoString", "ClientMachineName", "Client_IPAddress",
            "DestMailboxId", "DestMailboxOwnerUPN", "DestinationFileName", "DestinationRelativeUrl", "Event_Data",
            "Folder", "LogonUserDisplayName", "LogonUserSid", "Logon_Type", "MachineDomainInfo", "MachineId",
            "MailboxGuid", "MailboxOwnerMasterAccountSid", "MailboxOwnerSid", "MailboxOwnerUPN",
            "ModifiedObjectResolvedName", "OfficeObjectId", "OfficeTenantId", "OfficeTenantId_", "OrganizationId",
            "OrganizationId_", "OrganizationName", "OriginatingServer", "Parameters", "Site_", "Site_Url",
            "Site_Url_", "SourceFileName", "SourceFileName_", "SourceRelativeUrl", "SourceRelativeUrl_",
            "UserDomain", "UserId_", "UserKey", "UserSharedWith", "_ResourceId",
            "WorkstationName");

    @Test
    void defaultMapCoversMsticpyColumns() {
        ColumnMap d = ColumnMap.defaults();
        assertEquals(72, MSTICPY_COLUMNS.size());
        for (String c : MSTICPY_COLUMNS) {
            assertTrue(d.columns().containsKey(c), c + " missing from the default map");
        }
        // only the one documented exception is kept
        for (String c : MSTICPY_COLUMNS) {
            if (!c.equals("Logon_Type")) {
                assertTrue(d.typeOf(c) != MaskType.KEEP, c);
            }
        }
        assertEquals(MaskType.IP, d.typeOf("IpAddress"));
        assertEquals(MaskType.IP, d.typeOf("ipaddress"), "case-insensitive fallback");
        assertEquals(MaskType.SID, d.typeOf("TargetUserSid"));
        assertEquals(MaskType.ACCOUNT, d.typeOf("TargetUserName"));
        assertEquals(MaskType.GUID, d.typeOf("TenantId"));
        assertEquals(MaskType.JSON, d.typeOf("DeviceDetail"));
        assertNull(d.typeOf("TimeGenerated"));
        assertTrue(d.size() > 150, "default map size " + d.size());
    }

    @Test
    void defaultMapHasNoCaseConflicts() {
        Map<String, MaskType> folded = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ColumnMap.defaults().columns().forEach((k, v) -> {
            MaskType before = folded.put(k, v);
            assertTrue(before == null || before == v, k + " has two types ignoring case");
        });
    }

    @Test
    void userMapExtendsOverridesAndKeeps(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cols.yaml");
        Files.writeString(f, String.join("\n",
                "MyAddress: ip",
                "ipaddress: keep",      // overrides IpAddress / IPAddress regardless of case
                "columns:",
                "  Notes: str",
                "keep: [Location]",
                "keep_domains: [Contoso.com]",
                "mask_public_suffix: true",
                ""));
        ColumnMap m = ColumnMap.load(f);
        assertEquals(MaskType.IP, m.typeOf("MyAddress"));
        assertEquals(MaskType.KEEP, m.typeOf("IpAddress"));
        assertEquals(MaskType.KEEP, m.typeOf("IPAddress"));
        assertEquals(MaskType.STR, m.typeOf("Notes"));
        assertEquals(MaskType.KEEP, m.typeOf("Location"));
        assertEquals(MaskType.ACCOUNT, m.typeOf("TargetUserName"), "defaults still there");
        assertEquals(List.of("contoso.com"), List.copyOf(m.keepDomains()));
        assertTrue(m.maskPublicSuffix());
    }

    @Test
    void replaceDefaultsAndMsticpyFormat() {
        ColumnMap m = ColumnMap.parse(String.join("\n",
                "replace_defaults: true",
                "Common:",
                "  AADTenantId: uuid",
                "  Account: acct",
                "  Computer: '@./:.'",
                "  DeviceDetail: dict",
                "O365:",
                "  LogonUserDisplayName: ' '",
                ""), ColumnMap.defaults());
        assertEquals(5, m.size());
        assertEquals(MaskType.GUID, m.typeOf("AADTenantId"));
        assertEquals(MaskType.ACCOUNT, m.typeOf("Account"));
        assertEquals(MaskType.STR, m.typeOf("Computer"));
        assertEquals(MaskType.JSON, m.typeOf("DeviceDetail"));
        assertEquals(MaskType.STR, m.typeOf("LogonUserDisplayName"));
        assertNull(m.typeOf("TargetUserName"));
    }

    @Test
    void badEntriesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ColumnMap.parse("Foo: frobnicate\n", ColumnMap.empty()));
        assertTrue(e.getMessage().contains("Foo") && e.getMessage().contains("frobnicate"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ColumnMap.parse("- a\n- b\n", ColumnMap.empty()));
        assertThrows(IllegalArgumentException.class, () -> ColumnMap.parse("keep: {a: b}\n", ColumnMap.empty()));
    }

    /** The fast reader of plain map files must load exactly what SnakeYAML loads, or leave the file to it. */
    @Test
    void plainMapFilesReadWithoutSnakeYamlGiveTheSameDocument() throws Exception {
        String builtIn;
        try (var in = ColumnMap.class.getResourceAsStream("/dev/hunt4j/analysis/mask/default-columns.yaml")) {
            builtIn = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        List<String> plain = List.of(builtIn,
                "Foo: ip\n",
                "Foo: ip   # a comment\r\nBar: str\r\n",
                "# only a header comment\nSection:\n  A: ip\n\n  # inside\n  B: host\nTop: sid\nOther:\n    C_d.e-f: guid\n",
                "S:\n  A: ip\n  A: host\n",
                "$id: keep\nx_y: str\n");
        for (String yaml : plain) {
            Object simple = ColumnMap.simpleDocument(yaml);
            assertTrue(simple != null, "not read as plain: " + yaml);
            assertEquals(snakeYaml(yaml), simple, yaml);
        }
        List<String> other = List.of("",
                "# nothing\n",
                "keep: [a]\n",
                "replace_defaults: true\n",
                "Foo: 'ip'\n",
                "Foo: yes\n",
                "on: ip\n",
                "1: ip\n",
                "Foo:ip\n",
                "Foo: ip\n  more\n",
                "S:\n  A: ip\n    B: ip\n",
                "S:\nT:\n  A: ip\n",
                "S:\n  A: ip\nS:\n  B: ip\n",
                "S:\n  Sub:\n    A: ip\n",
                "Foo: ip#x\n",
                "Foo:\tip\n",
                "- a\n",
                "{Foo: ip}\n",
                "Foo: [ip]\n");
        for (String yaml : other) {
            assertNull(ColumnMap.simpleDocument(yaml), "read as plain: " + yaml);
        }
        // and the maps agree
        assertEquals(ColumnMap.parse("S:\n  Foo: ip\nBar: host\n", ColumnMap.defaults()).columns(),
                ColumnMap.parse("S: {Foo: ip}\nBar: 'host'\n", ColumnMap.defaults()).columns());
    }

    private static Object snakeYaml(String yaml) {
        return new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(
                new org.yaml.snakeyaml.LoaderOptions())).load(yaml);
    }
}
