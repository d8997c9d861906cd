package dev.hunt4j.provider.elastic;

import dev.hunt4j.api.PluginSettings;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.api.query.QueryProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helpers: results as maps by column name, settings for a node. */
final class Rows {
    private Rows() {
    }

    /** A result read into memory. */
    record Result(List<Column> columns, List<Map<String, Object>> rows) {
        List<String> names() {
            return columns.stream().map(Column::name).toList();
        }

        Column column(String name) {
            return columns.stream().filter(c -> c.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no column " + name + " in " + names()));
        }

        List<Object> values(String name) {
            column(name);
            return rows.stream().map(r -> r.get(name)).toList();
        }

        int size() {
            return rows.size();
        }
    }

    static Result read(ResultStream rs) {
        try (rs) {
            List<Column> cols = rs.columns();
            List<Map<String, Object>> out = new ArrayList<>();
            for (Object[] row = rs.next(); row != null; row = rs.next()) {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < cols.size(); i++) {
                    m.put(cols.get(i).name(), row[i]);
                }
                out.add(m);
            }
            return new Result(cols, out);
        }
    }

    static Result run(QueryProvider p, String query) {
        return read(p.execute(query, QueryOptions.defaults()));
    }

    static Result run(QueryProvider p, String query, QueryOptions options) {
        return read(p.execute(query, options));
    }

    static PluginSettings settings(String hosts, Object... more) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hosts", hosts);
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return new PluginSettings("es", "providers.es", m, null);
    }
}
