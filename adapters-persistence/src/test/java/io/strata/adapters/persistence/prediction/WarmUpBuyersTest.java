package io.strata.adapters.persistence.prediction;

import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.prediction.BuyerAge;
import io.strata.application.prediction.BuyerFacts;
import io.strata.application.prediction.BuyerPattern;
import io.strata.application.prediction.FitBounds;
import io.strata.domain.prediction.PatternForecast;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The predictions' warm-up at start (PredictionService.warmUp) on the adapters' side: made-up buyers read through the
 * code a run's buyers are read through, and the forecasts' COPY bytes made and dropped, with nothing written. "Nothing
 * written" is checked on the database's transaction ids: a write (a row, a table, even a temporary one) takes one, a
 * read does not, so the next id to be given out stays where it was.
 */
class WarmUpBuyersTest extends PredictionStoreFixture {

    @Test
    void madeUpBuyersAreReadAsARunsAreAndNothingIsWritten() {
        long nextXid = nextTransactionId();
        long relations = relations();

        BuyerFacts facts = histories.warmUpBuyers(FitBounds.DEFAULT);

        assertThat(nextTransactionId()).as("transaction ids given out while reading").isEqualTo(nextXid);
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
        long nextXid = nextTransactionId();
        List<BuyerAge> ages = List.of(new BuyerAge(0, 10), new BuyerAge(1, 10), new BuyerAge(2, 30));
        List<Integer> chunks = new ArrayList<>();

        long bytes = predictions.warmUp(ages, chunk -> {
            chunks.add(chunk.size());
            return chunk.stream().map(p -> new PatternForecast.IfAlive(0.1, 0.2, 0.3, 0.4)).toList();
        });

        // the fixture's store scores 2 (x, T) at a time, all into one COPY's bytes: 19 bytes of header, 78 a row (a
        // 16-bit field count, a bigint, two integers and four doubles, each after its 32-bit length), 2 of trailer
        assertThat(chunks).containsExactly(2, 1);
        assertThat(bytes).isEqualTo(19 + 2 + 3 * (2 + 12 + 2 * 8 + 4 * 12));
        assertThat(nextTransactionId()).isEqualTo(nextXid);
    }

    private long nextTransactionId() {
        return JdbcClient.create(TestDatabase.dataSource()).sql("select pg_snapshot_xmax(pg_current_snapshot())::text::bigint")
                .query(Long.class).single();
    }

    private long relations() {
        return JdbcClient.create(TestDatabase.dataSource()).sql("select count(*) from pg_class").query(Long.class).single();
    }
}
