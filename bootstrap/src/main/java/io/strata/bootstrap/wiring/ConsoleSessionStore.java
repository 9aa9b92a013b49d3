package io.strata.bootstrap.wiring;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * Console sessions in PostgreSQL (Spring Session JDBC). Two requests of one session that both add an attribute (two
 * form posts at once whose redirects both carry a message: the flash maps) each insert its row; Spring Session's
 * plain INSERT made the second a duplicate key and a 500. PostgreSQL's upsert lets the later one win instead.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleSessionStore {

    @Bean
    PostgreSqlJdbcIndexedSessionRepositoryCustomizer attributesWrittenByUpsert() {
        return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
    }
}
