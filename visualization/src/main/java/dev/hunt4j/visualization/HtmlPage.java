package dev.hunt4j.visualization;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One self-contained HTML page: libraries, styles and scripts inlined, the data as JSON in a
 * {@code <script type="application/json">} element that the page's script reads with {@code JSON.parse}.
 *
 * <p>Data never reaches the page as markup: the JSON is script-safe ({@link Json}) and the scripts build the view
 * with {@code textContent} and DOM calls. As a second line, a Content-Security-Policy allows only the page's own
 * scripts (by SHA-256 hash) and no network at all, so even a value that slipped through could neither run nor
 * call home, and the page provably needs no CDN.
 */
final class HtmlPage {
    private static final String WEB = "/dev/hunt4j/visualization/web/";

    private final String title;
    private String subtitle = "";
    private final Set<Library> libraries = new LinkedHashSet<>();
    private final List<String> styles = new ArrayList<>();
    private final List<String> scripts = new ArrayList<>();
    private Object data;

    HtmlPage(String title) {
        this.title = title;
    }

    /** A line under the title (counts, time range). */
    HtmlPage subtitle(String text) {
        this.subtitle = text == null ? "" : text;
        return this;
    }

    HtmlPage use(Library... libs) {
        libraries.addAll(List.of(libs));
        return this;
    }

    /** Adds the CSS resource {@code web/<name>}. */
    HtmlPage style(String name) {
        styles.add(Library.read(WEB + name));
        return this;
    }

    /** Adds the script resource {@code web/<name>} (after the libraries and {@code common.js}). */
    HtmlPage script(String name) {
        scripts.add(Library.read(WEB + name));
        return this;
    }

    /** The data the page's scripts read ({@code H.data()}), written as JSON. */
    HtmlPage data(Object value) {
        this.data = value;
        return this;
    }

    /** Writes the page as UTF-8; flushes but does not close {@code out}. */
    void write(OutputStream out) throws IOException {
        List<String> code = new ArrayList<>();
        for (Library l : libraries) {
            code.add(l.script());
        }
        code.add(Library.read(WEB + "common.js"));
        code.addAll(scripts);
        // the HTML parser turns CR LF into LF before the browser hashes a script: hash what it will see
        code.replaceAll(c -> c.replace("\r\n", "\n").replace('\r', '\n'));

        StringBuilder csp = new StringBuilder("default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src");
        for (String c : code) {
            csp.append(" 'sha256-").append(sha256(c)).append('\'');
        }

        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        w.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        w.write("<meta http-equiv=\"Content-Security-Policy\" content=\"" + csp + "\">\n");
        w.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        w.write("<meta name=\"generator\" content=\"hunt4j\">\n");
        w.write("<title>" + escape(title) + "</title>\n<style>\n");
        w.write(Library.read(WEB + "common.css"));
        for (Library l : libraries) {
            w.write(l.style());
        }
        for (String s : styles) {
            w.write(s);
        }
        w.write("</style>\n</head>\n<body>\n<header><h1>" + escape(title) + "</h1>");
        if (!subtitle.isEmpty()) {
            w.write("<p class=\"sub\">" + escape(subtitle) + "</p>");
        }
        w.write("</header>\n<main id=\"app\"></main>\n<footer>Made with hunt4j on "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " · opens offline, all code inlined");
        for (Library l : libraries) {
            w.write(" · " + escape(l.credit()));
        }
        w.write("</footer>\n<script type=\"application/json\" id=\"hunt4j-data\">");
        Json.write(data, w);
        w.write("</script>\n");
        for (String c : code) {
            w.write("<script>");
            w.write(c);
            w.write("</script>\n");
        }
        w.write("</body>\n</html>\n");
        w.flush();
    }

    /** HTML-escapes text for element content and double-quoted attribute values. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String sha256(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
