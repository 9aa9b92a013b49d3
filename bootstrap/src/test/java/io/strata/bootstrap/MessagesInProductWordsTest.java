package io.strata.bootstrap;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The domain and the application speak the product's words: no message of theirs names an HTTP path, because the
 * console shows the same messages and a next engine or adapter has no paths at all. The API adds its paths itself
 * (a problem's {@code fix}). Message texts are string constants in the class files, so the bytes are searched.
 */
class MessagesInProductWordsTest {

    @Test
    void noDomainOrApplicationClassHoldsAnApiPath() throws IOException {
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        for (String pattern : List.of("classpath*:io/strata/domain/**/*.class", "classpath*:io/strata/application/**/*.class")) {
            for (Resource resource : resolver.getResources(pattern)) {
                if (isTestClass(resource)) {
                    continue;
                }
                scanned++;
                try (InputStream in = resource.getInputStream()) {
                    String constants = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                    if (constants.contains("/api/")) {
                        offenders.add(resource.getDescription());
                    }
                }
            }
        }
        assertThat(scanned).as("classes scanned").isGreaterThan(100);
        assertThat(offenders).as("classes whose texts name an API path").isEmpty();
    }

    private static boolean isTestClass(Resource resource) throws IOException {
        String location = resource.getURL().toString();
        return location.contains("/test-classes/") || location.contains("-tests.jar");
    }
}
