package io.strata.bootstrap.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upload page behind a proxy that answers for Strata (docs/scale-out.md, "Behind a load balancer"): nginx's default
 * body limit refuses the file with its own 413 page, or its read timeout answers 504 while Strata goes on importing.
 * Before, the page stayed at "Sent. Importing…" and said nothing (htmx swaps no error answer). The proxy here is a
 * small forwarding server in the test, in front of the shared application, that answers {@code POST /imports} as
 * nginx would and passes everything else through.
 */
class UploadBehindAProxyBrowserTest extends BrowserTest {

    private static final Set<String> NOT_PASSED = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive");

    /** What the proxy does with the upload. */
    enum Upload { REFUSED_AS_TOO_LARGE, SENT_ON_BUT_NOT_WAITED_FOR }

    private HttpServer proxy;
    private ExecutorService threads;
    private volatile Upload upload;
    private final HttpClient toStrata = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void proxyInFront() throws IOException {
        emptyDatabase();
        threads = Executors.newCachedThreadPool();
        proxy = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        proxy.setExecutor(threads);
        proxy.createContext("/", this::answer);
        proxy.start();
    }

    @AfterEach
    void stopProxy() {
        proxy.stop(0);
        threads.shutdownNow();
    }

    @Test
    void aFileTheProxyRefusesAsTooLargeIsToldWithTheProxysLimitAndNothingIsImported() throws Exception {
        upload = Upload.REFUSED_AS_TOO_LARGE;
        logInThroughTheProxy();

        send(customersFile("refused.csv", 50));

        WebElement failed = new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            WebElement shown = d.findElement(By.id("upload-failed"));
            return shown.isDisplayed() ? shown : null;
        });
        assertThat(failed.getText())
                .contains("HTTP 413 from a proxy in front of it")
                .contains("Nothing was imported")
                .contains("client_max_body_size");
        assertThat(failed.getAttribute("role")).isEqualTo("alert");
        assertThat(failed.findElement(By.tagName("a")).getDomProperty("href")).isEqualTo(viaProxy("/imports"));
        assertThat(driver.findElement(By.id("upload-status")).getText()).isEqualTo("Sent; no answer from Strata.");
        assertThat(jdbc.sql("select count(*) from imports").query(Long.class).single()).isZero();
    }

    @Test
    void anUploadWhoseAnswerTheProxyStoppedWaitingForIsFollowedToItsReport() throws Exception {
        upload = Upload.SENT_ON_BUT_NOT_WAITED_FOR;
        int customers = 2_000;
        logInThroughTheProxy();

        send(customersFile("timed-out.csv", customers));

        WebElement failed = new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            WebElement shown = d.findElement(By.id("upload-failed"));
            return shown.isDisplayed() ? shown : null;
        });
        assertThat(failed.getText())
                .contains("A proxy in front of Strata stopped waiting for its answer (HTTP 504)")
                .contains("The import may go on on the server");
        // the page goes on following the import's own record, which ends and leads to the report
        WebElement report = new WebDriverWait(driver, Duration.ofSeconds(60))
                .until(d -> d.findElements(By.id("import-report-link")).stream().findFirst().orElse(null));
        assertThat(driver.findElement(By.id("import-rows")).getText())
                .isEqualTo("COMPLETED: 2,000 rows read, 0 rejected so far.");
        String importId = jdbc.sql("select import_id::text from imports").query(String.class).single();
        assertThat(report.getDomProperty("href")).isEqualTo(viaProxy("/imports/" + importId));
        assertThat(jdbc.sql("select count(*) from customers").query(Long.class).single()).isEqualTo(customers);

        Browser.clickThrough(driver, report);
        assertThat(driver.findElement(By.id("rows-imported")).getText()).isEqualTo(Integer.toString(customers));
    }

    private void logInThroughTheProxy() {
        ConsoleSession.logIn(driver, viaProxy(""), ADMIN_PASSWORD);
    }

    private void send(Path file) {
        driver.get(viaProxy("/imports/new"));
        driver.findElement(By.id("entity-customers")).click();
        driver.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        driver.findElement(By.id("upload-button")).click();
    }

    private String viaProxy(String path) {
        return "http://localhost:" + proxy.getAddress().getPort() + path;
    }

    private static Path customersFile(String name, int customers) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "uploads"));
        String rows = IntStream.rangeClosed(1, customers).mapToObj(i -> "x" + i + ",x" + i + "@example.com")
                .collect(Collectors.joining("\n", "customer_id,email\n", "\n"));
        return Files.writeString(dir.resolve(name), rows);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().toString();
            boolean theUpload = method.equals("POST") && exchange.getRequestURI().getPath().equals("/imports");
            if (theUpload && upload == Upload.REFUSED_AS_TOO_LARGE) {
                nginxPage(exchange, 413, "Request Entity Too Large");
                return;
            }
            HttpRequest.Builder onward = HttpRequest.newBuilder(uri(path)).method(method,
                    body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_PASSED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> onward.header(name, value));
                }
            });
            if (theUpload) {
                // sent on whole, as nginx does, and then given up on at once, as its read timeout would
                toStrata.sendAsync(onward.build(), HttpResponse.BodyHandlers.discarding());
                nginxPage(exchange, 504, "Gateway Time-out");
                return;
            }
            HttpResponse<byte[]> answer = toStrata.send(onward.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer.headers().map().forEach((name, values) -> {
                if (!NOT_PASSED.contains(name.toLowerCase(Locale.ROOT)) && !name.equals(":status")) {
                    exchange.getResponseHeaders().put(name, List.copyOf(values));
                }
            });
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    /** The page nginx answers with by default. */
    private static void nginxPage(HttpExchange exchange, int status, String reason) throws IOException {
        byte[] page = ("<html>\r\n<head><title>" + status + " " + reason + "</title></head>\r\n<body>\r\n<center><h1>" + status + " "
                + reason + "</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n").getBytes(StandardCharsets.US_ASCII);
        exchange.getResponseHeaders().set("Content-Type", "text/html");
        exchange.sendResponseHeaders(status, page.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(page);
        }
    }
}
