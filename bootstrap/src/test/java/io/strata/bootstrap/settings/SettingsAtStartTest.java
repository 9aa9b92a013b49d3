package io.strata.bootstrap.settings;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.adapters.persistence.database.DatabaseSettings;
import io.strata.application.settings.SettingBounds;
import io.strata.adapters.persistence.database.SchemaAheadSettings;
import io.strata.adapters.web.imports.ImportSettings;
import io.strata.bootstrap.StrataApplication;
import jakarta.servlet.MultipartConfigElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Strata started with a numeric STRATA_* variable out of its range or no number at all stops at once, before its
 * database or any bean, with one line naming the variable, the key, the value and what to give (docs/testing.md,
 * "Settings at start"). Each start here is the real application's, with the variable in its environment as a service
 * manager would set it; the lines are written out.
 */
@ExtendWith(OutputCaptureExtension.class)
class SettingsAtStartTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            STRATA_CAMPAIGNS_MEASUREMENT_FOLLOW_DAYS | -1          | STRATA_CAMPAIGNS_MEASUREMENT_FOLLOW_DAYS (strata.campaigns.measurement-follow-days) is -1; give a whole number of days from 0 to 3650, or leave it unset for 30
            STRATA_CAMPAIGNS_MEASUREMENT_FOLLOW_DAYS | 3651        | STRATA_CAMPAIGNS_MEASUREMENT_FOLLOW_DAYS (strata.campaigns.measurement-follow-days) is 3651; give a whole number of days from 0 to 3650, or leave it unset for 30
            STRATA_CAMPAIGNS_MEASUREMENT_FOLLOW_DAYS | 2147483647  | STRATA_CAMPAIGNS_MEASUREMENT_FOLLOW_DAYS (strata.campaigns.measurement-follow-days) is 2147483647; give a whole number of days from 0 to 3650, or leave it unset for 30
            STRATA_CAMPAIGNS_MEASUREMENT_FOLLOW_DAYS | 99999999999 | STRATA_CAMPAIGNS_MEASUREMENT_FOLLOW_DAYS (strata.campaigns.measurement-follow-days) is '99999999999', which Strata cannot read as a whole number; give a whole number of days from 0 to 3650, or leave it unset for 30
            STRATA_CAMPAIGNS_MEASUREMENT_FOLLOW_DAYS | thirty      | STRATA_CAMPAIGNS_MEASUREMENT_FOLLOW_DAYS (strata.campaigns.measurement-follow-days) is 'thirty', which Strata cannot read as a whole number; give a whole number of days from 0 to 3650, or leave it unset for 30
            STRATA_CAMPAIGNS_MEASUREMENT_FOLLOW_DAYS | 1.5         | STRATA_CAMPAIGNS_MEASUREMENT_FOLLOW_DAYS (strata.campaigns.measurement-follow-days) is '1.5', which Strata cannot read as a whole number; give a whole number of days from 0 to 3650, or leave it unset for 30
            STRATA_DB_POOL_SIZE                      | 0           | STRATA_DB_POOL_SIZE (strata.db.pool-size) is 0; give a whole number of connections from 4 to 1000, or leave it unset for 10
            STRATA_DB_POOL_SIZE                      | 3           | STRATA_DB_POOL_SIZE (strata.db.pool-size) is 3; give a whole number of connections from 4 to 1000, or leave it unset for 10
            STRATA_DB_POOL_SIZE                      | 100000      | STRATA_DB_POOL_SIZE (strata.db.pool-size) is 100000; give a whole number of connections from 4 to 1000, or leave it unset for 10
            STRATA_IMPORT_WAITING_AT_MOST            | -1          | STRATA_IMPORT_WAITING_AT_MOST (strata.import.waiting-at-most) is -1; give a whole number of imports from 0 to 1000, or leave it unset for 32
            STRATA_DISPATCH_WORKERS                  | 0           | STRATA_DISPATCH_WORKERS (strata.dispatch.workers) is 0; give a whole number of workers from 1 to 64, or leave it unset for 4
            STRATA_DISPATCH_WEBHOOK_BATCH_SIZE       | 0           | STRATA_DISPATCH_WEBHOOK_BATCH_SIZE (strata.dispatch.webhook-batch-size) is 0; give a whole number of deliveries from 1 to 100000, or leave it unset for 500
            STRATA_DISPATCH_WEBHOOK_MAX_ATTEMPTS     | 0           | STRATA_DISPATCH_WEBHOOK_MAX_ATTEMPTS (strata.dispatch.webhook-max-attempts) is 0; give a whole number of attempts from 1 to 100, or leave it unset for 4
            STRATA_DEMO_CUSTOMERS                    | -5          | STRATA_DEMO_CUSTOMERS (strata.demo-customers) is -5; give a whole number of customers from 1 to 1000000, or leave it unset for 3000
            STRATA_SEGMENTATION_SMALL_SEGMENT_SHARE  | 1.5         | STRATA_SEGMENTATION_SMALL_SEGMENT_SHARE (strata.segmentation.small-segment-share) is 1.5; give a number from 0 to 1, or leave it unset for 0.01
            STRATA_SEGMENTATION_SMALL_SEGMENT_SHARE  | 5%          | STRATA_SEGMENTATION_SMALL_SEGMENT_SHARE (strata.segmentation.small-segment-share) is '5%', which Strata cannot read as a number; give a number from 0 to 1, or leave it unset for 0.01
            STRATA_PREDICTIONS_HORIZON_MONTHS        | 0           | STRATA_PREDICTIONS_HORIZON_MONTHS (strata.predictions.horizon-months) is 0; give a whole number of months from 1 to 120, or leave it unset for 12
            STRATA_PREDICTIONS_MONTHLY_DISCOUNT      | 1           | STRATA_PREDICTIONS_MONTHLY_DISCOUNT (strata.predictions.monthly-discount) is 1; give a number of at least 0 and below 1, or leave it unset for 0.01
            STRATA_PREDICTIONS_MAXIMUM_SPEND_CORRELATION | 0       | STRATA_PREDICTIONS_MAXIMUM_SPEND_CORRELATION (strata.predictions.maximum-spend-correlation) is 0; give a number above 0 and at most 1, or leave it unset for 0.3
            STRATA_PREDICTIONS_MINIMUM_REPEAT_BUYERS | 2           | STRATA_PREDICTIONS_MINIMUM_REPEAT_BUYERS (strata.predictions.minimum-repeat-buyers) is 2; give a whole number of buyers from 3 to 100000000, or leave it unset for 100
            STRATA_PREDICTIONS_FIT_BUYERS            | 5           | STRATA_PREDICTIONS_FIT_BUYERS (strata.predictions.fit-buyers) is 5; give a whole number of buyers from 10 to 100000000, or leave it unset for 100000
            STRATA_SECURITY_PASSWORD_MIN_ENTROPY     | NaN         | STRATA_SECURITY_PASSWORD_MIN_ENTROPY (strata.security.password-min-entropy) is NaN, which is no number; give a number from 0 to 256, or leave it unset for 30
            STRATA_SECURITY_PASSWORD_MIN_ENTROPY     | -1          | STRATA_SECURITY_PASSWORD_MIN_ENTROPY (strata.security.password-min-entropy) is -1; give a number from 0 to 256, or leave it unset for 30
            STRATA_SCHEDULES_CHECK_EVERY             | PT0S        | STRATA_SCHEDULES_CHECK_EVERY (strata.schedules.check-every) is PT0S; give a duration from PT1S to PT24H, or leave it unset for PT1M
            STRATA_SCHEDULES_POLLING_INTERVAL        | 2d          | STRATA_SCHEDULES_POLLING_INTERVAL (strata.schedules.polling-interval) is PT48H; give a duration from PT1S to PT24H, or leave it unset for PT10S
            STRATA_RUNS_UNCLAIMED_GRACE              | 8d          | STRATA_RUNS_UNCLAIMED_GRACE (strata.runs.unclaimed-grace) is PT192H; give a duration from PT0S to PT168H, or leave it unset for PT10M
            STRATA_DB_CONNECT_TIMEOUT                | soon        | STRATA_DB_CONNECT_TIMEOUT (strata.db.connect-timeout) is 'soon', which Strata cannot read as a duration; give a duration from PT1S to PT10M, or leave it unset for PT10S
            STRATA_DB_CONNECT_TIMEOUT                | 500ms       | STRATA_DB_CONNECT_TIMEOUT (strata.db.connect-timeout) is PT0.5S; give a duration from PT1S to PT10M, or leave it unset for PT10S
            STRATA_DB_LOCK_WAIT                      | 30d         | STRATA_DB_LOCK_WAIT (strata.db.lock-wait) is PT720H; give a duration from PT0S to PT24H, or leave it unset for PT10S
            STRATA_DB_REQUEST_READ_TIMEOUT           | -1s         | STRATA_DB_REQUEST_READ_TIMEOUT (strata.db.request-read-timeout) is PT-1S; give a duration from PT0S to PT24H, or leave it unset for PT5M
            STRATA_CONSOLE_FORM_WAIT                 | soon        | STRATA_CONSOLE_FORM_WAIT (strata.console.form-wait) is 'soon', which Strata cannot read as a duration; give a duration from PT0S to PT24H, or leave it unset for PT5M
            STRATA_CONSOLE_FORM_WAIT                 | -1s         | STRATA_CONSOLE_FORM_WAIT (strata.console.form-wait) is PT-1S; give a duration from PT0S to PT24H, or leave it unset for PT5M
            STRATA_CONSOLE_FORM_WAIT                 | 2d          | STRATA_CONSOLE_FORM_WAIT (strata.console.form-wait) is PT48H; give a duration from PT0S to PT24H, or leave it unset for PT5M
            STRATA_DOWNLOADS_TIME_LIMIT              | long        | STRATA_DOWNLOADS_TIME_LIMIT (strata.downloads.time-limit) is 'long', which Strata cannot read as a duration; give a duration from PT1S to PT24H, or leave it unset for PT1H
            STRATA_DOWNLOADS_TIME_LIMIT              | 500ms       | STRATA_DOWNLOADS_TIME_LIMIT (strata.downloads.time-limit) is PT0.5S; give a duration from PT1S to PT24H, or leave it unset for PT1H
            STRATA_DOWNLOADS_TIME_LIMIT              | 2d          | STRATA_DOWNLOADS_TIME_LIMIT (strata.downloads.time-limit) is PT48H; give a duration from PT1S to PT24H, or leave it unset for PT1H
            STRATA_DOWNLOADS_AT_ONCE                 | 0           | STRATA_DOWNLOADS_AT_ONCE (strata.downloads.at-once) is 0; give a whole number of downloads from 1 to 996, or leave it unset for half of strata.db.pool-size, at most the pool less 4
            STRATA_DOWNLOADS_AT_ONCE                 | many        | STRATA_DOWNLOADS_AT_ONCE (strata.downloads.at-once) is 'many', which Strata cannot read as a whole number; give a whole number of downloads from 1 to 996, or leave it unset for half of strata.db.pool-size, at most the pool less 4
            STRATA_DOWNLOADS_AT_ONCE                 | 9           | STRATA_DOWNLOADS_AT_ONCE (strata.downloads.at-once) is 9, which would leave 1 of the pool's 10 connections (STRATA_DB_POOL_SIZE, strata.db.pool-size) to pages, API calls, imports and runs, fewer than the 4 they need while downloads hold theirs (an import's or a run's 3 and a page's 1); give a whole number of downloads from 1 to 6, or leave it unset for 5 (half of the pool)
            STRATA_DOWNLOADS_AT_ONCE                 | 20          | STRATA_DOWNLOADS_AT_ONCE (strata.downloads.at-once) is 20, which would leave 0 of the pool's 10 connections (STRATA_DB_POOL_SIZE, strata.db.pool-size) to pages, API calls, imports and runs, fewer than the 4 they need while downloads hold theirs (an import's or a run's 3 and a page's 1); give a whole number of downloads from 1 to 6, or leave it unset for 5 (half of the pool)
            STRATA_SESSIONS_CLEANUP_CRON             | every minute | STRATA_SESSIONS_CLEANUP_CRON (strata.sessions.cleanup-cron) is 'every minute', which is no cron Strata can read; give six fields, seconds first, such as 0 * * * * * (every minute), or leave it unset for that
            STRATA_DB_CONNECTION_TIMEOUT             | 0           | STRATA_DB_CONNECTION_TIMEOUT (strata.db.connection-timeout) is PT0S; give a duration from PT0.25S to PT10M, or leave it unset for PT30S
            STRATA_DISPATCH_WEBHOOK_CONNECT_TIMEOUT  | 0s          | STRATA_DISPATCH_WEBHOOK_CONNECT_TIMEOUT (strata.dispatch.webhook-connect-timeout) is PT0S; give a duration from PT0.1S to PT10M, or leave it unset for PT2S
            STRATA_DISPATCH_WEBHOOK_READ_TIMEOUT     | 11m         | STRATA_DISPATCH_WEBHOOK_READ_TIMEOUT (strata.dispatch.webhook-read-timeout) is PT11M; give a duration from PT0.1S to PT10M, or leave it unset for PT5S
            STRATA_DISPATCH_WEBHOOK_BACKOFF          | -1s         | STRATA_DISPATCH_WEBHOOK_BACKOFF (strata.dispatch.webhook-backoff) is PT-1S; give a duration from PT0S to PT1H, or leave it unset for PT0.5S
            STRATA_DISPATCH_WEBHOOK_BACKOFF          | abc         | STRATA_DISPATCH_WEBHOOK_BACKOFF (strata.dispatch.webhook-backoff) is 'abc', which Strata cannot read as a duration; give a duration from PT0S to PT1H, or leave it unset for PT0.5S
            STRATA_DB_SCHEMA_LOOK_EVERY              | abc         | STRATA_DB_SCHEMA_LOOK_EVERY (strata.db.schema-look-every) is 'abc', which Strata cannot read as a duration; give a duration from PT0S to PT1H, or leave it unset for PT5S
            STRATA_IMPORT_MAX_BODY_SIZE              | 0           | STRATA_IMPORT_MAX_BODY_SIZE (strata.import.max-body-size) is 0B; give a size from 1B to 1TB, or leave it unset for 4GB
            STRATA_IMPORT_MAX_BODY_SIZE              | lots        | STRATA_IMPORT_MAX_BODY_SIZE (strata.import.max-body-size) is 'lots', which Strata cannot read as a size; give a size from 1B to 1TB, or leave it unset for 4GB
            STRATA_IMPORT_MAX_BODY_SIZE              | 1025GB      | STRATA_IMPORT_MAX_BODY_SIZE (strata.import.max-body-size) is 1025GB; give a size from 1B to 1TB, or leave it unset for 4GB
            STRATA_DB_TUNING_SERVER_WORK_MEM         | 1B          | STRATA_DB_TUNING_SERVER_WORK_MEM (strata.db.tuning.server-work-mem) is 1B; give a size from 64KB to 1TB, or leave it unset for 64MB
            STRATA_DB_TUNING_WORK_MEM                | 65535B      | STRATA_DB_TUNING_WORK_MEM (strata.db.tuning.work-mem) is 65535B; give a size from 64KB to 1TB, or leave it unset for 256MB
            STRATA_DB_TUNING_MAINTENANCE_WORK_MEM    | 3TB         | STRATA_DB_TUNING_MAINTENANCE_WORK_MEM (strata.db.tuning.maintenance-work-mem) is 3TB; give a size from 1MB to 1TB, or leave it unset for 1GB
            STRATA_DB_TUNING_SERVER_MAINTENANCE_WORK_MEM | much    | STRATA_DB_TUNING_SERVER_MAINTENANCE_WORK_MEM (strata.db.tuning.server-maintenance-work-mem) is 'much', which Strata cannot read as a size; give a size from 1MB to 1TB, or leave it unset for 256MB
            """)
    void aSettingOutOfItsRangeStopsTheStartWithOneLine(String variable, String value, String line, CapturedOutput output) throws IOException {
        Path dataDir = Path.of("target", "settings-at-start-" + UUID.randomUUID());
        try {
            assertThatThrownBy(() -> start(variable, value, dataDir)).isInstanceOf(Exception.class);

            String nl = System.lineSeparator();
            assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                    .contains("Description:" + nl + nl + line + nl + nl + "Action:" + nl + nl + "Correct that setting or unset it (README.md lists"
                            + " every setting with its default), then start Strata again.")
                    .doesNotContain("Caused by:").doesNotContain("Failed to bind");
            assertThat(dataDir).as("stopped before the embedded PostgreSQL was given a directory").doesNotExist();
        } finally {
            delete(dataDir);
        }
    }

    private static void delete(Path dataDir) throws IOException {
        if (Files.exists(dataDir)) {
            try (var paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theBoundsThemselvesAreAllowed() {
        assertThat(bind("strata.campaigns.measurement-follow-days", "0").measurementFollowDays()).isZero();
        assertThat(bind("strata.campaigns.measurement-follow-days", "3650").measurementFollowDays()).isEqualTo(3650);
        assertThat(bind("strata.db", DatabaseSettings.class, "strata.db.connection-timeout", "250ms").connectionTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(bind("strata.dispatch", DispatchSettings.class, "strata.dispatch.webhook-connect-timeout", "100ms").webhookConnectTimeout())
                .isEqualTo(Duration.ofMillis(100));
        assertThat(bind("strata.dispatch", DispatchSettings.class, "strata.dispatch.webhook-read-timeout", "100ms").webhookReadTimeout())
                .isEqualTo(Duration.ofMillis(100));
        assertThat(bind("strata.dispatch", DispatchSettings.class, "strata.dispatch.webhook-backoff", "0s").webhookBackoff()).isZero();
        assertThat(bind("strata.db", SchemaAheadSettings.class, "strata.db.schema-look-every", "1h").schemaLookEvery()).isEqualTo(Duration.ofHours(1));
        assertThat(bind("strata.import", ImportSettings.class, "strata.import.max-body-size", "1B").maxBodySize()).isEqualTo(DataSize.ofBytes(1));
        // downloads at once: the most that leaves four connections of the pool (an import's three and a page's one), at
        // least one; unset, half the pool within that
        assertThat(bind("strata.downloads", DownloadSettings.class, "strata.downloads.at-once", "6").atOnce(10)).isEqualTo(6);
        assertThat(bind("strata.downloads", DownloadSettings.class, "strata.downloads.at-once", "1").atOnce(4)).isEqualTo(1);
        assertThat(bind("strata.downloads", DownloadSettings.class, "strata.downloads.at-once", "996").atOnce(1000)).isEqualTo(996);
        assertThatThrownBy(() -> bind("strata.downloads", DownloadSettings.class, "strata.downloads.at-once", "2").atOnce(4))
                .hasMessageContaining("is 2, which would leave 2 of the pool's 4 connections").hasMessageContaining("from 1 to 1, or leave it unset for 1 (the least)");
        assertThat(bind("strata.downloads", DownloadSettings.class, "strata.downloads.time-limit", "1h").atOnce(4)).isEqualTo(1);
        assertThat(bind("strata.downloads", DownloadSettings.class, "strata.downloads.time-limit", "1h").atOnce(6)).isEqualTo(2);
        assertThat(bind("strata.downloads", DownloadSettings.class, "strata.downloads.time-limit", "1h").atOnce(10)).isEqualTo(5);
        assertThat(bind("strata.downloads", DownloadSettings.class, "strata.downloads.time-limit", "1h").atOnce(1000)).isEqualTo(500);
    }

    /**
     * The other ends of the new ranges, in a real start with them in its environment: it starts, and the pool, the relay's
     * settings, the upload limit and the schema's look take them as given.
     */
    @Test
    void aStartWithDurationsAndASizeAtTheEndsOfTheirRangesStartsWithThem() throws IOException {
        Path dataDir = Path.of("target", "settings-at-start-" + UUID.randomUUID());
        try (ConfigurableApplicationContext context = start(Map.of("STRATA_DB_CONNECTION_TIMEOUT", "10m",
                "STRATA_DISPATCH_WEBHOOK_CONNECT_TIMEOUT", "10m", "STRATA_DISPATCH_WEBHOOK_READ_TIMEOUT", "10m",
                "STRATA_DISPATCH_WEBHOOK_BACKOFF", "1h", "STRATA_DB_SCHEMA_LOOK_EVERY", "0s", "STRATA_IMPORT_MAX_BODY_SIZE", "1TB"), dataDir)) {
            assertThat(context.getBean(HikariDataSource.class).getConnectionTimeout()).isEqualTo(600_000);
            DispatchSettings dispatch = context.getBean(DispatchSettings.class);
            assertThat(dispatch.webhookConnectTimeout()).isEqualTo(Duration.ofMinutes(10));
            assertThat(dispatch.webhookReadTimeout()).isEqualTo(Duration.ofMinutes(10));
            assertThat(dispatch.webhookBackoff()).isEqualTo(Duration.ofHours(1));
            assertThat(context.getBean(SchemaAheadSettings.class).schemaLookEvery()).isZero();
            assertThat(context.getBean(MultipartConfigElement.class).getMaxFileSize()).isEqualTo(1L << 40);
        } finally {
            delete(dataDir);
        }
    }

    /**
     * The ends of the database's ranges are values PostgreSQL takes: the embedded server starts with the least work_mem
     * and the most maintenance_work_mem, an import's transaction sets the most work_mem, and a request's connection the
     * longest lock_timeout (beyond a day's ranges PostgreSQL refused each with "outside the valid range for parameter":
     * the server did not start, or every import or request failed).
     */
    @Test
    void theDatabasesSettingsAtTheEndsOfTheirRangesAreTakenByPostgreSql() throws Exception {
        Path dataDir = Path.of("target", "settings-at-start-" + UUID.randomUUID());
        String token = "settings-at-start-token-0123456789";
        try (ConfigurableApplicationContext context = start(Map.of("STRATA_DB_TUNING_SERVER_WORK_MEM", "64KB",
                "STRATA_DB_TUNING_SERVER_MAINTENANCE_WORK_MEM", "1TB", "STRATA_DB_TUNING_WORK_MEM", "1TB",
                "STRATA_DB_TUNING_MAINTENANCE_WORK_MEM", "1MB", "STRATA_DB_LOCK_WAIT", "24h", "STRATA_DB_CONNECT_TIMEOUT", "10m",
                "STRATA_DB_REQUEST_READ_TIMEOUT", "24h", "STRATA_API_TOKEN", token), dataDir)) {
            try (var connection = context.getBean(HikariDataSource.class).getConnection(); var sql = connection.createStatement()) {
                assertThat(shown(sql, "show work_mem")).isEqualTo("64kB");
                assertThat(shown(sql, "show maintenance_work_mem")).isEqualTo("1TB");
            }
            String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> imported = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/imports/orders"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString("order_id,customer_id,ordered_at,amount\nO1,C1,2026-01-05,10.50\n"
                            + "O2,C2,2026-01-06,20\n")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            assertThat(imported.body()).contains("\"status\":\"COMPLETED\"");
            HttpResponse<String> campaigns = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/campaigns"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(campaigns.statusCode()).as(campaigns.body()).isEqualTo(200);
        } finally {
            delete(dataDir);
        }
    }

    private static String shown(java.sql.Statement sql, String show) throws java.sql.SQLException {
        try (var rows = sql.executeQuery(show)) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** Every settings record of Strata's is read at start (SettingsAtStart.SETTINGS), or its bad values would fail later, in a bean. */
    @Test
    void everySettingsRecordIsCheckedAtStart() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
        scan.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        Set<Class<?>> records = new HashSet<>();
        for (BeanDefinition found : scan.findCandidateComponents("io.strata")) {
            records.add(Class.forName(found.getBeanClassName()));
        }
        // the Spark engine's settings are read by its own configuration, only when that engine is chosen
        records.removeIf(type -> type.getName().startsWith("io.strata.adapters.spark."));

        assertThat(SettingsAtStart.SETTINGS).containsExactlyInAnyOrderElementsOf(records);
    }

    /**
     * Every number, duration and size a settings record reads (nested records too) declares its range beside it, under
     * its own key: so a value out of it and one that is none of its kind both stop the start on a line that names the
     * range (before session 55 the database's durations and sizes had none: a size of 1B for the embedded server's
     * work_mem waited a minute and then said to check the data directory).
     */
    @Test
    void everyNumberDurationAndSizeOfASettingsRecordDeclaresItsRange() throws IllegalAccessException {
        List<String> unranged = new ArrayList<>();
        for (Class<?> settings : SettingsAtStart.SETTINGS) {
            unranged.addAll(unranged(settings, settings.getAnnotation(ConfigurationProperties.class).value()));
        }
        assertThat(unranged).isEmpty();
    }

    private static List<String> unranged(Class<?> record, String prefix) throws IllegalAccessException {
        Set<String> declared = new HashSet<>();
        for (Field field : record.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && SettingBounds.class.isAssignableFrom(field.getType())) {
                field.setAccessible(true);
                declared.add(((SettingBounds) field.get(null)).key());
            }
        }
        List<String> unranged = new ArrayList<>();
        for (RecordComponent component : record.getRecordComponents()) {
            String key = prefix + "." + component.getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
            Class<?> type = component.getType();
            if (type.isRecord()) {
                unranged.addAll(unranged(type, key));
            } else if ((type.isPrimitive() && type != boolean.class || Number.class.isAssignableFrom(type) || type == Duration.class
                    || type == DataSize.class) && !declared.contains(key)) {
                unranged.add(record.getSimpleName() + "." + component.getName() + " (" + key + ")");
            }
        }
        return unranged;
    }

    private static CampaignSettings bind(String key, String value) {
        return new Binder(new MapConfigurationPropertySource(Map.of(key, value))).bindOrCreate("strata.campaigns", CampaignSettings.class);
    }

    private static <T> T bind(String prefix, Class<T> settings, String key, String value) {
        return new Binder(new MapConfigurationPropertySource(Map.of(key, value))).bindOrCreate(prefix, settings);
    }

    private static void start(String variable, String value, Path dataDir) {
        start(Map.of(variable, value), dataDir).close();
    }

    private static ConfigurableApplicationContext start(Map<String, String> variables, Path dataDir) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<String, Object>(variables)));
        return new SpringApplicationBuilder(StrataApplication.class).environment(environment)
                .run("--server.port=0", "--strata.data-dir=" + dataDir.toAbsolutePath(), "--strata.predictions.warm-up=false");
    }
}
