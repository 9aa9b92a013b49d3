package io.strata.bootstrap.campaign;

import io.strata.application.security.TokenDigest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

import static io.strata.bootstrap.campaign.NextLink.next;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API lists that were cut by {@code limit} with no way to the rest (session 53): {@code GET /api/v1/segmentations},
 * {@code /users} and {@code /tokens} take {@code before} and answer {@code Link rel=next} as the other lists do, and
 * {@code GET /api/v1/audit} pages by the last entry shown besides its page numbers. Each list is walked to its end by
 * its links, with several page sizes (one whose last page holds one item, one whose last page is full), and compared
 * with the items this test wrote, in the documented order; a call without the cursor answers what it answered before.
 * The items are written by SQL (a thousand through the API would take minutes); the oracles are the ones written here.
 */
class ApiListCursorsTest extends CampaignTestSupport {


    @Test
    void segmentationsAnswerAsBeforeAndGoOnPastTheFirstThousandInIdOrder() throws Exception {
        emptyDatabase();
        HttpResponse<String> created = post("/api/v1/segmentations", "application/json", "{\"name\":\"Value\",\"template\":\"rfm-classic\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        long first = json(created).get("id").asLong();
        // 1,004 more versions of it written by SQL: 1,005 in all, oldest first
        List<Long> all = new ArrayList<>(List.of(first));
        all.addAll(jdbc.sql("""
                        insert into segmentations (name, version, template, definition, status)
                        select 'Version ' || i, 1 + i, template, definition, 'DRAFT' from segmentations, generate_series(1, 1004) i
                        where segmentation_id = ? order by i returning segmentation_id""")
                .param(first).query(Long.class).list().stream().sorted().toList());
        assertThat(all).isSorted().doesNotHaveDuplicates().hasSize(1005);

        // today's call: the first 1000 in id order, each as GET /segmentations/{id} answers it; now with where the rest is
        HttpResponse<String> today = get("/api/v1/segmentations");
        assertThat(ids(today, "id")).containsExactlyElementsOf(all.subList(0, 1000));
        assertThat(json(today).get(0)).isEqualTo(json(get("/api/v1/segmentations/" + first)));
        assertThat(json(today).get(999).get("version").asInt()).isEqualTo(1000);
        assertThat(json(today).get(999).get("id").asLong()).isEqualTo(all.get(999));
        assertThat(next(today)).isEqualTo("/api/v1/segmentations?before=" + all.get(999));
        HttpResponse<String> rest = get(next(today));
        assertThat(ids(rest, "id")).containsExactlyElementsOf(all.subList(1000, 1005));
        assertThat(rest.headers().firstValue("Link")).isEmpty();

        // 1,005 = 10 × 97 + 35 = 4 × 251 + 1 = 5 × 201: a short last page, a last page of one, a full last page
        for (int limit : List.of(97, 251, 201)) {
            assertThat(walk("/api/v1/segmentations?limit=" + limit, limit, "id")).as("limit " + limit).containsExactlyElementsOf(all);
        }
        refusesBadCursors("/api/v1/segmentations", "before must be the id of a segmentation (a whole number from 1); got '",
                List.of("abc", "0", "-4", "1.5", "9223372036854775808"));
    }

    @Test
    void usersAnswerAsBeforeAndGoOnPastTheFirstThousandByName() throws Exception {
        // the users other tests of this JVM left are not this test's oracle: admin alone, and the 1,003 written here
        jdbc.sql("delete from console_users where username <> 'admin'").update();
        try {
            jdbc.sql("""
                    insert into console_users (username, password_hash, role, enabled)
                    select 'u' || lpad(i::text, 4, '0'), '{noop}not-for-login', 'ANALYST', i % 3 <> 0 from generate_series(1, 1003) i""")
                    .update();
            // by name: admin, then u0001 … u1003 (letters and digits of one length: the same order in any collation)
            List<String> all = new ArrayList<>(List.of("admin"));
            IntStream.rangeClosed(1, 1003).forEach(i -> all.add("u%04d".formatted(i)));

            HttpResponse<String> today = get("/api/v1/users");
            assertThat(names(today)).containsExactlyElementsOf(all.subList(0, 1000));
            assertThat(json(today).get(0)).isEqualTo(JSON.readTree("{\"username\":\"admin\",\"role\":\"ADMIN\",\"enabled\":true}"));
            assertThat(json(today).get(3)).isEqualTo(JSON.readTree("{\"username\":\"u0003\",\"role\":\"ANALYST\",\"enabled\":false}"));
            assertThat(next(today)).isEqualTo("/api/v1/users?before=u0999");
            HttpResponse<String> rest = get(next(today));
            assertThat(names(rest)).containsExactly("u1000", "u1001", "u1002", "u1003");
            assertThat(rest.headers().firstValue("Link")).isEmpty();

            // 1,004 = 11 × 90 + 14 = 17 × 59 + 1 = 4 × 251: a short last page, a last page of one, a full last page
            for (int limit : List.of(90, 59, 251)) {
                assertThat(walkNames("/api/v1/users?limit=" + limit, limit)).as("limit " + limit).containsExactlyElementsOf(all);
            }
            // a name no user has is a place in the order all the same
            assertThat(names(get("/api/v1/users?limit=3&before=u0500a"))).containsExactly("u0501", "u0502", "u0503");

            for (String bad : List.of("-leading-dash", "with space", "x".repeat(65), "naïve")) {
                HttpResponse<String> refused = get("/api/v1/users?before=" + URLEncoder.encode(bad, StandardCharsets.UTF_8));
                assertThat(refused.statusCode()).as(bad).isEqualTo(400);
                assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(json(refused).get("detail").asString()).as(bad).startsWith("before must be the name of a console user (1 to 64"
                        + " letters, digits, '.', '_', '@' or '-', starting with a letter or digit); got '" + bad.substring(0, Math.min(40, bad.length())));
                assertThat(json(refused).get("parameter").asString()).isEqualTo("before");
            }
        } finally {
            jdbc.sql("delete from console_users where username <> 'admin'").update();
        }
    }

    @Test
    void tokensAnswerAsBeforeAndGoOnPastTheFirstThousandNewestFirst() throws Exception {
        String suiteToken = TokenDigest.of(TOKEN);
        jdbc.sql("delete from api_tokens where token_hash <> ?").param(suiteToken).update();
        try {
            long suite = jdbc.sql("select token_id from api_tokens where token_hash = ?").param(suiteToken).query(Long.class).single();
            // 1,003 tokens created on seven days of 2025 in turn, so that id order is not the list's order: newest first is by
            // creation, then by id; the suite's own token was created at this JVM's start, after all of them
            Instant start = Instant.parse("2025-03-01T09:00:00Z");
            List<long[]> written = new ArrayList<>();
            for (int i = 0; i < 1003; i++) {
                Instant created = start.plusSeconds(86_400L * (i % 7));
                long id = jdbc.sql("insert into api_tokens (name, token_hash, role, created_at) values (?, ?, 'ANALYST', ?) returning token_id")
                        .params("t" + i, "digest-" + i, Timestamp.from(created)).query(Long.class).single();
                written.add(new long[] {created.getEpochSecond(), id});
            }
            List<Long> all = new ArrayList<>(List.of(suite));
            written.stream().sorted(Comparator.<long[]>comparingLong(t -> t[0]).thenComparingLong(t -> t[1]).reversed())
                    .forEach(t -> all.add(t[1]));
            assertThat(all).doesNotHaveDuplicates().hasSize(1004);
            assertThat(all.subList(1, 1004)).as("not id order").isNotEqualTo(all.subList(1, 1004).stream().sorted(Comparator.reverseOrder()).toList());

            HttpResponse<String> today = get("/api/v1/tokens");
            assertThat(ids(today, "id")).containsExactlyElementsOf(all.subList(0, 1000));
            assertThat(json(today).get(1).get("name").asString()).isEqualTo("t1000");
            assertThat(json(today).get(1).get("status").asString()).isEqualTo("ACTIVE");
            assertThat(next(today)).isEqualTo("/api/v1/tokens?before=" + all.get(999));
            HttpResponse<String> rest = get(next(today));
            assertThat(ids(rest, "id")).containsExactlyElementsOf(all.subList(1000, 1004));
            assertThat(rest.headers().firstValue("Link")).isEmpty();

            for (int limit : List.of(90, 59, 251)) {
                assertThat(walk("/api/v1/tokens?limit=" + limit, limit, "id")).as("limit " + limit).containsExactlyElementsOf(all);
            }
            refusesBadCursors("/api/v1/tokens", "before must be the id of an API token (a whole number from 1); got '",
                    List.of("abc", "0", "-4", "1.5"));
        } finally {
            jdbc.sql("delete from api_tokens where token_hash <> ?").param(suiteToken).update();
        }
    }

    @Test
    void theAuditTrailPagesByNumberAsBeforeAndByTheLastEntryShownWithoutACount() throws Exception {
        // 250 entries of one actor at 125 moments, two at each (so the order is by time, then id), written oldest first,
        // with another actor's entries between them; subjects no campaign can be ("c0"…), so that other tests' counts of
        // a campaign's entries (ChangeAndAuditEntryTest) do not find these
        Instant start = Instant.parse("2025-04-01T08:00:00Z");
        List<Long> written = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            Timestamp at = Timestamp.from(start.plusSeconds(60L * (i / 2)));
            written.add(jdbc.sql("""
                            insert into audit_events (occurred_at, actor, action, subject_type, subject_id, detail)
                            values (?, 'chronicler', 'CHANGED', 'campaign', ?, 'entry ' || ?) returning id""")
                    .params(at, "c" + i, i).query(Long.class).single());
            jdbc.sql("insert into audit_events (occurred_at, actor, action, subject_type, subject_id) values (?, 'bystander', 'CREATED', 'campaign', 'x')")
                    .param(at).update();
        }
        // newest first: later moments first, of two at one moment the higher id first
        List<Long> all = IntStream.range(0, 250).boxed()
                .sorted(Comparator.comparing((Integer i) -> i / 2).thenComparing(written::get).reversed())
                .map(written::get).toList();
        assertThat(all.get(0)).isEqualTo(written.get(249));

        // by page number, as before: {events, page, size, total}; now with a Link to the rest the fast way
        HttpResponse<String> today = get("/api/v1/audit?actor=chronicler");
        assertThat(today.statusCode()).isEqualTo(200);
        JsonNode body = json(today);
        assertThat(body.propertyNames()).containsExactly("events", "page", "size", "total");
        assertThat(body.get("page").asInt()).isZero();
        assertThat(body.get("size").asInt()).isEqualTo(50);
        assertThat(body.get("total").asLong()).isEqualTo(250);
        assertThat(ids(body.get("events"), "id")).containsExactlyElementsOf(all.subList(0, 50));
        assertThat(body.get("events").get(0).get("detail").asString()).isEqualTo("entry 249");
        assertThat(next(today)).isEqualTo("/api/v1/audit?actor=chronicler&before=" + all.get(49));
        HttpResponse<String> third = get("/api/v1/audit?actor=chronicler&page=3&size=60");
        assertThat(ids(json(third).get("events"), "id")).containsExactlyElementsOf(all.subList(180, 240));
        assertThat(json(third).get("total").asLong()).isEqualTo(250);
        assertThat(next(third)).isEqualTo("/api/v1/audit?actor=chronicler&size=60&before=" + all.get(239));
        // a full page with one match after it: 166 + 83 = 249 of 250
        HttpResponse<String> oneMore = get("/api/v1/audit?actor=chronicler&page=2&size=83");
        assertThat(ids(json(oneMore).get("events"), "id")).containsExactlyElementsOf(all.subList(166, 249));
        assertThat(next(oneMore)).isEqualTo("/api/v1/audit?actor=chronicler&size=83&before=" + all.get(248));
        HttpResponse<String> last = get(next(oneMore));
        assertThat(ids(json(last).get("events"), "id")).containsExactly(all.get(249));
        assertThat(json(last).get("more").asBoolean()).isFalse();
        assertThat(last.headers().firstValue("Link")).isEmpty();
        HttpResponse<String> lastFull = get("/api/v1/audit?actor=chronicler&page=4&size=50");
        assertThat(ids(json(lastFull).get("events"), "id")).containsExactlyElementsOf(all.subList(200, 250));
        assertThat(lastFull.headers().firstValue("Link")).isEmpty();

        // by the last entry shown: {events, size, more}, no count; 250 = 6 × 40 + 10 = 3 × 83 + 1 = 5 × 50
        for (int size : List.of(40, 83, 50)) {
            assertThat(walkAudit("/api/v1/audit?actor=chronicler&total=false&size=" + size, size)).as("size " + size).containsExactlyElementsOf(all);
            // from a page by number, its Link goes on the fast way
            assertThat(walkAudit("/api/v1/audit?actor=chronicler&size=" + size, size)).as("from page 0, size " + size).containsExactlyElementsOf(all);
        }
        JsonNode fast = json(get("/api/v1/audit?actor=chronicler&total=false&size=3"));
        assertThat(fast.propertyNames()).containsExactly("events", "size", "more");
        assertThat(fast.get("more").asBoolean()).isTrue();
        assertThat(ids(fast.get("events"), "id")).containsExactlyElementsOf(all.subList(0, 3));
        // the filters hold on every page: the other actor's entries at the same moments never show
        assertThat(ids(json(get("/api/v1/audit?actor=chronicler&before=" + all.get(247))).get("events"), "id"))
                .containsExactlyElementsOf(all.subList(248, 250));

        refusesBadCursors("/api/v1/audit", "before must be the id of an audit entry (a whole number from 1); got '", List.of("abc", "0", "-4", "1.5"));
        HttpResponse<String> both = get("/api/v1/audit?page=1&before=" + all.get(3));
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(json(both).get("detail").asString()).isEqualTo("page and before are two ways of paging: give page (with a total) or before,"
                + " from the Link header of the page before (without a total), not both");
        HttpResponse<String> notBoolean = get("/api/v1/audit?total=maybe");
        assertThat(notBoolean.statusCode()).isEqualTo(400);
        assertThat(json(notBoolean).get("detail").asString()).isEqualTo("total must be true (pages by number with a count of every match) or"
                + " false (pages by the last entry shown, without a count); got 'maybe'");
        HttpResponse<String> countedAfter = get("/api/v1/audit?total=true&before=" + all.get(3));
        assertThat(countedAfter.statusCode()).isEqualTo(400);
        assertThat(json(countedAfter).get("detail").asString()).startsWith("a page after before=<id> has no total");
    }

