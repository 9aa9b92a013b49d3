package io.strata.adapters.persistence.customer;

import io.strata.application.customer.CustomerMatch;
import io.strata.application.customer.port.out.CustomerDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Locale;

/**
 * Id prefixes use the unique index on {@code customer_id} (collation "C", so a LIKE prefix is a range scan); email and
 * name fragments use the trigram indexes of changeset 165.
 */
@Repository
public class JdbcCustomerDirectory implements CustomerDirectory {

    private static final String NAME = "lower(coalesce(first_name, '') || ' ' || coalesce(last_name, ''))";

    private final JdbcClient jdbc;

    public JdbcCustomerDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<CustomerMatch> matching(String text, boolean fragments, int limit) {
        String contains = "%" + literal(text.toLowerCase(Locale.ROOT)) + "%";
        String where = "customer_id like :prefix escape '\\'"
                + (fragments ? " or lower(email) like :contains escape '\\' or " + NAME + " like :contains escape '\\'" : "");
        var statement = jdbc.sql("select customer_id, email, nullif(trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')), ''), city"
                        + " from customers where " + where + " order by customer_id = :exact desc, customer_id limit :limit")
                .param("prefix", literal(text) + "%").param("exact", text).param("limit", limit);
        if (fragments) {
            statement = statement.param("contains", contains);
        }
        return statement.query((rs, n) -> new CustomerMatch(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
    }

    /** The text as a LIKE literal: its own %, _ and backslashes match only themselves. */
    private static String literal(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
