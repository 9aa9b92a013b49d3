package io.strata.bootstrap.security;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.bootstrap.EndToEndTest;
import io.strata.bootstrap.StrataApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

/**
 * A second node of the application: its own context and web server on a random port, on the PostgreSQL of the
 * suite's context, as another machine behind a load balancer would be. Nothing but the database is shared.
 */
final class OtherNode implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private OtherNode(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts a node on the suite's database; {@code properties} are extra "key=value" settings. */
    static OtherNode start(HikariDataSource database, String... properties) {
        List<String> settings = new ArrayList<>(List.of(
                "--server.port=0",
                "--strata.db.url=" + database.getJdbcUrl(),
                "--strata.db.user=" + database.getUsername(),
                "--strata.db.password=" + (database.getPassword() == null ? "" : database.getPassword()),
                "--strata.db.pool-size=3",
                "--strata.api-token=" + EndToEndTest.TOKEN,
                "--strata.admin-password=" + EndToEndTest.ADMIN_PASSWORD));
        List.of(properties).forEach(property -> settings.add("--" + property));
        // command-line arguments, as application.yaml's own values (strata.db.url: "") would win over default properties
        return new OtherNode(new SpringApplicationBuilder(StrataApplication.class).run(settings.toArray(String[]::new)));
    }

    int port() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
