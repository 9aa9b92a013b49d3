package io.strata.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The lines one logger writes while a test runs (a Logback appender, at the level the test asks for), and a wait for
 * lines that match, woken by each line rather than by polling. Closing takes the appender out and gives the level back.
 */
public final class LogLines extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final Logger logger;
    private final Level levelBefore;
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

    public LogLines(Class<?> of, Level level) {
        this(of.getName(), level);
    }

    /** The lines of the logger of this name (a class another package cannot name). */
    public LogLines(String name, Level level) {
        this.logger = (Logger) LoggerFactory.getLogger(name);
        this.levelBefore = logger.getLevel();
        setContext(logger.getLoggerContext());
        setName("test-lines-" + name);
        start();
        logger.setLevel(level);
        logger.addAppender(this);
    }

    @Override
    protected void append(ILoggingEvent event) {
        // the thread's name is taken when first asked for: here, on the thread that logged
        event.prepareForDeferredProcessing();
        events.add(event);
        synchronized (this) {
            notifyAll();
        }
    }

    /** The lines at the level given that match. */
    public List<String> lines(Level level, Predicate<String> matching) {
        return events.stream().filter(event -> event.getLevel() == level).map(ILoggingEvent::getFormattedMessage).filter(matching).toList();
    }

    /** Waits until at least {@code count} lines at the level given match; false if they did not within the time. */
    public boolean await(Level level, Predicate<String> matching, int count, long seconds) throws InterruptedException {
        return awaitEvents(event -> event.getLevel() == level && matching.test(event.getFormattedMessage()), count, seconds);
    }

    /**
     * Waits until at least {@code count} lines match, by anything a line carries (its level, words, thread); false if
     * they did not within the time.
     */
    public synchronized boolean awaitEvents(Predicate<ILoggingEvent> matching, int count, long seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (events.stream().filter(matching).count() < count) {
            long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        logger.setLevel(levelBefore);
        stop();
    }
}
