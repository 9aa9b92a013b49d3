package io.strata.bootstrap.demo;

import io.strata.adapters.persistence.work.WorkClaims;
import io.strata.application.customer.port.in.BrowseCustomers;
import io.strata.application.imports.ImportCommand;
import io.strata.application.imports.port.in.ImportData;
import io.strata.application.imports.ImportEntity;
import io.strata.application.imports.ImportMode;
import io.strata.application.imports.ImportReport;
import io.strata.application.segmentation.port.in.ManageSegmentations;
import io.strata.application.segmentation.port.in.RunSegmentation;
import io.strata.application.segmentation.SegmentationRunView;
import io.strata.application.segmentation.StoredSegmentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.strata.bootstrap.settings.DemoSettings;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;

/**
 * With --demo (or STRATA_DEMO=true) an empty database gets the demo base through the ordinary import path. Nodes take
 * turns (a claim in {@link WorkClaims.Space#DEMO}, held from before the look at the customers until the demo run is
 * done): two nodes started with --demo at the same moment on an empty database both found it empty, both loaded the
 * demo, and each created and activated its own "Customer value (RFM)"; had their runs met, the second would have been
 * refused (a run was running) and its node would not have started.
 */
@Component
@Order(10)
public class DemoStart implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoStart.class);
    static final long SEED = 20261122L;

    private final ImportData imports;
    private final ManageSegmentations segmentations;
    private final RunSegmentation runs;
    private final BrowseCustomers customers;
    private final Clock clock;
    private final WorkClaims claims;
    private final boolean demoProperty;
    private final int size;

    public DemoStart(ImportData imports, ManageSegmentations segmentations, RunSegmentation runs, BrowseCustomers customers, Clock clock,
                     WorkClaims claims, DemoSettings settings) {
        this.claims = claims;
        this.imports = imports;
        this.segmentations = segmentations;
        this.runs = runs;
        this.customers = customers;
        this.clock = clock;
        this.demoProperty = settings.demo();
        this.size = settings.demoCustomers();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!demoProperty && !args.containsOption("demo")) {
            return;
        }
        // waits while another node loads the demo; then finds its customers
        claims.hold(WorkClaims.Space.DEMO, "demo");
        try {
            loadIntoAnEmptyDatabase();
        } finally {
            claims.release(WorkClaims.Space.DEMO, "demo");
        }
    }

    private void loadIntoAnEmptyDatabase() {
        if (customers.countCustomers() > 0) {
            log.info("Demo data requested, but the database already has customers; leaving it as it is");
            return;
        }
        DemoBase base = new DemoBase(size, LocalDate.now(clock), SEED);
        load(ImportEntity.CUSTOMERS, new GeneratedRows(DemoBase.CUSTOMER_COLUMNS, base.customerRows().iterator()));
        load(ImportEntity.ORDERS, new GeneratedRows(DemoBase.ORDER_COLUMNS, base.orderRows().iterator()));
        load(ImportEntity.EVENTS, new GeneratedRows(DemoBase.EVENT_COLUMNS, base.eventRows().iterator()));
        log.info("Demo data loaded: {} customers", customers.countCustomers());
        StoredSegmentation rfm = segmentations.createFromTemplate("Customer value (RFM)", "rfm-classic");
        segmentations.activate(rfm.id());
        SegmentationRunView run = runs.runAndWait(LocalDate.now(clock));
        log.info("Demo segmentation '{}' run {}: {} customers ({})", rfm.definition().name(), run.runId(), run.customers(), run.status());
    }

    private void load(ImportEntity entity, GeneratedRows rows) {
        ImportReport report = imports.importRows(new ImportCommand(entity, ImportMode.STRICT, rows, "demo"));
        log.info("Demo {}: {} rows imported ({})", entity.path(), report.rowsImported(), report.status());
        if (report.rowsRejected() > 0) {
            throw new IllegalStateException("the demo data has invalid rows: " + report.errors());
        }
    }
}