    private void refusesBadCursors(String list, String words, List<String> bad) throws Exception {
        for (String cursor : bad) {
            HttpResponse<String> refused = get(list + "?before=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            assertThat(refused.statusCode()).as(list + " " + cursor).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(refused).get("detail").asString()).as(list + " " + cursor).startsWith(words + cursor + "'");
            assertThat(json(refused).get("parameter").asString()).isEqualTo("before");
        }
    }

    private List<Long> walk(String first, int limit, String key) throws Exception {
        return walkPages(first, limit, answer -> ids(answer, key));
    }

    private List<String> walkNames(String first, int limit) throws Exception {
        return walkPages(first, limit, ApiListCursorsTest::names);
    }

    private List<Long> walkAudit(String first, int size) throws Exception {
        return walkPages(first, size, answer -> {
            JsonNode body = json(answer);
            List<Long> ids = ids(body.get("events"), "id");
            if (body.has("more")) {
                assertThat(body.get("more").asBoolean()).as(answer.uri().toString()).isEqualTo(answer.headers().firstValue("Link").isPresent());
            }
            return ids;
        });
    }

    /**
     * Follows the Link headers from {@code first} to the end: every page but the last full, the last not empty, the
     * links relative and keeping the page size; at most 60 pages (a cursor that does not move fails here).
     */
    private <T> List<T> walkPages(String first, int limit, Function<HttpResponse<String>, List<T>> items) throws Exception {
        List<T> walked = new ArrayList<>();
        String page = first;
        int pages = 0;
        while (page != null) {
            assertThat(++pages).as("pages walked to " + page).isLessThanOrEqualTo(60);
            HttpResponse<String> answer = get(page);
            assertThat(answer.statusCode()).as(page + ": " + answer.body()).isEqualTo(200);
            List<T> shown = items.apply(answer);
            assertThat(shown.size()).as(page).isBetween(1, limit);
            walked.addAll(shown);
            page = next(answer);
            if (page != null) {
                assertThat(shown).as(page).hasSize(limit);
                assertThat(page).containsPattern("(limit|size)=" + limit);
            }
        }
        return walked;
    }

    private static List<Long> ids(HttpResponse<String> answer, String key) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return ids(json(answer), key);
    }

    private static List<Long> ids(JsonNode items, String key) {
        List<Long> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get(key).asLong()));
        return ids;
    }

    private static List<String> names(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        json(answer).forEach(item -> names.add(item.get("username").asString()));
        return names;
    }
}
