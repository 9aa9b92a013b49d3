package io.strata.adapters.web.problem;

import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.http11.Http11InputBuffer;
import org.apache.tomcat.util.http.parser.HttpHeaderParser;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.Writer;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Requests Tomcat refuses before any servlet sees them: Tomcat's own error report answered them with its "HTTP Status
 * 400 – Bad Request" page, and this class's first version with one sentence for all of them. Each refusal Tomcat 11 can
 * make there is told in the product's words (what, and what to send instead), problem JSON for the API's addresses.
 * Which refusal it was is read from what Tomcat leaves: the exception its HTTP/1.1 parser threw (request attribute
 * {@code jakarta.servlet.error.exception}, handed to {@link ErrorReportValve#report} as {@code throwable}) and the class
 * and method that threw it; the message of an address the connector could not decode; else the status alone.
 */
@Component
public class RefusedBeforeTheApplication implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    /** Tomcat's limit of the request line plus headers (maxHttpRequestHeaderSize), which Strata does not change. */
    static final String LIMIT = "8 KB";

    /** Each refusal: the status it is answered with, a title and the words. */
    enum Refusal {
        ADDRESS(400, "Address not understood", "The request cannot be read: its address holds an encoded slash, a NUL or a broken %-escape "
                + "(a % must be followed by two hexadecimal digits); check the address and send it again."),
        REQUEST_LINE(400, "Request line not understood", "The request cannot be read: its first line (method, address, HTTP version) holds "
                + "a character HTTP does not allow there, such as a space, [, ], {, }, | or a quote in the address; encode such characters "
                + "as %XX (a space as %20) and send it again."),
        REQUEST_LINE_TOO_LONG(414, "Address too long", "The request cannot be read: its address is longer than " + LIMIT
                + "; shorten the address (fewer or shorter query parameters) and send it again."),
        HEADER(400, "Header not understood", "The request cannot be read: one of its header lines is not 'Name: value' as HTTP "
                + "requires (a name with a space or other character HTTP does not allow, or a line that does not end in CR LF); "
                + "correct the header and send it again."),
        HEADERS_TOO_LONG(431, "Headers too long", "The request cannot be read: its address and headers together are longer than " + LIMIT
                + "; send fewer or shorter headers (cookies included) and send it again."),
        HEADERS(400, "Headers not understood", "The request cannot be read: it has no Host header or more than one, a Content-Length "
                + "that is not a number or is given twice, an address with a user name or a scheme other than http(s), or a "
                + "Transfer-Encoding Strata cannot follow; send one Host header and one Content-Length (or Transfer-Encoding: chunked)."),
        VERSION(505, "HTTP version not supported", "The request asks for an HTTP version Strata does not speak; send it as HTTP/1.1."),
        ENCODING(501, "Not implemented", "The request uses a Transfer-Encoding or method Strata does not take (it takes chunked, "
                + "and no CONNECT); send the body with a Content-Length or Transfer-Encoding: chunked."),
        EXPECTATION(417, "Expectation failed", "The request's Expect header asks for something other than 100-continue, which is all "
                + "Strata answers; leave the header out or send Expect: 100-continue."),
        TOO_LARGE(413, "Request too large", "The request's body is larger than Strata reads here; send a smaller body."),
        OTHER(400, "Request not understood", "The request cannot be read; check its address and headers and send it again.");

        final int status;
        final String title;
        final String detail;

        Refusal(int status, String title, String detail) {
            this.status = status;
            this.title = title;
            this.detail = detail;
        }

        /** What Tomcat refused, from the status it set, the exception its parser threw and the message it gave. */
        static Refusal of(int status, Throwable cause, String message) {
            if (cause instanceof IllegalArgumentException) {
                StackTraceElement[] frames = cause.getStackTrace();
                String thrower = frames.length == 0 ? "" : frames[0].getClassName();
                String method = frames.length == 0 ? "" : frames[0].getMethodName();
                if (thrower.equals(HttpHeaderParser.class.getName())) {
                    return HEADER;
                }
                if (thrower.equals(Http11InputBuffer.class.getName())) {
                    if (method.equals("parseRequestLine")) {
                        return REQUEST_LINE;
                    }
                    // the buffer of the request line and headers is full: while reading the line, or the headers after it
                    boolean inTheLine = Arrays.stream(frames).anyMatch(frame -> frame.getMethodName().equals("parseRequestLine")
                            && frame.getClassName().equals(Http11InputBuffer.class.getName()));
                    return inTheLine ? REQUEST_LINE_TOO_LONG : HEADERS_TOO_LONG;
                }
            }
            return switch (status) {
                // the connector's "Invalid URI" comes with a message; its checks of Host, Content-Length and
                // Transfer-Encoding set the status alone
                case 400 -> cause != null ? OTHER : message != null ? ADDRESS : HEADERS;
                case 414 -> REQUEST_LINE_TOO_LONG;
                case 431 -> HEADERS_TOO_LONG;
                case 505 -> VERSION;
                case 501 -> ENCODING;
                case 417 -> EXPECTATION;
                case 413 -> TOO_LARGE;
                default -> OTHER;
            };
        }
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        // runs after Spring Boot's own customizer, which put Tomcat's report (without server details) on the host
        factory.addContextCustomizers(context -> {
            Pipeline host = context.getParent().getPipeline();
            for (Valve valve : host.getValves()) {
                if (valve instanceof ErrorReportValve && !(valve instanceof ProductReport)) {
                    host.removeValve(valve);
                }
            }
            host.addValve(new ProductReport());
            // at start the host adds a report of the class it names unless one of exactly that class is there
            if (context.getParent() instanceof StandardHost standardHost) {
                standardHost.setErrorReportValveClass(ProductReport.class.getName());
            }
        });
    }

    /** Writes only where nothing else has: an error the application answered (through /error) keeps its answer. */
    public static final class ProductReport extends ErrorReportValve {

        public ProductReport() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            Refusal refusal = Refusal.of(status, throwable, response.getMessage());
            boolean api = RequestProblems.isApi(address(request));
            try {
                if (refusal.status != status && status == 400) {
                    // Tomcat answers 400 for a request line or headers past its limit; 414 and 431 say which
                    response.setStatus(refusal.status);
                }
                response.setContentType(api ? "application/problem+json" : "text/html");
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(api
                            ? "{\"type\":\"about:blank\",\"title\":\"" + refusal.title + "\",\"status\":" + response.getStatus()
                              + ",\"detail\":\"" + refusal.detail + "\"}"
                            : "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + refusal.title + " · Strata</title></head>"
                              + "<body><main><h1>" + refusal.title + "</h1><p role=\"alert\" id=\"refused\">" + escape(refusal.detail) + "</p>"
                              + "<p><a href=\"/\">Back to the dashboard</a></p></main></body></html>");
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException ignored) {
                // the client is gone or the answer has begun: nothing more can be sent
            }
        }

        private static String escape(String text) {
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
        }
    }

    /**
     * The request's address, also when Tomcat refused the request line before it had read the address (too long, or a
     * character HTTP does not allow): then its start is taken from the bytes Tomcat had received, which are enough to see
     * whether it was an API address. Nothing else of those bytes is used or shown.
     */
    static String address(Request request) {
        String uri = request.getRequestURI();
        return uri != null && !uri.isEmpty() ? pathOf(uri) : pathOf(requestLineTarget(receivedStart(request)));
    }

    /** The target of a request line's start ({@code GET /api/v1/x HTTP/1.1}), an absolute form's path included. */
    static String requestLineTarget(String received) {
        String line = received.stripLeading();
        int space = line.indexOf(' ');
        if (space < 0) {
            return "";
        }
        return line.substring(space + 1);
    }

    /** The path of an address in absolute form ({@code http://host/api/v1/x}), as Tomcat leaves it when it refuses one. */
    static String pathOf(String target) {
        int scheme = target.indexOf("://");
        if (scheme > 0 && scheme < 8) {
            int path = target.indexOf('/', scheme + 3);
            return path < 0 ? "" : target.substring(path);
        }
        return target;
    }

    /** The first bytes Tomcat received of this request (at most 64), read from its input buffer; empty when unreadable. */
    private static String receivedStart(Request request) {
        try {
            if (!(request.getCoyoteRequest().getInputBuffer() instanceof Http11InputBuffer input)) {
                return "";
            }
            Field field = Http11InputBuffer.class.getDeclaredField("byteBuffer");
            field.setAccessible(true);
            ByteBuffer bytes = ((ByteBuffer) field.get(input)).duplicate();
            byte[] start = new byte[Math.min(bytes.limit(), 64)];
            bytes.position(0);
            bytes.get(start);
            return new String(start, StandardCharsets.ISO_8859_1);
        } catch (ReflectiveOperationException | RuntimeException unreadable) {
            return "";
        }
    }
}
