package io.strata.bootstrap.imports;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** What an accepted import does to customers, orders and events, in CSV and NDJSON. */
class ImportSemanticsTest extends ImportEndToEndTest {

    @Test
    void aCustomerUpsertOverwritesThePresentColumnsClearsEmptyCellsAndKeepsAbsentColumns() throws Exception {
        importCsv("customers", "customer_id,email,city,country,device,tier\nA1,a@example.com,Riga,LV,web,gold\n");

        HttpResponse<String> response = importCsv("customers", "customer_id,city,email,device\nA1,Paris,,smart_tv\n");

        assertThat(json(response).path("updated").asLong()).isEqualTo(1);
        assertThat(json(response).path("created").asLong()).isZero();
        assertThat(text("select city from customers where customer_id = 'A1'")).isEqualTo("Paris");
        assertThat(text("select email from customers where customer_id = 'A1'")).isNull();
        assertThat(text("select country from customers where customer_id = 'A1'")).isEqualTo("LV");
        assertThat(text("select attributes::text from customers where customer_id = 'A1'"))
                .isEqualTo("{\"tier\": \"gold\", \"device\": \"smart_tv\"}");
    }

    @Test
    void anEmptyAttributeCellRemovesThatAttribute() throws Exception {
        importCsv("customers", "customer_id,device\nA1,web\n");

        importCsv("customers", "customer_id,device\nA1,\n");

        assertThat(text("select attributes::text from customers where customer_id = 'A1'")).isEqualTo("{}");
    }

    @Test
    void theAttributeCatalogueRecordsEachAttributeWithItsInferredType() throws Exception {
        importCsv("customers", "customer_id,Device Type,vip,score,first_visit\nA1,web,true,12.5,2024-01-02\nA2,ios,false,3,2023-05-06\n");

        assertThat(jdbc.sql("select name || ':' || field_type from attribute_catalogue order by name").query(String.class).list())
                .containsExactly("device_type:TEXT", "first_visit:DATE", "score:NUMBER", "vip:BOOLEAN");

        importCsv("customers", "customer_id,score\nA3,high\n");

        assertThat(text("select field_type from attribute_catalogue where name = 'score'")).isEqualTo("TEXT");
    }

    @Test
    void anOrderKeepsItsTotalAndLineCountInTheOrdersTable() throws Exception {
        importCsv("orders", """
                order_id,customer_id,ordered_at,amount,quantity,category,sku,channel
                O1,C1,2024-03-01T10:00:00+02:00,10.50,1,kids,S1,web
                O1,C1,2024-03-01T10:00:00+02:00,-2.25,1,kids,S2,web
                O2,C1,2024-03-05,99.9999,3,home,S3,store
                """);

        assertThat(text("select concat_ws('|', total, line_count, ordered_at at time zone 'UTC') from orders where order_id = 'O1'"))
                .isEqualTo("8.2500|2|2024-03-01 08:00:00");
        assertThat(text("select total::text from orders where order_id = 'O2'")).isEqualTo("99.9999");
        assertThat(jdbc.sql("select line_no || ':' || sku from order_line_details where order_id = 'O1' order by line_no").query(String.class).list())
                .containsExactly("1:S1", "2:S2");
    }

    @Test
    void reImportingAnOrderReplacesAllItsLines() throws Exception {
        importCsv("orders", "order_id,customer_id,ordered_at,amount,sku\nO1,C1,2024-03-01,10,S1\nO1,C1,2024-03-01,20,S2\nO1,C1,2024-03-01,30,S3\n");

        HttpResponse<String> response = importCsv("orders", "order_id,customer_id,ordered_at,amount,sku\nO1,C2,2024-03-02,5,S9\n");

        assertThat(json(response).path("updated").asLong()).isEqualTo(1);
        assertThat(jdbc.sql("select sku from order_line_details where order_id = 'O1'").query(String.class).list()).containsExactly("S9");
        assertThat(text("select c.customer_id || '|' || o.total || '|' || o.line_count from orders o join customers c using (customer_key)"))
                .isEqualTo("C2|5.0000|1");
    }

    @Test
    void linesOfOneOrderScatteredOverTheFileAreNumberedOneToN() throws Exception {
        importCsv("orders", "order_id,customer_id,ordered_at,amount,sku\nO1,C1,2024-03-01,1,A\nO2,C1,2024-03-01,2,B\nO1,C1,2024-03-01,3,C\nO1,C1,2024-03-01,4,D\n");

        assertThat(jdbc.sql("select line_no || ':' || sku from order_line_details where order_id = 'O1' order by line_no").query(String.class).list())
                .containsExactly("1:A", "2:C", "3:D");
        assertThat(text("select line_count || '|' || total from orders where order_id = 'O1'")).isEqualTo("3|8.0000");
    }

