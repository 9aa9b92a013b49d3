package io.strata.adapters.persistence.imports;

import io.strata.adapters.persistence.database.DatabaseSettings;
import io.strata.application.imports.ImportsBusy;
import io.strata.application.imports.port.out.ImportAdmission;
import org.springframework.stereotype.Component;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The turns of imports on this node, sized by the connection pool (docs/imports.md, "Concurrency"). An import holds
 * at most {@link #CONNECTIONS_PER_IMPORT} connections at once: its claim (on which its record is written too), its
 * transaction and, for orders, its stage. Merges take turns on a database lock, and an import waiting there keeps what
 * it holds; so only as many imports are admitted as the pool holds beside {@link #KEPT_FOR_THE_REST} connections for
 * runs, previews and console pages, and the others wait here holding no connection, their bodies unread (the sender
 * is slowed by TCP, not refused). Eight imports of one file at once filled a pool of ten and answered 500s and 503s
 * after 30 s, while every page waited.
 *
 * <p>At most {@link #WAITING_AT_MOST} imports wait ({@code strata.import.waiting-at-most}): each keeps a request thread,
 * which pages need too; the next one is refused ({@link ImportsBusy}, a 429) before anything of it is read or written.
 */
@Component
public class ImportTurns implements ImportAdmission {

    /** Claim (and record), transaction, stage. */
    static final int CONNECTIONS_PER_IMPORT = 3;
    /** A run's claim and transaction, its follow-ups' claim, and a console page or API call. */
    static final int KEPT_FOR_THE_REST = 4;
    static final int WAITING_AT_MOST = 32;
    /** What a refused sender is told to wait: a small import takes well under a second, a bulk load minutes. */
    static final int RETRY_AFTER_SECONDS = 30;

    private final int admitted;
    private final int waitingAtMost;
    private final Semaphore turns;
    private final AtomicInteger waiting = new AtomicInteger();

    public ImportTurns(DatabaseSettings database, ImportTurnSettings settings) {
        this.admitted = admittedFor(database.poolSize());
        this.waitingAtMost = settings.waitingAtMost();
        // fair: imports go in the order they came
        this.turns = new Semaphore(admitted, true);
    }

    /** The rule: as many imports as fit beside what runs and pages keep, at least one. */
    static int admittedFor(int poolSize) {
        return Math.max(1, (poolSize - KEPT_FOR_THE_REST) / CONNECTIONS_PER_IMPORT);
    }

    /** How many imports this node runs at once. */
    public int admitted() {
        return admitted;
    }

    /** How many imports wait for their turn right now. */
    public int waiting() {
        return waiting.get();
    }

    private boolean tryAcquireNow() {
        try {
            return turns.tryAcquire(0, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking for the import's turn", e);
        }
    }

    @Override
    public Turn admit() {
        // with a timeout, unlike tryAcquire(), a free turn still goes to those waiting first
        if (!tryAcquireNow()) {
            if (waiting.incrementAndGet() > waitingAtMost) {
                waiting.decrementAndGet();
                throw new ImportsBusy(admitted, waitingAtMost, RETRY_AFTER_SECONDS);
            }
            try {
                turns.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the import's turn", e);
            } finally {
                waiting.decrementAndGet();
            }
        }
        return new Turn() {
            private boolean closed;

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    turns.release();
                }
            }
        };
    }
}
