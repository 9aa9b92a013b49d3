package io.strata.adapters.persistence.database;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every changeset file is included once, in file-name order. YAML keeps only the last of two {@code file:} keys in
 * one include, so a merge that loses an {@code - include:} line drops a changeset without any error from Liquibase.
 */
class ChangelogMasterTest {

    private static final Path CHANGELOG = Path.of("src/main/resources/db/changelog");

    @Test
    void theMasterIncludesEveryChangesetFileOnceInOrder() throws IOException {
        List<String> files;
        try (Stream<Path> listing = Files.list(CHANGELOG)) {
            files = listing.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".sql")).sorted().toList();
        }
        String master = Files.readString(CHANGELOG.resolve("db.changelog-master.yaml"));
        Matcher include = Pattern.compile("(?m)^  - include:\\n      file: db/changelog/(\\S+)$").matcher(master);
        List<String> included = include.results().map(m -> m.group(1)).toList();

        assertThat(files).isNotEmpty();
        assertThat(included).containsExactlyElementsOf(files);
        assertThat(Pattern.compile("(?m)^\\s+file:").matcher(master).results().count()).isEqualTo(files.size());
    }
}
