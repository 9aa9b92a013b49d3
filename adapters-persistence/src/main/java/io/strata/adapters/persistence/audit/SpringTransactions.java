package io.strata.adapters.persistence.audit;

import io.strata.application.audit.port.out.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** One database transaction around a change and its audit entry; work already in a transaction joins it. */
@Component
public class SpringTransactions implements Transactions {

    private static final Logger log = LoggerFactory.getLogger(SpringTransactions.class);
    static final int ATTEMPTS = 3;
    static final long FIRST_PAUSE_MILLIS = 100;

    private final TransactionTemplate transaction;

    public SpringTransactions(PlatformTransactionManager transactions) {
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public <T> T inOne(Supplier<T> work) {
        return transaction.execute(status -> work.get());
    }

    /** PostgreSQL's deadlock detector ends one of the transactions in a cycle (SQLSTATE 40P01); Spring calls it so. */
    @Override
    public <T> T inOneDoneAgainAfterDeadlock(Supplier<T> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return inOne(work);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> work.get());
            } catch (PessimisticLockingFailureException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                long pause = pauseBefore(attempt + 1);
                log.info("A unit of work was ended by the database to break a deadlock ({}); doing it again in {} ms (attempt {} of {})",
                        e.getMostSpecificCause().getMessage().lines().findFirst().orElse(""), pause, attempt + 1, ATTEMPTS);
                if (!pause(pause)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Milliseconds to let the other side of the cycle go on before the work is done again: PostgreSQL woke it when it
     * ended this side, but a row lock goes to whoever asks first once it is free, and done again at once this side can
     * take the same row back before the woken session has run (seen under load: three attempts ended in a row, then a
     * 500). Random within a window that doubles, so two retrying sides do not meet again in step.
     */
    static long pauseBefore(int attempt) {
        long window = FIRST_PAUSE_MILLIS << (attempt - 2);
        return window + ThreadLocalRandom.current().nextLong(window);
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
