package io.strata.bootstrap.imports;

import io.strata.bootstrap.SteerableImports;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Merges take a transaction-level advisory lock: imports running at once give what one after the other gives. "At
 * once" is forced, not hoped for: each import is held at a point until the other is there too (customers: with all
 * rows staged, before the merge; orders: as they start to read, because the first order import into an empty base
 * takes the order tables for a bulk load and the other waits for them, by design), and only then do both go on.
 */
class ConcurrentImportsTest extends ImportEndToEndTest {

    @Autowired
    SteerableImports checkpoints;

    private static String customers(int from, int to, String column, String value) {
        StringBuilder file = new StringBuilder("customer_id," + column + "\n");
        for (int i = from; i < to; i++) {
            file.append("C").append(i).append(',').append(value).append('\n');
        }
        return file.toString();
    }

    private static String orders(String prefix, int from, int to) {
        StringBuilder file = new StringBuilder("order_id,customer_id,ordered_at,amount\n");
        for (int i = from; i < to; i++) {
            file.append(prefix).append(i).append(",C").append(i).append(",2024-03-01,").append(i % 50).append(".25\n");
            file.append(prefix).append(i).append(",C").append(i).append(",2024-03-01,1\n");
        }
        return file.toString();
    }

    private List<HttpResponse<String>> atOnce(SteerableImports.Point meeting, List<String[]> imports) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(imports.size());
        checkpoints.meetAt(meeting, imports.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> running = imports.stream().map(i -> pool.submit((Callable<HttpResponse<String>>) () -> {
                start.await();
                return importCsv(i[0], i[1]);
            })).toList();
            start.countDown();
            List<HttpResponse<String>> done = new java.util.ArrayList<>();
            for (Future<HttpResponse<String>> f : running) {
                done.add(f.get());
            }
            assertThat(checkpoints.met()).as("imports that were running at the same time (met at %s)", meeting)
                    .isEqualTo(imports.size());
            return done;
        } finally {
            checkpoints.disarm();
            pool.shutdown();
        }
    }

    @Test
    void twoCustomerImportsOnOverlappingCustomersAtOnceEqualRunningThemOneAfterTheOther() throws Exception {
        String cities = customers(0, 3000, "city", "Riga");
        String devices = customers(1500, 4500, "device", "smart_tv");

        List<HttpResponse<String>> together = atOnce(SteerableImports.Point.BEFORE_MERGE, List.of(new String[]{"customers", cities}, new String[]{"customers", devices}));
        String concurrent = snapshot();
        emptyDatabase();
        importCsv("customers", cities);
        importCsv("customers", devices);

        assertThat(together).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(200));
        assertThat(json(together.get(0)).path("created").asLong() + json(together.get(1)).path("created").asLong()).isEqualTo(4500);
        assertThat(concurrent).isEqualTo(snapshot());
        assertThat(count("select count(*) from customers where city = 'Riga' and attributes->>'device' = 'smart_tv'")).isEqualTo(1500);
    }

    @Test
    void twoOrderImportsCreatingTheSameNewCustomersAtOnceBothComplete() throws Exception {
        String first = orders("A", 0, 2000);
        String second = orders("B", 1000, 3000);

        List<HttpResponse<String>> together = atOnce(SteerableImports.Point.READING, List.of(new String[]{"orders", first}, new String[]{"orders", second}));
        String concurrent = snapshot();
        emptyDatabase();
        importCsv("orders", first);
        importCsv("orders", second);

        assertThat(together).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(200));
        assertThat(concurrent).isEqualTo(snapshot());
        assertThat(count("select count(*) from customers")).isEqualTo(3000);
        assertThat(count("select count(*) from orders")).isEqualTo(4000);
    }
}
