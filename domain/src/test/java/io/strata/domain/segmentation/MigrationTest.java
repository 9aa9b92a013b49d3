package io.strata.domain.segmentation;

import io.strata.domain.customer.CustomerId;
import io.strata.domain.metrics.CustomerMetrics;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static io.strata.domain.segmentation.CustomerBuilder.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationTest {

    final GeneralSegmentation tiers = SegmentationTemplates.instantiate("frequency-tiers", "F");

    @Test
    void theMatrixCountsCustomersOfBothRunsAndRanksTellUpFromDown() {
        List<Assignment> earlier = List.of(at("a", "prospects"), at("b", "newcomers"), at("c", "newcomers"),
                at("d", "repeat"), at("e", "loyal"), at("f", "repeat"));
        List<Assignment> later = List.of(at("a", "newcomers"), at("b", "newcomers"), at("c", "repeat"),
                at("d", "newcomers"), at("e", "loyal"), at("g", "prospects"), at("h", "newcomers"));

        Migration migration = Migration.between(tiers, earlier, later);

        assertThat(migration.count("prospects", "newcomers")).isEqualTo(1);
        assertThat(migration.count("newcomers", "newcomers")).isEqualTo(1);
        assertThat(migration.count("newcomers", "repeat")).isEqualTo(1);
        assertThat(migration.count("repeat", "newcomers")).isEqualTo(1);
        assertThat(migration.count("loyal", "loyal")).isEqualTo(1);
        assertThat(migration.count("repeat", "repeat")).isZero();
        assertThat(migration.counts().values().stream().flatMap(row -> row.values().stream()).mapToLong(Long::longValue).sum())
                .isEqualTo(5);
        assertThat(migration.movedUp()).isEqualTo(2); // a, c
        assertThat(migration.movedDown()).isEqualTo(1); // d
        assertThat(migration.stayed()).isEqualTo(2); // b, e
    }

    @Test
    void customersNewInTheLaterRunAreCountedInTheirOwnRowAndThoseGoneInTheirOwnColumn() {
        Migration migration = Migration.between(tiers,
                List.of(at("a", "prospects"), at("f", "repeat")),
                List.of(at("a", "prospects"), at("g", "prospects"), at("h", "newcomers"), at("i", "newcomers")));
        assertThat(migration.newcomers("prospects")).isEqualTo(1);
        assertThat(migration.newcomers("newcomers")).isEqualTo(2);
        assertThat(migration.newcomers("loyal")).isZero();
        assertThat(migration.gone("repeat")).isEqualTo(1);
        assertThat(migration.stayed()).isEqualTo(1);
    }

    @Test
    void twoRunsOfTheSameBaseShowCustomersMovingUpAsTheyBuyAgain() {
        var base = List.of(
                customer("x").order("2024-01-10", "10").order("2024-03-10", "10").order("2024-05-10", "10").build(),
                customer("y").order("2024-05-10", "10").build(),
                customer("z").build());
        SegmentationReference reference = SegmentationReference.withoutConditions();
        // as of 2024-02-01: x newcomer (1), y prospect, z prospect; as of 2024-06-30: x repeat (3), y newcomer, z prospect
        Migration migration = Migration.between(tiers,
                reference.run(tiers, LocalDate.parse("2024-02-01"), base).assignments(),
                reference.run(tiers, LocalDate.parse("2024-06-30"), base).assignments());
        assertThat(migration.count("newcomers", "repeat")).isEqualTo(1);
        assertThat(migration.count("prospects", "newcomers")).isEqualTo(1);
        assertThat(migration.count("prospects", "prospects")).isEqualTo(1);
        assertThat(migration.movedUp()).isEqualTo(2);
        assertThat(migration.stayed()).isEqualTo(1);
    }

    @Test
    void assignmentsToSegmentsOfAnotherSegmentationAreRefused() {
        assertThatThrownBy(() -> Migration.between(tiers, List.of(at("a", "champions")), List.of()))
                .hasMessageContaining("the earlier run puts a in 'champions', which is not a segment of F");
    }

    static Assignment at(String customer, String segment) {
        return new Assignment(new CustomerId(customer), segment, null, CustomerMetrics.none());
    }
}
