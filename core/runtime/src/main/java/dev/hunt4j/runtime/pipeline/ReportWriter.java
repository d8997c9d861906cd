package dev.hunt4j.runtime.pipeline;

import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes an investigation as one self-contained HTML file an analyst can hand over: no network, no external file.
 * <ol>
 *   <li>a summary: what ran (investigation, parameters, time range), counts, the findings worst first with their key
 *       rows, every step with its status, rows and time, and the problems;</li>
 *   <li>a section per step: what it ran (provider, query and its text, analyzer, renderer options), its table
 *       (the first rows, sortable by clicking a column head) with the full table as a CSV download embedded in the
 *       file, or its view (a renderer's page in a sandboxed frame).</li>
 * </ol>
 * Every value from the data is HTML-escaped; the only script is the report's own table sorter, and renderer pages run
 * in {@code sandbox="allow-scripts"} frames without access to the report. With {@link Builder#masking} every table,
 * view and parameter value is masked and query texts are left out, for sharing.
 */
public final class ReportWriter {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final int MAX_CELL = 300;

    private final int rows;
    private final long csvLimit;
    private final ReportMasking masking;
    private final String generator;

    private ReportWriter(Builder b) {
        this.rows = b.rows;
        this.csvLimit = b.csvLimit;
        this.masking = b.masking;
        this.generator = b.generator;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Writes the report to a file (atomically: a reader never sees half a report). */
    public void write(InvestigationResult result, Path file) {
        String html = html(result);
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            // a sibling written with the default permissions (createTempFile would make the report owner-only)
            Path tmp = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            Files.writeString(tmp, html, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + file + ": " + e.getMessage(), e);
        }
    }

    /** The report as HTML text. */
    public String html(InvestigationResult r) {
        Pipeline p = r.pipeline();
        Map<String, Object> shownParams = shownParameters(r);
        Function<String, Object> lookup = shownParams::get;
        String title = Substitution.text(p.title(), lookup);
        StringBuilder h = new StringBuilder(1 << 20);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"generator\" content=\"").append(esc(generator)).append("\">")
                .append("<title>").append(esc(title)).append(" - hunt4j report</title><style>").append(CSS).append("</style></head><body>\n");
        h.append("<header><h1>").append(esc(title)).append("</h1><p class=\"sub\">Investigation <code>").append(esc(p.name()))
                .append("</code> &middot; started ").append(esc(WHEN.format(r.started()))).append(" &middot; took ")
                .append(esc(duration(r.elapsed()))).append(" &middot; ").append(esc(generator)).append("</p>");
        if (masking != null) {
            h.append("<p class=\"masked\">Masked for sharing: names, accounts, addresses and other identifying values are "
                    + "replaced by consistent pseudonyms; query texts are left out.</p>");
        }
        if (r.failed()) {
            h.append("<p class=\"failed\">The investigation stopped early: a step failed (see Problems).</p>");
        }
        h.append("</header>\n<nav><a href=\"#summary\">Summary</a>");
        for (StepResult s : r.steps()) {
            if (shown(s)) {
                h.append(" <a href=\"#").append(anchor(s)).append("\">").append(esc(title(s, lookup))).append("</a>");
            }
        }
        h.append("</nav>\n<main>\n");
        summary(h, r, shownParams, lookup);
        for (StepResult s : r.steps()) {
            if (shown(s)) {
                section(h, s, lookup);
            }
        }
        h.append("</main>\n<footer>Generated by ").append(esc(generator)).append(" from <code>").append(esc(fileName(p.origin())))
                .append("</code>. Tables show their first ").append(rows).append(" rows; the CSV links hold every row.</footer>\n");
        h.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
        return h.toString();
    }

    private static String fileName(String origin) {
        String o = origin.replace('\\', '/');
        return o.substring(o.lastIndexOf('/') + 1);
    }

    /** Parameter values as the report shows them: text values masked in a masked report. */
    private Map<String, Object> shownParameters(InvestigationResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : r.parameters().values().entrySet()) {
            Object v = e.getValue();
            ParameterSpec spec = r.pipeline().parameter(e.getKey()).orElse(null);
            boolean text = spec == null || spec.type() == ParameterSpec.Type.STR || spec.type() == ParameterSpec.Type.LIST;
            if (masking != null && text && v != null) {
                if (v instanceof List<?> l) {
                    v = l.stream().map(x -> masking.value(ParameterSpec.text(x))).toList();
                } else {
                    v = masking.value(ParameterSpec.text(v));
                }
            }
            out.put(e.getKey(), v);
        }
        return out;
    }

    private static boolean shown(StepResult s) {
        return s.spec().report() || s.status() == StepResult.Status.FAILED || s.status() == StepResult.Status.WARNING;
    }

    private String title(StepResult s, Function<String, Object> lookup) {
        return masking == null ? s.title() : Substitution.text(s.spec().title(), lookup);
    }

    private static String anchor(StepResult s) {
        return "step-" + s.spec().index();
    }

    private DataTable table(DataTable t) {
        return masking == null || t == null ? t : masking.table(t);
    }

    // ---- summary

    private void summary(StringBuilder h, InvestigationResult r, Map<String, Object> params, Function<String, Object> lookup) {
        Pipeline p = r.pipeline();
        h.append("<section id=\"summary\"><h2>Summary</h2>");
        if (!p.description().isEmpty()) {
            h.append("<p class=\"desc\">").append(esc(p.description())).append("</p>");
        }
        long ran = r.steps().stream().filter(s -> s.status() == StepResult.Status.OK).count();
        long skipped = r.steps().stream().filter(s -> s.status() == StepResult.Status.SKIPPED).count();
        long failed = r.steps().stream().filter(s -> s.status() == StepResult.Status.FAILED || s.status() == StepResult.Status.WARNING).count();
        long totalRows = r.steps().stream().filter(s -> s.table() != null).mapToLong(StepResult::rows).sum();
        List<Finding> findings = r.findings();
        h.append("<dl class=\"facts\">");
        fact(h, "Time range", TimeRanges.format(r.timeRange()));
        fact(h, "Steps", r.steps().size() + " (" + ran + " ran, " + skipped + " skipped, " + failed + " failed)");
        fact(h, "Rows", String.format(Locale.ROOT, "%,d in %d tables", totalRows, r.steps().stream().filter(s -> s.table() != null).count()));
        fact(h, "Findings", findings.isEmpty() ? "none" : findings.size() + " (worst: " + findings.get(0).severity().id() + ")");
        fact(h, "Run", WHEN.format(r.started()) + ", " + duration(r.elapsed()));
        h.append("</dl>");
        if (!params.isEmpty()) {
            h.append("<h3>Parameters</h3><table class=\"kv\"><tbody>");
            for (Map.Entry<String, Object> e : params.entrySet()) {
                ResolvedParameters.Source src = r.parameters().source(e.getKey());
                h.append("<tr><th>").append(esc(e.getKey())).append("</th><td>").append(esc(ParameterSpec.text(e.getValue())))
                        .append("</td><td class=\"src\">").append(src == null ? "" : esc(src.name().toLowerCase(Locale.ROOT))).append("</td></tr>");
            }
            h.append("</tbody></table>");
        }
        h.append("<h3>Findings</h3>");
        if (findings.isEmpty()) {
            h.append("<p>No findings.</p>");
        }
        for (Finding f : findings) {
            String title = masking == null ? f.title() : Substitution.text(f.titleTemplate(), lookup);
            StepResult s = r.step(f.stepId()).orElse(null);
            h.append("<div class=\"finding sev-").append(f.severity().id()).append("\"><p><span class=\"badge sev-")
                    .append(f.severity().id()).append("\">").append(esc(f.severity().id())).append("</span> ");
            if (s != null && shown(s)) {
                h.append("<a href=\"#").append(anchor(s)).append("\">").append(esc(title)).append("</a>");
            } else {
                h.append(esc(title));
            }
            h.append(" <span class=\"count\">").append(f.totalRows()).append(f.totalRows() == 1 ? " row" : " rows").append("</span></p>");
            htmlTable(h, table(f.rows()), Integer.MAX_VALUE, false);
            h.append("</div>");
        }
        h.append("<h3>Steps</h3><table class=\"data steps\"><thead><tr><th>#</th><th>Step</th><th>Type</th><th>Status</th>"
                + "<th>Rows</th><th>Time</th><th>Note</th></tr></thead><tbody>");
        for (StepResult s : r.steps()) {
            h.append("<tr><td>").append(s.spec().index()).append("</td><td>");
            if (shown(s)) {
                h.append("<a href=\"#").append(anchor(s)).append("\">").append(esc(title(s, lookup))).append("</a>");
            } else {
                h.append(esc(title(s, lookup)));
            }
            h.append("</td><td>").append(esc(s.spec().type().id())).append("</td><td class=\"st-")
                    .append(s.status().name().toLowerCase(Locale.ROOT)).append("\">").append(esc(statusText(s))).append("</td><td class=\"num\">")
                    .append(s.table() == null ? "" : String.format(Locale.ROOT, "%,d", s.rows())).append("</td><td class=\"num\">")
                    .append(s.status() == StepResult.Status.NOT_RUN ? "" : esc(duration(s.elapsed()))).append("</td><td>")
                    .append(esc(s.message() == null ? "" : shorten(s.message(), 160))).append("</td></tr>");
        }
        h.append("</tbody></table>");
        List<String> problems = new java.util.ArrayList<>();
        for (StepResult s : r.steps()) {
            if (s.status() == StepResult.Status.FAILED || s.status() == StepResult.Status.WARNING) {
                problems.add("Step " + s.spec().index() + " (" + s.spec().id() + ") failed: " + s.message());
            }
            s.warnings().forEach(w -> problems.add("Step " + s.spec().index() + " (" + s.spec().id() + "): " + w));
        }
        if (!problems.isEmpty()) {
            h.append("<h3>Problems</h3><ul class=\"problems\">");
            problems.forEach(x -> h.append("<li>").append(esc(x)).append("</li>"));
            h.append("</ul>");
        }
        h.append("</section>\n");
    }

    private static String statusText(StepResult s) {
        return switch (s.status()) {
            case OK -> "ok";
            case SKIPPED -> "skipped";
            case WARNING -> "failed (warn)";
            case FAILED -> "failed";
            case NOT_RUN -> "not run";
        };
    }

    private static void fact(StringBuilder h, String k, String v) {
        h.append("<div><dt>").append(esc(k)).append("</dt><dd>").append(esc(v)).append("</dd></div>");
    }

    // ---- step sections

    private void section(StringBuilder h, StepResult s, Function<String, Object> lookup) {
        StepSpec spec = s.spec();
        h.append("<section class=\"step\" id=\"").append(anchor(s)).append("\"><h2>").append(spec.index()).append(". ")
                .append(esc(title(s, lookup))).append("</h2><p class=\"meta\"><span class=\"type\">").append(esc(spec.type().id()))
                .append("</span> <span class=\"st-").append(s.status().name().toLowerCase(Locale.ROOT)).append("\">")
                .append(esc(statusText(s))).append("</span>");
        if (s.table() != null) {
            h.append(" &middot; ").append(String.format(Locale.ROOT, "%,d", s.rows())).append(s.rows() == 1 ? " row" : " rows");
        }
        if (s.status() != StepResult.Status.NOT_RUN) {
            h.append(" &middot; ").append(esc(duration(s.elapsed())));
        }
        if (!spec.inputs().isEmpty()) {
            h.append(" &middot; from ").append(esc(String.join(", ", spec.inputTables())));
        }
        if (spec.output() != null) {
            h.append(" &middot; output <code>").append(esc(spec.output())).append("</code>");
        }
        h.append("</p>");
        if (!spec.description().isEmpty()) {
            String d = Substitution.text(spec.description(), lookup);
            h.append("<p class=\"desc\">").append(esc(d)).append("</p>");
        }
        if (s.message() != null) {
            h.append("<p class=\"note st-").append(s.status().name().toLowerCase(Locale.ROOT)).append("\">").append(esc(s.message())).append("</p>");
        }
        s.warnings().forEach(w -> h.append("<p class=\"note st-warning\">").append(esc(w)).append("</p>"));
        Map<String, String> details = new LinkedHashMap<>(s.details());
        String queryText = details.remove("Query text");
        if (!details.isEmpty()) {
            h.append("<dl class=\"details\">");
            details.forEach((k, v) -> fact(h, k, v));
            h.append("</dl>");
        }
        if (queryText != null) {
            if (masking == null) {
                h.append("<details><summary>Query text</summary><pre>").append(esc(queryText)).append("</pre></details>");
            } else {
                h.append("<p class=\"note\">Query text left out of the masked report.</p>");
            }
        }
        if (s.view() != null) {
            view(h, s, lookup);
        }
        if (s.table() != null) {
            DataTable t = table(s.table());
            int n = spec.rows() != null ? spec.rows() : rows;
            if (t.size() == 0) {
                h.append("<p class=\"empty\">No rows.</p>");
            } else {
                htmlTable(h, t, n, true);
                h.append("<p class=\"more\">");
                if (t.size() > n) {
                    h.append("Showing ").append(n).append(" of ").append(String.format(Locale.ROOT, "%,d", t.size())).append(" rows. ");
                }
                csvLink(h, t, spec.output());
                h.append("</p>");
            }
        }
        h.append("</section>\n");
    }

    private void view(StringBuilder h, StepResult s, Function<String, Object> lookup) {
        RenderJob job = s.view();
        byte[] out;
        try {
            out = masking == null ? job.render() : job.render(this::table);
        } catch (RuntimeException e) {
            h.append("<p class=\"note st-warning\">The ").append(esc(job.renderer())).append(" view could not be drawn: ")
                    .append(esc(e.getMessage() == null ? e.toString() : e.getMessage())).append("</p>");
            return;
        }
        String type = job.mediaType().toLowerCase(Locale.ROOT);
        if (type.startsWith("text/html")) {
            h.append("<iframe class=\"view\" sandbox=\"allow-scripts allow-downloads\" height=\"").append(job.height())
                    .append("\" title=\"").append(esc(title(s, lookup))).append("\" srcdoc=\"")
                    .append(esc(new String(out, StandardCharsets.UTF_8))).append("\"></iframe>");
        } else if (type.startsWith("image/")) {
            h.append("<img class=\"view\" alt=\"").append(esc(title(s, lookup))).append("\" src=\"data:").append(esc(type))
                    .append(";base64,").append(Base64.getEncoder().encodeToString(out)).append("\">");
        } else {
            h.append("<pre class=\"view\">").append(esc(new String(out, StandardCharsets.UTF_8))).append("</pre>");
        }
    }

    private void csvLink(StringBuilder h, DataTable t, String name) {
        String csv = t.toCsv();
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        String note = "";
        if (bytes.length > csvLimit) {
            // keep whole lines up to the limit
            int cut = csv.lastIndexOf('\n', (int) Math.min(csv.length() - 1, csvLimit));
            csv = csv.substring(0, Math.max(0, cut + 1));
            bytes = csv.getBytes(StandardCharsets.UTF_8);
            note = " (cut to " + size(bytes.length) + " of " + size(t.toCsv().length()) + ")";
        }
        h.append("<a class=\"csv\" download=\"").append(esc(name == null ? "table" : name)).append(".csv\" href=\"data:text/csv;charset=utf-8;base64,")
                .append(Base64.getEncoder().encodeToString(bytes)).append("\">Download all ")
                .append(String.format(Locale.ROOT, "%,d", t.size())).append(" rows as CSV</a> (").append(size(bytes.length)).append(")")
                .append(esc(note));
    }

    private static void htmlTable(StringBuilder h, DataTable t, int max, boolean sortable) {
        h.append("<div class=\"scroll\"><table class=\"data").append(sortable ? " sortable" : "").append("\"><thead><tr>");
        for (Column c : t.columns()) {
            h.append("<th").append(numeric(c) ? " class=\"num\"" : "").append(">").append(esc(c.name())).append("</th>");
        }
        h.append("</tr></thead><tbody>");
        int n = 0;
        for (Object[] row : t.rows()) {
            if (n++ >= max) {
                break;
            }
            h.append("<tr>");
            for (int i = 0; i < row.length; i++) {
                String v = DataTable.text(row[i]);
                boolean num = numeric(t.columns().get(i));
                h.append(num ? "<td class=\"num\">" : "<td>");
                if (v.length() > MAX_CELL) {
                    h.append("<span title=\"").append(esc(v)).append("\">").append(esc(v.substring(0, MAX_CELL))).append("&hellip;</span>");
                } else {
                    h.append(esc(v));
                }
                h.append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</tbody></table></div>");
    }

    private static boolean numeric(Column c) {
        return c.type() == ColumnType.LONG || c.type() == ColumnType.DOUBLE;
    }

    // ---- text helpers

    /** Escapes text for HTML element content and quoted attribute values. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (r != null || (c < 0x20 && c != '\n' && c != '\t' && c != '\r')) {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                sb.append(r != null ? r : "\uFFFD"); // control characters are not allowed in HTML text
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    static String duration(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static String size(long bytes) {
        return bytes < 1024 ? bytes + " B" : bytes < 1 << 20 ? (bytes >> 10) + " KB" : String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    /** Builds a {@link ReportWriter}. */
    public static final class Builder {
        private int rows = 200;
        private long csvLimit = 16L << 20;
        private ReportMasking masking;
        private String generator = "hunt4j";

        private Builder() {
        }

        /** Rows shown per table (default 200; the CSV download has all). */
        public Builder rows(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("rows must be at least 1, got " + value);
            }
            this.rows = value;
            return this;
        }

        /** The most CSV bytes embedded per table (default 16 MB). */
        public Builder csvLimit(long bytes) {
            this.csvLimit = bytes;
            return this;
        }

        /** Masks every table, view and parameter value (null: no masking). */
        public Builder masking(ReportMasking value) {
            this.masking = value;
            return this;
        }

        /** The "generated by" text, e.g. {@code hunt4j 0.1.0}. */
        public Builder generator(String value) {
            this.generator = value;
            return this;
        }

        public ReportWriter build() {
            return new ReportWriter(this);
        }
    }

    private static final String CSS = """
            :root{--fg:#1d232b;--muted:#5b6673;--line:#d9dee5;--bg:#fff;--alt:#f6f8fa;--high:#b42318;--warning:#b54708;\
            --information:#175cd3;--unknown:#667085}
            *{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
            header{padding:20px 28px 12px;border-bottom:1px solid var(--line)}h1{margin:0 0 4px;font-size:24px}
            .sub{margin:0;color:var(--muted)}.masked{background:#ecfdf3;border:1px solid #abefc6;padding:6px 10px;border-radius:6px}
            .failed{background:#fef3f2;border:1px solid #fecdca;padding:6px 10px;border-radius:6px}
            nav{position:sticky;top:0;z-index:2;background:var(--bg);border-bottom:1px solid var(--line);padding:6px 28px;overflow-x:auto;white-space:nowrap}
            nav a{margin-right:14px;color:var(--information);text-decoration:none;font-size:13px}main{padding:8px 28px 40px;max-width:1600px}
            section{margin:18px 0 30px}h2{font-size:19px;margin:10px 0 6px;border-bottom:1px solid var(--line);padding-bottom:4px}
            h3{font-size:15px;margin:18px 0 6px}.desc{max-width:900px;white-space:pre-line}
            dl.facts,dl.details{display:flex;flex-wrap:wrap;gap:6px 28px;margin:8px 0}dl div{min-width:120px}dt{color:var(--muted);font-size:12px}dd{margin:0}
            table{border-collapse:collapse}table.kv th{text-align:left;padding:2px 14px 2px 0;font-weight:600}table.kv td{padding:2px 10px 2px 0}
            td.src{color:var(--muted);font-size:12px}.scroll{overflow-x:auto;max-width:100%}
            table.data{font-size:12.5px;margin:4px 0}table.data th,table.data td{border:1px solid var(--line);padding:3px 7px;vertical-align:top;text-align:left}
            table.data td{max-width:560px;overflow-wrap:anywhere}table.data thead th{background:var(--alt);position:sticky;top:0}
            table.sortable thead th{cursor:pointer;user-select:none}table.sortable thead th[aria-sort=ascending]::after{content:" \\25B2"}
            table.sortable thead th[aria-sort=descending]::after{content:" \\25BC"}table.data tbody tr:nth-child(even){background:#fbfcfd}
            .num{text-align:right;font-variant-numeric:tabular-nums}
            .finding{border-left:4px solid var(--unknown);padding:4px 12px;margin:10px 0;background:var(--alt);border-radius:0 6px 6px 0}
            .finding p{margin:4px 0}.finding.sev-high{border-color:var(--high)}.finding.sev-warning{border-color:var(--warning)}
            .finding.sev-information{border-color:var(--information)}.badge{display:inline-block;padding:0 7px;border-radius:9px;color:#fff;
            font-size:12px;font-weight:600;background:var(--unknown)}.badge.sev-high{background:var(--high)}.badge.sev-warning{background:var(--warning)}
            .badge.sev-information{background:var(--information)}.count{color:var(--muted);font-size:12px}
            .meta{color:var(--muted);margin:0 0 6px}.type{font-weight:600}.st-ok{color:#067647}.st-skipped,.st-not_run{color:var(--muted)}
            .st-warning{color:var(--warning)}.st-failed{color:var(--high)}.note{margin:6px 0}pre{background:var(--alt);padding:8px;overflow-x:auto;
            white-space:pre-wrap;word-break:break-all;font-size:12px}iframe.view{width:100%;border:1px solid var(--line);border-radius:4px;background:#fff}
            img.view{max-width:100%}.more{color:var(--muted);font-size:12.5px}a.csv{color:var(--information)}ul.problems li{color:var(--warning)}
            footer{color:var(--muted);font-size:12px;padding:10px 28px 30px;border-top:1px solid var(--line)}
            """;

    /** Click a column head to sort by it (numbers as numbers); click again to reverse. Reads cell text only. */
    private static final String SCRIPT = """
            (function(){document.querySelectorAll('table.sortable').forEach(function(t){var hs=t.tHead.rows[0].cells;
            Array.prototype.forEach.call(hs,function(th,i){th.addEventListener('click',function(){var asc=th.getAttribute('aria-sort')!=='ascending';
            Array.prototype.forEach.call(hs,function(o){o.removeAttribute('aria-sort')});th.setAttribute('aria-sort',asc?'ascending':'descending');
            var b=t.tBodies[0],rs=Array.prototype.slice.call(b.rows);rs.sort(function(x,y){var a=x.cells[i].textContent,c=y.cells[i].textContent;
            var na=parseFloat(a),nc=parseFloat(c);var r=(a!==''&&c!==''&&!isNaN(na)&&!isNaN(nc)&&/^-?[\\d.]+(e[-+]?\\d+)?$/i.test(a)&&/^-?[\\d.]+(e[-+]?\\d+)?$/i.test(c))
            ?na-nc:a.localeCompare(c);return asc?r:-r});rs.forEach(function(r){b.appendChild(r)})})})})})();
            """;
}
