package io.strata.adapters.persistence.imports;

import io.strata.adapters.persistence.database.DatabaseSettings;
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
    private final DatabaseSettings.Tuning tuning;

    public JdbcImportTargets(DataSource dataSource, DatabaseSettings database) {
        this.dataSource = dataSource;
        this.tuning = database.tuning();
    }

    @Override
    public ImportBatch<CustomerUpsert> customers() {
        return new CustomerBatch(dataSource, tuning);
    }

    @Override
    public ImportBatch<OrderLineRow> orderLines() {
        return new OrderLineBatch(dataSource, tuning);
    }

    @Override
    public ImportBatch<EventRow> events() {
        return new EventBatch(dataSource, tuning);
    }
}
