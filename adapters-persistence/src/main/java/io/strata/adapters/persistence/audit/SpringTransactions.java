package io.strata.adapters.persistence.audit;

import io.strata.application.audit.port.out.Transactions;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.function.Supplier;

/** One database transaction around a change and its audit entry; work already in a transaction joins it. */
@Component
public class SpringTransactions implements Transactions {

    private final TransactionTemplate transaction;

    public SpringTransactions(PlatformTransactionManager transactions) {
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public <T> T inOne(Supplier<T> work) {
        return transaction.execute(status -> work.get());
    }
}
