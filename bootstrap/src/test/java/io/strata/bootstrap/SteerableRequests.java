package io.strata.bootstrap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A filter of the end-to-end tests' context, in front of every other filter but the outermost: inert until a test arms
 * it with {@link #holdFirstPost}, then it counts the POSTs to that path that reach the server and holds the first one
 * until {@link #release()}, so a test can press a button again while the first sending is on its way (a slow answer).
 * A page's script can wait for the held request's arrival and say it has pressed again, by requests carrying the
 * header {@value #HEADER} ({@code await-arrival}, {@code pressed-again}), which this filter answers itself with 204.
 * Every wait is bounded.
 */
public final class SteerableRequests extends OncePerRequestFilter implements Ordered {

    public static final String HEADER = "X-Test-Steer";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private volatile String heldPath;
    private final AtomicInteger posts = new AtomicInteger();
    private volatile CountDownLatch arrived = new CountDownLatch(0);
    private volatile CountDownLatch released = new CountDownLatch(0);
    private volatile CountDownLatch pressedAgain = new CountDownLatch(0);

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 30;
    }

    /** Counts the POSTs to {@code path} from now on and holds the first until {@link #release()}. */
    public void holdFirstPost(String path) {
        posts.set(0);
        arrived = new CountDownLatch(1);
        released = new CountDownLatch(1);
        pressedAgain = new CountDownLatch(1);
        heldPath = path;
    }

    /** How many POSTs to the held path reached the server since {@link #holdFirstPost}. */
    public int posts() {
        return posts.get();
    }

    public void awaitPressedAgain() throws InterruptedException {
        if (!pressedAgain.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the page did not say it pressed again within " + PATIENCE);
        }
    }

    public void release() {
        released.countDown();
    }

    public void disarm() {
        heldPath = null;
        released.countDown();
        arrived.countDown();
        pressedAgain.countDown();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String steer = request.getHeader(HEADER);
        if (steer != null) {
            if (steer.equals("await-arrival")) {
                await(arrived);
            } else if (steer.equals("pressed-again")) {
                pressedAgain.countDown();
            }
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        String path = heldPath;
        if (path != null && "POST".equals(request.getMethod()) && request.getRequestURI().equals(path)) {
            if (posts.incrementAndGet() == 1) {
                arrived.countDown();
                await(released);
            }
        }
        chain.doFilter(request, response);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
