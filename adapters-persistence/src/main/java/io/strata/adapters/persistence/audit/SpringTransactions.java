package io.strata.adapters.persistence.audit;

import io.strata.application.audit.port.out.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.function.Supplier;

/** One database transaction around a change and its audit entry; work already in a transaction joins it. */
@Component
public class SpringTransactions implements Transactions {

    private static final Logger log = LoggerFactory.getLogger(SpringTransactions.class);
    static final int ATTEMPTS = 3;

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
                log.info("A unit of work was ended by the database to break a deadlock ({}); doing it again (attempt {} of {})",
                        e.getMostSpecificCause().getMessage().lines().findFirst().orElse(""), attempt + 1, ATTEMPTS);
            }
        }
    }
}