    @Test
    void aBlankLineInsideAnOrderDoesNotSplitIt() throws Exception {
        importCsv("orders", "order_id,customer_id,ordered_at,amount,sku\nO1,C1,2024-03-01,1,A\n\nO1,C1,2024-03-01,2,B\nO1,C1,2024-03-01,4,C\n");

        assertThat(jdbc.sql("select line_no || ':' || sku from order_line_details where order_id = 'O1' order by line_no").query(String.class).list())
                .containsExactly("1:A", "2:B", "3:C");
        assertThat(text("select count(*) || '|' || sum(line_count) || '|' || sum(total) from orders")).isEqualTo("1|3|7.0000");
    }

    @Test
    void anImportOfMoreOrdersThanOneBlockOfKeysKeepsEveryOrderApart() throws Exception {
        int orders = 70_000; // more than the 65,536 keys one reservation gives
        StringBuilder file = new StringBuilder("order_id,customer_id,ordered_at,amount\n");
        for (int i = 1; i <= orders; i++) {
            file.append('O').append(i).append(",C").append(i % 50).append(",2024-03-01,").append(i % 7).append('\n');
            if (i % 3 == 0) {
                file.append('O').append(i).append(",C").append(i % 50).append(",2024-03-01,1\n");
            }
        }
        file.append("O5,C5,2024-03-01,100\n"); // scattered: its first line is far back

        JsonNode report = json(importCsv("orders", file.toString()));

        assertThat(report.path("status").asString()).as(report.toString()).isEqualTo("COMPLETED");
        assertThat(report.path("created").asLong()).isEqualTo(orders);
        assertThat(report.path("rowsImported").asLong()).isEqualTo(orders + orders / 3 + 1);
        assertThat(text("select count(*) from orders")).isEqualTo(String.valueOf(orders));
        assertThat(text("select count(distinct order_key) from order_lines")).isEqualTo(String.valueOf(orders));
        assertThat(text("select count(*) from orders o where line_count <> (select count(*) from order_lines l where l.order_key = o.order_key)"))
                .isEqualTo("0");
        assertThat(text("select line_count || '|' || total from orders where order_id = 'O5'")).isEqualTo("2|105.0000");
        assertThat(text("select line_count || '|' || total from orders where order_id = 'O69999'")).isEqualTo("2|7.0000");
    }

    @Test
    void anOrderForAnUnknownCustomerCreatesThatCustomerWithoutAttributes() throws Exception {
        importCsv("orders", "order_id,customer_id,ordered_at,amount\nO1,NEW1,2024-03-01,10\n");

        assertThat(text("select attributes::text || '|' || coalesce(city, '-') from customers where customer_id = 'NEW1'")).isEqualTo("{}|-");
    }

    @Test
    void sendingTheSameFileTwiceLeavesTheSameStateAndCountsUpdates() throws Exception {
        String customers = "customer_id,city,device\nA1,Riga,web\nA2,Paris,ios\n";
        String orders = "order_id,customer_id,ordered_at,amount\nO1,A1,2024-03-01,10\nO1,A1,2024-03-01,5\nO2,A3,2024-03-02,7\n";
        String events = "customer_id,event_type,occurred_at,page\nA1,page_view,2024-03-01T10:00:00Z,/home\nA2,email_open,2024-03-01,\n";
        importCsv("customers", customers);
        importCsv("orders", orders);
        importCsv("events", events);
        String once = snapshot();

        JsonNode customersAgain = json(importCsv("customers", customers));
        JsonNode ordersAgain = json(importCsv("orders", orders));
        JsonNode eventsAgain = json(importCsv("events", events));

        assertThat(snapshot()).isEqualTo(once);
        assertThat(customersAgain.path("updated").asLong()).isEqualTo(2);
        assertThat(customersAgain.path("created").asLong()).isZero();
        assertThat(ordersAgain.path("updated").asLong()).isEqualTo(2);
        assertThat(ordersAgain.path("created").asLong()).isZero();
        assertThat(eventsAgain.path("updated").asLong()).isEqualTo(2);
        assertThat(eventsAgain.path("created").asLong()).isZero();
    }

    @Test
    void manyCustomersRepeatedInOneFileEachKeepTheirLastRow() throws Exception {
        int customers = 12_000; // more repeated ids than the import remembers one by one
        StringBuilder file = new StringBuilder("customer_id,city\n");
        for (int i = 1; i <= customers; i++) {
            file.append('A').append(i).append(",First\n");
        }
        for (int i = customers; i >= 1; i--) {
            file.append('A').append(i).append(",Last\n");
        }

        JsonNode report = json(importCsv("customers", file.toString()));

        assertThat(report.path("created").asLong()).isEqualTo(customers);
        assertThat(text("select count(*) from customers where city = 'Last'")).isEqualTo(String.valueOf(customers));
    }

