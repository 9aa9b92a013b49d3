package io.strata.bootstrap.forms;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.bootstrap.settings.ConsoleSettings;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The console's record of forms carried out, in the database for every node ({@link JdbcSentForms});
 * {@code strata.console.form-wait} ({@link ConsoleSettings}) is how long a copy of a form waits for the first sending to end (default 5 minutes).
 */
@Configuration(proxyBeanMethods = false)
public class SentFormsConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    JdbcSentForms sentForms(HikariDataSource dataSource, ConsoleSettings console) {
        return new JdbcSentForms(dataSource, dataSource.getMaximumPoolSize(), dataSource.getConnectionTimeout(), console.formWait());
    }
}
