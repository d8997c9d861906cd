package dev.hunt4j.visualization;

import dev.hunt4j.api.render.Renderer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * {@code code}: decoded scripts (PowerShell, Bash, cmd, Python, JavaScript, VBScript) syntax-highlighted with Prism,
 * the indicators found in them marked. The language comes from a column, an option, or is guessed from the text.
 * Indicators come from the {@code iocs} column the base64 analyzer adds ({@code {"dns":["evil.com"],...}} or a
 * comma list) and/or a second table named {@code iocs} with {@code IoCType, Observable, SourceIndex} (the output of
 * {@code ioc extract} over the same table). Marks are placed from Java as character ranges; the page builds them as
 * DOM nodes and Prism's keep-markup plugin keeps them through highlighting.
 */
@Extension
public final class CodeViewRendererFactory extends HtmlRendererFactory {
    static final List<String> LANGUAGES = List.of("auto", "powershell", "bash", "cmd", "python", "javascript", "vbscript", "none");
    private static final String[] CODE_COLUMNS = {"decoded_string", "full_decoded_string", "Script", "Code", "CommandLine",
        "ProcessCommandLine", "Content", "text"};
    /** Prism's language ids. */
    private static final Map<String, String> PRISM = Map.of("powershell", "powershell", "bash", "bash", "cmd", "batch", "python",
            "python", "javascript", "javascript", "vbscript", "visual-basic", "none", "none");
    private static final Map<String, Pattern> HINTS = new LinkedHashMap<>();

    static {
        HINTS.put("powershell", Pattern.compile("(?i)\\b(?:invoke-[a-z]+|new-object|iex|get-[a-z]+|set-[a-z]+|start-process|"
                + "frombase64string|downloadstring|downloadfile|net\\.webclient|powershell(?:\\.exe)?|-encodedcommand|-enc|"
                + "-nop|-w(?:indowstyle)? hidden|write-host|foreach-object|where-object)\\b|\\$env:|\\[system\\.[a-z.]+\\]"));
        HINTS.put("cmd", Pattern.compile("(?im)^\\s*@?echo off\\b|%[a-z_][a-z0-9_]*%|\\bcmd(?:\\.exe)?\\s+/[ckr]\\b|\\bset /[ap]\\b"
                + "|^\\s*rem\\b|\\bgoto\\s+:?\\w+|\\bcertutil\\b|\\bbitsadmin\\b|\\breg(?:\\.exe)? (?:add|query|delete)\\b|&&\\s*del\\b"));
        HINTS.put("bash", Pattern.compile("(?m)^#!\\S*\\b(?:ba|z|da)?sh\\b|\\b(?:wget|curl)\\b[^\\n|]*\\|\\s*(?:ba)?sh\\b|\\bchmod\\s+\\+?[0-7x]+"
                + "|\\bexport [A-Z_]+=|/bin/(?:ba)?sh\\b|\\$\\(|\\bnohup\\b|/dev/tcp/|\\bcrontab\\b|\\bfi\\b|\\bdone\\b|\\becho\\s+[^\\n]*>>?\\s*/"));
        HINTS.put("python", Pattern.compile("(?m)^#!\\S*python|^\\s*import [a-z_]+|^\\s*from [a-z_.]+ import\\b|\\bdef [a-z_]+\\(|"
                + "__import__|\\bpython[0-9.]* -c\\b|\\bsocket\\.socket\\(|\\bsubprocess\\.|\\bos\\.system\\("));
        HINTS.put("javascript", Pattern.compile("\\bfunction\\s*[A-Za-z_$]*\\s*\\(|\\bvar [A-Za-z_$][\\w$]*\\s*=|\\b(?:let|const) [A-Za-z_$]"
                + "|new ActiveXObject\\(|\\beval\\(|\\bString\\.fromCharCode\\(|=>|\\bdocument\\.|\\.prototype\\."));
        HINTS.put("vbscript", Pattern.compile("(?im)\\bcreateobject\\(|^\\s*dim\\s|^\\s*set\\s+\\w+\\s*=|\\bend\\s+(?:sub|function|if)\\b"
                + "|\\bwscript\\.(?:echo|shell|createobject|sleep)\\b|\\bmsgbox\\b|^\\s*on error resume next"));
    }

