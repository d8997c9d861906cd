package dev.hunt4j.ti.localfeed;

import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.IocType;
import dev.hunt4j.api.Severity;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A CSV (or TSV) IoC list with a header row. The indicator column is found by name ({@code Ioc}, {@code Observable},
 * {@code Indicator}, {@code Value}, or the {@code ioc_column} setting); {@code IocType}/{@code Type},
 * {@code Severity}, {@code Source}, {@code Description}, {@code Reference} are used when present, and every other
 * column goes into the details ({@code FirstSeen}, tags, ...).
 */
final class CsvFeed {
    private static final List<String> IOC = List.of("ioc", "observable", "indicator", "value", "ioc_value", "iocvalue");
    private static final List<String> TYPE = List.of("ioctype", "ioc_type", "type", "indicator_type");
    private static final List<String> SEVERITY = List.of("severity", "risk", "threat_level");
    private static final List<String> SOURCE = List.of("source", "provider", "feed", "reporter");
    private static final List<String> DESCRIPTION = List.of("description", "details", "comment", "threat", "reason");
    private static final List<String> REFERENCE = List.of("reference", "ref", "link", "report");

    private CsvFeed() {
    }

    static void read(BufferedReader in, String file, char separator, LocalFeedSettings settings, Consumer<FeedEntry> sink)
            throws IOException {
        CsvLines lines = new CsvLines(in, file, separator);
        List<String> header = lines.next();
        if (header == null) {
            return;
        }
        if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
            header.set(0, header.get(0).substring(1));
        }
        int ioc = settings.iocColumn() != null ? column(header, List.of(settings.iocColumn().toLowerCase(Locale.ROOT)))
                : column(header, IOC);
        if (ioc < 0) {
            throw new ConfigurationException("IoC feed " + file + " has no indicator column: its columns are "
                    + String.join(", ", header) + "; name one with the setting '" + settings.keyPath() + ".ioc_column'");
        }
        int type = column(header, TYPE);
        int severity = column(header, SEVERITY);
        int source = column(header, SOURCE);
        int description = column(header, DESCRIPTION);
        int reference = column(header, REFERENCE);
        for (List<String> row = lines.next(); row != null; row = lines.next()) {
            String raw = get(row, ioc);
            if (raw == null || raw.isBlank()) {
                continue;
            }
            String value = Values.refang(raw);
            IocType t = null;
            String typeText = get(row, type);
            if (typeText != null && !typeText.isBlank()) {
                try {
                    t = IocType.parse(typeText);
                } catch (IllegalArgumentException notOurs) {
                    t = null;
                }
            }
            if (t == null) {
                t = Values.infer(value);
            }
            Map<String, Object> extra = new LinkedHashMap<>();
            for (int i = 0; i < header.size() && i < row.size(); i++) {
                if (i != ioc && i != type && i != severity && i != source && i != description && i != reference
                        && row.get(i) != null && !row.get(i).isEmpty() && !header.get(i).isBlank()) {
                    extra.put(header.get(i), row.get(i));
                }
            }
            Severity sev = Values.severity(get(row, severity), settings.defaultSeverity());
            sink.accept(new FeedEntry(value, t, sev, get(row, source), get(row, description), get(row, reference),
                    file + ":" + lines.line(), extra));
        }
    }

    private static int column(List<String> header, List<String> names) {
        for (String n : names) {
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).strip().toLowerCase(Locale.ROOT).equals(n)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static String get(List<String> row, int i) {
        if (i < 0 || i >= row.size()) {
            return null;
        }
        String v = row.get(i);
        return v == null || v.isEmpty() ? null : v;
    }

    /** RFC 4180 records: quoted fields may hold separators, doubled quotes and line breaks. */
    private static final class CsvLines {
        private final BufferedReader in;
        private final String file;
        private final char sep;
        private int line;
        private int recordLine;

        CsvLines(BufferedReader in, String file, char sep) {
            this.in = in;
            this.file = file;
            this.sep = sep;
        }

        int line() {
            return recordLine;
        }

        List<String> next() throws IOException {
            String text;
            do {
                text = in.readLine();
                line++;
                if (text == null) {
                    return null;
                }
            } while (text.isBlank());
            recordLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder f = new StringBuilder();
            boolean quoted = false;
            int i = 0;
            while (true) {
                if (i >= text.length()) {
                    if (quoted) {
                        String more = in.readLine();
                        line++;
                        if (more == null) {
                            throw new ConfigurationException("IoC feed " + file + " line " + recordLine + ": a quoted field is never closed");
                        }
                        f.append('\n');
                        text = more;
                        i = 0;
                        continue;
                    }
                    fields.add(f.toString());
                    return fields;
                }
                char c = text.charAt(i++);
                if (quoted) {
                    if (c == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            f.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        f.append(c);
                    }
                } else if (c == '"' && f.length() == 0) {
                    quoted = true;
                } else if (c == sep) {
                    fields.add(f.toString());
                    f.setLength(0);
                } else {
                    f.append(c);
                }
            }
        }
    }
}
