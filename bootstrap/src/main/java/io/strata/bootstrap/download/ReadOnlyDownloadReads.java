package io.strata.bootstrap.download;

import io.strata.adapters.web.download.DownloadReads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import java.io.IOException;

/**
 * Every download (CSV, the deliveries' NDJSON) reads its rows within one read-only transaction of its own. PostgreSQL's JDBC driver reads a query
 * by cursor, a fetch size at a time ({@code withFetchSize(10_000)} in the repositories), only when the connection's
 * autocommit is off; with the pool's autocommit on it read the whole result into the JVM before the first row, so a run's
 * assignments of ten million customers were ten million rows in memory (docs/architecture.md, "Downloads streamed from
 * the database"). The transaction is always rolled back (it changed nothing): Spring's transaction manager then gives
 * the connection back to the pool with autocommit and read-only as they were, on every path: the rows all written, the
 * client gone, the database failed, the row writer thrown. A download holds its connection as long as it lasts.
 */
@Component
public class ReadOnlyDownloadReads implements DownloadReads {

    private static final Logger log = LoggerFactory.getLogger(ReadOnlyDownloadReads.class);

    private final PlatformTransactionManager transactions;
    private final DefaultTransactionDefinition readOnly;

    public ReadOnlyDownloadReads(PlatformTransactionManager transactions) {
        this.transactions = transactions;
        this.readOnly = new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.readOnly.setReadOnly(true);
        this.readOnly.setName("a download's rows");
    }

    @Override
    public void within(Work work) throws IOException {
        TransactionStatus transaction = transactions.getTransaction(readOnly);
        try {
            work.run();
        } finally {
            try {
                transactions.rollback(transaction);
            } catch (RuntimeException unended) {
                // the connection is broken (the failure that broke it, if any, is the one carried on); the manager has
                // released it all the same, and the pool drops a broken connection
                log.debug("A download's read-only transaction could not be rolled back: {}", unended.toString());
            }
        }
    }
}
