package io.strata.adapters.persistence.database;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * Where the embedded PostgreSQL keeps its cluster ({@code strata.data-dir}, STRATA_DATA_DIR), and whether it may skip
 * fsync for a benchmark ({@code strata.benchmark.no-fsync}, STRATA_BENCHMARK_NO_FSYNC; a crash can then lose imports).
 */
@ConfigurationProperties("strata")
public record DataDirectorySettings(@DefaultValue("./strata-data") String dataDir, @DefaultValue Benchmark benchmark) {

    /** As written: a Path binding would normalise "./strata-data" to "strata-data", and the server's paths come from it. */
    public Path directory() {
        return Path.of(dataDir);
    }

    public record Benchmark(@DefaultValue("false") boolean noFsync) {
    }
}
