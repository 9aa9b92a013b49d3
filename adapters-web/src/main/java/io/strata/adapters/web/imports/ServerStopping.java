package io.strata.adapters.web.imports;

import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Whether this node is stopping (a SIGTERM, a deploy: its context began to close), for what an import's body says when
 * it stops arriving then. A body still arriving when the web server's graceful wait
 * ({@code spring.lifecycle.timeout-per-shutdown-phase}) ends is cut by the server closing its connection; the read
 * failed as any broken connection does, and the import's record said "the connection broke, or the sender stopped
 * sending or went silent", blaming the sender for Strata's stop (session 58's probe with the jar: a 1,000,000-line
 * orders import and SIGTERM 3 s in). A body read through {@link #watched} says instead that Strata stopped.
 */
@Component
public class ServerStopping implements ApplicationListener<ContextClosedEvent> {

    private volatile boolean stopping;

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        stopping = true;
    }

    public boolean stopping() {
        return stopping;
    }

    /** The body, whose failed reads while this node stops are {@link Stopped}. */
    public InputStream watched(InputStream body) {
        return new FilterInputStream(body) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException e) {
                    throw stopping ? new Stopped(e) : e;
                }
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                try {
                    return super.read(bytes, offset, length);
                } catch (IOException e) {
                    throw stopping ? new Stopped(e) : e;
                }
            }
        };
    }

    /** A body's read that failed while this node was stopping: the server closed the connection, not the sender. */
    static final class Stopped extends IOException {
        Stopped(IOException cause) {
            super("Strata stopped while the body was arriving", cause);
        }
    }
}
