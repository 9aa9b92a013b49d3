package io.strata.adapters.persistence.customer;

import io.strata.adapters.persistence.database.PostgresText;
import io.strata.application.customer.port.out.Customers;
import io.strata.domain.customer.Customer;
import io.strata.domain.customer.CustomerId;
import io.strata.domain.customer.ProfileField;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

@Repository
public class JdbcCustomers implements Customers {

    private final JdbcClient jdbc;

    public JdbcCustomers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Past this many change rows a count folds them into one, so that reading the count stays a read of a few rows. */
    static final int FOLD_AFTER = 1_000;

    /**
     * Exact, without reading the customers: the sum of the net changes that every inserting or deleting statement on
     * {@code customers} appends (changeset 200's triggers), folded into one row once they pile up.
     */
    @Override
    public long count() {
        var changes = jdbc.sql("select count(*), coalesce(sum(customers), 0) from customer_count_changes")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        if (changes[0] > FOLD_AFTER) {
            // deletes only the rows this statement sees and puts back their sum: rows other statements add meanwhile stay
            jdbc.sql("""
                    with folded as (delete from customer_count_changes returning customers)
                    insert into customer_count_changes (customers) select coalesce(sum(customers), 0) from folded""").update();
        }
        return changes[1];
    }

    @Override
    public Optional<Customer> find(CustomerId id) {
        if (!PostgresText.canHold(id.value())) {
            return Optional.empty();
        }
        return jdbc.sql("select " + COLUMNS + " from customers c where c.customer_id = ?")
                .param(id.value())
                .query((rs, n) -> map(rs))
                .optional();
    }

    static Customer map(ResultSet rs) throws SQLException {
        Map<ProfileField, String> profile = new EnumMap<>(ProfileField.class);
        for (ProfileField field : ProfileField.values()) {
            Object value = rs.getObject(field.column());
            if (value != null) {
                profile.put(field, value instanceof Boolean b ? b.toString() : rs.getString(field.column()));
            }
        }
        Map<String, String> attributes = new TreeMap<>();
        String[] keys = (String[]) rs.getArray("attr_keys").getArray();
        String[] values = (String[]) rs.getArray("attr_values").getArray();
        for (int i = 0; i < keys.length; i++) {
            attributes.put(keys[i], values[i]);
        }
        return new Customer(new CustomerId(rs.getString("customer_id")), profile, attributes);
    }

    /** Select list that returns a customer row with its attributes as two parallel text arrays. */
    static final String COLUMNS = "c.*, array(select a.key from jsonb_each_text(c.attributes) a order by a.key) as attr_keys, "
            + "array(select a.value from jsonb_each_text(c.attributes) a order by a.key) as attr_values";
}
