package io.strata.adapters.persistence.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.strata.adapters.persistence.database.DatabaseSettings;
import io.strata.adapters.persistence.database.EmbeddedPostgresServer;
import liquibase.integration.spring.SpringLiquibase;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.util.FileSystemUtils;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** One embedded PostgreSQL per test JVM with the real Liquibase schema; tests empty the tables they use. */
public final class TestDatabase {

    private static HikariDataSource dataSource;

    private TestDatabase() {
    }

    public static synchronized DataSource dataSource() {
        if (dataSource == null) {
            try {
                Path dir = Files.createTempDirectory("strata-persistence-test");
                // a throw-away cluster: commits need not wait for the disk (fsync and synchronous commit off, as
                // benchmarks run it); EmbeddedPostgresServerTest still starts durable servers and checks fsync is on
                EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir, EmbeddedPostgresServer.Durability.NO_FSYNC_FOR_BENCHMARKS,
                        DatabaseSettings.Tuning.defaults());
                HikariConfig config = new HikariConfig();
                config.setJdbcUrl(server.jdbcUrl());
                config.setUsername(server.user());
                config.setPassword(server.password());
                config.setMaximumPoolSize(4);
                SessionTimeZone.initialStatement().ifPresent(config::setConnectionInitSql);
                dataSource = new HikariDataSource(config);
                SpringLiquibase liquibase = new SpringLiquibase();
                liquibase.setDataSource(dataSource);
                liquibase.setChangeLog("classpath:db/changelog/db.changelog-master.yaml");
                liquibase.setResourceLoader(new DefaultResourceLoader());
                liquibase.afterPropertiesSet();
                // the data directory goes with the JVM: every test JVM leaves 40–300 MB behind otherwise
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    dataSource.close();
                    server.close();
                    // the server's last files may still appear while it exits: a second pass takes them
                    for (int attempt = 0; attempt < 3 && Files.exists(dir); attempt++) {
                        try {
                            FileSystemUtils.deleteRecursively(dir);
                        } catch (IOException e) {
                            // a directory left in the temp folder harms nothing but disk space
                        }
                    }
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException("could not prepare the test database", e);
            }
        }
        return dataSource;
    }

    /**
     * A pool of its own on the test database whose every transaction is read only (the server's
     * {@code default_transaction_read_only}, set at connect: autocommit statements too), for tests that prove code writes
     * nothing: any write, even a temporary table's, is refused with an error, whatever else the cluster does meanwhile
     * (autovacuum's ANALYZE takes transaction ids of its own, so counting them is not a proof). The caller closes it.
     */
    public static HikariDataSource readOnlyDataSource() {
        HikariDataSource shared = (HikariDataSource) dataSource();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(shared.getJdbcUrl());
        config.setUsername(shared.getUsername());
        config.setPassword(shared.getPassword());
        config.setMaximumPoolSize(2);
        config.addDataSourceProperty("options", "-c default_transaction_read_only=on");
        SessionTimeZone.initialStatement().ifPresent(config::setConnectionInitSql);
        return new HikariDataSource(config);
    }

    /**
     * A pool of its own (at most three connections) on another database of the test cluster, as another role: for tests
     * of what an ordinary role's session may do. The caller closes it.
     */
    public static HikariDataSource dataSourceAs(String database, String user, String password) {
        String url = ((HikariDataSource) dataSource()).getJdbcUrl().replaceFirst("\\?.*$", "");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.substring(0, url.lastIndexOf('/') + 1) + database);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(3);
        SessionTimeZone.initialStatement().ifPresent(config::setConnectionInitSql);
        return new HikariDataSource(config);
    }

    public static void execute(String sql) {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs keep their assignments and predictions in partitions of their own; emptying drops them. */
    public static final String DROP_RUN_PARTITIONS = """
            do $$ declare part text; begin
              for part in select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
                          where p.relname in ('run_assignments', 'run_customer_predictions_stored', 'run_prediction_buyers', 'run_pattern_forecasts',
                                              'run_forecasts_if_alive')
                            and c.relname <> 'run_customer_predictions_default'
                          loop execute format('drop table %I', part); end loop; end $$""";

    /**
     * Tests write lines the way a reader thinks of them (order id, customer, time per line) into this temporary table
     * of their connection; {@link #ordersFromTestLines} turns them into orders and their lines as an import would.
     */
    public static void createTestLines(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("create temp table if not exists test_order_lines (order_id text, line_no integer, customer_key bigint, "
                    + "ordered_at timestamptz, amount numeric(19,4), quantity numeric(19,4), category text, sku text, channel text)");
            s.execute("truncate test_order_lines");
        }
    }

    /** Orders keyed from one block of the import's key sequence (tests stay far below its 65,536 keys). */
    public static void ordersFromTestLines(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("insert into orders (order_key, order_id, customer_key, ordered_at, total, line_count) "
                    + "select b.base + row_number() over (order by t.order_id) - 1, t.order_id, t.customer_key, t.ordered_at, t.total, t.lines "
                    + "from (select order_id, customer_key, min(ordered_at) as ordered_at, sum(amount) as total, count(*) as lines "
                    + "from test_order_lines group by order_id, customer_key) t cross join (select nextval('order_key_blocks') as base) b");
            s.execute("insert into order_lines (order_key, line_no, amount, quantity, category, sku, channel) "
                    + "select o.order_key, t.line_no, t.amount, t.quantity, t.category, t.sku, t.channel "
                    + "from test_order_lines t join orders o using (order_id)");
            // each order's distinct non-empty categories, as the import keeps them (changeset 185)
            s.execute("update orders o set categories = coalesce((select array_agg(distinct l.category) from order_lines l "
                    + "where l.order_key = o.order_key and l.category <> ''), '{}') where o.categories is null");
            // and their bits, as the import keeps them (changeset 410)
            s.execute("select fill_order_category_masks()");
            s.execute("truncate test_order_lines");
        }
        refreshPurchaseFacts(c);
    }

    /**
     * Per-customer purchase facts and their horizon as an orders import leaves them (changeset 060), for tests that
     * write orders directly; the imports' own upkeep of them is tested over HTTP in the bootstrap module.
     */
    public static void refreshPurchaseFacts(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("delete from customer_purchase_facts");
            s.execute("insert into customer_purchase_facts (customer_key, frequency, monetary, first_bought_at, last_bought_at, "
                    + "purchase_days, repeat_total) " + io.strata.adapters.persistence.imports.PurchaseFacts.factsOf("orders o", ""));
            s.execute("update purchase_facts_horizon set latest_ordered_at = (select max(ordered_at) from orders)");
        }
    }

    public static void refreshPurchaseFacts() {
        try (Connection c = dataSource().getConnection()) {
            refreshPurchaseFacts(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void emptyCustomerData() {
        execute(DROP_RUN_PARTITIONS);
        execute("truncate table run_segments, run_assignments, segmentation_runs, segmentations, events, order_lines, orders, customers, "
                + "customer_purchase_facts, order_category_bits cascade");
        execute("update purchase_facts_horizon set latest_ordered_at = null");
        // tests start without a global holdout (its default is 5 %), so hand-computed audiences keep every member;
        // the holdout's own tests set one
        execute("update global_holdout set share_percent = 0, threshold = 0, draw = 1, baseline_run_id = null");
    }
}
