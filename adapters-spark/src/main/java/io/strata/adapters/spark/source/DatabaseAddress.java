package io.strata.adapters.spark.source;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;

/** Where Strata's PostgreSQL is, as the driver and every Spark executor reach it. */
public record DatabaseAddress(String url, String user, String password) {

    /**
     * Strata's own session bounds, as the application's pool gives its sessions (StrataPool.OWN_BOUNDS in
     * adapters-persistence, which this module does not depend on; {@code SettingsOfTheRoleOnSparkTest} holds the two equal): no
     * statement or idle-in-transaction timeout, which a managed PostgreSQL often gives every role and which would cancel
     * the reads and writes of a run at ten million customers; read committed, as Strata's units of work are written for.
     * <p>
     * Set by statements on each new connection, not sent as the driver's {@code options} startup parameter (as until
     * session 58): PgBouncer before 1.20 (Debian 12 has 1.18) refuses every connection that sends it ("FATAL: unsupported
     * startup parameter: options"), and one told to ignore it drops the bounds silently.
     */
    public static final String OWN_BOUNDS = "set statement_timeout = 0; set idle_in_transaction_session_timeout = 0; "
            + "set default_transaction_isolation = 'read committed'";

    /** A JDBC URL naming its own {@code options}: its settings are the session's, not {@link #OWN_BOUNDS}. */
    private static final Pattern URL_OPTIONS = Pattern.compile("(?i)[?&]options=");

    public DatabaseAddress {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the database URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db), not '" + url + "'");
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    /**
     * Options for Spark's JDBC reader and writer: batched inserts are rewritten into multi-row ones, the writer's
     * transactions are read committed as Strata's own, and every
     * connection Spark opens gets {@link #OWN_BOUNDS} from {@link BoundedConnections}, which the option
     * {@code connectionProvider} selects.
     */
    public Properties properties() {
        Properties properties = driverProperties();
        properties.setProperty("driver", "org.postgresql.Driver");
        properties.setProperty("reWriteBatchedInserts", "true");
        // the writer's transactions: Spark's default is READ_UNCOMMITTED, which PostgreSQL runs as read committed anyway
        properties.setProperty("isolationLevel", "READ_COMMITTED");
        properties.setProperty("connectionProvider", BoundedConnections.NAME);
        return properties;
    }

    /** A connection of its own (outside Spark), with {@link #OWN_BOUNDS}. */
    public Connection connect() throws SQLException {
        return bounded(DriverManager.getConnection(url, driverProperties()), url);
    }

    /** {@link #OWN_BOUNDS}, or none when the URL names its own {@code options}: for a pool's connection init statement. */
    public String sessionBounds() {
        return URL_OPTIONS.matcher(url).find() ? null : OWN_BOUNDS;
    }

    private Properties driverProperties() {
        Properties properties = new Properties();
        if (!user.isEmpty()) {
            properties.setProperty("user", user);
        }
        if (!password.isEmpty()) {
            properties.setProperty("password", password);
        }
        return properties;
    }

    /** {@code connection} given {@link #OWN_BOUNDS} (unless {@code url} names its own options), or closed if they fail. */
    static Connection bounded(Connection connection, String url) throws SQLException {
        if (URL_OPTIONS.matcher(url).find()) {
            return connection;
        }
        try (Statement sql = connection.createStatement()) {
            sql.execute(OWN_BOUNDS);
            return connection;
        } catch (SQLException | RuntimeException failed) {
            try {
                connection.close();
            } catch (SQLException closing) {
                failed.addSuppressed(closing);
            }
            throw failed;
        }
    }

    /** Throws {@code e} as it is, checked or not (for Spark's Scala signatures, which declare none). */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> E unchecked(Throwable e) throws E {
        throw (E) e;
    }

    @Override
    public String toString() {
        return "DatabaseAddress[" + url + ", user " + user + "]"; // never the password
    }
}
