package io.strata.domain.rule;

import io.strata.domain.behaviour.Event;
import io.strata.domain.customer.Customer;
import io.strata.domain.history.CustomerHistory;
import io.strata.domain.customer.CustomerId;
import io.strata.domain.customer.FieldType;
import io.strata.domain.customer.ProfileField;
import io.strata.domain.ordering.OrderLine;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three customers, as of 2024-06-30 (D): ann buys and clicks, bob bought once, cid has nothing. Every expectation
 * is worked out by hand from the data below. D − 30 = 2024-05-31, D − 90 = 2024-04-01, D − 180 = 2024-01-02,
 * D − 365 = 2023-07-01.
 */
class RuleEvaluationTest {

    static final LocalDate D = LocalDate.parse("2024-06-30");

    static final FieldCatalogue CATALOGUE = new FieldCatalogue(
            Map.of("device", FieldType.TEXT, "vip_level", FieldType.NUMBER, "renewal", FieldType.DATE,
                    "has_kids", FieldType.BOOLEAN),
            Map.of("email_open", Set.of(), "session", Set.of("ip"), "purchase", Set.of("value")));

    static final List<RuleSubject> CUSTOMERS = List.of(ann(), bob(), cid());

    static RuleSubject ann() {
        Customer ann = new Customer(new CustomerId("ann"), Map.of(
                ProfileField.CITY, "Paris", ProfileField.EMAIL, "ann@gmail.com", ProfileField.REGION, "IDF",
                ProfileField.COUNTRY, "FR", ProfileField.SIGNUP_DATE, "2023-01-01", ProfileField.BIRTH_DATE, "1985-05-05",
                ProfileField.EMAIL_OPT_IN, "true"),
                Map.of("device", "smart_tv", "vip_level", "3", "renewal", "2024-07-15", "has_kids", "true"));
        List<OrderLine> lines = List.of(
                line("o1", "ann", "2024-06-30T23:59:59Z", "40", "2", "kids", "web"),   // last second of D
                line("o1", "ann", "2024-06-30T23:59:59Z", "60", null, "toys", "web"),
                line("o2", "ann", "2024-01-02T00:00:00Z", "20", null, "kids", "store"), // first instant of D − 180
                line("o3", "ann", "2024-01-01T23:59:59Z", "30", null, "kids", "store"), // just before D − 180
                line("o4", "ann", "2024-07-01T00:00:00Z", "500", null, "kids", "web")); // D + 1: never counts
        List<Event> events = List.of(
                event("ann", "email_open", "2024-04-01T00:00:00Z", Map.of()),           // first instant of D − 90
                event("ann", "session", "2024-05-31T00:00:00Z", Map.of("ip", "1.1.1.1")), // first instant of D − 30
                event("ann", "session", "2024-06-10T08:00:00Z", Map.of("ip", "2.2.2.2")),
                event("ann", "session", "2024-06-11T08:00:00Z", Map.of("ip", "1.1.1.1")),
                event("ann", "session", "2024-06-12T08:00:00Z", Map.of()),
                event("ann", "session", "2024-05-30T23:59:59Z", Map.of("ip", "7.7.7.7")), // before D − 30
                event("ann", "session", "2024-07-01T00:00:00Z", Map.of("ip", "9.9.9.9")), // after D
                event("ann", "purchase", "2024-06-01T10:00:00Z", Map.of("value", "12.5")),
                event("ann", "purchase", "2024-06-02T10:00:00Z", Map.of("value", "abc")));
        return RuleSubject.of(new CustomerHistory(ann, lines, events), D, 5, 4, 5);
    }

    static RuleSubject bob() {
        Customer bob = new Customer(new CustomerId("bob"), Map.of(
                ProfileField.CITY, "Riga", ProfileField.COUNTRY, "DE", ProfileField.BIRTH_DATE, "1995-03-03"),
                Map.of("device", "web", "vip_level", "abc"));
        List<OrderLine> lines = List.of(line("o5", "bob", "2024-06-01T12:00:00Z", "100", null, "books", "store"));
        return RuleSubject.of(new CustomerHistory(bob, lines, List.of()), D, 3, 1, 2);
    }

    static RuleSubject cid() {
        return RuleSubject.withoutScores(new CustomerHistory(Customer.withoutAttributes(new CustomerId("cid")),
                List.of(), List.of()), D);
    }

    static OrderLine line(String order, String customer, String at, String amount, String quantity, String category,
                          String channel) {
        return new OrderLine(order, new CustomerId(customer), Instant.parse(at), new BigDecimal(amount),
                quantity == null ? null : new BigDecimal(quantity), category, null, channel);
    }

    static Event event(String customer, String type, String at, Map<String, String> properties) {
        return new Event(null, new CustomerId(customer), type, Instant.parse(at), properties);
    }

