package io.strata.bootstrap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerImportWalkingSkeletonTest extends EndToEndTest {

    @BeforeEach
    void empty() {
        emptyDatabase();
    }

    @Test
    void aCustomersCsvPostedWithTheTokenIsStored() throws Exception {
        HttpResponse<String> response = post("/api/v1/imports/customers", "text/csv",
                "customer_id,email,city,device\nA1,ann@example.com,Riga,smart_tv\nA2,,Paris,web\n");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"COMPLETED\"").contains("\"created\":2");
        assertThat(jdbc.sql("select city from customers where customer_id = 'A1'").query(String.class).single()).isEqualTo("Riga");
        assertThat(jdbc.sql("select attributes->>'device' from customers where customer_id = 'A2'").query(String.class).single())
                .isEqualTo("web");
    }
}
