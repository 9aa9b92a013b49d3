package io.strata.bootstrap.settings;

import io.strata.application.settings.SettingRange;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code strata.demo} (STRATA_DEMO, or --demo) loads {@code strata.demo-customers} demo customers into an empty database. */
@ConfigurationProperties("strata")
public record DemoSettings(@DefaultValue("false") boolean demo, @DefaultValue("3000") int demoCustomers) {

    public static final SettingRange DEMO_CUSTOMERS = SettingRange.whole("strata.demo-customers", 1, 1_000_000, "customers", 3000);

    public DemoSettings {
        DEMO_CUSTOMERS.check(demoCustomers);
    }
}
