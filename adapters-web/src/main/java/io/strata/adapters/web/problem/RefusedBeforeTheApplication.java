package io.strata.adapters.web.problem;

import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.Writer;

/**
 * Requests Tomcat refuses before any servlet sees them (an encoded slash or a NUL in the address, a broken %-escape,
 * a request line or headers past 8 KB): Tomcat's own error report answered them with its "HTTP Status 400 – Bad
 * Request" page. This replaces that report with the product's words, problem JSON for the API's addresses.
 */
@Component
public class RefusedBeforeTheApplication implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    static final String DETAIL = "The request cannot be read: its address holds an encoded slash, a NUL or a broken %-escape, "
            + "or the address and headers are longer than 8 KB; check the address and send it again.";

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
            String uri = request.getRequestURI();
            boolean api = uri != null && RequestProblems.isApi(uri);
            try {
                response.setContentType(api ? "application/problem+json" : "text/html");
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(api
                            ? "{\"type\":\"about:blank\",\"title\":\"Request not understood\",\"status\":" + status + ",\"detail\":\"" + DETAIL + "\"}"
                            : "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Request not understood · Strata</title></head>"
                              + "<body><main><h1>Request not understood</h1><p role=\"alert\" id=\"refused\">" + DETAIL + "</p>"
                              + "<p><a href=\"/\">Back to the dashboard</a></p></main></body></html>");
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException ignored) {
                // the client is gone or the answer has begun: nothing more can be sent
            }
        }
    }
}
