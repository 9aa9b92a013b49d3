package io.strata.adapters.persistence.prediction;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.prediction.BuyerAge;
import io.strata.application.prediction.BuyerFacts;
import io.strata.application.prediction.BuyerPattern;
import io.strata.application.prediction.FitBounds;
import io.strata.domain.prediction.PatternForecast;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The predictions' warm-up at start (PredictionService.warmUp) on the adapters' side: made-up buyers read through the
 * code a run's buyers are read through, and the forecasts' COPY bytes made and dropped, with nothing written. "Nothing
 * written" is proved by running both adapters on connections whose every transaction is read only
 * ({@link TestDatabase#readOnlyDataSource}): a write (a row, a table, even a temporary one) is refused with an error.
 * Until session 47 the test compared the next transaction id before and after; autovacuum's ANALYZE of an earlier
 * test's tables takes ids of its own, and once took 20 while the warm-up read (a full verify of session 47).
 */
class WarmUpBuyersTest extends PredictionStoreFixture {

    @Test
    void madeUpBuyersAreReadAsARunsAreAndNothingIsWritten() {
        long relations = relations();

        BuyerFacts facts;
        try (HikariDataSource readOnly = TestDatabase.readOnlyDataSource()) {
            facts = readOnlyHistories(readOnly).warmUpBuyers(FitBounds.DEFAULT);
        }

        assertThat(relations()).isEqualTo(relations);
        assertThat(facts.customers()).isEqualTo(40_000);
        List<BuyerPattern> patterns = facts.patternsInDays();
        assertThat(patterns.stream().mapToLong(BuyerPattern::buyers).sum()).isEqualTo(40_000);
        // both models on a large base's path, as at a million customers: more patterns and repeat buyers than the
        // 20,000 the simplex's sample holds
        assertThat(patterns).hasSizeGreaterThan(20_000);
        assertThat(facts.repeatBuyers()).isGreaterThan(20_000);
        assertThat(facts.spends().size()).isEqualTo((int) facts.repeatBuyers());
        assertThat(facts.patternsSampled()).isFalse();
        assertThat(facts.spendsSampled()).isFalse();
        // buyers a run could have: a first purchase within two years, x distinct days after it up to the last one
        assertThat(patterns).allSatisfy(p -> {
            assertThat(p.ageDays()).isBetween(0, 729);
            assertThat(p.recencyDays()).isBetween(p.x() == 0 ? 0 : p.x(), p.x() == 0 ? 0 : p.ageDays());
        });
        // the same buyers at every start
        assertThat(histories.warmUpBuyers(FitBounds.DEFAULT).patternsInDays()).isEqualTo(patterns);
    }

    @Test
    void forecastsArePutIntoTheStoresBytesChunkByChunkAndNotSent() {
        long relations = relations();
        List<BuyerAge> ages = List.of(new BuyerAge(0, 10), new BuyerAge(1, 10), new BuyerAge(2, 30));
        List<Integer> chunks = new ArrayList<>();

        long bytes;
        try (HikariDataSource readOnly = TestDatabase.readOnlyDataSource()) {
            bytes = new JdbcRunPredictions(JdbcClient.create(readOnly), readOnly, new JdbcTransactionManager(readOnly), SETTINGS, 2)
                    .warmUp(ages, chunk -> {
                        chunks.add(chunk.size());
                        return chunk.stream().map(p -> new PatternForecast.IfAlive(0.1, 0.2, 0.3, 0.4)).toList();
                    });
        }

        // the fixture's store scores 2 (x, T) at a time, all into one COPY's bytes: 19 bytes of header, 78 a row (a
        // 16-bit field count, a bigint, two integers and four doubles, each after its 32-bit length), 2 of trailer
        assertThat(chunks).containsExactly(2, 1);
        assertThat(bytes).isEqualTo(19 + 2 + 3 * (2 + 12 + 2 * 8 + 4 * 12));
        assertThat(relations()).isEqualTo(relations);
    }

    @Test
    void theReadOnlyConnectionsRefuseAWrite() {
        // the control: were the pool not read only, the tests above would prove nothing
        try (HikariDataSource readOnly = TestDatabase.readOnlyDataSource()) {
            assertThatThrownBy(() -> new TransactionTemplate(new JdbcTransactionManager(readOnly)).executeWithoutResult(status ->
                    JdbcClient.create(readOnly).sql("create temporary table warm_up_write (i int)").update()))
                    .hasMessageContaining("read-only transaction");
            assertThatThrownBy(() -> JdbcClient.create(readOnly).sql("create temporary table warm_up_write (i int)").update())
                    .hasMessageContaining("read-only transaction");
        }
    }

    private static JdbcPurchaseHistories readOnlyHistories(HikariDataSource readOnly) {
        return new JdbcPurchaseHistories(JdbcClient.create(readOnly), readOnly, new JdbcTransactionManager(readOnly), SETTINGS);
    }

    private long relations() {
        return JdbcClient.create(TestDatabase.dataSource()).sql("select count(*) from pg_class").query(Long.class).single();
    }
}
