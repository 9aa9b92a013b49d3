package io.strata.bootstrap.security;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

import java.net.http.HttpResponse;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who did what, and when: recorded with each change, searchable by admins, and never rewritten. */
class AuditTrailTest extends AdminApi {

    @Test
    void creatingATokenRecordsTheActorTheActionAndTheTokenWithoutItsSecret() throws Exception {
        String name = "audited " + unique();
        HttpResponse<String> created = postJsonAs(TOKEN, "/api/v1/tokens", "{\"name\": \"" + name + "\", \"role\": \"IMPORTER\"}");
        String id = field(created.body(), "id");

        HttpResponse<String> audit = getAs(TOKEN, "/api/v1/audit?subjectType=api_token&subjectId=" + id);

        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(field(audit.body(), "total")).isEqualTo("1");
        assertThat(field(audit.body(), "actor")).isEqualTo("token:STRATA_API_TOKEN");
        assertThat(field(audit.body(), "action")).isEqualTo("CREATED");
        assertThat(field(audit.body(), "after")).contains(name).contains("IMPORTER");
        assertThat(audit.body()).doesNotContain(field(created.body(), "secret"));
    }

    @Test
    void revokingATokenRecordsItsStateBeforeAndAfter() throws Exception {
        HttpResponse<String> created = postJsonAs(TOKEN, "/api/v1/tokens", "{\"name\": \"revoked " + unique() + "\", \"role\": \"ANALYST\"}");
        String id = field(created.body(), "id");
        call("DELETE", "/api/v1/tokens/" + id, TOKEN, null, null);
        call("DELETE", "/api/v1/tokens/" + id, TOKEN, null, null);

        HttpResponse<String> audit = getAs(TOKEN, "/api/v1/audit?action=revoked&subjectType=api_token&subjectId=" + id);

        assertThat(field(audit.body(), "total")).as("a second revocation changes nothing and records nothing").isEqualTo("1");
        assertThat(field(audit.body(), "before")).contains("\\\"revokedAt\\\":null");
        assertThat(field(audit.body(), "after")).doesNotContain("\\\"revokedAt\\\":null");
    }

    @Test
    void creatingAndDisablingAUserAreRecordedByTheUserWhoDidIt() throws Exception {
        String name = createUser("ANALYST", "analyst password 1");
        postJsonAs(TOKEN, "/api/v1/users/" + name + "/disable", "");

        String created = getAs(TOKEN, "/api/v1/audit?subjectType=console_user&subjectId=" + name + "&action=CREATED").body();
        String disabled = getAs(TOKEN, "/api/v1/audit?subjectType=console_user&subjectId=" + name + "&action=DISABLED").body();

        assertThat(field(created, "total")).isEqualTo("1");
        assertThat(field(created, "after")).contains("ANALYST").doesNotContain("analyst password 1").doesNotContain("$2");
        assertThat(field(disabled, "total")).isEqualTo("1");
        assertThat(field(disabled, "actor")).isEqualTo("token:STRATA_API_TOKEN");
    }

    @Test
    void theTrailIsSearchedByActorAndTimeRangeNewestFirstOnePageAtATime() throws Exception {
        Instant start = Instant.now().minusSeconds(1);
        String admin = issueToken("ADMIN");
        String actor = jdbc.sql("select 'token:' || name from api_tokens where token_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')")
                .param(admin).query(String.class).single();
        String first = field(postJsonAs(admin, "/api/v1/tokens", "{\"name\": \"first\", \"role\": \"ANALYST\"}").body(), "id");
        String second = field(postJsonAs(admin, "/api/v1/tokens", "{\"name\": \"second\", \"role\": \"ANALYST\"}").body(), "id");
        String query = "/api/v1/audit?actor=" + java.net.URLEncoder.encode(actor, java.nio.charset.StandardCharsets.UTF_8) + "&from=" + start;

        String page0 = getAs(TOKEN, query + "&size=1&page=0").body();
        String page1 = getAs(TOKEN, query + "&size=1&page=1").body();
        String future = getAs(TOKEN, query + "&to=" + start).body();

        assertThat(field(page0, "total")).isEqualTo("2");
        assertThat(field(page0, "subjectId")).isEqualTo(second);
        assertThat(field(page1, "subjectId")).isEqualTo(first);
        assertThat(future).contains("\"status\":400").contains("'from'");
    }

    @Test
    void anUnknownActionInTheQueryIsA400ListingTheActions() throws Exception {
        HttpResponse<String> response = getAs(TOKEN, "/api/v1/audit?action=EXPLODED");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("EXPLODED").contains("ERASED");
    }

    @Test
    void auditRowsCannotBeUpdatedDeletedOrTruncated() throws Exception {
        postJsonAs(TOKEN, "/api/v1/tokens", "{\"name\": \"tamper " + unique() + "\", \"role\": \"ANALYST\"}");
        long id = jdbc.sql("select max(id) from audit_events").query(Long.class).single();

        assertThatThrownBy(() -> jdbc.sql("update audit_events set actor = 'someone else' where id = ?").param(id).update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_events where id = ?").param(id).update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_events").update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThat(jdbc.sql("select actor from audit_events where id = ?").param(id).query(String.class).single()).isEqualTo("token:STRATA_API_TOKEN");
    }
}
