package io.strata.bootstrap.settings;

import io.strata.adapters.persistence.database.DataDirectorySettings;
import io.strata.adapters.persistence.database.DatabaseBounds;
import io.strata.adapters.persistence.database.DatabaseSettings;
import io.strata.adapters.persistence.database.SchemaAheadSettings;
import io.strata.adapters.persistence.imports.ImportTurnSettings;
import io.strata.adapters.web.imports.ImportSettings;
import io.strata.adapters.web.security.BaseUrlSettings;
import io.strata.adapters.web.security.PasswordSettings;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.context.ApplicationListener;

import java.util.List;

/**
 * Every Strata setting is read once as soon as the environment is ready, before the embedded PostgreSQL starts or any
 * bean is made: a value out of its range or of the wrong kind stops the start at once with one line
 * ({@link SettingRefused}), whichever bean would have read it first, and nothing is created meanwhile (no data
 * directory, no database). The beans bind the same records again later, from the same environment.
 * Registered in META-INF/spring.factories.
 */
public final class SettingsAtStart implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    /** Every {@code @ConfigurationProperties} record of Strata's (SettingsAtStartTest.everySettingsRecordIsCheckedAtStart finds none missing). */
    static final List<Class<?>> SETTINGS = List.of(DatabaseSettings.class, DatabaseBounds.class, SchemaAheadSettings.class,
            DataDirectorySettings.class, ImportTurnSettings.class, ImportSettings.class, PasswordSettings.class, BaseUrlSettings.class,
            DispatchSettings.class,
            CredentialSettings.class, DemoSettings.class, SegmentationSettings.class, ScheduleSettings.class, PredictionSettings.class,
            CampaignSettings.class, RunSettings.class, ConsoleSettings.class, SessionSettings.class, DownloadSettings.class);

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Binder binder = Binder.get(event.getEnvironment());
        for (Class<?> settings : SETTINGS) {
            binder.bindOrCreate(settings.getAnnotation(ConfigurationProperties.class).value(), settings);
        }
        // settings read against each other: downloads at once against the pool they hold connections of
        int poolSize = binder.bindOrCreate("strata.db", DatabaseSettings.class).poolSize();
        binder.bindOrCreate("strata.downloads", Bindable.of(DownloadSettings.class), new BindHandler() {
            @Override
            public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result) {
                if (name.toString().equals("strata.downloads") && result instanceof DownloadSettings downloads) {
                    // a refusal here is the binding's failure, told in one line as any setting's (SettingRefused)
                    downloads.atOnce(poolSize);
                }
                return result;
            }
        });
    }
}
