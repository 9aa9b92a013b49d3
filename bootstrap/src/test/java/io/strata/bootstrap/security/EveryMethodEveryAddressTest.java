package io.strata.bootstrap.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every method on every address of the API, with the suite's admin token: an address the API does not have is a 404
 * problem in the product's words whatever the method, and a method an address does not take is a 405 in words with
 * Allow. Before session 50, {@code POST /api/v1/imports/planets} was a 405 (the report's GET has the same shape).
 */
class EveryMethodEveryAddressTest extends AdminApi {

    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void aMethodAnAddressDoesNotTakeIsA405InWordsWithAllow() throws Exception {
        List<String> wrong = new ArrayList<>();
        Set<String> samples = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            info.getPathPatternsCondition().getPatternValues().stream().filter(p -> p.startsWith("/api/"))
                    .forEach(p -> samples.add(MappedEndpoints.sample(p)));
        }
        for (String path : samples) {
            Set<String> taken = methodsAt(path);
            for (String method : METHODS) {
                if (taken.contains(method) || method.equals("HEAD") && taken.contains("GET")) {
                    continue;
                }
                HttpResponse<String> response = send(method, path);
                String allow = response.headers().firstValue("Allow").orElse("");
                boolean inWords = response.statusCode() == 405 && isProblem(response, method)
                        && taken.stream().allMatch(allow::contains) && !List.of(allow.split(", ")).contains(method);
                if (!inWords) {
                    wrong.add(method + " " + path + " -> " + response.statusCode() + " Allow: " + allow + " " + response.body());
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(samples).hasSizeGreaterThan(25);
    }

    @Test
    void anAddressTheApiDoesNotHaveIsA404InWordsWhateverTheMethod() throws Exception {
        // below a rule's pattern too (GET /api/v1/segmentation-runs/**): that address was a 405 "it takes GET" before session 50
        Set<String> unknown = new LinkedHashSet<>(List.of("/api/v1/nope", "/api/nope", "/api/v2/campaigns",
                "/api/v1/imports/customers/extra", "/api/v1/segmentation-runs/1/planets", "/api/v1/customers/a/b/c"));
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            info.getPathPatternsCondition().getPatternValues().stream().filter(p -> p.startsWith("/api/"))
                    .map(p -> MappedEndpoints.sample(p) + "/nope").filter(p -> methodsAt(p).isEmpty()).forEach(unknown::add);
        }
        List<String> wrong = new ArrayList<>();
        for (String path : unknown) {
            for (String method : METHODS) {
                HttpResponse<String> response = send(method, path);
                if (response.statusCode() != 404 || !isProblem(response, method)
                        || !method.equals("HEAD") && !response.body().contains("There is no ")) {
                    wrong.add(method + " " + path + " -> " + response.statusCode() + " " + response.body());
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(unknown).hasSizeGreaterThan(25);
    }

    @Test
    void anImportOfAKindThatDoesNotExistIsA404NamingTheKindsThereAre() throws Exception {
        HttpResponse<String> response = call("POST", "/api/v1/imports/planets", TOKEN, "text/csv", "customer_id\nFROM-PLANETS\n");

        SpringsWords.assertProductProblem(response, 404);
        assertThat(field(response.body(), "detail")).isEqualTo("There is no import of planets; Strata imports customers, orders and "
                + "events: POST the file to /api/v1/imports/customers, /api/v1/imports/orders, /api/v1/imports/events.");
        assertThat(field(response.body(), "fix")).isEqualTo("POST /api/v1/imports/customers, POST /api/v1/imports/orders, "
                + "POST /api/v1/imports/events");
        assertThat(jdbc.sql("select count(*) from customers where customer_id = 'FROM-PLANETS'").query(Long.class).single())
                .as("an id no other test of the shared database imports").isZero();
    }

    private Set<String> methodsAt(String path) {
        Set<String> methods = new TreeSet<>();
        PathContainer container = PathContainer.parsePath(path);
        mappings.getHandlerMethods().keySet().forEach(info -> {
            boolean matches = info.getPathPatternsCondition().getPatterns().stream().anyMatch((PathPattern p) -> p.matches(container));
            if (matches) {
                info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
            }
        });
        return methods;
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + TOKEN).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static boolean isProblem(HttpResponse<String> response, String method) {
        boolean json = response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
        return json && (method.equals("HEAD") || response.body().contains("\"status\":" + response.statusCode())
                && !containsAny(response.body(), SpringsWords.PHRASES));
    }

    private static boolean containsAny(String text, String[] phrases) {
        for (String phrase : phrases) {
            if (text.contains(phrase)) {
                return true;
            }
        }
        return false;
    }
}
