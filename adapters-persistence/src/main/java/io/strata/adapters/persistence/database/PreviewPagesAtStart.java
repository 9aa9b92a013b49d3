package io.strata.adapters.persistence.database;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;

/**
 * After a start, the pages the first previews read are asked into the OS's cache ({@link PreviewPagesReadAhead}): the
 * shared buffers start empty, and the first attribute preview after a start read them from wherever they were
 * (first requests up to 1.94 s at 10M, session 41). Returns at once; the read-ahead goes on in the background.
 */
@Component
class PreviewPagesAtStart implements ApplicationRunner {

    private final DataSource dataSource;

    PreviewPagesAtStart(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void run(ApplicationArguments args) {
        PreviewPagesReadAhead.start(dataSource, "the start");
    }
}
