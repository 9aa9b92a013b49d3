package io.strata.adapters.web.security;

import io.strata.application.settings.SettingRange;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code strata.security.password-min-entropy} (STRATA_SECURITY_PASSWORD_MIN_ENTROPY): the strength floor, in bits as
 * nbvcxz estimates them, below which a console password is refused; docs/security.md says why 30.
 */
@ConfigurationProperties("strata.security")
public record PasswordSettings(@DefaultValue("30") double passwordMinEntropy) {

    public static final SettingRange MIN_ENTROPY = SettingRange.number("strata.security.password-min-entropy", "0", true, "256", true, "30");

    public PasswordSettings {
        MIN_ENTROPY.check(passwordMinEntropy);
    }
}
