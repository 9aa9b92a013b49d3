package io.strata.adapters.persistence.campaign;

import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.domain.campaign.ControlGroup;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The database and the domain compute the same control group hash and the same membership, id by id. */
class ControlGroupSqlTest {

    private final JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());

    @Test
    void sqlAndJavaComputeTheSameHashForSixHundredCustomerIds() {
        List<String> ids = customerIds(600);
        for (long campaignId : new long[] {1, 1001, 987_654_321_012L}) {
            List<BigInteger> sql = jdbc.sql("select " + ControlGroupSql.unsignedHash("cast(? as bigint)", "id")
                            + " from unnest(cast(? as text[])) with ordinality as t(id, n) order by n")
                    .params(campaignId, ids.toArray(String[]::new))
                    .query((rs, n) -> rs.getBigDecimal(1).toBigIntegerExact()).list();

            assertThat(sql).containsExactlyElementsOf(ids.stream().map(id -> ControlGroup.hash(campaignId, id)).toList());
        }
    }

    @Test
    void sqlAndJavaPutTheSameCustomersIntoTheControlGroup() {
        List<String> ids = customerIds(600);
        for (String percent : new String[] {"0", "10", "20", "33.33", "50"}) {
            ControlGroup group = new ControlGroup(new BigDecimal(percent));
            List<Boolean> sql = jdbc.sql("select " + ControlGroupSql.isControl("cast(? as bigint)", "id", "?")
                            + " from unnest(cast(? as text[])) with ordinality as t(id, n) order by n")
                    .params(42L, group.threshold(), ids.toArray(String[]::new))
                    .query((rs, n) -> rs.getBoolean(1)).list();

            assertThat(sql).containsExactlyElementsOf(ids.stream().map(id -> group.contains(42, id)).toList());
        }
    }

    /** Plain, numeric and non-ASCII ids, so the UTF-8 encoding on both sides is exercised. */
    private static List<String> customerIds(int count) {
        Random random = new Random(6);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(switch (i % 4) {
                case 0 -> "c" + i;
                case 1 -> Long.toString(random.nextLong() & Long.MAX_VALUE);
                case 2 -> "kunde-ü-" + i + "-łódź";
                default -> "客户" + i + "🙂";
            });
        }
        return ids;
    }
}
