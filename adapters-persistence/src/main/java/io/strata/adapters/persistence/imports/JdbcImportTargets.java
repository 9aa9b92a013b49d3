package io.strata.adapters.persistence.imports;

import io.strata.application.imports.CustomerUpsert;
import io.strata.application.imports.EventRow;
import io.strata.application.imports.port.out.ImportBatch;
import io.strata.application.imports.port.out.ImportTargets;
import io.strata.application.imports.OrderLineRow;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;

@Component
public class JdbcImportTargets implements ImportTargets {

    private final DataSource dataSource;

    public JdbcImportTargets(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public ImportBatch<CustomerUpsert> customers() {
        return new CustomerBatch(dataSource);
    }

    @Override
    public ImportBatch<OrderLineRow> orderLines() {
        return new OrderLineBatch(dataSource);
    }

    @Override
    public ImportBatch<EventRow> events() {
        return new EventBatch(dataSource);
    }
}