    @Test
    void theLastRowOfACustomerInOneFileWins() throws Exception {
        HttpResponse<String> response = importCsv("customers", "customer_id,city\nA1,Riga\nA1,Paris\n");

        assertThat(json(response).path("created").asLong()).isEqualTo(1);
        assertThat(text("select city from customers where customer_id = 'A1'")).isEqualTo("Paris");
    }

    @Test
    void eventsKeepTheirOtherColumnsAsPropertiesAndAnEventIdDeduplicates() throws Exception {
        importCsv("events", "event_id,customer_id,event_type,occurred_at,campaign\nE1,A1,email_open,2024-03-01T10:00:00Z,spring\n");

        HttpResponse<String> response = importCsv("events",
                "event_id,customer_id,event_type,occurred_at,campaign\nE1,A1,email_click,2024-03-01T10:05:00Z,spring\nE2,A1,email_open,2024-03-02,\n");

        assertThat(json(response).path("created").asLong()).isEqualTo(1);
        assertThat(json(response).path("updated").asLong()).isEqualTo(1);
        assertThat(count("select count(*) from events")).isEqualTo(2);
        assertThat(text("select event_type || '|' || properties::text from events where event_id = 'E1'")).isEqualTo("email_click|{\"campaign\": \"spring\"}");
        assertThat(text("select properties::text from events where event_id = 'E2'")).isEqualTo("{}");
    }

    @Test
    void anEventTypeMustBeLowerCase() throws Exception {
        HttpResponse<String> response = importCsv("events", "customer_id,event_type,occurred_at\nA1,Email Open,2024-03-01\n");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).path("errors").get(0).path("column").asString()).isEqualTo("event_type");
    }

    @Test
    void ndjsonImportsCustomersOrdersAndEventsWithTheirPropertiesObject() throws Exception {
        HttpResponse<String> customers = post("/api/v1/imports/customers", NDJSON,
                "{\"customer_id\":\"A1\",\"city\":\"Riga\",\"email_opt_in\":true,\"visits\":12}\n\n{\"customer_id\":\"A2\",\"city\":null}\n");
        HttpResponse<String> orders = post("/api/v1/imports/orders", NDJSON,
                "{\"order_id\":\"O1\",\"customer_id\":\"A1\",\"ordered_at\":\"2024-03-01T10:00:00Z\",\"amount\":12.5,\"quantity\":2,\"category\":\"kids\"}\n");
        HttpResponse<String> events = post("/api/v1/imports/events", NDJSON,
                "{\"event_id\":\"E1\",\"customer_id\":\"A2\",\"event_type\":\"app_open\",\"occurred_at\":\"2024-03-02\",\"properties\":{\"device\":\"ios\",\"build\":42}}\n");

        assertThat(customers.statusCode()).as(customers.body()).isEqualTo(200);
        assertThat(orders.statusCode()).as(orders.body()).isEqualTo(200);
        assertThat(events.statusCode()).as(events.body()).isEqualTo(200);
        assertThat(text("select concat_ws('|', city, email_opt_in::text, attributes->>'visits') from customers where customer_id = 'A1'"))
                .isEqualTo("Riga|true|12");
        assertThat(text("select concat_ws('|', total, quantity, category) from orders o join order_lines l using (order_key)"))
                .isEqualTo("12.5000|2.0000|kids");
        assertThat(text("select properties::text from events where event_id = 'E1'")).isEqualTo("{\"build\": \"42\", \"device\": \"ios\"}");
    }

    @Test
    void anImportCanBeReadBackByIdAndTheHistoryListsTheNewestFirst() throws Exception {
        String first = json(importCsv("customers", "customer_id\nA1\n")).path("importId").asString();
        String second = json(importCsv("orders", "lenient", "order_id,customer_id,ordered_at,amount\nO1,A1,2024-03-01,x\n")).path("importId").asString();

        JsonNode byId = json(get("/api/v1/imports/" + second));
        JsonNode history = json(get("/api/v1/imports"));

        assertThat(byId.path("entity").asString()).isEqualTo("orders");
        assertThat(byId.path("mode").asString()).isEqualTo("lenient");
        assertThat(byId.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(byId.path("rowsRejected").asLong()).isEqualTo(1);
        assertThat(byId.path("errors").get(0).path("column").asString()).isEqualTo("amount");
        assertThat(byId.path("requestedBy").asString()).isNotBlank();
        assertThat(byId.path("finishedAt").asString()).isNotBlank();
        assertThat(history).extracting(h -> h.path("importId").asString()).containsExactly(second, first);
    }

    @Test
    void anUnknownImportIdIs404AsProblemJson() throws Exception {
        assertProblem(get("/api/v1/imports/00000000-0000-0000-0000-000000000000"), 404);
    }
}
