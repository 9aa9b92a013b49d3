package io.strata.bootstrap;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.adapters.persistence.database.DatabaseSettings;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

/**
 * A second node of the application: its own context and web server on a random port, on the PostgreSQL of the
 * suite's context, as another machine behind a load balancer would be. Nothing but the database is shared.
 */
public final class OtherNode implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private OtherNode(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts a node on the suite's database; {@code properties} are extra "key=value" settings. */
    public static OtherNode start(HikariDataSource database, String... properties) {
        return startWith(List.of(), database, properties);
    }

    /** The same with configurations of the tests' own beside the application's ({@link TestHooks}, say). */
    public static OtherNode startWith(List<Class<?>> configurations, HikariDataSource database, String... properties) {
        List<String> settings = new ArrayList<>(List.of(
                "--server.port=0",
                "--strata.db.url=" + database.getJdbcUrl(),
                "--strata.db.user=" + database.getUsername(),
                "--strata.db.password=" + (database.getPassword() == null ? "" : database.getPassword()),
                "--strata.api-token=" + EndToEndTest.TOKEN,
                "--strata.admin-password=" + EndToEndTest.ADMIN_PASSWORD));
        // the smallest pool a node starts with, unless the test gives one: what works there works on every pool (SmallestPoolTest)
        if (List.of(properties).stream().noneMatch(property -> property.startsWith("strata.db.pool-size="))) {
            settings.add("--strata.db.pool-size=" + DatabaseSettings.POOL_SIZE.least().intValueExact());
        }
        List.of(properties).forEach(property -> settings.add("--" + property));
        // command-line arguments, as application.yaml's own values (strata.db.url: "") would win over default properties
        List<Class<?>> sources = new ArrayList<>(List.of(StrataApplication.class));
        sources.addAll(configurations);
        OtherNode node = new OtherNode(new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).run(settings.toArray(String[]::new)));
        // its start may have set up the log afresh, without the suite context's filter (EndToEndTest.withTheSuitesLogFilter)
        EndToEndTest.theSuitesLogFilterInPlace();
        return node;
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** A bean of this node by its name, where the type has several (the run's worker among the executors). */
    public <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    @Override
    public void close() {
        context.close();
    }
}
