package io.strata.bootstrap.settings;

import io.strata.adapters.persistence.database.DataDirectorySettings;
import io.strata.adapters.persistence.database.DatabaseBounds;
import io.strata.adapters.persistence.database.DatabaseSettings;
import io.strata.adapters.persistence.database.SchemaAheadSettings;
import io.strata.adapters.web.imports.ImportSettings;
import io.strata.adapters.web.imports.UploadConfiguration;
import io.strata.adapters.web.security.BaseUrlSettings;
import io.strata.adapters.web.security.PasswordSettings;
import jakarta.servlet.MultipartConfigElement;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strata's settings as the binder makes them: the documented defaults (README, api-contract) when nothing is set, the
 * keys in application properties, and the STRATA_* environment variables of the README's table.
 */
class SettingsTest {

    private static final Binder NOTHING_SET = new Binder(new MapConfigurationPropertySource());

    @Test
    void withNothingSetEverySettingHasItsDocumentedDefault() {
        assertThat(NOTHING_SET.bindOrCreate("strata.db", DatabaseSettings.class)).isEqualTo(new DatabaseSettings("", "", "", 10, Duration.ofSeconds(30),
                new DatabaseSettings.Tuning(DataSize.ofMegabytes(256), DataSize.ofGigabytes(1), DataSize.ofMegabytes(64),
                        DataSize.ofMegabytes(256))));
        assertThat(NOTHING_SET.bindOrCreate("strata.db", DatabaseBounds.class))
                .isEqualTo(new DatabaseBounds(Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(10)));
        assertThat(NOTHING_SET.bindOrCreate("strata.db", SchemaAheadSettings.class)).isEqualTo(new SchemaAheadSettings(Duration.ofSeconds(5)));
        assertThat(NOTHING_SET.bindOrCreate("strata", DataDirectorySettings.class))
                .isEqualTo(new DataDirectorySettings("./strata-data", new DataDirectorySettings.Benchmark(false)));
        assertThat(NOTHING_SET.bindOrCreate("strata.import", ImportSettings.class)).isEqualTo(new ImportSettings(DataSize.ofGigabytes(4)));
        assertThat(NOTHING_SET.bindOrCreate("strata.security", PasswordSettings.class)).isEqualTo(new PasswordSettings(30));
        assertThat(NOTHING_SET.bindOrCreate("strata", BaseUrlSettings.class)).isEqualTo(new BaseUrlSettings(""));
        assertThat(NOTHING_SET.bindOrCreate("strata.dispatch", DispatchSettings.class)).isEqualTo(new DispatchSettings("", "", false,
                Duration.ofSeconds(2), Duration.ofSeconds(5), 4, Duration.ofMillis(500), 500, 4));
        assertThat(NOTHING_SET.bindOrCreate("strata", CredentialSettings.class)).isEqualTo(new CredentialSettings("", ""));
        assertThat(NOTHING_SET.bindOrCreate("strata", DemoSettings.class)).isEqualTo(new DemoSettings(false, 3000));
        assertThat(NOTHING_SET.bindOrCreate("strata.segmentation", SegmentationSettings.class))
                .isEqualTo(new SegmentationSettings(new BigDecimal("0.01")));
        assertThat(NOTHING_SET.bindOrCreate("strata.schedules", io.strata.bootstrap.settings.ScheduleSettings.class))
                .isEqualTo(new io.strata.bootstrap.settings.ScheduleSettings(true, Duration.ofMinutes(1), Duration.ofSeconds(10)));
        assertThat(NOTHING_SET.bindOrCreate("strata.predictions", PredictionSettings.class))
                .isEqualTo(new PredictionSettings(100, 0.3, 12, 0.01, true, 500_000, 500_000, true, 100_000));
        assertThat(NOTHING_SET.bindOrCreate("strata.campaigns", CampaignSettings.class)).isEqualTo(new CampaignSettings(30));
        // downloads at once: unset, derived from the pool (half of it)
        assertThat(NOTHING_SET.bindOrCreate("strata.downloads", DownloadSettings.class)).isEqualTo(new DownloadSettings(Duration.ofHours(1), null));
    }

