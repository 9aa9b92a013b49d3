package io.strata.adapters.persistence.campaign;

import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.campaign.StoredHoldout;
import io.strata.domain.campaign.GlobalHoldout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The database holds out the same customers as the domain's {@link GlobalHoldout}, id by id, for several shares and draws. */
class HoldoutSqlTest {

    private final JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());
    private final JdbcHoldouts holdouts = new JdbcHoldouts(jdbc);

    @AfterEach
    void noHoldoutForTheNextTest() {
        holdouts.save(new StoredHoldout(new GlobalHoldout(BigDecimal.ZERO, 1), Instant.parse("2024-01-01T00:00:00Z"), null));
    }

    @Test
    void sqlAndJavaHoldOutTheSameCustomers() {
        List<String> ids = customerIds(600);
        for (int draw : new int[] {1, 2, 17}) {
            for (String share : new String[] {"0", "5", "12.5", "50"}) {
                GlobalHoldout holdout = new GlobalHoldout(new BigDecimal(share), draw);
                holdouts.save(new StoredHoldout(holdout, Instant.parse("2024-01-01T00:00:00Z"), null));
                List<Boolean> sql = jdbc.sql("select " + HoldoutSql.heldOut("id") + " from unnest(cast(? as text[])) with ordinality as t(id, n)"
                                + " order by n")
                        .param(ids.toArray(String[]::new)).query((rs, n) -> rs.getBoolean(1)).list();

                assertThat(sql).as("draw %d, %s %%", draw, share).containsExactlyElementsOf(ids.stream().map(holdout::holdsOut).toList());
            }
        }
    }

    @Test
    void theStoredHoldoutReadsBackAsSaved() {
        StoredHoldout saved = new StoredHoldout(new GlobalHoldout(new BigDecimal("7.25"), 3), Instant.parse("2025-03-04T05:06:07Z"), 12L);
        holdouts.save(saved);
        assertThat(holdouts.current().holdout().sharePercent()).isEqualByComparingTo("7.25");
        assertThat(holdouts.current().holdout().draw()).isEqualTo(3);
        assertThat(holdouts.current().drawnAt()).isEqualTo(Instant.parse("2025-03-04T05:06:07Z"));
        assertThat(holdouts.current().baselineRunId()).isEqualTo(12L);
    }

    /** Plain, numeric and non-ASCII ids, so the UTF-8 encoding on both sides is exercised. */
    private static List<String> customerIds(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(switch (i % 3) {
                case 0 -> "c" + i;
                case 1 -> "kunde-ü-" + i + "-łódź";
                default -> "客户" + i + "🙂";
            });
        }
        return ids;
    }
}
