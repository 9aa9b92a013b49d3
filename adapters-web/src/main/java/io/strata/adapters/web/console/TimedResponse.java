package io.strata.adapters.web.console;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/** A response that adds the Server-Timing header, with the time since {@code startNanos}, just before it is first flushed. */
final class TimedResponse extends HttpServletResponseWrapper {

    static final String HEADER = "Server-Timing";

    private final long startNanos;
    private boolean stamped;
    private PrintWriter writer;
    private ServletOutputStream stream;

    TimedResponse(HttpServletResponse response, long startNanos) {
        super(response);
        this.startNanos = startNanos;
    }

    /** Adds the header unless it is there already or the answer has gone out (then it is too late). */
    void stamp() {
        if (!stamped && !isCommitted()) {
            stamped = true;
            setHeader(HEADER, "app;dur=" + String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startNanos) / 1e6));
        }
    }

    @Override
    public void flushBuffer() throws IOException {
        stamp();
        super.flushBuffer();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            writer = new PrintWriter(super.getWriter()) {
                @Override
                public void flush() {
                    stamp();
                    super.flush();
                }

                @Override
                public void close() {
                    stamp();
                    super.close();
                }
            };
        }
        return writer;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            ServletOutputStream out = super.getOutputStream();
            stream = new ServletOutputStream() {
                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                }

                @Override
                public void flush() throws IOException {
                    stamp();
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    stamp();
                    out.close();
                }

                @Override
                public boolean isReady() {
                    return out.isReady();
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    out.setWriteListener(listener);
                }
            };
        }
        return stream;
    }
}
