package dev.hunt4j.analysis.proctree;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Which columns of a process-event table mean what, as MSTICPy's {@code ProcSchema} (same field names in maps and
 * YAML: {@code process_name, process_id, parent_id, time_stamp, parent_name, cmd_line, user_name, logon_id,
 * target_logon_id, user_id, host_name_column, event_id_column, event_id_identifier, path_separator}), plus fields
 * for exact parent links where the data has them: {@code process_guid}/{@code parent_guid} (Sysmon) and
 * {@code process_time}/{@code parent_time} with {@code grandparent_*} (Defender, which records each parent's creation
 * time). Immutable; build custom schemas with {@link #builder(String)}, {@link #fromMap(Map)} or {@link #fromYaml}.
 */
public final class ProcSchema {
    /** Windows security event 4688 (process creation) as in Log Analytics / Sentinel {@code SecurityEvent}. */
    public static final ProcSchema WINDOWS_4688 = builder("windows-4688")
            .timeStamp("TimeGenerated").processName("NewProcessName").processId("NewProcessId").parentName("ParentProcessName")
            .parentId("ProcessId").logonId("SubjectLogonId").targetLogonId("TargetLogonId").cmdLine("CommandLine")
            .userName("SubjectUserName").userId("SubjectUserSid").hostName("Computer").eventId("EventID", "4688")
            .pathSeparator("\\").build();
    /** Sysmon event 1 (process create); parents are linked by ProcessGuid/ParentProcessGuid when the data has them. */
    public static final ProcSchema SYSMON = builder("sysmon")
            .timeStamp("UtcTime").processName("Image").processId("ProcessId").parentName("ParentImage").parentId("ParentProcessId")
            .logonId("LogonId").cmdLine("CommandLine").userName("User").hostName("Computer").eventId("EventID", "1")
            .processGuid("ProcessGuid").parentGuid("ParentProcessGuid").pathSeparator("\\").build();
    /**
     * Microsoft Defender / Sentinel {@code DeviceProcessEvents}: parents are identified exactly by name, id and
     * creation time (InitiatingProcess*), missing ones and their parents (InitiatingProcessParent*) are added.
     */
    public static final ProcSchema MDE = builder("mde")
            .timeStamp("Timestamp").processTime("ProcessCreationTime").processName("FileName").processId("ProcessId")
            .parentName("InitiatingProcessFileName").parentId("InitiatingProcessId").parentTime("InitiatingProcessCreationTime")
            .grandparentName("InitiatingProcessParentFileName").grandparentId("InitiatingProcessParentId")
            .grandparentTime("InitiatingProcessParentCreationTime").logonId("InitiatingProcessLogonId").targetLogonId("LogonId")
            .cmdLine("ProcessCommandLine").userName("AccountName").userId("AccountSid").hostName("DeviceName")
            .eventId("ActionType", "ProcessCreated").pathSeparator("\\").build();
    /** Defender's internal process schema (CreatedProcess* / InitiatingProcess* columns), as MSTICPy's MDE_INT_EVENT_SCH. */
    public static final ProcSchema MDE_INTERNAL = builder("mde-internal")
            .timeStamp("CreatedProcessCreationTime").processName("CreatedProcessName").processId("CreatedProcessId")
            .parentName("InitiatingProcessName").parentId("InitiatingProcessId").parentTime("InitiatingProcessCreationTime")
            .grandparentName("InitiatingProcessParentProcessName").grandparentId("InitiatingProcessParentProcessId")
            .grandparentTime("InitiatingProcessParentCreationTime").logonId("InitiatingProcessLogonId").targetLogonId("LogonId")
            .cmdLine("CreatedProcessCommandLine").userName("CreatedProcessAccountName").userId("CreatedProcessAccountSid")
            .hostName("ComputerDnsName").pathSeparator("\\").build();
    /** Linux auditd execve events as MSTICPy's auditd extraction lays them out (EventType SYSCALL_EXECVE). */
    public static final ProcSchema LINUX_AUDITD = builder("linux-auditd")
            .timeStamp("TimeGenerated").processName("exe").processId("pid").parentId("ppid").logonId("ses").cmdLine("cmdline")
            .userName("acct").userId("uid").hostName("Computer").eventId("EventType", "SYSCALL_EXECVE").pathSeparator("/").build();
    /**
     * osquery process rows (processes / process_events queries with the result log's calendarTime and
     * hostIdentifier). Rows whose {@code action} is {@code removed} (a differential result for an ended process) are
     * skipped. Unlike MSTICPy's OSQUERY_EVENT_SCH, {@code pcmdline} is not used as the parent's name: it is a command
     * line and never equals a process name, so name-checked linking would find no parent at all.
     */
    public static final ProcSchema OSQUERY = builder("osquery")
            .timeStamp("calendarTime").processName("name").processId("pid").parentId("parent").cmdLine("cmdline")
            .userName("username").userId("uid").hostName("hostIdentifier").excludeEvent("action", "removed").pathSeparator("/").build();

    /** The built-in schemas, in the order {@link #infer} prefers them on a tie. */
    public static final List<ProcSchema> BUILT_IN = List.of(WINDOWS_4688, LINUX_AUDITD, MDE_INTERNAL, MDE, SYSMON, OSQUERY);

    private static final List<String> FIELDS = List.of("process_name", "process_id", "parent_id", "time_stamp", "parent_name",
            "cmd_line", "user_name", "logon_id", "target_logon_id", "user_id", "host_name_column", "event_id_column",
            "event_id_identifier", "path_separator", "process_guid", "parent_guid", "process_time", "parent_time",
            "grandparent_name", "grandparent_id", "grandparent_time", "exclude_event_column", "exclude_event_value");

    private final String name;
    private final Map<String, String> f;

    private ProcSchema(String name, Map<String, String> fields) {
        this.name = name;
        this.f = Map.copyOf(fields);
    }

    /** A builder for a custom schema called {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name, new LinkedHashMap<>());
    }

    /** A builder starting from this schema's fields (to rename a column or two). */
    public Builder toBuilder(String newName) {
        return new Builder(newName, new LinkedHashMap<>(f));
    }

    /** A built-in schema by name: windows-4688 (also windows, 4688), sysmon, mde, mde-internal, linux-auditd (also linux, auditd), osquery. */
    public static ProcSchema named(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "windows-4688", "windows", "4688", "win", "win-4688" -> WINDOWS_4688;
            case "sysmon", "sysmon-1" -> SYSMON;
            case "mde", "defender", "deviceprocessevents" -> MDE;
            case "mde-internal", "mde-int" -> MDE_INTERNAL;
            case "linux-auditd", "linux", "auditd" -> LINUX_AUDITD;
            case "osquery" -> OSQUERY;
            default -> throw new IllegalArgumentException("unknown process schema '" + name
                    + "': use auto, windows-4688, sysmon, mde, mde-internal, linux-auditd, osquery or a YAML file");
        };
    }

    /**
     * A schema from a map of MSTICPy field names to column names. A {@code schema} (or {@code base}) entry names a
     * built-in schema to start from; the other entries override its fields.
     *
     * @throws IllegalArgumentException for an unknown field name
     */
    public static ProcSchema fromMap(Map<String, ?> map) {
        Object base = map.containsKey("schema") ? map.get("schema") : map.get("base");
        Builder b = base != null ? named(base.toString()).toBuilder("custom") : builder("custom");
        for (Map.Entry<String, ?> e : map.entrySet()) {
            String k = e.getKey().trim().toLowerCase(Locale.ROOT);
            if (k.equals("schema") || k.equals("base")) {
                continue;
            }
            if (k.equals("name")) {
                b.name = String.valueOf(e.getValue());
                continue;
            }
            if (k.equals("host_name")) {
                k = "host_name_column";
            }
            if (!FIELDS.contains(k)) {
                throw new IllegalArgumentException("unknown process schema field '" + e.getKey() + "'; known: " + FIELDS);
            }
            b.set(k, e.getValue() == null ? null : String.valueOf(e.getValue()));
        }
        return b.build();
    }

    /** A schema from a YAML (or JSON) mapping of field names to column names, as {@link #fromMap}. */
    public static ProcSchema fromYaml(Reader reader) {
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        if (!(doc instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("a process schema file must be a mapping of field names to column names");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        m.forEach((k, v) -> map.put(String.valueOf(k), v));
        return fromMap(map);
    }

    /** {@link #fromYaml(Reader)} from a file. */
    public static ProcSchema fromYaml(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return fromYaml(r);
        }
    }

    /**
     * The built-in schema whose columns best match {@code columns} (as MSTICPy's {@code infer_schema}: the most
     * columns in common, at least 4), preferring schemas whose required columns are all present; null when none fits.
     */
    public static ProcSchema infer(Collection<String> columns) {
        Set<String> cols = new HashSet<>(columns);
        ProcSchema best = null;
        int bestScore = -1;
        for (ProcSchema s : BUILT_IN) {
            int common = 0;
            for (String c : s.columns()) {
                if (cols.contains(c)) {
                    common++;
                }
            }
            if (common < 4) {
                continue;
            }
            int score = common + (s.missingRequired(cols).isEmpty() ? 1000 : 0);
            if (score > bestScore) {
                best = s;
                bestScore = score;
            }
        }
        return best;
    }

    /** The schema's name (e.g. windows-4688). */
    public String name() {
        return name;
    }

    /** The column names this schema refers to. */
    public List<String> columns() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : f.entrySet()) {
            String k = e.getKey();
            if (!k.equals("path_separator") && !k.equals("event_id_identifier") && !k.equals("exclude_event_value")) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    /** Field names (MSTICPy's) of required columns missing from {@code cols}, with the column expected. */
    List<String> missingRequired(Set<String> cols) {
        List<String> missing = new ArrayList<>();
        for (String field : List.of("time_stamp", "process_name", "process_id", "parent_id")) {
            String c = f.get(field);
            if (c == null) {
                missing.add(field + " (not set)");
            } else if (!cols.contains(c)) {
                missing.add(c + " (" + field + ")");
            }
        }
        return missing;
    }

    /** A field's column (MSTICPy field names, e.g. {@code process_id}), or null when not set. */
    public String field(String field) {
        return f.get(field);
    }

    /** The process creation time column. */
    public String timeStamp() {
        return f.get("time_stamp");
    }

    /** The process (image) name column. */
    public String processName() {
        return f.get("process_name");
    }

    /** The process id column. */
    public String processId() {
        return f.get("process_id");
    }

    /** The parent process id column. */
    public String parentId() {
        return f.get("parent_id");
    }

    /** The parent process name column, or null when the data has none (Linux). */
    public String parentName() {
        return f.get("parent_name");
    }

    /** The command line column, or null. */
    public String cmdLine() {
        return f.get("cmd_line");
    }

    /** The user name column, or null. */
    public String userName() {
        return f.get("user_name");
    }

    /** The logon id column, or null. */
    public String logonId() {
        return f.get("logon_id");
    }

    /** The host column, or null (one host). */
    public String hostName() {
        return f.get("host_name_column");
    }

    /** The path separator of process names ({@code \} or {@code /}). */
    public String pathSeparator() {
        return f.getOrDefault("path_separator", "\\");
    }

    /** Map of MSTICPy field names to columns (and the path separator and event id). */
    public Map<String, String> fields() {
        return f;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProcSchema s && s.name.equals(name) && s.f.equals(f);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, f);
    }

    @Override
    public String toString() {
        return name + f;
    }

    /** Builds a {@link ProcSchema}; every setter takes a column name (null to unset). */
    public static final class Builder {
        private String name;
        private final Map<String, String> f;

        private Builder(String name, Map<String, String> f) {
            this.name = Objects.requireNonNull(name, "name");
            this.f = f;
        }

        private Builder set(String field, String column) {
            if (column == null || column.isBlank()) {
                f.remove(field);
            } else {
                f.put(field, column.trim());
            }
            return this;
        }

        /** Process creation time (MSTICPy {@code time_stamp}). */
        public Builder timeStamp(String c) {
            return set("time_stamp", c);
        }

        /** Process name or image path. */
        public Builder processName(String c) {
            return set("process_name", c);
        }

        /** Process id (decimal or 0x-hex). */
        public Builder processId(String c) {
            return set("process_id", c);
        }

        /** Parent process id. */
        public Builder parentId(String c) {
            return set("parent_id", c);
        }

        /** Parent name: when set, a parent must also match by name (case-insensitive), as on Windows. */
        public Builder parentName(String c) {
            return set("parent_name", c);
        }

        /** Command line (for text output). */
        public Builder cmdLine(String c) {
            return set("cmd_line", c);
        }

        /** User name. */
        public Builder userName(String c) {
            return set("user_name", c);
        }

        /** User id / SID. */
        public Builder userId(String c) {
            return set("user_id", c);
        }

        /** Logon id. */
        public Builder logonId(String c) {
            return set("logon_id", c);
        }

        /** Target logon id. */
        public Builder targetLogonId(String c) {
            return set("target_logon_id", c);
        }

        /** Host: processes link only within one host. */
        public Builder hostName(String c) {
            return set("host_name_column", c);
        }

        /** Only rows whose {@code column} equals {@code value} are process events (when the column is present). */
        public Builder eventId(String column, String value) {
            set("event_id_column", column);
            return set("event_id_identifier", value);
        }

        /** Rows whose {@code column} equals {@code value} are skipped (when the column is present). */
        public Builder excludeEvent(String column, String value) {
            set("exclude_event_column", column);
            return set("exclude_event_value", value);
        }

        /** The path separator in process names. */
        public Builder pathSeparator(String sep) {
            return set("path_separator", sep);
        }

        /** A unique process id (Sysmon ProcessGuid): with {@link #parentGuid}, links parents exactly. */
        public Builder processGuid(String c) {
            return set("process_guid", c);
        }

        /** The parent's unique id (Sysmon ParentProcessGuid). */
        public Builder parentGuid(String c) {
            return set("parent_guid", c);
        }

        /** The process's own creation time when {@link #timeStamp} is the event time (optional). */
        public Builder processTime(String c) {
            return set("process_time", c);
        }

        /** The parent's creation time: with it, parents are identified exactly by name, id and creation time. */
        public Builder parentTime(String c) {
            return set("parent_time", c);
        }

        /** The grandparent's name or path (to add missing parents' parents). */
        public Builder grandparentName(String c) {
            return set("grandparent_name", c);
        }

        /** The grandparent's id. */
        public Builder grandparentId(String c) {
            return set("grandparent_id", c);
        }

        /** The grandparent's creation time. */
        public Builder grandparentTime(String c) {
            return set("grandparent_time", c);
        }

        /** The schema. */
        public ProcSchema build() {
            return new ProcSchema(name, f);
        }
    }
}
