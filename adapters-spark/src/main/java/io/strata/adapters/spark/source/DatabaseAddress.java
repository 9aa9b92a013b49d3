package io.strata.adapters.spark.source;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Where Strata's PostgreSQL is, as the driver and every Spark executor reach it. */
public record DatabaseAddress(String url, String user, String password) {

    public DatabaseAddress {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the database URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db), not '" + url + "'");
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    /**
     * Connection properties for Spark's JDBC reader and writer; batched inserts are rewritten into multi-row ones, and
     * sessions have no statement or idle-in-transaction timeout.
     */
    public Properties properties() {
        Properties properties = new Properties();
        properties.setProperty("driver", "org.postgresql.Driver");
        properties.setProperty("reWriteBatchedInserts", "true");
        // as the application's pool (StrataPool.OWN_BOUNDS): a role's statement or idle-in-transaction timeout would
        // cancel the reads and writes of a run at ten million customers
        properties.setProperty("options", "-c statement_timeout=0 -c idle_in_transaction_session_timeout=0 -c default_transaction_isolation=read\\ committed");
        if (!user.isEmpty()) {
            properties.setProperty("user", user);
        }
        if (!password.isEmpty()) {
            properties.setProperty("password", password);
        }
        return properties;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, properties());
    }

    @Override
    public String toString() {
        return "DatabaseAddress[" + url + ", user " + user + "]"; // never the password
    }
}
