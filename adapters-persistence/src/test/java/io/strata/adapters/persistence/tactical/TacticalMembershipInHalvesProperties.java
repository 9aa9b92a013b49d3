package io.strata.adapters.persistence.tactical;

import io.strata.adapters.persistence.testing.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The property of {@link TacticalMembershipAgreesWithReferenceProperties} with every run's memberships of two customers
 * or more written in two halves by customer key ({@link MembershipHalves}, bound 0): each segment still gets exactly the
 * members of its parent the reference matches, and its size counts both halves (the upper half's rows, committed by its
 * own connection after the memberships' snapshot, are counted by that connection).
 */
class TacticalMembershipInHalvesProperties extends TacticalMembershipAgreesWithReferenceProperties {

    @Override
    SqlTacticalMembership membership(JdbcClient jdbc) {
        return new SqlTacticalMembership(jdbc, TestDatabase.dataSource(), 0);
    }

    /** The run's table is partitioned over its two halves (one table when there is a single customer: nothing to split). */
    @Override
    void written(JdbcClient jdbc, int customers) {
        String partition = SqlTacticalMembership.partition(RuleSubjectRows.RUN);
        assertThat(jdbc.sql("select c.relname || ' ' || c.relkind::text from pg_partition_tree(?::regclass) t join pg_class c on c.oid = t.relid "
                        + "order by t.level, c.relname").param(partition).query(String.class).list())
                .isEqualTo(customers < 2 ? java.util.List.of(partition + " r")
                        : java.util.List.of(partition + " p", partition + "_high r", partition + "_low r"));
    }
}
