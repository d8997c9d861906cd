package dev.hunt4j.provider.elastic;

import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.entity.Account;
import dev.hunt4j.api.entity.DnsName;
import dev.hunt4j.api.entity.Entity;
import dev.hunt4j.api.entity.FileEntity;
import dev.hunt4j.api.entity.Host;
import dev.hunt4j.api.entity.IpAddress;
import dev.hunt4j.api.entity.Process;
import dev.hunt4j.api.entity.Url;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps ECS (Elastic Common Schema) fields in a result row onto hunt4j's entities, so analyses and views that work on
 * entities work on Elastic data: {@code host.name}/{@code host.domain}/{@code host.os.family} to {@link Host},
 * {@code user.name}/{@code user.domain}/{@code user.id}/{@code user.email} to {@link Account},
 * {@code process.*} to {@link Process}, {@code source.ip}, {@code destination.ip}, {@code client.ip},
 * {@code server.ip}, {@code host.ip} and {@code related.ip} to {@link IpAddress}, {@code dns.question.name},
 * {@code url.domain} and {@code destination.domain} to {@link DnsName}, {@code url.full}/{@code url.original} to
 * {@link Url}, {@code file.path}/{@code process.executable} with their SHA-256 to {@link FileEntity}.
 * Columns holding arrays as JSON text ({@code ["10.0.0.1","10.0.0.2"]}) give one entity per element.
 */
public final class EcsEntities {
    private final Map<String, Integer> index = new HashMap<>();

    /** A mapper for rows with these columns (as a result stream hands them out). */
    public EcsEntities(List<Column> columns) {
        for (int i = 0; i < columns.size(); i++) {
            index.put(columns.get(i).name(), i);
        }
    }

    /** The entities one row describes, without duplicates, in a stable order. */
    public List<Entity> entities(Object[] row) {
        Set<Entity> out = new LinkedHashSet<>();
        Host host = host(row);
        if (host != null) {
            out.add(host);
        }
        Account account = account(row);
        if (account != null) {
            out.add(account);
        }
        Process process = process(row, host, account);
        if (process != null) {
            out.add(process);
        }
        for (String f : List.of("source.ip", "destination.ip", "client.ip", "server.ip", "host.ip", "related.ip")) {
            for (String ip : values(row, f)) {
                out.add(new IpAddress(ip));
            }
        }
        for (String f : List.of("dns.question.name", "url.domain", "destination.domain")) {
            for (String d : values(row, f)) {
                out.add(new DnsName(d));
            }
        }
        String url = first(row, "url.full", "url.original");
        if (url != null) {
            out.add(new Url(url));
        }
        String file = text(row, "file.path");
        if (file != null) {
            out.add(new FileEntity(file, text(row, "file.hash.sha256")));
        }
        String exe = text(row, "process.executable");
        if (exe != null) {
            out.add(new FileEntity(exe, text(row, "process.hash.sha256")));
        }
        return new ArrayList<>(out);
    }

    /** {@code host.name} as a {@link Host}: a fully qualified name is split into short name and domain. */
    public Host host(Object[] row) {
        String name = first(row, "host.name", "host.hostname");
        if (name == null) {
            return null;
        }
        String domain = text(row, "host.domain");
        int dot = name.indexOf('.');
        if (dot > 0 && !Character.isDigit(name.charAt(0))) {
            if (domain == null) {
                domain = name.substring(dot + 1);
            }
            name = name.substring(0, dot);
        }
        String os = text(row, "host.os.family");
        if (os == null) {
            os = text(row, "host.os.type");
        }
        return new Host(name, domain, os == null ? null : capitalize(os));
    }

    /** {@code user.name} (with {@code user.domain}, {@code user.email} as UPN, {@code user.id} as SID) as an {@link Account}. */
    public Account account(Object[] row) {
        String name = text(row, "user.name");
        if (name == null) {
            return null;
        }
        String domain = text(row, "user.domain");
        int slash = name.indexOf('\\');
        if (slash > 0 && domain == null) {
            domain = name.substring(0, slash);
            name = name.substring(slash + 1);
        }
        String id = text(row, "user.id");
        return new Account(name, domain, text(row, "user.email"), id != null && id.startsWith("S-1-") ? id : null);
    }

    private Process process(Object[] row, Host host, Account account) {
        String pid = text(row, "process.pid");
        String exe = text(row, "process.executable");
        if (pid == null && exe == null) {
            return null;
        }
        Instant created = row(row, "process.start") instanceof Instant t ? t
                : row(row, "@timestamp") instanceof Instant t2 ? t2 : null;
        return new Process(host == null ? null : host.hostName(), pid, exe, text(row, "process.command_line"),
                text(row, "process.parent.pid"), account, created);
    }

    private Object row(Object[] row, String field) {
        Integer i = index.get(field);
        return i == null || i >= row.length ? null : row[i];
    }

    private String text(Object[] row, String field) {
        List<String> v = values(row, field);
        return v.isEmpty() ? null : v.get(0);
    }

    private String first(Object[] row, String... fields) {
        for (String f : fields) {
            String t = text(row, f);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    /** The field's values: one for a scalar, each element for an array kept as JSON text. */
    private List<String> values(Object[] row, String field) {
        Object v = row(row, field);
        if (v == null) {
            return List.of();
        }
        String s = v.toString();
        if (s.startsWith("[") && s.endsWith("]")) {
            try {
                Object parsed = Json.parse(s);
                if (parsed instanceof List<?> list) {
                    List<String> out = new ArrayList<>();
                    for (Object o : list) {
                        if (o != null && !(o instanceof Map) && !(o instanceof List) && !o.toString().isBlank()) {
                            out.add(o.toString());
                        }
                    }
                    return out;
                }
            } catch (IllegalArgumentException notJson) {
                // a value that merely looks like an array
            }
        }
        return s.isBlank() ? List.of() : List.of(s);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
    }
}
