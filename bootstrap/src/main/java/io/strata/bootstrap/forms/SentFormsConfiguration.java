package io.strata.bootstrap.forms;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * The console's record of forms carried out, in the database for every node ({@link JdbcSentForms});
 * {@code strata.console.form-wait} is how long a copy of a form waits for the first sending to end (default 5 minutes).
 */
@Configuration(proxyBeanMethods = false)
public class SentFormsConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    JdbcSentForms sentForms(HikariDataSource dataSource, @Value("${strata.console.form-wait:PT5M}") Duration wait) {
        return new JdbcSentForms(dataSource, dataSource.getMaximumPoolSize(), dataSource.getConnectionTimeout(), wait);
    }
}
