package io.strata.bootstrap.imports;

import io.strata.bootstrap.EndToEndTest;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Imports over real HTTP into the shared application, each test on an empty database. */
abstract class ImportEndToEndTest extends EndToEndTest {

    static final String CSV = "text/csv";
    static final String NDJSON = "application/x-ndjson";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @BeforeEach
    void startEmpty() {
        emptyDatabase();
    }

    HttpResponse<String> importCsv(String entity, String body) throws IOException, InterruptedException {
        return post("/api/v1/imports/" + entity, CSV, body);
    }

    HttpResponse<String> importCsv(String entity, String mode, String body) throws IOException, InterruptedException {
        return post("/api/v1/imports/" + entity + "?mode=" + mode, CSV, body);
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).path("detail").asString()).isNotBlank();
    }

    /** Every row of the tables an import writes, in a stable order, without timestamps and surrogate keys. */
    String snapshot() {
        List<String> customers = jdbc.sql("select concat_ws('|', customer_id, email, phone, first_name, last_name, birth_date, gender, "
                + "city, region, country, signup_date, email_opt_in, sms_opt_in, push_opt_in, attributes::text) from customers "
                + "order by customer_id").query(String.class).list();
        List<String> orders = jdbc.sql("select concat_ws('|', o.order_id, c.customer_id, o.ordered_at, o.total, o.line_count) "
                + "from orders o join customers c using (customer_key) order by o.order_id").query(String.class).list();
        List<String> lines = jdbc.sql("select concat_ws('|', l.order_id, l.line_no, c.customer_id, l.ordered_at, l.amount, l.quantity, "
                + "l.category, l.sku, l.channel) from order_line_details l join customers c using (customer_key) order by l.order_id, l.line_no")
                .query(String.class).list();
        List<String> events = jdbc.sql("select concat_ws('|', e.dedupe_key, e.event_id, c.customer_id, e.event_type, e.occurred_at, "
                + "e.properties::text) from events e join customers c using (customer_key) order by e.dedupe_key").query(String.class).list();
        List<String> catalogue = jdbc.sql("select name || ':' || field_type from attribute_catalogue order by name").query(String.class).list();
        List<String> facts = jdbc.sql("select concat_ws('|', c.customer_id, f.frequency, f.monetary, f.first_bought_at, f.last_bought_at) "
                + "from customer_purchase_facts f join customers c using (customer_key) order by c.customer_id").query(String.class).list();
        List<String> horizon = jdbc.sql("select coalesce(latest_ordered_at::text, 'none') from purchase_facts_horizon").query(String.class).list();
        // a bulk import drops and rebuilds indexes: a rolled-back one must leave them all
        List<String> indexes = jdbc.sql("select indexdef from pg_indexes where tablename in ('customers', 'orders', 'order_lines') "
                + "order by indexname").query(String.class).list();
        return String.join("\n", List.of("customers", String.join("\n", customers), "orders", String.join("\n", orders),
                "lines", String.join("\n", lines), "events", String.join("\n", events), "catalogue", String.join("\n", catalogue),
                "facts", String.join("\n", facts), "horizon", String.join("\n", horizon), "indexes", String.join("\n", indexes)));
    }

    long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    String text(String sql) {
        return jdbc.sql(sql).query(String.class).optional().orElse(null);
    }
}
