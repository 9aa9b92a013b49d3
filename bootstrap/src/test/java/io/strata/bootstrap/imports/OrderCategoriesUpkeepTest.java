package io.strata.bootstrap.imports;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every orders import keeps {@code orders.categories} (changeset 185) equal to the distinct non-empty categories of the
 * order's lines, which rules on order lines read instead of the lines: one-run orders, orders whose lines come back
 * later in the file, replaced orders, and categories holding the characters an array literal must quote; and
 * {@code orders.category_mask} (changeset 410) equal to the bits of those categories, numbered as the import met them.
 */
class OrderCategoriesUpkeepTest extends ImportEndToEndTest {

    private static final String HEADER = "order_id,customer_id,ordered_at,amount,category\n";

    @Test
    void aFirstLoadKeepsEveryOrdersDistinctNonEmptyCategories() throws Exception {
        HttpResponse<String> response = importCsv("orders", HEADER + """
                O1,C1,2024-03-01T10:00:00Z,10,kids
                O1,C1,2024-03-01T10:00:00Z,4,home
                O1,C1,2024-03-01T10:00:00Z,4,kids
                O2,C1,2024-03-02T10:00:00Z,5,
                O3,C2,2024-03-03T10:00:00Z,6,"a,""b"" {c}"
                O3,C2,2024-03-03T10:00:00Z,6,NULL
                O3,C2,2024-03-03T10:00:00Z,6,x\\y
                O4,C2,2024-03-04T10:00:00Z,7,men
                O5,C3,2024-03-05T10:00:00Z,8,sport
                O4,C2,2024-03-04T11:00:00Z,7,garden
                O4,C2,2024-03-04T12:00:00Z,7,men
                """);

        assertThat(json(response).path("status").asString()).as(response.body()).isEqualTo("COMPLETED");
        assertThat(categories()).containsExactly(
                "O1:home;kids",
                "O2:",
                "O3:NULL;a,\"b\" {c};x\\y",
                "O4:garden;men",
                "O5:sport");
        assertCategoriesAgreeWithLines();
        // numbered in the order the lines came; O4 of two runs has the bits of both
        assertThat(jdbc.sql("select category || '=' || bit from order_category_bits order by bit").query(String.class).list())
                .containsExactly("kids=0", "home=1", "a,\"b\" {c}=2", "NULL=3", "x\\y=4", "men=5", "sport=6", "garden=7");
        assertThat(masks()).containsExactly("O1:3", "O2:0", "O3:28", "O4:160", "O5:64");
        assertMasksAgreeWithCategories();
    }

    @Test
    void aReplacedOrderTakesItsNewLinesCategoriesAndALeftOutOrderKeepsItsOldOnes() throws Exception {
        StringBuilder base = new StringBuilder(HEADER);
        for (int i = 1; i <= 40; i++) {
            base.append("O").append(i).append(",C").append(1 + i % 5).append(",2024-01-02,").append(i).append(",kids\n");
        }
        importCsv("orders", base.toString());

        // two orders against forty: the small path (no index rebuild); O3 comes back in two runs, O4 is left out
        HttpResponse<String> response = importCsv("orders", "lenient", HEADER + """
                O2,C3,2024-06-01,1,home
                O3,C4,2024-06-01,1,books
                O2,C3,2024-06-01,1,beauty
                O3,C4,2024-06-01,1,
                O4,C5,2024-06-01,not-a-number,home
                """);

        assertThat(json(response).path("status").asString()).as(response.body()).isEqualTo("COMPLETED");
        assertThat(categories()).contains("O1:kids", "O2:beauty;home", "O3:books", "O4:kids");
        assertCategoriesAgreeWithLines();
        // kids=0 from the first load; then home=1, books=2, beauty=3 as the lines came
        assertThat(masks()).contains("O1:1", "O2:10", "O3:4", "O4:1");
        assertMasksAgreeWithCategories();
    }

    /** order_id:categories sorted and joined by ';'. */
    private List<String> categories() {
        return jdbc.sql("select order_id || ':' || array_to_string(array(select unnest(categories) order by 1), ';') from orders "
                + "order by order_id").query(String.class).list();
    }

    /** order_id:category_mask. */
    private List<String> masks() {
        return jdbc.sql("select order_id || ':' || coalesce(category_mask::text, 'NULL') from orders order by order_id").query(String.class).list();
    }

    /** Every order's mask has the bit of each of its categories and no other; every category has a bit. */
    private void assertMasksAgreeWithCategories() {
        assertThat(jdbc.sql("select count(*) from orders o where o.category_mask is distinct from (select coalesce(sum(1::bigint << b.bit), 0) "
                + "from unnest(o.categories) u(category) join order_category_bits b on b.category = u.category) "
                + "or exists (select 1 from unnest(o.categories) u(category) where not exists "
                + "(select 1 from order_category_bits b where b.category = u.category))").query(Long.class).single()).isZero();
    }

    private void assertCategoriesAgreeWithLines() {
        assertThat(jdbc.sql("select count(*) from orders o where o.categories is null or array(select unnest(o.categories) order by 1) is distinct from "
                + "(select coalesce(array_agg(distinct l.category order by l.category), '{}') from order_lines l "
                + "where l.order_key = o.order_key and l.category <> '')").query(Long.class).single()).isZero();
    }
}
