package io.strata.adapters.persistence.prediction;

import io.strata.adapters.persistence.database.DatabaseSettings;
import io.strata.application.prediction.BuyerFacts;
import io.strata.application.prediction.BuyerPattern;
import io.strata.application.prediction.HoldoutPattern;
import io.strata.application.prediction.port.out.PurchaseHistories;
import io.strata.application.segmentation.RunSnapshot;
import io.strata.domain.prediction.RepeatSpend;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Buyers' facts from the orders, set-based. The per-buyer rows are read once, as a stream: their patterns are counted
 * here (a million buyers share far fewer patterns) and the repeat buyers' spends kept for Gamma-Gamma.
 */
@Repository
public class JdbcPurchaseHistories implements PurchaseHistories {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final TransactionTemplate runTransaction;
    private final TransactionTemplate snapshotTransaction;
    private final DatabaseSettings.Tuning tuning;

    public JdbcPurchaseHistories(JdbcClient jdbc, PlatformTransactionManager transactions, DatabaseSettings database) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setReadOnly(true);
        this.runTransaction = new TransactionTemplate(transactions);
        this.snapshotTransaction = new TransactionTemplate(transactions);
        this.snapshotTransaction.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.tuning = database.tuning();
    }

    @Override
    public BuyerFacts asOf(LocalDate asOf) {
        Map<BuyerPattern, long[]> patterns = new HashMap<>();
        List<RepeatSpend> spends = new ArrayList<>();
        // in a transaction, so that PostgreSQL's driver reads through a cursor, 10,000 rows at a time, not all at once
        transaction.executeWithoutResult(status -> jdbc.sql(BuyerSql.BUYERS + "select x, recency_days, age_days, repeat_average from buyers")
                .param("end", BuyerSql.endOf(asOf)).param("asof", Date.valueOf(asOf))
                .withFetchSize(10_000)
                .query(rs -> {
                    int x = rs.getInt(1);
                    patterns.computeIfAbsent(new BuyerPattern(x, rs.getInt(2), rs.getInt(3), 1), k -> new long[1])[0]++;
                    if (x > 0) {
                        spends.add(new RepeatSpend(x, rs.getDouble(4)));
                    }
                }));
        List<BuyerPattern> counted = new ArrayList<>(patterns.size());
        patterns.forEach((p, n) -> counted.add(new BuyerPattern(p.x(), p.recencyDays(), p.ageDays(), n[0])));
        return new BuyerFacts(counted, spends);
    }

    @Override
    public BuyerFacts ofRun(long runId, LocalDate asOf, Optional<RunSnapshot> snapshot, Runnable snapshotRead) {
        String table = RunBuyers.table(runId);
        List<BuyerPattern> patterns = new ArrayList<>();
        List<RepeatSpend> spends = new ArrayList<>();
        (snapshot.isPresent() ? snapshotTransaction : runTransaction).executeWithoutResult(status -> {
            if (snapshot.isPresent()) {
                // the first statement of a repeatable-read transaction: from here on it reads what the assignment reads
                jdbc.sql("set transaction snapshot '" + snapshot.get().id() + "'").update();
                snapshotRead.run();
            }
            // the aggregation by customer and day, and the grouping into patterns, in memory instead of spilling to disk
            jdbc.sql("set local work_mem = '" + DatabaseSettings.Tuning.setting(tuning.workMem()) + "'").update();
            jdbc.sql("drop table if exists " + table).update();
            jdbc.sql(RunBuyers.create(runId, asOf)).update();
            // grouped where the rows are: a million buyers travel as their few hundred thousand patterns
            jdbc.sql("select x, recency_days, age_days, count(*) from " + table + " group by x, recency_days, age_days"
                            + " order by x, recency_days, age_days")
                    .withFetchSize(10_000)
                    .query(rs -> {
                        patterns.add(new BuyerPattern(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getLong(4)));
                    });
            jdbc.sql("select x, repeat_average from " + table + " where x > 0")
                    .withFetchSize(10_000)
                    .query(rs -> {
                        spends.add(new RepeatSpend(rs.getInt(1), rs.getDouble(2)));
                    });
        });
        return new BuyerFacts(patterns, spends);
    }

    @Override
    public void release(long runId) {
        jdbc.sql("drop table if exists " + RunBuyers.table(runId)).update();
    }

    @Override
    public List<HoldoutPattern> holdout(LocalDate cutoff, LocalDate end) {
        return jdbc.sql("with " + BuyerSql.PURCHASE_DAYS + """
                        , buyers as (
                            select (count(*) filter (where day <= :cutoff) - 1)::int as x,
                                   (max(day) filter (where day <= :cutoff) - first_day)::int as recency_days,
                                   (:cutoff::date - first_day)::int as age_days,
                                   count(*) filter (where day > :cutoff) as actual
                            from dated group by customer_key, first_day having first_day <= :cutoff
                        )
                        select x, recency_days, age_days, count(*), sum(actual) from buyers group by x, recency_days, age_days""")
                .param("end", BuyerSql.endOf(end)).param("cutoff", Date.valueOf(cutoff))
                .query((rs, n) -> new HoldoutPattern(new BuyerPattern(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getLong(4)), rs.getLong(5)))
                .list();
    }
}
