package io.strata.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP link between an application and the suite's PostgreSQL that a test can cut and restore, as stopping and starting
 * the server would look from the application: cut, every open connection breaks and new ones are refused (the port
 * listens no more); restored, the same port takes connections again. The suite's server itself keeps running for the
 * other tests. Silenced, it forwards nothing any more and closes nothing, as a network that drops packets does (a
 * firewall, a dead host): open connections hear no answer, new ones are taken and never answered. It counts those it
 * took while silent: the application's attempts to connect, seen from outside.
 */
public final class CuttableLink implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket listening;
    private volatile boolean silent;
    private final AtomicInteger unansweredTaken = new AtomicInteger();
    /** When each connection taken while silent and still open was taken (System.nanoTime). */
    private final Map<Socket, Long> unanswered = new ConcurrentHashMap<>();
    private final AtomicLong longestClosedNanos = new AtomicLong();

    public CuttableLink(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listening = listen(0);
        this.port = listening.getLocalPort();
        accept(listening);
    }

    public int port() {
        return port;
    }

    /** Breaks every open connection and refuses new ones. */
    public synchronized void cut() throws IOException {
        listening.close();
        for (Socket socket : open) {
            socket.close();
        }
        open.clear();
    }

    /** Forwards nothing any more, in either direction, and closes nothing. */
    public void silence() {
        silent = true;
    }

    /** Forwards new connections again (those opened while silent stay unanswered). */
    public void speak() {
        silent = false;
    }

    /** Connections taken while silent that the application has not closed yet (its attempts to connect under way). */
    public int unansweredOpen() {
        return unanswered.size();
    }

    /** The longest a connection taken while silent was open, or is open now: how long the application waited on it. */
    public Duration longestUnanswered() {
        long now = System.nanoTime();
        long longest = unanswered.values().stream().mapToLong(taken -> now - taken).max().orElse(0);
        return Duration.ofNanos(Math.max(longest, longestClosedNanos.get()));
    }

    /**
     * Connections taken while silent, since the link was made. pgjdbc gives an attempt up after its connect timeout and
     * then tries once more without SSL (sslmode prefer) on a connection it never closes (it waits for ever for an
     * answer): within less than a connect timeout of the silence, each connection taken is an attempt under way.
     */
    public int unansweredTaken() {
        return unansweredTaken.get();
    }

    /** Takes connections on the same port again. */
    public synchronized void restore() throws IOException {
        listening = listen(port);
        accept(listening);
    }

    @Override
    public void close() throws IOException {
        cut();
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return server;
    }

    private void accept(ServerSocket server) {
        daemon("link-accept", () -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    if (silent) {
                        if (!keep(server, client)) {
                            return;
                        }
                        daemon("link-unanswered", () -> discard(client));
                        continue;
                    }
                    Socket database = new Socket(targetHost, targetPort);
                    if (!keep(server, client, database)) {
                        return;
                    }
                    pump(client, database);
                    pump(database, client);
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    /**
     * Keeps the sockets of a connection just taken, unless the link was cut meanwhile (then closes them): a connection
     * taken as the link was cut once escaped the cut and went on forwarding (a pool's connection opened at that moment
     * kept working through the "cut" link).
     */
    private synchronized boolean keep(ServerSocket server, Socket... sockets) {
        if (server.isClosed()) {
            for (Socket socket : sockets) {
                quietlyClose(socket);
            }
            return false;
        }
        open.addAll(List.of(sockets));
        return true;
    }

    private void pump(Socket from, Socket to) {
        daemon("link-pump", () -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    if (!silent) {
                        out.write(buffer, 0, read);
                        out.flush();
                    }
                }
            } catch (IOException broken) {
                // the link was cut, or one side closed: close both
            } finally {
                quietlyClose(from);
                quietlyClose(to);
            }
        });
    }

    /** Reads what comes and answers nothing, until the application gives up and closes. */
    private void discard(Socket from) {
        unansweredTaken.incrementAndGet();
        unanswered.put(from, System.nanoTime());
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream()) {
            while (in.read(buffer) >= 0) {
                // dropped
            }
        } catch (IOException broken) {
            // closed
        } finally {
            Long taken = unanswered.remove(from);
            if (taken != null) {
                longestClosedNanos.accumulateAndGet(System.nanoTime() - taken, Math::max);
            }
            quietlyClose(from);
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void quietlyClose(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed already
        }
    }
}
