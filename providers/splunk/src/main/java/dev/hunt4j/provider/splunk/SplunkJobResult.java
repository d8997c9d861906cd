package dev.hunt4j.provider.splunk;

import dev.hunt4j.api.AuthenticationException;
import dev.hunt4j.api.Hunt4jException;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.toolkit.QueryScope;
import dev.hunt4j.toolkit.ServiceRejection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every result of a finished search job, page after page: each page asks for {@code page_size} rows from where the
 * last one ended, so a server that returns fewer (its {@code maxresultrows}) is simply paged further, and reading
 * stops at the job's {@code resultCount}. A page that breaks part-way is fetched again from the first row not yet
 * returned ({@code max_retries} times). An empty page before the count is reached is an error, never a silent end.
 * Closing deletes the job.
 */
final class SplunkJobResult implements ResultStream {
    private static final Logger LOG = LoggerFactory.getLogger(SplunkJobResult.class);

    private final SplunkProvider provider;
    private final String sid;
    private final long total;
    private final QueryScope scope;
    private final SplunkRows layout;
    private SplunkPage page;
    private long delivered;
    private int resumes;
    private boolean closed;

    /**
     * @param total the rows to return: the job's result count, or less under a row limit
     */
    SplunkJobResult(SplunkProvider provider, String sid, long total, QueryScope scope) {
        this.provider = provider;
        this.sid = sid;
        this.total = total;
        this.scope = scope;
        this.page = provider.openPage(sid, 0, count(), null, scope);
        this.layout = page.layout();
    }

    private int count() {
        return (int) Math.max(1, Math.min(provider.pageSize(), total - delivered));
    }

    @Override
    public List<Column> columns() {
        return layout.columns();
    }

    @Override
    public Object[] next() {
        while (!closed) {
            if (delivered >= total) {
                finish();
                return null;
            }
            if (page == null) {
                page = provider.openPage(sid, delivered, count(), layout, scope);
            }
            Object[] row;
            try {
                row = page.next();
            } catch (Hunt4jException e) {
                long got = page.rows();
                page = null;
                if (!resumable(e)) {
                    close();
                    throw e;
                }
                resumes++;
                LOG.warn(scope.redact("Splunk job " + sid + ": the results page at offset " + (delivered - got) + " broke after " + got
                        + " rows (" + e.getMessage() + "); fetching again from offset " + delivered + " (retry " + resumes + " of "
                        + provider.maxRetries() + ")"));
                continue;
            }
            if (row == null) {
                long got = page.rows();
                page = null;
                if (got == 0) {
                    close();
                    throw scope.error("Splunk returned no results at offset " + delivered + " although job " + sid + " reported "
                            + total + " results; the job may have expired or been finalized early");
                }
                continue;
            }
            delivered++;
            return row;
        }
        return null;
    }

    private boolean resumable(Hunt4jException e) {
        return resumes < provider.maxRetries() && !scope.isCancelled() && !scope.deadline().expired()
                && !(e instanceof AuthenticationException) && !(e instanceof ServiceRejection);
    }

    private void finish() {
        if (!layout.unknownFields().isEmpty()) {
            LOG.warn(scope.redact("Splunk job " + sid + ": later result pages had fields the first page did not list, left out: "
                    + layout.unknownFields() + " (end the search with | table or | fields to fix the columns)"));
        }
        close();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (page != null) {
            page.close();
            page = null;
        }
        provider.deleteJob(sid);
    }
}
