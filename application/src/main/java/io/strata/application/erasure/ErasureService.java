package io.strata.application.erasure;

import io.strata.application.erasure.port.out.PersonalData;
import io.strata.application.erasure.port.in.EraseCustomer;
import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditEntry;
import io.strata.application.audit.port.out.AuditTrail;
import io.strata.application.audit.port.out.Transactions;
import io.strata.domain.customer.CustomerId;

import java.util.stream.Collectors;

public final class ErasureService implements EraseCustomer {

    static final String CUSTOMER = "customer";

    private final PersonalData personalData;
    private final AuditTrail audit;
    private final Transactions transactions;

    public ErasureService(PersonalData personalData, AuditTrail audit, Transactions transactions) {
        this.personalData = personalData;
        this.audit = audit;
        this.transactions = transactions;
    }

    @Override
    public Erasure erase(CustomerId customerId, String actor) {
        // an import merging the customer's events holds their rows and waits for the customer's row, which the erasure
        // holds while it waits for those events: the database ends one of the two, and an ended erasure is done again
        return transactions.inOneDoneAgainAfterDeadlock(() -> {
            Erasure erasure = personalData.eraseCustomer(customerId).map(rows -> new Erasure(customerId, rows))
                    .orElseThrow(() -> new UnknownCustomer(customerId));
            // the id and row counts only: the entry must not keep what was erased
            audit.record(AuditEntry.of(actor, AuditAction.ERASED, CUSTOMER, customerId.value())
                    .withDetail("rows deleted: " + erasure.rowsByTable().entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))));
            return erasure;
        });
    }
}
