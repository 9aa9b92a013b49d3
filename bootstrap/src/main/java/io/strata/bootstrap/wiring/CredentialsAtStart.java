package io.strata.bootstrap.wiring;

import io.strata.application.security.ProvisionCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.strata.bootstrap.settings.CredentialSettings;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Ensures the admin user and the configured API token exist; a generated secret is printed this once. */
@Component
@Order(0)
public class CredentialsAtStart implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CredentialsAtStart.class);

    private final ProvisionCredentials provision;
    private final String adminPassword;
    private final String apiToken;

    public CredentialsAtStart(ProvisionCredentials provision, CredentialSettings settings) {
        this.provision = provision;
        this.adminPassword = settings.adminPassword();
        this.apiToken = settings.apiToken();
    }

    @Override
    public void run(ApplicationArguments args) {
        ProvisionCredentials.Provisioned provisioned = provision.provision(Optional.of(adminPassword), Optional.of(apiToken));
        provisioned.generated().forEach(generated ->
                log.warn("Generated {}: {}  (shown once; it is stored only hashed)", generated.what(), generated.secret()));
        provisioned.warnings().forEach(log::warn);
    }
}
