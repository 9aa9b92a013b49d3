package io.strata.bootstrap.security;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The phrases of Spring, Tomcat, Jackson and Java that no answer of the product may show (docs/security.md, "Error answers"). */
final class SpringsWords {

    static final String[] PHRASES = {"Failed to read request", "Failed to convert", "JSON parse error", "Cannot deserialize",
            "No static resource", "is not supported.", "Acceptable representations", "Required parameter", "Whitelabel",
            "HTTP Status", "\"status\":999", "tools.jackson", "java.lang", "java.util", "Exception", "wildcard type",
            "Could not parse", "Duplicate Object property", "Request header is too large", "Invalid character found",
            "does not conform to RFC", "nesting depth", "Unexpected character"};

    private SpringsWords() {
    }

    /** The answer is a problem of this status, in JSON, without any of Spring's or Java's words. */
    static void assertProductProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as(response.body())
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":" + status).doesNotContain(PHRASES);
    }

    /** The answer is a console page of this status and page id, without any of Spring's or Java's words. */
    static void assertConsolePage(HttpResponse<String> response, int status, String pageId) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body()).contains("id=\"" + pageId + "\"").doesNotContain(PHRASES);
    }
}
