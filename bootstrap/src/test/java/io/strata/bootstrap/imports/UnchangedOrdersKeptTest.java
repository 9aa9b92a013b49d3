package io.strata.bootstrap.imports;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A re-import keeps the stored orders the file leaves as they are (issue 19 item 1): an order whose customer, time and
 * lines are the same is neither deleted nor written again, nor are its lines or its customer's purchase facts; every
 * other order is replaced as before. The oracles are written out.
 */
class UnchangedOrdersKeptTest extends ImportEndToEndTest {

    private static final String HEADER = "order_id,customer_id,ordered_at,amount,quantity,category,sku\n";

    private static final String FIRST = HEADER + """
            A,K1,2024-03-01T10:00:00Z,10.50,1,kids,S1
            A,K1,2024-03-01T10:00:00Z,4.50,2,toys,S2
            B,K1,2024-04-01T10:00:00Z,20,1,home,S3
            C,K2,2024-05-01T10:00:00Z,7,1,kids,S4
            C,K2,2024-05-01T10:00:00Z,3,1,kids,S5
            D,K2,2024-06-01T10:00:00Z,-5,1,home,S6
            F,K1,2024-02-01T10:00:00Z,8,1,toys,S7
            """;

    @Test
    void aReimportRewritesExactlyTheChangedAndNewOrdersAndKeepsTheFactsEqualToTheirSum() throws Exception {
        importCsv("orders", FIRST);
        List<String> before = orderRows();
        List<String> linesBefore = lineRows();

        // A: the same (10.5 is 10.50 as stored); B: another amount; C: another sku on its second line, same total;
        // D: the same; E: new, of a new customer; F: the same lines, now K2's
        HttpResponse<String> again = importCsv("orders", HEADER + """
                A,K1,2024-03-01T10:00:00Z,10.5,1,kids,S1
                A,K1,2024-03-01T10:00:00Z,4.50,2,toys,S2
                B,K1,2024-04-01T10:00:00Z,25,1,home,S3
                C,K2,2024-05-01T10:00:00Z,7,1,kids,S4
                C,K2,2024-05-01T10:00:00Z,3,1,kids,S9
                D,K2,2024-06-01T10:00:00Z,-5,1,home,S6
                E,K3,2024-07-01T10:00:00Z,12,1,kids,S8
                F,K2,2024-02-01T10:00:00Z,8,1,toys,S7
                """);

        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(json(again).path("rowsImported").asLong()).isEqualTo(8);
        assertThat(json(again).path("created").asLong()).isEqualTo(1);
        assertThat(json(again).path("updated").asLong()).isEqualTo(5);
        // A and D: the very rows of before (same key, same writing transaction), and their lines too
        List<String> after = orderRows();
        assertThat(after).filteredOn(row -> row.startsWith("A|") || row.startsWith("D|"))
                .containsExactlyElementsOf(before.stream().filter(row -> row.startsWith("A|") || row.startsWith("D|")).toList());
        assertThat(lineRows()).filteredOn(row -> row.startsWith("A|") || row.startsWith("D|"))
                .containsExactlyElementsOf(linesBefore.stream().filter(row -> row.startsWith("A|") || row.startsWith("D|")).toList());
        // B, C and F were written again, under new keys
        for (String replaced : List.of("B|", "C|", "F|")) {
            assertThat(after).filteredOn(row -> row.startsWith(replaced)).singleElement()
                    .isNotIn(before.stream().filter(row -> row.startsWith(replaced)).toList());
        }
        assertThat(jdbc.sql("select concat_ws('|', l.order_id, l.line_no, c.customer_id, l.ordered_at at time zone 'UTC', l.amount, l.quantity, "
                + "l.category, l.sku) from order_line_details l join customers c using (customer_key) order by 1").query(String.class).list())
                .containsExactly(
                        "A|1|K1|2024-03-01 10:00:00|10.5000|1.0000|kids|S1",
                        "A|2|K1|2024-03-01 10:00:00|4.5000|2.0000|toys|S2",
                        "B|1|K1|2024-04-01 10:00:00|25.0000|1.0000|home|S3",
                        "C|1|K2|2024-05-01 10:00:00|7.0000|1.0000|kids|S4",
                        "C|2|K2|2024-05-01 10:00:00|3.0000|1.0000|kids|S9",
                        "D|1|K2|2024-06-01 10:00:00|-5.0000|1.0000|home|S6",
                        "E|1|K3|2024-07-01 10:00:00|12.0000|1.0000|kids|S8",
                        "F|1|K2|2024-02-01 10:00:00|8.0000|1.0000|toys|S7");
        assertThat(count("select count(*) from order_lines")).isEqualTo(8);
        assertThat(jdbc.sql("select concat_ws('|', order_id, total, line_count, array_to_string(categories, ',')) from orders order by 1")
                .query(String.class).list()).containsExactly("A|15.0000|2|kids,toys", "B|25.0000|1|home", "C|10.0000|2|kids",
                "D|-5.0000|1|home", "E|12.0000|1|kids", "F|8.0000|1|toys");
        // the facts as the orders add up, worked out by hand: K1 has A (15) and B (25); K2 has F (8), C (10) and the
        // return D (-5); K3 has E (12)
        assertThat(facts()).containsExactly(
                "K1|2|40.0000|2024-03-01 10:00:00|2024-04-01 10:00:00|2|25.0000",
                "K2|2|13.0000|2024-02-01 10:00:00|2024-05-01 10:00:00|2|10.0000",
                "K3|1|12.0000|2024-07-01 10:00:00|2024-07-01 10:00:00|1|0.0000");
        assertThat(text("select latest_ordered_at at time zone 'UTC' from purchase_facts_horizon")).isEqualTo("2024-07-01 10:00:00");
    }

