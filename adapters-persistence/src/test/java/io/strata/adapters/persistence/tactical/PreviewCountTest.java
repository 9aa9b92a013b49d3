package io.strata.adapters.persistence.tactical;

import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.tactical.Preview;
import io.strata.domain.customer.Customer;
import io.strata.domain.customer.CustomerId;
import io.strata.domain.customer.ProfileField;
import io.strata.domain.history.CustomerHistory;
import io.strata.domain.rule.RuleArbitraries;
import io.strata.domain.rule.RuleSubject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A preview counts its matches, and takes its sample (the first members by customer key) from the keys the count brought
 * when the matches are few, else by a walk of the members in key order (issue 19 item 4): whatever the sample size and
 * the bound of "few", below, at or above the number of matches, the count is every match and the sample the first. Five customers of the parent segment, inserted in this order (so keys ascend with it):
 * {@code p1} Paris, {@code r1} Riga, {@code p2} Paris, {@code p3} Paris, {@code r2} Riga.
 */
class PreviewCountTest {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");

    @BeforeEach
    void load() throws SQLException {
        RuleSubjectRows.load(List.of(customer("p1", "Paris"), customer("r1", "Riga"), customer("p2", "Paris"), customer("p3", "Paris"),
                customer("r2", "Riga")), AS_OF);
        TestDatabase.execute("insert into run_segments (run_id, segment_key, name, rank, customers, revenue, orders) values ("
                + RuleSubjectRows.RUN + ", 'parent', 'Parent', 1, 5, 0, 0)");
    }

    @ParameterizedTest(name = "{0} with a sample of {1}: {2} matching, sample [{3}]")
    @CsvSource(delimiter = '|', textBlock = """
            city = "Paris"  | 0  | 3 |
            city = "Paris"  | 1  | 3 | p1
            city = "Paris"  | 2  | 3 | p1 p2
            city = "Paris"  | 3  | 3 | p1 p2 p3
            city = "Paris"  | 4  | 3 | p1 p2 p3
            city = "Paris"  | 10 | 3 | p1 p2 p3
            city = "Riga"   | 1  | 2 | r1
            city = "Oslo"   | 0  | 0 |
            city = "Oslo"   | 5  | 0 |
            city != "Oslo"  | 5  | 5 | p1 r1 p2 p3 r2
            city != "Oslo"  | 4  | 5 | p1 r1 p2 p3
            """)
    void countsEveryMatchAndSamplesTheFirstByKey(String rule, int sampleSize, long matching, String sample) {
        // the sample taken from the keys the count brought (few matches, a small parent), from the keys a second
        // statement brought (few matches, a large parent) or by the walk in key order (more), on both sides of each
        // bound: at most 0, 1, 2, 3 or 5 matches counted as few, a parent of 5 members counted as large (at most 4 is
        // small) or small (at most 5), and the application's own bounds
        for (int fewMatches : new int[] {0, 1, 2, 3, 5, SqlTacticalMembership.FEW_MATCHES}) {
            for (long smallParent : new long[] {4, 5, SqlTacticalMembership.SMALL_PARENT}) {
                SqlTacticalMembership membership = new SqlTacticalMembership(JdbcClient.create(TestDatabase.dataSource()), TestDatabase.dataSource(),
                        fewMatches, smallParent);

                Preview preview = membership.preview(RuleSubjectRows.RUN, "parent", RuleArbitraries.CATALOGUE.check(rule), AS_OF, sampleSize);

                String bounds = "at most %d matches counted as few, a parent of at most %d as small".formatted(fewMatches, smallParent);
                assertThat(preview.matching()).as("matching, %s", bounds).isEqualTo(matching);
                assertThat(preview.parentCustomers()).as("the parent's members, %s", bounds).isEqualTo(5);
                assertThat(preview.sample()).as("sample, %s", bounds)
                        .containsExactlyElementsOf(sample == null ? List.of() : Arrays.asList(sample.split(" ")));
            }
        }
    }

    /**
     * The structural guarantee behind session 38's order (docs/segmentation.md, "Previews"): with few matches no statement
     * walks the parent's members in key order until it has enough (a plan that stops early: with few or no matches it
     * read every member serially, and joined all customers in key order); with many, only the sample does, after the count.
     * And the keys of every match are gathered into one array only where they are bounded: beside the count in a small
     * parent (its size bounds them), or after a count that found them few.
     */
    @ParameterizedTest(name = "{0}, at most {1} matches few, a parent of at most {2} small: {3} walk(s), {4} gathering(s) of keys")
    @CsvSource(delimiter = '|', textBlock = """
            city = "Oslo"   | 2 | 5 | 0 | 1
            city = "Riga"   | 2 | 5 | 0 | 1
            city = "Paris"  | 3 | 5 | 0 | 1
            city = "Paris"  | 2 | 5 | 1 | 1
            city != "Oslo"  | 4 | 5 | 1 | 1
            city = "Oslo"   | 2 | 4 | 0 | 0
            city = "Riga"   | 2 | 4 | 0 | 1
            city = "Paris"  | 3 | 4 | 0 | 1
            city = "Paris"  | 2 | 4 | 1 | 0
            city != "Oslo"  | 4 | 4 | 1 | 0
            """)
    void walksTheMembersInKeyOrderOnlyWithManyMatches(String rule, int fewMatches, long smallParent, int walks, int gatherings) {
        List<String> statements = new java.util.ArrayList<>();
        SqlTacticalMembership membership = new SqlTacticalMembership(JdbcClient.create(recording(statements)), TestDatabase.dataSource(), fewMatches,
                smallParent);

        membership.preview(RuleSubjectRows.RUN, "parent", RuleArbitraries.CATALOGUE.check(rule), AS_OF, 10);

        assertThat(statements.stream().filter(sql -> sql.contains(" limit ")).count()).as("statements %s", statements).isEqualTo(walks);
        assertThat(statements.stream().filter(sql -> sql.startsWith("select count(*)")).count()).as("the count, always").isEqualTo(1);
        assertThat(statements.stream().filter(sql -> sql.contains("array_agg(")).count()).as("statements %s", statements).isEqualTo(gatherings);
    }

    /** The test database, noting the text of every statement prepared on it. */
    private static javax.sql.DataSource recording(List<String> statements) {
        javax.sql.DataSource real = TestDatabase.dataSource();
        return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(PreviewCountTest.class.getClassLoader(),
                new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                    Object result = method.invoke(real, args);
                    if (!(result instanceof java.sql.Connection connection)) {
                        return result;
                    }
                    return java.lang.reflect.Proxy.newProxyInstance(PreviewCountTest.class.getClassLoader(), new Class<?>[] {java.sql.Connection.class},
                            (p, m, a) -> {
                                if (m.getName().startsWith("prepare") && a != null && a.length > 0 && a[0] instanceof String sql) {
                                    statements.add(sql);
                                }
                                try {
                                    return m.invoke(connection, a);
                                } catch (java.lang.reflect.InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                });
    }

    private static RuleSubject customer(String id, String city) {
        CustomerId customerId = new CustomerId(id);
        return RuleSubject.of(new CustomerHistory(new Customer(customerId, Map.of(ProfileField.CITY, city), Map.of()), List.of(), List.of()),
                AS_OF, null, null, null);
    }
}
