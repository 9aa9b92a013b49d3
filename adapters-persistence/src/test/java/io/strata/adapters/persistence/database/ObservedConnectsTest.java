package io.strata.adapters.persistence.database;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a request that found the database unreachable makes an attempt to connect itself (docs/architecture.md, "When the
 * database goes away"): while the network is silent, a few attempts at most, spaced; once it speaks again, one begun
 * after the hanging ones finds it, and their late failures do not mark the database unreachable again. The attempts go
 * to a stand-in for the network (silent, refusing or answering), not to a database; the clock is the test's.
 */
@Timeout(10)
class ObservedConnectsTest {

    private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

    private final Network network = new Network();
    private final AtomicLong clock = new AtomicLong();
    private final ExecutorService requests = Executors.newCachedThreadPool();

    @AfterEach
    void endTheHangingAttempts() {
        network.timeOutTheHangingAttempts();
        requests.shutdownNow();
    }

    /** The request's answer, which must come within 5 s (else the test fails, not hangs). */
    private boolean answeredWithin5s(ObservedConnects connects) throws Exception {
        return requests.submit(connects::probe).get(5, TimeUnit.SECONDS);
    }

    @Test
    void whileAnAttemptHangsInASilenceAnotherBeginsOneSliceLaterNotBefore() throws Exception {
        ObservedConnects connects = new ObservedConnects(network, Duration.ofSeconds(1), clock::get);
        network.silent();

        Future<Boolean> first = requests.submit(connects::probe);
        network.awaitHanging(1);
        assertThat(answeredWithin5s(connects)).as("at once beside it").isFalse();
        clock.set(249 * MILLI);
        assertThat(answeredWithin5s(connects)).as("249 ms later").isFalse();
        assertThat(network.attempts()).isEqualTo(1);

        clock.set(250 * MILLI);
        Future<Boolean> second = requests.submit(connects::probe);
        network.awaitHanging(2);
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();
    }

    @Test
    void atMostEightAttemptsAreUnderWayAtOnceAnEighthOfTheConnectTimeoutApart() throws Exception {
        ObservedConnects connects = new ObservedConnects(network, Duration.ofSeconds(10), clock::get);
        network.silent();
        long apart = 1250 * MILLI;
        for (int attempt = 1; attempt <= 8; attempt++) {
            clock.set((attempt - 1) * apart);
            requests.submit(connects::probe);
            network.awaitHanging(attempt);
            clock.set(attempt * apart - 1);
            assertThat(answeredWithin5s(connects)).as("a nanosecond before the next may begin").isFalse();
        }
        clock.set(TimeUnit.HOURS.toNanos(1));
        assertThat(answeredWithin5s(connects)).as("a ninth").isFalse();
        assertThat(network.attempts()).isEqualTo(8);

        network.timeOutTheOldestAttempt();
        Future<Boolean> ninth = requests.submit(() -> {
            while (!connects.probe()) {
                Thread.onSpinWait();
            }
            return true;
        });
        network.awaitHanging(8);
        assertThat(network.attempts()).as("once one timed out").isEqualTo(9);
        assertThat(ninth).isNotDone();
    }

    @Test
    void onceTheNetworkSpeaksAnAttemptBegunAfterTheHangingOneConnectsAndTheHangingOnesLateFailureIsNotTaken() throws Exception {
        ObservedConnects connects = new ObservedConnects(network, Duration.ofSeconds(5), clock::get);
        network.refusing();
        assertThat(answeredWithin5s(connects)).isFalse();
        assertThat((Throwable) connects.refusal()).hasMessage("Connection refused");

        network.silent();
        Future<Boolean> begunInTheSilence = requests.submit(connects::probe);
        network.awaitHanging(1);
        network.answering();
        clock.set(625 * MILLI);
        assertThat(answeredWithin5s(connects)).as("the network speaks again; an attempt an eighth of 5 s later").isTrue();
        assertThat((Throwable) connects.refusal()).isNull();

        network.timeOutTheHangingAttempts();
        assertThat(begunInTheSilence.get()).isFalse();
        assertThat((Throwable) connects.refusal()).as("its failure says nothing of the database since").isNull();
    }

    @Test
    void aFailureOfAnAttemptBegunAfterTheDatabaseWasReachedIsTaken() throws Exception {
        ObservedConnects connects = new ObservedConnects(network, Duration.ofSeconds(5), clock::get);
        network.answering();
        assertThat(answeredWithin5s(connects)).isTrue();

        network.refusing();
        assertThat(answeredWithin5s(connects)).isFalse();
        assertThat((Throwable) connects.refusal()).hasMessage("Connection refused");
        network.silent();
        Future<Boolean> hanging = requests.submit(connects::probe);
        network.awaitHanging(1);
        network.timeOutTheHangingAttempts();
        assertThat(hanging.get()).isFalse();
        assertThat((Throwable) connects.refusal()).hasMessage("Connection attempt timed out.");
    }

    @Test
    void withNoAttemptUnderWayEveryRequestAttemptsAtOnce() throws Exception {
        ObservedConnects connects = new ObservedConnects(network, Duration.ofSeconds(10), clock::get);
        network.refusing();
        assertThat(answeredWithin5s(connects)).isFalse();
        assertThat(answeredWithin5s(connects)).isFalse();
        assertThat(network.attempts()).as("a refusing database answers at once: nothing to space").isEqualTo(2);
    }

    /**
     * The network between the pool and PostgreSQL as the driver sees it: refusing (an attempt fails at once), answering
     * (it connects), or silent (it hangs until the test lets its connect timeout run out, then fails as pgjdbc does).
     */
    private static final class Network implements DataSource {

        private volatile String state = "answering";
        private final AtomicInteger attempts = new AtomicInteger();
        private final List<CompletableFuture<Void>> hanging = new CopyOnWriteArrayList<>();
        private final Semaphore hung = new Semaphore(0);

        void silent() {
            state = "silent";
        }

        void refusing() {
            state = "refusing";
        }

        void answering() {
            state = "answering";
        }

        int attempts() {
            return attempts.get();
        }

        /** Waits until {@code count} attempts hang at once. */
        void awaitHanging(int count) throws InterruptedException {
            while (hanging.stream().filter(attempt -> !attempt.isDone()).count() < count) {
                hung.tryAcquire(10, TimeUnit.MILLISECONDS);
            }
        }

        void timeOutTheOldestAttempt() {
            hanging.stream().filter(attempt -> !attempt.isDone()).findFirst().orElseThrow().complete(null);
        }

        void timeOutTheHangingAttempts() {
            hanging.forEach(attempt -> attempt.complete(null));
        }

        @Override
        public Connection getConnection() throws SQLException {
            attempts.incrementAndGet();
            switch (state) {
                case "refusing" -> throw new SQLException("Connection refused", "08001");
                case "silent" -> {
                    CompletableFuture<Void> timeout = new CompletableFuture<>();
                    hanging.add(timeout);
                    hung.release();
                    try {
                        timeout.get();
                    } catch (InterruptedException | ExecutionException stopped) {
                        Thread.currentThread().interrupt();
                    }
                    throw new SQLException("Connection attempt timed out.", "08001");
                }
                default -> {
                    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (proxy, method, arguments) -> null);
                }
            }
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