    @Test
    void theKeysOfApplicationPropertiesOverrideTheDefaults() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.ofEntries(
                Map.entry("strata.db.url", "jdbc:postgresql://db.example.com/strata"), Map.entry("strata.db.user", "strata"),
                Map.entry("strata.db.password", "s3cret"), Map.entry("strata.db.pool-size", "5"), Map.entry("strata.db.connection-timeout", "5s"),
                Map.entry("strata.db.tuning.work-mem", "512MB"), Map.entry("strata.db.tuning.maintenance-work-mem", "2GB"),
                Map.entry("strata.db.tuning.server-work-mem", "32MB"), Map.entry("strata.db.tuning.server-maintenance-work-mem", "128MB"),
                Map.entry("strata.data-dir", "/var/lib/strata"), Map.entry("strata.benchmark.no-fsync", "true"),
                Map.entry("strata.import.max-body-size", "100KB"), Map.entry("strata.security.password-min-entropy", "40.5"),
                Map.entry("strata.base-url", "https://strata.example.com"),
                Map.entry("strata.dispatch.webhook-url", "https://crm.example.com/hook"), Map.entry("strata.dispatch.webhook-secret", "whsec_x"),
                Map.entry("strata.dispatch.allow-plain-http", "true"), Map.entry("strata.dispatch.webhook-connect-timeout", "PT1S"),
                Map.entry("strata.dispatch.webhook-read-timeout", "10s"), Map.entry("strata.dispatch.webhook-max-attempts", "2"),
                Map.entry("strata.dispatch.webhook-backoff", "PT3S"), Map.entry("strata.dispatch.webhook-batch-size", "50"),
                Map.entry("strata.dispatch.workers", "8"), Map.entry("strata.admin-password", "correct horse"),
                Map.entry("strata.api-token", "tok"), Map.entry("strata.demo", "true"), Map.entry("strata.demo-customers", "100"),
                Map.entry("strata.segmentation.small-segment-share", "0.05"), Map.entry("strata.predictions.fit-buyers", "50000"))));

        assertThat(binder.bindOrCreate("strata.db", DatabaseSettings.class)).isEqualTo(new DatabaseSettings(
                "jdbc:postgresql://db.example.com/strata", "strata", "s3cret", 5, Duration.ofSeconds(5), new DatabaseSettings.Tuning(DataSize.ofMegabytes(512),
                DataSize.ofGigabytes(2), DataSize.ofMegabytes(32), DataSize.ofMegabytes(128))));
        assertThat(binder.bindOrCreate("strata", DataDirectorySettings.class))
                .isEqualTo(new DataDirectorySettings("/var/lib/strata", new DataDirectorySettings.Benchmark(true)));
        assertThat(binder.bindOrCreate("strata.import", ImportSettings.class)).isEqualTo(new ImportSettings(DataSize.ofKilobytes(100)));
        assertThat(binder.bindOrCreate("strata.security", PasswordSettings.class)).isEqualTo(new PasswordSettings(40.5));
        assertThat(binder.bindOrCreate("strata", BaseUrlSettings.class)).isEqualTo(new BaseUrlSettings("https://strata.example.com"));
        assertThat(binder.bindOrCreate("strata.dispatch", DispatchSettings.class)).isEqualTo(new DispatchSettings(
                "https://crm.example.com/hook", "whsec_x", true, Duration.ofSeconds(1), Duration.ofSeconds(10), 2, Duration.ofSeconds(3), 50, 8));
        assertThat(binder.bindOrCreate("strata", CredentialSettings.class)).isEqualTo(new CredentialSettings("correct horse", "tok"));
        assertThat(binder.bindOrCreate("strata", DemoSettings.class)).isEqualTo(new DemoSettings(true, 100));
        assertThat(binder.bindOrCreate("strata.segmentation", SegmentationSettings.class))
                .isEqualTo(new SegmentationSettings(new BigDecimal("0.05")));
        assertThat(binder.bindOrCreate("strata.predictions", PredictionSettings.class).fitBuyers()).isEqualTo(50_000);
    }

    @Test
    void theEnvironmentVariablesOfTheReadmeReachTheirSettings() {
        Binder binder = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.ofEntries(
                        Map.entry("STRATA_DATA_DIR", "/srv/strata"), Map.entry("STRATA_DB_URL", "jdbc:postgresql://db/strata"),
                        Map.entry("STRATA_DB_USER", "u"), Map.entry("STRATA_DB_PASSWORD", "p"),
                        Map.entry("STRATA_DB_CONNECTION_TIMEOUT", "10s"), Map.entry("STRATA_DB_TUNING_WORK_MEM", "128MB"),
                        Map.entry("STRATA_DB_SCHEMA_LOOK_EVERY", "0s"),
                        Map.entry("STRATA_DB_TUNING_MAINTENANCE_WORK_MEM", "512MB"),
                        Map.entry("STRATA_ADMIN_PASSWORD", "correct horse"), Map.entry("STRATA_API_TOKEN", "tok"),
                        Map.entry("STRATA_DEMO", "true"), Map.entry("STRATA_IMPORT_MAX_BODY_SIZE", "1GB"),
                        Map.entry("STRATA_BENCHMARK_NO_FSYNC", "true"),
                        Map.entry("STRATA_DISPATCH_WEBHOOK_URL", "https://crm.example.com/hook"),
                        Map.entry("STRATA_DISPATCH_WEBHOOK_SECRET", "whsec_x"), Map.entry("STRATA_DISPATCH_ALLOW_PLAIN_HTTP", "true"),
                        Map.entry("STRATA_DISPATCH_WEBHOOK_CONNECT_TIMEOUT", "PT1S"),
                        Map.entry("STRATA_DISPATCH_WEBHOOK_READ_TIMEOUT", "PT9S"),
                        Map.entry("STRATA_DISPATCH_WEBHOOK_MAX_ATTEMPTS", "6"), Map.entry("STRATA_DISPATCH_WEBHOOK_BACKOFF", "PT1S"),
                        Map.entry("STRATA_DISPATCH_WEBHOOK_BATCH_SIZE", "100"), Map.entry("STRATA_DISPATCH_WORKERS", "2"),
                        Map.entry("STRATA_BASE_URL", "https://strata.example.com"),
                        Map.entry("STRATA_SECURITY_PASSWORD_MIN_ENTROPY", "35"), Map.entry("STRATA_PREDICTIONS_FIT_BUYERS", "300000"),
                        Map.entry("STRATA_PREDICTIONS_WARM_UP", "false"), Map.entry("STRATA_CAMPAIGNS_MEASUREMENT_FOLLOW_DAYS", "90"),
                        Map.entry("STRATA_DOWNLOADS_TIME_LIMIT", "PT2H"), Map.entry("STRATA_DOWNLOADS_AT_ONCE", "3")))));

        DatabaseSettings database = binder.bindOrCreate("strata.db", DatabaseSettings.class);
        assertThat(database.url()).isEqualTo("jdbc:postgresql://db/strata");
        assertThat(database.user()).isEqualTo("u");
        assertThat(database.password()).isEqualTo("p");
        assertThat(database.connectionTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(database.tuning().workMem()).isEqualTo(DataSize.ofMegabytes(128));
        assertThat(database.tuning().maintenanceWorkMem()).isEqualTo(DataSize.ofMegabytes(512));
        assertThat(binder.bindOrCreate("strata.db", SchemaAheadSettings.class).schemaLookEvery()).isZero();
        assertThat(binder.bindOrCreate("strata", DataDirectorySettings.class))
                .isEqualTo(new DataDirectorySettings("/srv/strata", new DataDirectorySettings.Benchmark(true)));
        assertThat(binder.bindOrCreate("strata", CredentialSettings.class)).isEqualTo(new CredentialSettings("correct horse", "tok"));
        assertThat(binder.bindOrCreate("strata", DemoSettings.class)).isEqualTo(new DemoSettings(true, 3000));
        assertThat(binder.bindOrCreate("strata.import", ImportSettings.class)).isEqualTo(new ImportSettings(DataSize.ofGigabytes(1)));
        assertThat(binder.bindOrCreate("strata.dispatch", DispatchSettings.class)).isEqualTo(new DispatchSettings(
                "https://crm.example.com/hook", "whsec_x", true, Duration.ofSeconds(1), Duration.ofSeconds(9), 6, Duration.ofSeconds(1), 100, 2));
        assertThat(binder.bindOrCreate("strata", BaseUrlSettings.class)).isEqualTo(new BaseUrlSettings("https://strata.example.com"));
        assertThat(binder.bindOrCreate("strata.security", PasswordSettings.class)).isEqualTo(new PasswordSettings(35));
        PredictionSettings predictions = binder.bindOrCreate("strata.predictions", PredictionSettings.class);
        assertThat(predictions.fitBuyers()).isEqualTo(300_000);
        assertThat(predictions.warmUp()).isFalse();
        assertThat(binder.bindOrCreate("strata.campaigns", CampaignSettings.class)).isEqualTo(new CampaignSettings(90));
        assertThat(binder.bindOrCreate("strata.downloads", DownloadSettings.class)).isEqualTo(new DownloadSettings(Duration.ofHours(2), 3));
    }

    @Test
    void memorySettingsReachPostgresqlInKilobytesWithoutRounding() {
        assertThat(DatabaseSettings.Tuning.setting(DataSize.ofMegabytes(256))).isEqualTo("262144kB");
        assertThat(DatabaseSettings.Tuning.setting(DataSize.ofGigabytes(1))).isEqualTo("1048576kB");
        assertThat(DatabaseSettings.Tuning.defaults()).isEqualTo(new DatabaseSettings.Tuning(DataSize.ofMegabytes(256),
                DataSize.ofGigabytes(1), DataSize.ofMegabytes(64), DataSize.ofMegabytes(256)));
    }

    @Test
    void uploadsMayBeAsLargeAsAnImportBodyAndGoToATemporaryFile() {
        MultipartConfigElement multipart = new UploadConfiguration().multipartConfigElement(new ImportSettings(DataSize.ofMegabytes(3)));

        assertThat(multipart.getMaxFileSize()).isEqualTo(3L * 1024 * 1024);
        assertThat(multipart.getFileSizeThreshold()).isZero();
        assertThat(multipart.getMaxRequestSize()).isEqualTo(-1);
    }
}
