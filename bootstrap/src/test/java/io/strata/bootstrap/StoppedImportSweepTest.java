package io.strata.bootstrap;

import io.strata.adapters.persistence.work.WorkClaims;
import io.strata.application.schedule.port.in.RunDueWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At each look at the clock, an import left RUNNING by a node that died (killed while another node serves: its
 * connections, and the import's claim with them, are gone) is recorded as FAILED and audited; an import whose claim a
 * live node holds is left alone. Before, only a node's start swept imports: in the probe of two nodes, an import on a
 * node killed with {@code kill -9} stayed RUNNING for as long as the other node served alone.
 */
class StoppedImportSweepTest extends EndToEndTest {

    private static final String NODE_STOPPED = "The node working on this import stopped before it finished (its process ended or "
            + "lost its database connection), so nothing of it was written. Send the file again.";

    @Autowired
    private WorkClaims claims;

    @Autowired
    private RunDueWork dueWork;

    @BeforeEach
    void empty() {
        emptyDatabase();
    }

    @Test
    void aLookAtTheClockFailsTheImportOfANodeThatDiedAndLeavesTheImportOfALiveNodeAlone() throws Exception {
        UUID ofTheDeadNode = runningImport();
        UUID ofALiveNode = runningImport();
        claims.hold(WorkClaims.Space.IMPORTS, ofALiveNode.toString());
        try {
            dueWork.runDueWork();
        } finally {
            claims.release(WorkClaims.Space.IMPORTS, ofALiveNode.toString());
        }

        assertThat(importState(ofTheDeadNode)).isEqualTo("FAILED|" + NODE_STOPPED + "|finished");
        assertThat(importState(ofALiveNode)).isEqualTo("RUNNING||");
        assertThat(jdbc.sql("select concat_ws('|', actor, subject_type, subject_id) from audit_events where action = 'INTERRUPTED' "
                        + "and subject_id in (?, ?)").params(ofTheDeadNode.toString(), ofALiveNode.toString()).query(String.class).list())
                .containsExactly("system|import|" + ofTheDeadNode);
        assertThat(get("/api/v1/imports/" + ofTheDeadNode).body()).contains("\"status\":\"FAILED\"").contains("The node working on this import stopped");
    }

    private UUID runningImport() {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into imports (import_id, entity, mode, status, requested_by, started_at, rows_received) "
                + "values (?, 'events', 'strict', 'RUNNING', 'test', now(), 1000)").param(id).update();
        return id;
    }

    private String importState(UUID id) {
        return jdbc.sql("select concat_ws('|', status, coalesce(message, ''), case when finished_at is not null then 'finished' else '' end) "
                + "from imports where import_id = ?").param(id).query(String.class).single();
    }
}
