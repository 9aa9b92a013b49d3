package io.strata.bootstrap.imports;

import io.strata.application.customer.port.in.BrowseCustomers;
import io.strata.bootstrap.EndToEndTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's customer count is kept by the statements that add or remove customers (changeset 200's triggers),
 * not counted per visit (1.6 s at 10M customers): it follows imports, upserts, deletions and an emptied table, and stays
 * exact when its change rows are folded into one.
 */
class KeptCustomerCountTest extends EndToEndTest {

    @Autowired
    BrowseCustomers customers;

    @BeforeEach
    void empty() {
        emptyDatabase();
    }

    @Test
    void theCountFollowsImportsUpsertsDeletionsAndAnEmptiedTable() throws Exception {
        assertThat(customers.countCustomers()).isZero();
        assertThat(post("/api/v1/imports/customers", "text/csv", "customer_id,email\nk1,k1@example.com\nk2,\nk3,\n").statusCode()).isEqualTo(200);
        assertThat(customers.countCustomers()).isEqualTo(3);
        // k2 and k3 are updated, k4 and k5 are new
        assertThat(post("/api/v1/imports/customers", "text/csv", "customer_id,email\nk2,k2@example.com\nk3,\nk4,\nk5,\n").statusCode())
                .isEqualTo(200);
        assertThat(customers.countCustomers()).isEqualTo(5);
        // an orders import brings the buyers it does not know yet: k6 is new, k1 is not
        assertThat(post("/api/v1/imports/orders", "text/csv", "order_id,customer_id,ordered_at,amount\nq1,k1,2024-06-01,10\nq2,k6,2024-06-01,10\n")
                .statusCode()).isEqualTo(200);
        assertThat(customers.countCustomers()).isEqualTo(6);
        jdbc.sql("delete from orders where order_id = 'q2'").update();
        jdbc.sql("delete from customer_purchase_facts where customer_key = (select customer_key from customers where customer_id = 'k6')").update();
        assertThat(jdbc.sql("delete from customers where customer_id in ('k5', 'k6')").update()).isEqualTo(2);
        assertThat(customers.countCustomers()).isEqualTo(4);
        jdbc.sql("truncate table customers cascade").update();
        assertThat(customers.countCustomers()).isZero();
    }

    @Test
    void manyChangesAreFoldedIntoOneRowAndTheCountStaysExact() {
        for (int i = 1; i <= 1_005; i++) {
            jdbc.sql("insert into customers (customer_id) values (?)").param("f" + i).update();
        }
        assertThat(customers.countCustomers()).isEqualTo(1_005);
        assertThat(jdbc.sql("select count(*) from customer_count_changes").query(Long.class).single()).isEqualTo(1);
        assertThat(customers.countCustomers()).isEqualTo(1_005);
        assertThat(jdbc.sql("select count(*) from customers").query(Long.class).single()).isEqualTo(1_005);
    }
}
