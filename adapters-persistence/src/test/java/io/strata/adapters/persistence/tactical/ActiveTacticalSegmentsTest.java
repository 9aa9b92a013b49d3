package io.strata.adapters.persistence.tactical;

import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.tactical.StoredTacticalSegment;
import io.strata.domain.tactical.TacticalSegment;
import io.strata.domain.tactical.TacticalStatus;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run gives members to the active tactical segments only, and reads only those: archived versions pile up with every
 * revision and archival, and a run read every one of them before session 57.
 */
class ActiveTacticalSegmentsTest {

    private final JdbcTacticalSegments segments = new JdbcTacticalSegments(JdbcClient.create(TestDatabase.dataSource()));

    @Test
    void onlyTheActiveOnesInIdOrder() {
        TestDatabase.execute("truncate table tactical_run_sizes, tactical_members, tactical_segments cascade");
        long first = segments.add(new TacticalSegment("Kids buyers", "champions", "frequency >= 2", null, TacticalStatus.ACTIVE));
        long archived = segments.add(new TacticalSegment("Old idea", "champions", "frequency >= 3", null, TacticalStatus.ARCHIVED));
        long revised = segments.add(new TacticalSegment("Riga", "loyal_customers", "city = \"Riga\"", null, TacticalStatus.ACTIVE));
        segments.replace(revised, new TacticalSegment("Riga", "loyal_customers", "city = \"Riga\"", null, TacticalStatus.ARCHIVED));
        long last = segments.add(new TacticalSegment("Riga again", "loyal_customers", "city = \"Riga\"", null, TacticalStatus.ACTIVE));

        assertThat(segments.active()).extracting(StoredTacticalSegment::id).containsExactly(first, last);
        assertThat(segments.all()).extracting(StoredTacticalSegment::id).containsExactly(first, archived, revised, last);
    }
}
