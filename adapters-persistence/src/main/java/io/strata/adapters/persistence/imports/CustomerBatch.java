package io.strata.adapters.persistence.imports;

import io.strata.adapters.persistence.database.DatabaseSettings;
import io.strata.adapters.persistence.database.JsonColumns;
import io.strata.application.imports.MergeOutcome;
import io.strata.application.imports.CustomerUpsert;
import io.strata.domain.customer.ProfileField;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Customers: upsert by customer_id; fields a row carries overwrite, the others stay; the last row of an id wins. */
final class CustomerBatch extends StagedBatch<CustomerUpsert> {

    private static final ProfileField[] FIELDS = ProfileField.values();
    private static final String COLUMNS = Arrays.stream(FIELDS).map(ProfileField::column).collect(Collectors.joining(", "));

    /** Every staged value counts, also of a row that a later row of the same customer overrides. */
    private final AttributeTypes attributeTypes = new AttributeTypes();

    /** At most this many ids that may come twice are remembered; past it, the merge looks at every id. */
    static final int MAX_SUSPECTS = 10_000;

    /** Ids that may occur more than once in the file: the only ones the merge must look at for repeats. */
    private final SeenIds seen = new SeenIds();
    private final java.util.Set<String> suspects = new java.util.HashSet<>();
    private boolean tooManySuspects;

    CustomerBatch(DataSource dataSource, DatabaseSettings.Tuning tuning) {
        super(dataSource, tuning,
                "create temp table stage_customers (line bigint, customer_id text, " + Arrays.stream(FIELDS)
                        .map(f -> f.column() + " " + sqlType(f)).collect(Collectors.joining(", "))
                        + ", present integer, attrs jsonb) on commit drop",
                "copy stage_customers (line, customer_id, " + COLUMNS + ", present, attrs) from stdin");
    }

    private static String sqlType(ProfileField field) {
        return switch (field.type()) {
            case DATE -> "date";
            case BOOLEAN -> "boolean";
            case NUMBER -> "numeric";
            case TEXT -> "text";
        };
    }

    @Override
    protected void stage(CopyStream copy, CustomerUpsert row) {
        if (seen.addAndCheck(row.customerId()) && !tooManySuspects) {
            suspects.add(row.customerId());
            tooManySuspects = suspects.size() > MAX_SUSPECTS;
        }
        copy.field(row.line()).field(row.customerId());
        for (ProfileField field : FIELDS) {
            copy.field(row.profile()[field.ordinal()]);
        }
        copy.field(row.present()).field(JsonColumns.object(row.attributes()));
        row.attributes().forEach((name, value) -> {
            if (value != null) {
                attributeTypes.see(name, value);
            }
        });
    }

    /** Whether some customer_id has more than one row; only the ids the filter flagged can. */
    private boolean repeatsAnId() throws SQLException {
        if (tooManySuspects) {
            return count("select count(*) from (select 1 from stage_customers group by customer_id having count(*) > 1) d") > 0;
        }
        if (suspects.isEmpty()) {
            return false;
        }
        try (var statement = connection.prepareStatement("select count(*) from (select 1 from stage_customers "
                + "where customer_id = any(?) group by customer_id having count(*) > 1) d")) {
            statement.setArray(1, connection.createArrayOf("text", suspects.toArray()));
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    @Override
    protected MergeOutcome mergeStaged() throws SQLException {
        useWorkMem();
        // the merge needs the row count and a rough idea of the columns: a small sample will do
        update("set local default_statistics_target = 10");
        update("analyze stage_customers");
        update("reset default_statistics_target");
        String source = "stage_customers";
        if (repeatsAnId()) {
            update("create temp table src_customers on commit drop as "
                    + "select distinct on (customer_id) * from stage_customers order by customer_id, line desc");
            update("analyze src_customers");
            source = "src_customers";
        }
        boolean firstLoad = count("select count(*) from (select 1 from customers limit 1) c") == 0;
        // a load large against the table builds the secondary indexes (customer_id, lower(email)) once after writing:
        // updated and inserted rows alike would otherwise each descend into every index
        long rows = source.equals("stage_customers") ? stagedRows() : count("select count(*) from src_customers");
        boolean bulk = BulkLoadIndexes.worthRebuilding(rows, BulkLoadIndexes.estimatedRows(connection, "customers"));
        BulkLoadIndexes indexes = bulk ? BulkLoadIndexes.of(connection, "customers", tuning) : null;
        if (bulk) {
            indexes.drop(connection);
        }
        long updated = 0;
        if (!firstLoad) {
            String assignments = Arrays.stream(FIELDS)
                    .map(f -> f.column() + " = case when s.present & " + (1 << f.ordinal()) + " <> 0 then s." + f.column() + " else c." + f.column() + " end")
                    .collect(Collectors.joining(", "));
            updated = update("update customers c set " + assignments
                    + ", attributes = jsonb_strip_nulls(c.attributes || s.attrs), updated_at = now() "
                    + "from " + source + " s where c.customer_id = s.customer_id");
        }
        long created = update("insert into customers (customer_id, " + COLUMNS + ", attributes) "
                + "select s.customer_id, " + Arrays.stream(FIELDS).map(f -> "s." + f.column()).collect(Collectors.joining(", "))
                + ", jsonb_strip_nulls(s.attrs) from " + source + " s"
                + (firstLoad ? "" : " where not exists (select 1 from customers c where c.customer_id = s.customer_id)"));
        if (bulk) {
            indexes.rebuild(connection); // analyses the table too
        } else {
            TableStatistics.refresh(connection, "customers", created + updated);
        }
        visibilityMaps.wrote("customers", created + updated);
        AttributeCatalogueUpdate.record(connection, attributeTypes.inferred());
        return new MergeOutcome(stagedRows(), created, updated);
    }
}
