package io.strata.adapters.persistence.imports;

import io.strata.adapters.persistence.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An import's category bits (changeset 410): the stored numbering, a next free bit for each new category, bit 62 once
 * bits 0..61 are all given, and masks stored only if the import's new bits are stored as it gave them (another import
 * may have given the same category or bit meanwhile).
 */
class CategoryBitsTest {

    @BeforeEach
    void empty() {
        TestDatabase.emptyCustomerData();
    }

    @Test
    void newCategoriesTakeTheNextFreeBitsAndAreStoredByTheMerge() throws SQLException {
        execute("insert into order_category_bits (category, bit) values ('kids', 0), ('home', 3)");
        try (Connection c = TestDatabase.dataSource().getConnection()) {
            CategoryBits bits = CategoryBits.load(c);

            assertThat(bits.maskOf(categories("kids", "books", "toys"))).isEqualTo(0b110001L);
            assertThat(bits.maskOf(categories("home", "books"))).isEqualTo(0b11000L);
            assertThat(bits.maskOf(categories())).isZero();
            assertThat(bits.maskOf(null)).isNull();

            c.setAutoCommit(false);
            assertThat(bits.record(c)).isTrue();
            c.commit();
        }
        assertThat(list("select category || '=' || bit from order_category_bits order by bit"))
                .containsExactly("kids=0", "home=3", "books=4", "toys=5");
    }

    @Test
    void aBitOrCategoryGivenMeanwhileByAnotherImportKeepsThisImportsMasksOut() throws SQLException {
        try (Connection c = TestDatabase.dataSource().getConnection()) {
            CategoryBits first = CategoryBits.load(c);
            CategoryBits second = CategoryBits.load(c);
            assertThat(first.maskOf(categories("toys"))).isEqualTo(1L);
            assertThat(second.maskOf(categories("garden"))).isEqualTo(1L);
            assertThat(second.maskOf(categories("toys"))).isEqualTo(2L);

            assertThat(first.record(c)).isTrue(); // committed: auto-commit
            assertThat(second.record(c)).as("garden's bit 0 is toys'").isFalse();
        }
        try (Connection c = TestDatabase.dataSource().getConnection()) {
            CategoryBits third = CategoryBits.load(c);
            assertThat(third.maskOf(categories("sport"))).isEqualTo(2L);
            execute("insert into order_category_bits (category, bit) values ('sport', 7)");
            assertThat(third.record(c)).as("sport has bit 7 already").isFalse();
        }
    }

    @Test
    void onceEveryBitIsGivenACategoryWithoutOneSetsTheBitOfOthers() throws SQLException {
        execute("insert into order_category_bits (category, bit) select 'c' || i, i from generate_series(0, 60) i");
        try (Connection c = TestDatabase.dataSource().getConnection()) {
            CategoryBits bits = CategoryBits.load(c);

            assertThat(bits.maskOf(categories("last"))).isEqualTo(1L << 61);
            assertThat(bits.maskOf(categories("c2", "late", "later"))).isEqualTo((1L << 62) | 4L);
            assertThat(bits.maskOf(categories("later", "last"))).isEqualTo((1L << 62) | (1L << 61));
            assertThat(bits.record(c)).isTrue();
        }
        assertThat(list("select count(*)::text from order_category_bits")).containsExactly("62");
    }

    private static Set<String> categories(String... categories) {
        return new LinkedHashSet<>(List.of(categories));
    }

    private static List<String> list(String sql) throws SQLException {
        List<String> rows = new java.util.ArrayList<>();
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