    @Test
    void reSendingTheSameFileWritesNothingAndAChangeInALargeFileRewritesOnlyItsOrder() throws Exception {
        StringBuilder base = new StringBuilder(HEADER);
        for (int i = 1; i <= 40; i++) {
            base.append("O").append(i).append(",C").append(1 + i % 10).append(",2024-01-").append(String.format("%02d", 1 + i % 28))
                    .append("T12:00:00Z,").append(i).append(",1,kids,S").append(i).append('\n');
            if (i % 3 == 0) {
                base.append("O").append(i).append(",C").append(1 + i % 10).append(",2024-01-").append(String.format("%02d", 1 + i % 28))
                        .append("T12:00:00Z,0.25,2,toys,T").append(i).append('\n');
            }
        }
        importCsv("orders", base.toString());
        List<String> orders = orderRows();
        List<String> lines = lineRows();
        List<String> facts = factRows();

        HttpResponse<String> same = importCsv("orders", base.toString());

        assertThat(json(same).path("created").asLong()).isZero();
        assertThat(json(same).path("updated").asLong()).isEqualTo(40);
        assertThat(orderRows()).isEqualTo(orders);
        assertThat(lineRows()).isEqualTo(lines);
        assertThat(factRows()).isEqualTo(facts);

        // O7 (C8, 2024-01-08, 7 and nothing else) gets another amount; O41 is new for C8: the rest stays as it was
        String changed = base.toString().replace("O7,C8,2024-01-08T12:00:00Z,7,", "O7,C8,2024-01-08T12:00:00Z,70,")
                + "O41,C8,2024-02-01T00:00:00Z,5,1,kids,S41\n";
        HttpResponse<String> one = importCsv("orders", changed);

        assertThat(json(one).path("created").asLong()).isEqualTo(1);
        assertThat(json(one).path("updated").asLong()).isEqualTo(40);
        assertThat(orderRows()).filteredOn(row -> !row.startsWith("O7|") && !row.startsWith("O41|")).isEqualTo(
                orders.stream().filter(row -> !row.startsWith("O7|")).toList());
        assertThat(lineRows()).filteredOn(row -> !row.startsWith("O7|") && !row.startsWith("O41|")).isEqualTo(
                lines.stream().filter(row -> !row.startsWith("O7|")).toList());
        assertThat(factRows()).filteredOn(row -> !row.startsWith("C8|")).isEqualTo(facts.stream().filter(row -> !row.startsWith("C8|")).toList());
        // C8 has O7 (now 70), O17 (17), O27 (27 and a 0.25 line), O37 (37) and O41 (5), all on distinct days
        assertThat(facts()).filteredOn(row -> row.startsWith("C8|")).containsExactly(
                "C8|5|156.2500|2024-01-08 12:00:00|2024-02-01 00:00:00|5|86.2500");
        assertThat(count("select count(*) from order_lines")).isEqualTo(54);
    }

