package io.strata.adapters.spark.source;

import org.apache.spark.sql.execution.datasources.jdbc.JDBCOptions;
import org.apache.spark.sql.jdbc.JdbcConnectionProvider;
import scala.collection.immutable.Map;
import scala.jdk.javaapi.CollectionConverters;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;

/**
 * Every connection Spark opens to Strata's PostgreSQL, given Strata's own session bounds ({@link DatabaseAddress#OWN_BOUNDS})
 * by statements once connected: the executors' partitioned reads and batched inserts, and the driver's look at a
 * query's or table's columns. Spark's option {@code sessionInitStatement} reaches the executors' reads only; its writer
 * and its look-ups on the driver have no statement of their own. All of them open their connections through
 * {@code JdbcDialect.createConnectionFactory}, which asks the connection providers found by {@link java.util.ServiceLoader}
 * (this one is listed in META-INF/services) and takes the one the option {@code connectionProvider} names
 * ({@link DatabaseAddress#properties()} names this one).
 * <p>
 * It answers only for the reads and writes that name it: for one that names no provider Spark requires exactly one that
 * answers, and that stays its own {@code basic}. It connects as {@code basic} does (the driver, the URL, the connection
 * properties, here without Spark's own options), then runs the statements.
 * <p>
 * The class must be on the executors' class path (the job jar carries it; with the application and a {@code spark://}
 * master, give the cluster this module's jar, docs/scale-out.md); where it is missing, a task fails with Spark's "Could
 * not find a JDBC connection provider with name 'strata-session-bounds'".
 */
public final class BoundedConnections extends JdbcConnectionProvider {

    /** The value of Spark's JDBC option {@code connectionProvider} that selects this provider. */
    public static final String NAME = "strata-session-bounds";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean canHandle(Driver driver, Map<String, String> options) {
        for (java.util.Map.Entry<String, String> option : CollectionConverters.asJava(options).entrySet()) {
            if (option.getKey().equalsIgnoreCase(JDBCOptions.JDBC_CONNECTION_PROVIDER()) && NAME.equals(option.getValue())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Connection getConnection(Driver driver, Map<String, String> options) {
        JDBCOptions jdbc = new JDBCOptions(options);
        try {
            Connection connection = driver.connect(jdbc.url(), jdbc.asConnectionProperties());
            // null: the driver does not take the URL; Spark then says so ("The driver could not open a JDBC connection")
            return connection == null ? null : DatabaseAddress.bounded(connection, jdbc.url());
        } catch (SQLException e) {
            // as Spark's own provider throws it (Spark's retries and messages look at the SQLException itself)
            throw DatabaseAddress.<RuntimeException>unchecked(e);
        }
    }

    @Override
    public boolean modifiesSecurityContext(Driver driver, Map<String, String> options) {
        return false;
    }
}
