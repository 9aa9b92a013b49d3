package io.strata.bootstrap.campaign;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The next page of an API list, as its {@code Link: <…>; rel="next"} header names it: a relative address, or none on the last page. */
final class NextLink {

    private static final Pattern LINK = Pattern.compile("^<([^>]+)>; rel=\"next\"$");

    private NextLink() {
    }

    static String next(HttpResponse<String> answer) {
        return answer.headers().firstValue("Link").map(link -> {
            Matcher m = LINK.matcher(link);
            assertThat(m.matches()).as(link).isTrue();
            assertThat(URI.create(m.group(1)).isAbsolute()).isFalse();
            return m.group(1);
        }).orElse(null);
    }
}
