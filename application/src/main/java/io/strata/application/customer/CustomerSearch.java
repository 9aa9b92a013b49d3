package io.strata.application.customer;

import io.strata.application.customer.port.in.FindCustomers;
import io.strata.application.customer.port.out.CustomerDirectory;

import java.util.List;

public final class CustomerSearch implements FindCustomers {

    /** Below this length a fragment matches too much to be useful, and no trigram index can serve it. */
    static final int SHORTEST_FRAGMENT = 3;
    private static final int MOST = 200;

    private final CustomerDirectory directory;

    public CustomerSearch(CustomerDirectory directory) {
        this.directory = directory;
    }

    @Override
    public List<CustomerMatch> find(String text, int limit) {
        String wanted = text == null ? "" : text.strip();
        if (wanted.isEmpty()) {
            return List.of();
        }
        return directory.matching(wanted, io.strata.domain.text.PlainText.characters(wanted) >= SHORTEST_FRAGMENT, Math.max(1, Math.min(limit, MOST)));
    }
}