    /** Creates the factory (PF4J and direct use). */
    public CodeViewRendererFactory() {
        super(described(
            "code_column", "the script text (default: the first of decoded_string, full_decoded_string, Script, Code, CommandLine)",
            "language", "auto (default: guessed per script), powershell, bash, cmd, python, javascript, vbscript or none",
            "language_column", "a column naming each script's language (overrides 'language' where set)",
            "title_column", "a column naming each script, e.g. reference or Computer (default: the row number)",
            "iocs_column", "indicators per row: JSON {type: [values]} or a comma list (default: iocs, when present)",
            "max_scripts", "show at most this many scripts (default 500)"));
    }

    @Override
    public String name() {
        return "code";
    }

    @Override
    public String description() {
        return "Decoded scripts syntax-highlighted (PowerShell, Bash, cmd, Python, JavaScript, VBScript) with indicators marked.";
    }

    @Override
    Renderer create(Options o) {
        String language = o.choice("language", "auto", LANGUAGES);
        int max = o.integer("max_scripts", 500, 1, 100_000);
        String title = o.get("title", "Decoded scripts");
        return (tables, out) -> {
            List<Table> all = Table.readAll(name(), tables);
            Table scripts = null;
            Table iocs = null;
            for (Table t : all) {
                if (t.name.equalsIgnoreCase("iocs") && iocs == null && all.size() > 1) {
                    iocs = t;
                } else if (scripts == null) {
                    scripts = t;
                }
            }
            page(title, o, scripts, iocs, language, max).write(out);
        };
    }

    /** The language of {@code code} by the hints it contains: the id of {@link #LANGUAGES}, {@code none} when nothing fits. */
    static String guess(String code) {
        String best = "none";
        int bestScore = 0;
        for (Map.Entry<String, Pattern> e : HINTS.entrySet()) {
            Matcher m = e.getValue().matcher(code.length() > 20_000 ? code.substring(0, 20_000) : code);
            int score = 0;
            while (m.find() && score < 50) {
                score++;
            }
            if (score > bestScore) {
                bestScore = score;
                best = e.getKey();
            }
        }
        return best;
    }

