package dev.hunt4j.provider.elastic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.entity.Account;
import dev.hunt4j.api.entity.DnsName;
import dev.hunt4j.api.entity.FileEntity;
import dev.hunt4j.api.entity.Host;
import dev.hunt4j.api.entity.IpAddress;
import dev.hunt4j.api.entity.Process;
import dev.hunt4j.api.entity.Url;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ECS columns onto the API's entities. */
class EcsEntitiesTest {
    @Test
    void ecsRowsBecomeEntities() {
        List<String> names = List.of("@timestamp", "host.name", "host.os.family", "user.name", "user.id", "process.pid",
                "process.executable", "process.command_line", "process.parent.pid", "process.hash.sha256", "source.ip",
                "destination.ip", "related.ip", "dns.question.name", "url.full");
        List<Column> cols = new ArrayList<>();
        for (String n : names) {
            cols.add(new Column(n, n.equals("@timestamp") ? ColumnType.TIMESTAMP : ColumnType.STRING));
        }
        Instant t = Instant.parse("2024-03-01T00:00:00Z");
        Object[] row = {t, "wks-07.contoso.com", "windows", "CONTOSO\\bob", "S-1-5-21-1-2-3-1104", "4242",
            "C:\\Windows\\System32\\cmd.exe", "cmd.exe /c whoami", "600", "ab".repeat(32), "10.0.0.7", "198.51.100.7",
            "[\"10.0.0.7\",\"198.51.100.7\",\"fe80::1\"]", "evil.example.net", "https://evil.example.net/x"};
        EcsEntities ecs = new EcsEntities(cols);
        Host host = new Host("wks-07", "contoso.com", "Windows");
        Account account = new Account("bob", "CONTOSO", null, "S-1-5-21-1-2-3-1104");
        assertEquals(List.of(host, account,
                new Process("wks-07", "4242", "C:\\Windows\\System32\\cmd.exe", "cmd.exe /c whoami", "600", account, t),
                new IpAddress("10.0.0.7"), new IpAddress("198.51.100.7"), new IpAddress("fe80::1"),
                new DnsName("evil.example.net"), new Url("https://evil.example.net/x"),
                new FileEntity("C:\\Windows\\System32\\cmd.exe", "ab".repeat(32))), ecs.entities(row));
        Object[] empty = new Object[cols.size()];
        assertEquals(List.of(), ecs.entities(empty));
        assertNull(ecs.host(empty));
        assertEquals(new Host("10.0.0.9", null, null), new EcsEntities(List.of(new Column("host.name", ColumnType.STRING)))
                .host(new Object[] {"10.0.0.9"}), "an address is not split into name and domain");
    }
}