    static Set<String> matching(String rule) {
        CheckedRule checked = CATALOGUE.check(rule);
        Set<String> ids = new TreeSet<>();
        CUSTOMERS.stream().filter(checked::matches).forEach(s -> ids.add(s.history().id().value()));
        return ids;
    }

    @Test
    void textEqualityIsExactAndMissingValuesNeverMatch() {
        assertThat(matching("device = \"smart_tv\"")).containsExactly("ann");
        assertThat(matching("device != \"smart_tv\"")).containsExactly("bob");
        assertThat(matching("device = \"SMART_TV\"")).isEmpty();
    }

    @Test
    void notIsPlainNegationSoItHoldsForCustomersWithoutTheAttribute() {
        assertThat(matching("not (device = \"web\")")).containsExactly("ann", "cid");
        assertThat(matching("not device != \"web\"")).containsExactly("bob", "cid");
    }

    @Test
    void inAndNotInAreBothFalseForAMissingValue() {
        assertThat(matching("city in (\"Paris\", \"Riga\")")).containsExactly("ann", "bob");
        assertThat(matching("country not in (\"DE\")")).containsExactly("ann");
        assertThat(matching("country not in (\"DE\", \"FR\")")).isEmpty();
    }

    @Test
    void metricsCompareNumericallyAsOfTheDate() {
        assertThat(matching("frequency >= 3")).containsExactly("ann");
        assertThat(matching("frequency = 0")).containsExactly("cid");
        assertThat(matching("monetary = 150.00")).containsExactly("ann");
        assertThat(matching("avg_order_value = 50")).containsExactly("ann");
        assertThat(matching("categories = 2 and tenure_days = 181")).containsExactly("ann");
        assertThat(matching("recency_days <= 29")).containsExactly("ann", "bob");
        assertThat(matching("recency_days < 29")).containsExactly("ann");
        assertThat(matching("recency_days is null")).containsExactly("cid");
    }

    @Test
    void betweenIncludesBothEnds() {
        assertThat(matching("monetary between 100 and 150")).containsExactly("ann", "bob");
        assertThat(matching("monetary between 100.01 and 149.99")).isEmpty();
        assertThat(matching("monetary between 150 and 100")).isEmpty();
    }

    @Test
    void scoresAreMissingForCustomersWithoutThem() {
        assertThat(matching("r = 5")).containsExactly("ann");
        assertThat(matching("r <= 3")).containsExactly("bob");
        assertThat(matching("not (r = 5)")).containsExactly("bob", "cid");
        assertThat(matching("m is null")).containsExactly("cid");
    }

    @Test
    void booleansCompareWithEqualsOnly() {
        assertThat(matching("email_opt_in = true")).containsExactly("ann");
        assertThat(matching("email_opt_in != true")).isEmpty();
        assertThat(matching("email_opt_in = false")).isEmpty();
        assertThat(matching("has_kids = true")).containsExactly("ann");
    }

    @Test
    void datesCompareAsDatesWithDaysAgoCountedFromTheAsOfDate() {
        assertThat(matching("signup_date before 365 days ago")).containsExactly("ann");
        assertThat(matching("signup_date < \"2023-01-01\"")).isEmpty();
        assertThat(matching("signup_date <= \"2023-01-01\"")).containsExactly("ann");
        assertThat(matching("birth_date after \"1990-01-01\"")).containsExactly("bob");
        assertThat(matching("birth_date between \"1985-05-05\" and \"1995-03-02\"")).containsExactly("ann");
        assertThat(matching("renewal after 0 days ago")).containsExactly("ann");
        assertThat(matching("renewal = \"2024-07-15\"")).containsExactly("ann");
    }

    @Test
    void textMatchesAreCaseSensitive() {
        assertThat(matching("email contains \"@gmail.\"")).containsExactly("ann");
        assertThat(matching("city starts_with \"Ri\"")).containsExactly("bob");
        assertThat(matching("city starts_with \"ri\"")).isEmpty();
    }

    @Test
    void isNullTestsPresence() {
        assertThat(matching("phone is null")).containsExactly("ann", "bob", "cid");
        assertThat(matching("region is not null")).containsExactly("ann");
    }

    @Test
    void aCustomNumberThatDoesNotParseCountsAsMissing() {
        assertThat(matching("vip_level >= 3")).containsExactly("ann");
        assertThat(matching("vip_level is null")).containsExactly("bob", "cid");
        assertThat(matching("not (vip_level = 3)")).containsExactly("bob", "cid");
    }

    @Test
    void customerIdIsText() {
        assertThat(matching("customer_id = \"bob\"")).containsExactly("bob");
        assertThat(matching("customer_id in (\"ann\", \"cid\")")).containsExactly("ann", "cid");
    }

