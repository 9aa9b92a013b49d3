package io.strata.bootstrap.wiring;

import io.strata.application.audit.AuditService;
import io.strata.application.audit.AuditTrail;
import io.strata.application.audit.Transactions;
import io.strata.application.customer.CustomerService;
import io.strata.application.customer.Customers;
import io.strata.application.erasure.ErasureService;
import io.strata.application.erasure.PersonalData;
import io.strata.application.imports.ImportRecords;
import io.strata.application.imports.ImportService;
import io.strata.application.imports.ImportTargets;
import io.strata.application.security.ApiTokens;
import io.strata.application.security.AuthenticateToken;
import io.strata.application.security.ConsoleUsers;
import io.strata.application.security.LoginFailures;
import io.strata.application.security.LoginThrottle;
import io.strata.application.security.PasswordHashing;
import io.strata.application.security.ProvisionCredentials;
import io.strata.application.security.SecurityService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The application layer knows no Spring: its services are created here from the adapters' ports. */
@Configuration(proxyBeanMethods = false)
public class UseCaseConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CustomerService customerService(Customers customers) {
        return new CustomerService(customers);
    }

    @Bean
    ImportService importService(ImportTargets targets, ImportRecords records, Clock clock) {
        return new ImportService(targets, records, clock);
    }

    @Bean
    AuthenticateToken authenticateToken(ApiTokens tokens, Clock clock) {
        return new AuthenticateToken(tokens, clock);
    }

    @Bean
    ProvisionCredentials provisionCredentials(ConsoleUsers users, ApiTokens tokens, PasswordHashing hashing) {
        return new ProvisionCredentials(users, tokens, hashing);
    }

    @Bean
    SecurityService securityService(ApiTokens tokens, ConsoleUsers users, PasswordHashing hashing, AuditTrail audit,
                                    Transactions transactions, Clock clock) {
        return new SecurityService(tokens, users, hashing, audit, transactions, clock);
    }

    @Bean
    LoginThrottle loginThrottle(LoginFailures failures, Clock clock) {
        return new LoginThrottle(failures, clock, LoginThrottle.Policy.DEFAULT);
    }

    @Bean
    AuditService auditService(AuditTrail audit) {
        return new AuditService(audit);
    }

    @Bean
    ErasureService erasureService(PersonalData personalData, AuditTrail audit, Transactions transactions) {
        return new ErasureService(personalData, audit, transactions);
    }
}
