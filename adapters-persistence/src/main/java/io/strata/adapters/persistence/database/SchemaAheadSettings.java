package io.strata.adapters.persistence.database;

import io.strata.application.settings.DurationRange;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code strata.db.schema-look-every} (STRATA_DB_SCHEMA_LOOK_EVERY): how often at most a node looks whether a newer
 * version has migrated its database ({@link SchemaAhead}, docs/scale-out.md, "Upgrading"); 0 looks at every request (the
 * tests do). From 0 to 1 hour: beyond, an old node would answer with the old code for hours after an upgrade (and beyond
 * some 292 years the look's nanoseconds no longer fit a long, which failed every request). Was an {@code @Value} read only
 * by the bean, so that "abc" failed that bean with Spring's stack trace after the embedded PostgreSQL had started.
 */
@ConfigurationProperties("strata.db")
public record SchemaAheadSettings(@DefaultValue("PT5S") Duration schemaLookEvery) {

    public static final DurationRange SCHEMA_LOOK_EVERY = DurationRange.of("strata.db.schema-look-every", Duration.ZERO, Duration.ofHours(1),
            Duration.ofSeconds(5));

    public SchemaAheadSettings {
        SCHEMA_LOOK_EVERY.check(schemaLookEvery);
    }
}
