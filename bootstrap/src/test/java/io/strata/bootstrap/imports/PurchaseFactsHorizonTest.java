package io.strata.bootstrap.imports;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The purchase facts' horizon after each kind of orders import. The latest staged time is read on the stage's own
 * connection beside the merge, and may be used only when the stage holds exactly the orders written: an order joined
 * from two runs takes its earliest run's time, and an order left out is not stored, so in those files the stage's
 * latest time is not the orders'. Every expected horizon is written out here.
 */
class PurchaseFactsHorizonTest extends ImportEndToEndTest {

    private static final String HEADER = "order_id,customer_id,ordered_at,amount,category\n";

    @Test
    void aFirstLoadAndReImportsAsStagedMoveTheHorizonToTheirLatestOrderAndNeverBack() throws Exception {
        importCsv("orders", HEADER + """
                O1,C1,2024-03-01T10:00:00Z,10,kids
                O2,C2,2024-04-02T08:30:00Z,20,kids
                O3,C1,2024-02-01T00:00:00Z,-5,kids
                """);
        assertThat(horizon()).isEqualTo("2024-04-02 08:30:00");

        // the same file again: every order kept, the horizon stays
        importCsv("orders", HEADER + """
                O1,C1,2024-03-01T10:00:00Z,10,kids
                O2,C2,2024-04-02T08:30:00Z,20,kids
                O3,C1,2024-02-01T00:00:00Z,-5,kids
                """);
        assertThat(horizon()).isEqualTo("2024-04-02 08:30:00");

        // every order replaced by earlier ones: the horizon keeps the latest time ever imported
        importCsv("orders", HEADER + """
                O1,C1,2024-01-01T10:00:00Z,11,kids
                O2,C2,2024-01-02T08:30:00Z,21,kids
                O3,C1,2024-01-03T00:00:00Z,-6,kids
                """);
        assertThat(horizon()).isEqualTo("2024-04-02 08:30:00");

        // a large re-import (rebuilding the indexes) with a later order, one kept, one replaced
        importCsv("orders", HEADER + """
                O1,C1,2024-01-01T10:00:00Z,11,kids
                O2,C2,2024-01-02T08:30:00Z,22,kids
                O4,C3,2024-06-30T23:59:59Z,1,kids
                """);
        assertThat(horizon()).isEqualTo("2024-06-30 23:59:59");

        // forty orders in May, then one order small against the table (only the customers it touched recomputed)
        StringBuilder many = new StringBuilder(HEADER);
        for (int i = 10; i < 50; i++) {
            many.append("M").append(i).append(",C").append(i % 7).append(String.format(",2024-05-%02dT00:00:00Z,1,kids\n", i % 28 + 1));
        }
        importCsv("orders", many.toString());
        assertThat(horizon()).isEqualTo("2024-06-30 23:59:59");
        importCsv("orders", HEADER + "S1,C1,2024-07-04T12:00:00Z,3,kids\n");
        assertThat(horizon()).isEqualTo("2024-07-04 12:00:00");
    }

    @Test
    void anOrderOfTwoRunsTakesItsEarliestTimeAndSoDoesTheHorizon() throws Exception {
        // O1's second line comes back later in the file, ten hours after its first: one order, at 10:00
        importCsv("orders", HEADER + """
                O1,C1,2024-03-01T10:00:00Z,10,kids
                O2,C2,2024-02-01T00:00:00Z,20,kids
                O1,C1,2024-03-01T20:00:00Z,5,toys
                """);

        assertThat(text("select ordered_at at time zone 'UTC' from orders where order_id = 'O1'")).isEqualTo("2024-03-01 10:00:00");
        assertThat(horizon()).isEqualTo("2024-03-01 10:00:00");

        // the same in a re-import, whose lines are staged
        importCsv("orders", HEADER + """
                P1,C1,2024-03-05T10:00:00Z,10,kids
                O2,C2,2024-02-01T00:00:00Z,21,kids
                P1,C1,2024-03-05T22:00:00Z,5,toys
                """);
        assertThat(horizon()).isEqualTo("2024-03-05 10:00:00");
    }

    @Test
    void anOrderLeftOutInLenientModeDoesNotMoveTheHorizon() throws Exception {
        importCsv("orders", "lenient", HEADER + """
                O1,C1,2024-03-01T10:00:00Z,10,kids
                O9,C1,2024-05-01T00:00:00Z,50,kids
                O9,C1,2024-05-01T00:00:00Z,not-a-number,kids
                """);

        assertThat(count("select count(*) from orders")).isEqualTo(1);
        assertThat(horizon()).isEqualTo("2024-03-01 10:00:00");

        // a re-import (its lines staged): the left-out order is the latest
        importCsv("orders", "lenient", HEADER + """
                O1,C1,2024-03-02T10:00:00Z,10,kids
                O8,C1,2024-06-01T00:00:00Z,50,kids
                O8,C1,2024-06-01T00:00:00Z,not-a-number,kids
                O7,C2,2024-03-03T00:00:00Z,1,kids
                """);
        assertThat(count("select count(*) from orders")).isEqualTo(2);
        assertThat(horizon()).isEqualTo("2024-03-03 00:00:00");
    }

    private String horizon() {
        return text("select latest_ordered_at at time zone 'UTC' from purchase_facts_horizon");
    }
}
