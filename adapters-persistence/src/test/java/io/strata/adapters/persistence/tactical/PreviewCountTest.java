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
 * A preview takes its sample (the first members by customer key) and its count in two statements, and counts only
 * when the sample fills up (issue 19 item 4): whatever the sample size, below, at or above the number of matches, the
 * count is every match. Five customers of the parent segment, inserted in this order (so keys ascend with it):
 * {@code p1} Paris, {@code r1} Riga, {@code p2} Paris, {@code p3} Paris, {@code r2} Riga.
 */
class PreviewCountTest {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");

    @BeforeEach
    void load() throws SQLException {
        RuleSubjectRows.load(List.of(customer("p1", "Paris"), customer("r1", "Riga"), customer("p2", "Paris"), customer("p3", "Paris"),
                customer("r2", "Riga")), AS_OF);
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
        SqlTacticalMembership membership = new SqlTacticalMembership(JdbcClient.create(TestDatabase.dataSource()), TestDatabase.dataSource());

        Preview preview = membership.preview(RuleSubjectRows.RUN, "parent", RuleArbitraries.CATALOGUE.check(rule), AS_OF, sampleSize);

        assertThat(preview.matching()).isEqualTo(matching);
        assertThat(preview.sample()).containsExactlyElementsOf(sample == null ? List.of() : Arrays.asList(sample.split(" ")));
    }

    private static RuleSubject customer(String id, String city) {
        CustomerId customerId = new CustomerId(id);
        return RuleSubject.of(new CustomerHistory(new Customer(customerId, Map.of(ProfileField.CITY, city), Map.of()), List.of(), List.of()),
                AS_OF, null, null, null);
    }
}
