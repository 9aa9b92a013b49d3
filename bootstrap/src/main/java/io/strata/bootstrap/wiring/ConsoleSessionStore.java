package io.strata.bootstrap.wiring;

import io.strata.bootstrap.outage.ExpiredSessionsCleanup;
import io.strata.bootstrap.settings.SessionSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * Console sessions in PostgreSQL (Spring Session JDBC). Two requests of one session that both add an attribute (two
 * form posts at once whose redirects both carry a message: the flash maps) each insert its row; Spring Session's
 * plain INSERT made the second a duplicate key and a 500. PostgreSQL's upsert lets the later one win instead. Expired
 * sessions are deleted by {@link ExpiredSessionsCleanup} (every minute, {@code strata.sessions.cleanup-cron}), which
 * says once that the database is out of reach rather than logging a stack trace every minute as Spring Session's did.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleSessionStore {

    @Bean
    PostgreSqlJdbcIndexedSessionRepositoryCustomizer attributesWrittenByUpsert() {
        return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
    }

    @Bean
    ExpiredSessionsCleanup expiredSessionsCleanup(JdbcIndexedSessionRepository sessions,
                                                  SessionSettings settings) {
        return new ExpiredSessionsCleanup(sessions, settings.cleanupCron());
    }
}