    @Test
    void anOrderWithoutADigestIsReplacedEvenWhenItsLinesAreTheSame() throws Exception {
        importCsv("orders", FIRST);
        // as stored before changeset 280, or joined from several runs of a file
        jdbc.sql("update orders set line_digest = null where order_id = 'B'").update();
        List<String> before = orderRows();

        importCsv("orders", FIRST);

        List<String> after = orderRows();
        assertThat(after).filteredOn(row -> row.startsWith("B|")).singleElement()
                .isNotIn(before.stream().filter(row -> row.startsWith("B|")).toList());
        assertThat(after).filteredOn(row -> !row.startsWith("B|"))
                .isEqualTo(before.stream().filter(row -> !row.startsWith("B|")).toList());
        assertThat(count("select count(*) from orders where line_digest is null")).isZero();
        assertThat(count("select count(*) from order_lines")).isEqualTo(7);
    }

    @Test
    void anOrderOfSeveralRunsIsStoredWithoutADigestAndReplacedAtEveryImport() throws Exception {
        String split = HEADER + "G,K1,2024-03-01T10:00:00Z,1,1,kids,S1\nH,K1,2024-03-02T10:00:00Z,2,1,kids,S2\n"
                + "G,K1,2024-03-01T10:05:00Z,3,1,toys,S3\n";
        importCsv("orders", split);
        assertThat(jdbc.sql("select concat_ws('|', order_id, line_digest is null, total, line_count) from orders order by 1")
                .query(String.class).list()).containsExactly("G|t|4.0000|2", "H|f|2.0000|1");
        List<String> before = orderRows();

        importCsv("orders", split);

        assertThat(orderRows()).filteredOn(row -> row.startsWith("H|")).isEqualTo(before.stream().filter(row -> row.startsWith("H|")).toList());
        assertThat(orderRows()).filteredOn(row -> row.startsWith("G|")).singleElement().isNotIn(before);
        assertThat(jdbc.sql("select concat_ws('|', order_id, line_no, amount, sku) from order_line_details order by 1").query(String.class).list())
                .containsExactly("G|1|1.0000|S1", "G|2|3.0000|S3", "H|1|2.0000|S2");
    }

    @Test
    void aReplacedOrderMovedToACustomerNotYetKnownIsStoredForTheNewCustomerInALargeImport() throws Exception {
        importCsv("orders", FIRST);
        List<String> before = orderRows();

        // F moves to K4, whom Strata does not know yet, with another amount; B gets another amount; G is new, also
        // K4's; A, C and D are the same. Three of six stored orders change: a bulk load (indexes built again)
        HttpResponse<String> again = importCsv("orders", HEADER + """
                A,K1,2024-03-01T10:00:00Z,10.50,1,kids,S1
                A,K1,2024-03-01T10:00:00Z,4.50,2,toys,S2
                B,K1,2024-04-01T10:00:00Z,21,1,home,S3
                C,K2,2024-05-01T10:00:00Z,7,1,kids,S4
                C,K2,2024-05-01T10:00:00Z,3,1,kids,S5
                D,K2,2024-06-01T10:00:00Z,-5,1,home,S6
                F,K4,2024-02-01T10:00:00Z,9,1,toys,S7
                G,K4,2024-02-03T10:00:00Z,1,1,toys,S10
                """);

        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(json(again).path("created").asLong()).isEqualTo(1);
        assertThat(json(again).path("updated").asLong()).isEqualTo(5);
        List<String> after = orderRows();
        assertThat(after).filteredOn(row -> row.matches("[ACD]\\|.*"))
                .containsExactlyElementsOf(before.stream().filter(row -> row.matches("[ACD]\\|.*")).toList());
        assertThat(after).filteredOn(row -> row.matches("[BF]\\|.*")).hasSize(2).doesNotContainAnyElementsOf(before);
        assertThat(jdbc.sql("select concat_ws('|', l.order_id, l.line_no, c.customer_id, l.ordered_at at time zone 'UTC', l.amount, l.sku) "
                + "from order_line_details l join customers c using (customer_key) order by l.order_id, l.line_no").query(String.class).list())
                .containsExactly(
                        "A|1|K1|2024-03-01 10:00:00|10.5000|S1",
                        "A|2|K1|2024-03-01 10:00:00|4.5000|S2",
                        "B|1|K1|2024-04-01 10:00:00|21.0000|S3",
                        "C|1|K2|2024-05-01 10:00:00|7.0000|S4",
                        "C|2|K2|2024-05-01 10:00:00|3.0000|S5",
                        "D|1|K2|2024-06-01 10:00:00|-5.0000|S6",
                        "F|1|K4|2024-02-01 10:00:00|9.0000|S7",
                        "G|1|K4|2024-02-03 10:00:00|1.0000|S10");
        assertThat(count("select count(*) from order_lines")).isEqualTo(8);
        assertThat(jdbc.sql("select concat_ws('|', o.order_id, c.customer_id, o.total, o.line_count) from orders o join customers c using (customer_key) "
                + "order by 1").query(String.class).list()).containsExactly("A|K1|15.0000|2", "B|K1|21.0000|1", "C|K2|10.0000|2",
                "D|K2|-5.0000|1", "F|K4|9.0000|1", "G|K4|1.0000|1");
        // K1: A (15) and B (21); K2: C (10) and the return D (-5), no longer F; K4: F (9) and G (1), two days
        assertThat(facts()).containsExactly(
                "K1|2|36.0000|2024-03-01 10:00:00|2024-04-01 10:00:00|2|21.0000",
                "K2|1|5.0000|2024-05-01 10:00:00|2024-05-01 10:00:00|1|0.0000",
                "K4|2|10.0000|2024-02-01 10:00:00|2024-02-03 10:00:00|2|1.0000");
    }

