package io.strata.adapters.persistence.customer;

import io.strata.application.customer.EventView;
import io.strata.application.customer.OrderView;
import io.strata.application.customer.port.out.CustomerActivity;
import io.strata.domain.customer.CustomerId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Repository
public class JdbcCustomerActivity implements CustomerActivity {

    private final JdbcClient jdbc;

    public JdbcCustomerActivity(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<OrderView> recentOrders(CustomerId customer, int limit) {
        return jdbc.sql("""
                        select o.order_id, o.ordered_at, o.total, o.line_count,
                               array(select distinct l.category from order_lines l where l.order_key = o.order_key and l.category is not null order by 1)
                        from orders o join customers c using (customer_key)
                        where c.customer_id = ? order by o.ordered_at desc, o.order_id limit ?""")
                .params(customer.value(), limit)
                .query((rs, n) -> new OrderView(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getBigDecimal(3), rs.getInt(4),
                        Arrays.asList((String[]) rs.getArray(5).getArray())))
                .list();
    }

    @Override
    public List<EventView> recentEvents(CustomerId customer, int limit) {
        return jdbc.sql("""
                        select e.event_type, e.occurred_at,
                               array(select p.key from jsonb_each_text(e.properties) p order by p.key),
                               array(select p.value from jsonb_each_text(e.properties) p order by p.key)
                        from events e join customers c using (customer_key)
                        where c.customer_id = ? order by e.occurred_at desc limit ?""")
                .params(customer.value(), limit)
                .query((rs, n) -> {
                    String[] keys = (String[]) rs.getArray(3).getArray();
                    String[] values = (String[]) rs.getArray(4).getArray();
                    Map<String, String> properties = new LinkedHashMap<>();
                    for (int i = 0; i < keys.length; i++) {
                        properties.put(keys[i], values[i]);
                    }
                    return new EventView(rs.getString(1), rs.getTimestamp(2).toInstant(), properties);
                })
                .list();
    }
}
