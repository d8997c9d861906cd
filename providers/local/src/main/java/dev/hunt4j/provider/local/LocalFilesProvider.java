package dev.hunt4j.provider.local;

import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.api.query.QueryProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One configured local-files provider. Holds only immutable settings, so {@link #execute} is safe from
 * several threads; each result stream owns its open file.
 */
final class LocalFilesProvider implements QueryProvider {
    private final LocalSettings settings;

    LocalFilesProvider(LocalSettings settings) {
        this.settings = settings;
    }

    @Override
    public ResultStream execute(String query, QueryOptions options) {
        Objects.requireNonNull(options, "options");
        Ast.Query parsed = QueryParser.parse(query);
        List<Path> files = FileResolver.resolve(parsed, settings.dataPaths());
        return LocalResultStream.open(parsed, files, settings, options);
    }

    LocalSettings settings() {
        return settings;
    }
}