    @Test
    void aReplacedOrderMovedToACustomerNotYetKnownIsStoredForTheNewCustomerInASmallImport() throws Exception {
        StringBuilder base = new StringBuilder(HEADER);
        for (int i = 1; i <= 40; i++) {
            base.append("O").append(i).append(",C").append(1 + i % 10).append(",2024-01-").append(String.format("%02d", 1 + i % 28))
                    .append("T12:00:00Z,").append(i).append(",1,kids,S").append(i).append('\n');
        }
        importCsv("orders", base.toString());
        List<String> orders = orderRows();

        // O7 (C8's, 7 on 2024-01-08) moves to C99, whom Strata does not know yet, as two lines; the rest is the same
        String moved = base.toString().replace("O7,C8,2024-01-08T12:00:00Z,7,1,kids,S7\n",
                "O7,C99,2024-01-08T12:00:00Z,7,1,kids,S7\nO7,C99,2024-01-08T12:00:00Z,2,1,toys,S70\n");
        HttpResponse<String> again = importCsv("orders", moved);

        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(json(again).path("created").asLong()).isZero();
        assertThat(json(again).path("updated").asLong()).isEqualTo(40);
        assertThat(orderRows()).filteredOn(row -> !row.startsWith("O7|"))
                .isEqualTo(orders.stream().filter(row -> !row.startsWith("O7|")).toList());
        assertThat(orderRows()).filteredOn(row -> row.startsWith("O7|")).singleElement().isNotIn(orders);
        assertThat(jdbc.sql("select concat_ws('|', l.line_no, c.customer_id, l.amount, l.sku) from order_line_details l "
                + "join customers c using (customer_key) where l.order_id = 'O7' order by 1").query(String.class).list())
                .containsExactly("1|C99|7.0000|S7", "2|C99|2.0000|S70");
        assertThat(count("select count(*) from order_lines")).isEqualTo(41);
        // C8 keeps O17, O27 and O37 (days 18, 28 and 10); C99 has O7 alone
        assertThat(facts()).filteredOn(row -> row.startsWith("C8|") || row.startsWith("C99|")).containsExactly(
                "C8|3|81.0000|2024-01-10 12:00:00|2024-01-28 12:00:00|3|44.0000",
                "C99|1|9.0000|2024-01-08 12:00:00|2024-01-08 12:00:00|1|0.0000");
    }

    /** Each order with its key and the transaction that wrote its row. */
    private List<String> orderRows() {
        return jdbc.sql("select concat_ws('|', order_id, order_key, xmin) from orders order by order_id").query(String.class).list();
    }

    private List<String> lineRows() {
        return jdbc.sql("select concat_ws('|', o.order_id, l.order_key, l.line_no, l.xmin) from order_lines l join orders o using (order_key) "
                + "order by o.order_id, l.line_no").query(String.class).list();
    }

    private List<String> factRows() {
        return jdbc.sql("select concat_ws('|', c.customer_id, f.xmin, f.monetary) from customer_purchase_facts f join customers c using (customer_key) "
                + "order by c.customer_id").query(String.class).list();
    }

    private List<String> facts() {
        return jdbc.sql("select concat_ws('|', c.customer_id, f.frequency, f.monetary::numeric(19,4), f.first_bought_at at time zone 'UTC', "
                + "f.last_bought_at at time zone 'UTC', f.purchase_days, f.repeat_total::numeric(19,4)) from customer_purchase_facts f "
                + "join customers c using (customer_key) order by c.customer_id").query(String.class).list();
    }
}