    @Test
    void andBindsTighterThanOrAndNotTighterThanAnd() {
        assertThat(matching("city = \"Paris\" or city = \"Riga\" and device = \"smart_tv\"")).containsExactly("ann");
        assertThat(matching("(city = \"Paris\" or city = \"Riga\") and device = \"web\"")).containsExactly("bob");
        assertThat(matching("not city = \"Paris\" and country = \"DE\"")).containsExactly("bob");
        assertThat(matching("NOT (city = \"Paris\" OR city = \"Riga\")")).containsExactly("cid");
    }

    @Test
    void countOfOrdersCountsDistinctOrdersWithAMatchingLineInsideTheWindow() {
        assertThat(matching("count(orders where category = \"kids\" within 180 days) >= 1")).containsExactly("ann");
        assertThat(matching("count(orders where category = \"kids\" within 180 days) = 2")).containsExactly("ann");
        assertThat(matching("count(orders where category = \"kids\" within 181 days) = 3")).containsExactly("ann");
        assertThat(matching("count(orders where category = \"kids\") = 3")).containsExactly("ann");
        assertThat(matching("count(orders) = 3")).containsExactly("ann");
        assertThat(matching("count(orders within 0 days) = 1")).containsExactly("ann");
        assertThat(matching("count(orders) = 0")).containsExactly("cid");
    }

    @Test
    void whereOnLinesCombinesConditionsOnTheSameLine() {
        assertThat(matching("count(orders where category = \"kids\" and channel = \"web\") = 1")).containsExactly("ann");
        assertThat(matching("count(orders where category = \"toys\" and amount > 60) = 0")).containsExactly("ann", "bob", "cid");
        assertThat(matching("count(orders where quantity is null) = 3")).containsExactly("ann");
        assertThat(matching("count(orders where sku is null) = 1")).containsExactly("bob");
    }

    @Test
    void sumAndAverageOfLines() {
        assertThat(matching("sum(orders.amount where channel = \"web\" within 365 days) = 100")).containsExactly("ann");
        assertThat(matching("sum(orders.amount) = 0")).containsExactly("cid");
        assertThat(matching("sum(orders.quantity) = 2")).containsExactly("ann");
        assertThat(matching("avg(orders.amount) = 37.5")).containsExactly("ann");
        assertThat(matching("avg(orders.amount) > 50")).containsExactly("bob");
        assertThat(matching("avg(orders.amount) is null")).containsExactly("cid");
        assertThat(matching("not (avg(orders.amount) > 0)")).containsExactly("cid");
        assertThat(matching("avg(orders.amount where amount > 25 and amount < 50) = 35")).containsExactly("ann");
    }

    @Test
    void averagesAreRoundedHalfUpToFourPlaces() {
        assertThat(matching("avg(orders.amount within 180 days) = 40")).containsExactly("ann");
        assertThat(matching("avg(orders.amount where amount != 60) = 30")).containsExactly("ann");
        assertThat(matching("avg(orders.amount where amount in (20, 30, 60)) = 36.6667")).containsExactly("ann");
    }

    @Test
    void distinctCountsPresentValues() {
        assertThat(matching("distinct(orders.category) = 2")).containsExactly("ann");
        assertThat(matching("distinct(orders.channel within 0 days) = 1")).containsExactly("ann");
        assertThat(matching("distinct(orders.sku) = 0")).containsExactly("ann", "bob", "cid");
    }

    @Test
    void countOfEventsIncludesTheFirstInstantOfTheWindow() {
        assertThat(matching("count(events \"email_open\" within 90 days) = 0")).containsExactly("bob", "cid");
        assertThat(matching("count(events \"email_open\" within 89 days) = 0")).containsExactly("ann", "bob", "cid");
        assertThat(matching("count(events \"session\") = 5")).containsExactly("ann");
        assertThat(matching("count(events \"session\" within 30 days) = 4")).containsExactly("ann");
    }

    @Test
    void distinctEventPropertiesIgnoreEventsWithoutTheProperty() {
        assertThat(matching("distinct(events \"session\".ip within 30 days) >= 2")).containsExactly("ann");
        assertThat(matching("distinct(events \"session\".ip within 30 days) = 2")).containsExactly("ann");
        assertThat(matching("distinct(events \"session\".ip) = 3")).containsExactly("ann");
        assertThat(matching("count(events \"session\" where ip = \"1.1.1.1\" within 30 days) = 2")).containsExactly("ann");
        assertThat(matching("count(events \"session\" where ip is null) = 1")).containsExactly("ann");
    }

    @Test
    void aNumericComparisonReadsAPropertyAsANumberOrAsMissing() {
        assertThat(matching("sum(events \"purchase\".value) = 12.5")).containsExactly("ann");
        assertThat(matching("count(events \"purchase\" where value > 10) = 1")).containsExactly("ann");
        assertThat(matching("count(events \"purchase\" where not (value > 10)) = 1")).containsExactly("ann");
        assertThat(matching("count(events \"purchase\" where value = \"abc\") = 1")).containsExactly("ann");
        assertThat(matching("avg(events \"purchase\".value) = 12.5")).containsExactly("ann");
    }
}
