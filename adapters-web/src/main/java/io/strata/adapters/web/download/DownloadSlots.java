package io.strata.adapters.web.download;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.ResolvableType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.AsyncHandlerInterceptor;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many downloads a node runs at once ({@code strata.downloads.at-once}). A download reads its rows by cursor within
 * a read-only transaction ({@link DownloadReads}) and so holds one pooled connection from its first row to its last,
 * however slowly its client reads; without a cap, a few slow clients took every connection of a small pool, and every
 * page, API call and import of the node then waited the pool's timeout and was answered 503 (docs/architecture.md,
 * "Downloads at once").
 *
 * <p>A Spring MVC interceptor of every handler that answers a {@link StreamingResponseBody} (every download of the API
 * and the console, CSV and NDJSON, by construction: a new one is capped without a line of its own): before the handler
 * runs, it takes a slot or refuses with {@link DownloadsBusy}, before any work and before the first byte. The slot is
 * given back by the download's body when it ends, on every path ({@link CsvDownload}: written whole, cut by the client,
 * failed, cut by the time limit), or here, after the request, when no body ever ran (the handler refused, say a
 * campaign not launched, or the body was never started).
 */
public final class DownloadSlots implements AsyncHandlerInterceptor {

    /** Seconds a refused client is told to wait. */
    public static final int RETRY_AFTER_SECONDS = 10;

    static final String ATTRIBUTE = DownloadSlots.class.getName() + ".slot";

    private final int atOnce;
    private final Semaphore free;

    public DownloadSlots(int atOnce) {
        if (atOnce < 1) {
            throw new IllegalArgumentException("downloads at once: " + atOnce);
        }
        this.atOnce = atOnce;
        this.free = new Semaphore(atOnce);
    }

    public int atOnce() {
        return atOnce;
    }

    /** Downloads under way on this node now. */
    public int underWay() {
        return atOnce - free.availablePermits();
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getDispatcherType() != DispatcherType.REQUEST || !answersADownload(handler) || request.getAttribute(ATTRIBUTE) != null) {
            return true;
        }
        if (!free.tryAcquire()) {
            throw new DownloadsBusy(atOnce, RETRY_AFTER_SECONDS);
        }
        request.setAttribute(ATTRIBUTE, new Slot(free));
        return true;
    }

    /** After the request (its async dispatch for a download whose body ran): the slot of a download whose body never ran. */
    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception failure) {
        if (request.getAttribute(ATTRIBUTE) instanceof Slot slot && !slot.bodyStarted()) {
            slot.release();
        }
    }

    /** Whether the handler answers a download: a {@link StreamingResponseBody}, as it is or in a {@link ResponseEntity}. */
    public static boolean answersADownload(Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return false;
        }
        // asked of every request's handler: answered once per method
        return DOWNLOAD_METHODS.computeIfAbsent(method.getMethod(), DownloadSlots::returnsADownload);
    }

    private static final java.util.Map<java.lang.reflect.Method, Boolean> DOWNLOAD_METHODS = new java.util.concurrent.ConcurrentHashMap<>();

    private static boolean returnsADownload(java.lang.reflect.Method method) {
        ResolvableType answer = ResolvableType.forMethodReturnType(method);
        if (ResponseEntity.class.isAssignableFrom(answer.toClass())) {
            answer = answer.getGeneric(0);
        }
        return StreamingResponseBody.class.isAssignableFrom(answer.toClass());
    }

    /** The slot this request took, if any. */
    static Slot of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Slot slot ? slot : null;
    }

    /** One download's place among those under way; given back once, whoever gives it back first. */
    static final class Slot {
        private final Semaphore free;
        private final AtomicBoolean released = new AtomicBoolean();
        private final AtomicBoolean started = new AtomicBoolean();

        Slot(Semaphore free) {
            this.free = free;
        }

        /** The download's body runs: from now on it gives the slot back itself, when it ends. */
        void bodyStarts() {
            started.set(true);
        }

        boolean bodyStarted() {
            return started.get();
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                free.release();
            }
        }
    }
}
