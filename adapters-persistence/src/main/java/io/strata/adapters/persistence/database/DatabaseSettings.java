package io.strata.adapters.persistence.database;

import io.strata.application.settings.DurationRange;
import io.strata.application.settings.SettingRange;
import io.strata.application.settings.SizeRange;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * {@code strata.db.*}: an external PostgreSQL when {@code url} is set (STRATA_DB_URL, STRATA_DB_USER, STRATA_DB_PASSWORD),
 * otherwise the embedded one; the pool's size and how long a request waits for one of its connections before it is answered
 * that Strata is busy; and the memory PostgreSQL may give the set-based statements.
 */
@ConfigurationProperties("strata.db")
public record DatabaseSettings(@DefaultValue("") String url, @DefaultValue("") String user, @DefaultValue("") String password,
                               @DefaultValue("10") int poolSize, @DefaultValue("30s") Duration connectionTimeout,
                               @DefaultValue Tuning tuning) {

    /**
     * At least four, the fewest on which every function works (docs/imports.md, "Concurrency"): an orders import holds
     * three at once (its claim, its transaction, its stage) and a run three (its claim, its transaction, the predictions
     * prepared beside it, or its upper half), and one is left for a console page, an API call or the scheduler's look.
     * Two (the least until session 60) answered every orders import 503 after the pool's wait ("could not open the stage
     * of the import's orders") and made a run of 200 customers take 90 s and lose its predictions.
     */
    public static final SettingRange POOL_SIZE = SettingRange.whole("strata.db.pool-size", 4, 1000, "connections", 10);

    /**
     * From 250 ms, the least Hikari takes (below it Hikari refused in its own words, and 0, Hikari's "wait for ever", let a
     * request hang while the pool is exhausted), to 10 minutes: a request waiting longer for a connection is one no user
     * still waits for.
     */
    public static final DurationRange CONNECTION_TIMEOUT = DurationRange.of("strata.db.connection-timeout", Duration.ofMillis(250),
            Duration.ofMinutes(10), Duration.ofSeconds(30));

    public DatabaseSettings {
        POOL_SIZE.check(poolSize);
        CONNECTION_TIMEOUT.check(connectionTimeout);
    }

    public boolean external() {
        return !url.isBlank();
    }

    /**
     * {@code strata.db.tuning.*}: memory for the work that reads or writes whole tables. {@code workMem} is each such
     * transaction's {@code work_mem} (import merges and checks, segmentation runs: aggregations and sorts fit in memory
     * instead of spilling); {@code maintenanceWorkMem} an import's index rebuild's (building the key of 8M order lines
     * took 3.5 s with 256 MB, 2.7 s with 1 GB); the {@code server*} values are the embedded server's own defaults.
     */
    public record Tuning(@DefaultValue("256MB") DataSize workMem, @DefaultValue("1GB") DataSize maintenanceWorkMem,
                         @DefaultValue("64MB") DataSize serverWorkMem, @DefaultValue("256MB") DataSize serverMaintenanceWorkMem) {

        private static final long KB = 1024;
        /**
         * PostgreSQL's own ranges (work_mem from 64 kB, maintenance_work_mem from 1 MB, both to 2147483647 kB), the top
         * rounded down to 1TB: outside them the embedded server did not start (a minute's wait, then "check that the
         * directory is writable") and every import and run failed on PostgreSQL's words.
         */
        public static final SizeRange WORK_MEM = SizeRange.of("strata.db.tuning.work-mem", 64 * KB, KB * KB * KB * KB, 256 * KB * KB);
        public static final SizeRange MAINTENANCE_WORK_MEM = SizeRange.of("strata.db.tuning.maintenance-work-mem", KB * KB,
                KB * KB * KB * KB, KB * KB * KB);
        public static final SizeRange SERVER_WORK_MEM = SizeRange.of("strata.db.tuning.server-work-mem", 64 * KB, KB * KB * KB * KB,
                64 * KB * KB);
        public static final SizeRange SERVER_MAINTENANCE_WORK_MEM = SizeRange.of("strata.db.tuning.server-maintenance-work-mem", KB * KB,
                KB * KB * KB * KB, 256 * KB * KB);

        public Tuning {
            WORK_MEM.check(workMem.toBytes());
            MAINTENANCE_WORK_MEM.check(maintenanceWorkMem.toBytes());
            SERVER_WORK_MEM.check(serverWorkMem.toBytes());
            SERVER_MAINTENANCE_WORK_MEM.check(serverMaintenanceWorkMem.toBytes());
        }

        /** The defaults, as the binder gives them when nothing is set (they are written once, in the annotations above). */
        public static Tuning defaults() {
            return new Binder().bindOrCreate("strata.db.tuning", Tuning.class);
        }

        /** A size as a PostgreSQL memory setting; kilobytes, PostgreSQL's own unit, so nothing is rounded. */
        public static String setting(DataSize size) {
            return size.toKilobytes() + "kB";
        }
    }
}
