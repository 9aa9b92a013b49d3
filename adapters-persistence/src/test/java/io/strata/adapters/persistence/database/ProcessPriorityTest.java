package io.strata.adapters.persistence.database;

import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.segmentation.port.out.CpuPriority;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The work beside a run's assignment at nice 19: its thread and the embedded server's backend doing its statements,
 * which gets its own priority back before its connection returns to the pool. Read from /proc by the test itself (the
 * stat file's 19th field). Linux only; giving
 * a backend its priority back needs root or CAP_SYS_NICE, which the build has here (else the backend's part is
 * skipped, by design, and so are the tests of it).
 */
class ProcessPriorityTest {

    private static final JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());
    private static final TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(TestDatabase.dataSource()));

    @BeforeAll
    static void linux() {
        assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "Linux /proc");
    }

    @Test
    void theWorkBesideRunsAtNice19WithItsBackendWhichGetsItsOwnPriorityBackAfterwards() throws Exception {
        assumeTrue(ProcessPriority.mayRaiseTo(0), "root or CAP_SYS_NICE");
        ProcessPriority priority = new ProcessPriority(Optional.of(TestDatabase.cluster()));

        int[] seen = onThreadOfItsOwn(() -> {
            try (CpuPriority.Lowered lowered = priority.lowerCurrentThread()) {
                int thread = nice("/proc/thread-self/stat");
                int[] inside = transaction.execute(status -> priority.lowerBackendFor(jdbc, () -> {
                    long pid = jdbc.sql("select pg_backend_pid()").query(Long.class).single();
                    return new int[] {(int) pid, nice("/proc/" + pid + "/stat")};
                }));
                String backend = "/proc/" + inside[0] + "/stat";
                return new int[] {thread, inside[1], nice(backend), nice("/proc/" + parent(backend) + "/stat")};
            }
        });

        assertThat(seen[0]).as("the thread").isEqualTo(19);
        assertThat(seen[1]).as("the backend while the work's statements run").isEqualTo(19);
        assertThat(seen[3]).as("the postmaster, whose priority its backends have").isLessThan(19);
        assertThat(seen[2]).as("the backend once they are done").isEqualTo(seen[3]);
    }

    @Test
    void aThreadNotLoweredLeavesItsBackendAlone() throws Exception {
        ProcessPriority priority = new ProcessPriority(Optional.of(TestDatabase.cluster()));

        int[] seen = onThreadOfItsOwn(() -> transaction.execute(status -> priority.lowerBackendFor(jdbc, () -> {
            long pid = jdbc.sql("select pg_backend_pid()").query(Long.class).single();
            return new int[] {nice("/proc/thread-self/stat"), nice("/proc/" + pid + "/stat")};
        })));

        assertThat(seen[0]).isLessThan(19);
        assertThat(seen[1]).as("the backend").isLessThan(19);
    }

    @Test
    void anExternalServersBackendsAreNotThisMachinesProcessesAndAreLeftAlone() throws Exception {
        ProcessPriority priority = new ProcessPriority(Optional.empty());

        int[] seen = onThreadOfItsOwn(() -> {
            try (CpuPriority.Lowered lowered = priority.lowerCurrentThread()) {
                return transaction.execute(status -> priority.lowerBackendFor(jdbc, () -> {
                    long pid = jdbc.sql("select pg_backend_pid()").query(Long.class).single();
                    return new int[] {nice("/proc/thread-self/stat"), nice("/proc/" + pid + "/stat")};
                }));
            }
        });

        assertThat(seen[0]).as("the thread").isEqualTo(19);
        assertThat(seen[1]).as("the backend").isLessThan(19);
    }

    /** The work on a thread that ends with it, as the run's preparations have. */
    private static int[] onThreadOfItsOwn(Callable<int[]> work) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            return thread.submit(work).get();
        } finally {
            thread.shutdown();
        }
    }

    /** The nice value: the 19th field of a /proc stat file, counted after the command name in parentheses. */
    private static int nice(String stat) {
        try {
            String text = Files.readString(Path.of(stat));
            return Integer.parseInt(text.substring(text.lastIndexOf(')') + 2).split(" ")[16]);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The parent's pid: the 4th field. */
    private static long parent(String stat) {
        try {
            String text = Files.readString(Path.of(stat));
            return Long.parseLong(text.substring(text.lastIndexOf(')') + 2).split(" ")[1]);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