    /** A user's language name (ps1, sh, bat, vbs, js, ...) as one of {@link #LANGUAGES}, or null. */
    static String normalizeLanguage(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "powershell", "ps", "ps1", "pwsh", "posh" -> "powershell";
            case "bash", "sh", "shell", "zsh", "linux_shell" -> "bash";
            case "cmd", "batch", "bat", "dos", "windows_shell" -> "cmd";
            case "python", "py", "python3" -> "python";
            case "javascript", "js", "jscript", "node" -> "javascript";
            case "vbscript", "vbs", "vb", "vba", "visual-basic" -> "vbscript";
            case "none", "text", "plain" -> "none";
            default -> null;
        };
    }

    /**
     * Where the indicators occur in {@code code}: sorted, non-overlapping {@code [start, end, typeIndex]} ranges
     * (case-insensitive; at an overlap the earlier, then longer, indicator wins).
     */
    static List<int[]> marks(String code, Map<String, Set<String>> iocs, List<String> types) {
        List<int[]> found = new ArrayList<>();
        String lower = code.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, Set<String>> e : iocs.entrySet()) {
            int type = types.indexOf(e.getKey());
            for (String v : e.getValue()) {
                if (v == null || v.length() < 3) {
                    continue;
                }
                String needle = v.toLowerCase(Locale.ROOT);
                if (needle.length() != v.length()) {
                    continue; // a case mapping changed the length: positions would not line up
                }
                for (int at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length())) {
                    found.add(new int[] {at, at + needle.length(), type});
                }
            }
        }
        found.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(b[1], a[1]));
        List<int[]> out = new ArrayList<>();
        int end = -1;
        for (int[] m : found) {
            if (m[0] >= end) {
                out.add(m);
                end = m[1];
            }
        }
        return out;
    }

    /** Indicators from a cell: JSON {@code {type: [values]}}, a JSON list, or a comma list (type "ioc"). */
    static Map<String, Set<String>> parseIocCell(String cell) {
        Map<String, Set<String>> out = new TreeMap<>();
        if (cell == null || cell.isBlank()) {
            return out;
        }
        String s = cell.trim();
        if (s.startsWith("{") || s.startsWith("[")) {
            try {
                Object v = Json.parse(s);
                if (v instanceof Map<?, ?> m) {
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        Set<String> values = out.computeIfAbsent(String.valueOf(e.getKey()), k -> new LinkedHashSet<>());
                        if (e.getValue() instanceof List<?> l) {
                            l.forEach(x -> values.add(String.valueOf(x)));
                        } else if (e.getValue() != null) {
                            values.add(String.valueOf(e.getValue()));
                        }
                    }
                    return out;
                }
                if (v instanceof List<?> l) {
                    Set<String> values = out.computeIfAbsent("ioc", k -> new LinkedHashSet<>());
                    l.forEach(x -> values.add(String.valueOf(x)));
                    return out;
                }
            } catch (IllegalArgumentException e) {
                // not JSON after all: read it as a list
            }
        }
        Set<String> values = out.computeIfAbsent("ioc", k -> new LinkedHashSet<>());
        for (String part : s.split(",")) {
            if (!part.isBlank()) {
                values.add(part.trim());
            }
        }
        return out;
    }

    private HtmlPage page(String title, Options o, Table t, Table iocTable, String language, int max) {
        int codeIdx = o.has("code_column") ? t.require(name(), "code_column", o.get("code_column")) : t.findAny(CODE_COLUMNS);
        if (codeIdx < 0) {
            t.require(name(), "code_column", CODE_COLUMNS[0]);
        }
        int langIdx = o.has("language_column") ? t.require(name(), "language_column", o.get("language_column")) : t.find("Language");
        int titleIdx = t.optional(name(), "title_column", o.get("title_column"));
        int iocIdx = o.has("iocs_column") ? t.require(name(), "iocs_column", o.get("iocs_column")) : t.find("iocs");

        // indicators from the second table, by source row
        Map<Integer, Map<String, Set<String>>> fromTable = new LinkedHashMap<>();
        if (iocTable != null) {
            int type = iocTable.require(name(), "iocs table", "IoCType");
            int obs = iocTable.require(name(), "iocs table", "Observable");
            int src = iocTable.require(name(), "iocs table", "SourceIndex");
            for (Object[] row : iocTable.rows) {
                Double s = Table.number(row, src);
                String v = Table.text(row, obs);
                if (s == null || v == null) {
                    continue;
                }
                String ty = Table.text(row, type);
                fromTable.computeIfAbsent(s.intValue(), k -> new TreeMap<>())
                        .computeIfAbsent(ty == null ? "ioc" : ty, k -> new LinkedHashSet<>()).add(v);
            }
        }

        List<String> types = new ArrayList<>();
        List<Map<String, Object>> scripts = new ArrayList<>();
        int totalMarks = 0;
        int skipped = 0;
        for (int r = 0; r < t.rows.size(); r++) {
            Object[] row = t.rows.get(r);
            String code = Table.text(row, codeIdx);
            if (code == null || code.isBlank()) {
                continue;
            }
            if (scripts.size() >= max) {
                skipped++;
                continue;
            }
            String lang = normalizeLanguage(Table.text(row, langIdx));
            if (lang == null) {
                lang = language.equals("auto") ? guess(code) : language;
            }
            Map<String, Set<String>> iocs = new TreeMap<>(parseIocCell(Table.text(row, iocIdx)));
            fromTable.getOrDefault(r, Map.of()).forEach((k, v) -> iocs.computeIfAbsent(k, x -> new LinkedHashSet<>()).addAll(v));
            for (String ty : iocs.keySet()) {
                if (!types.contains(ty)) {
                    types.add(ty);
                }
            }
            List<int[]> marks = marks(code, iocs, types);
            totalMarks += marks.size();
            Map<String, Object> s = new LinkedHashMap<>();
            String name = Table.text(row, titleIdx);
            s.put("title", name == null ? "row " + r : name);
            s.put("row", r);
            s.put("lang", lang);
            s.put("prism", PRISM.get(lang));
            s.put("code", code);
            s.put("marks", marks);
            s.put("iocs", iocs);
            scripts.add(s);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("scripts", scripts);
        d.put("types", types);
        d.put("column", t.columnName(codeIdx));
        String sub = String.format("%,d scripts from column %s · %,d indicator occurrences marked", scripts.size(), t.columnName(codeIdx),
                totalMarks);
        if (skipped > 0) {
            sub += String.format(" · %,d more not shown (option max_scripts)", skipped);
        }
        return new HtmlPage(title).subtitle(sub).use(Library.PRISM).style("code.css").script("code.js").data(d);
    }
}
