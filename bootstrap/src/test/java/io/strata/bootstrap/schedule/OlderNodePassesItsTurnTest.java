package io.strata.bootstrap.schedule;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.adapters.persistence.database.DatabaseReach;
import io.strata.adapters.persistence.database.SchemaAhead;
import io.strata.application.schedule.port.in.RunDueWork;
import io.strata.bootstrap.EndToEndTest;
import io.strata.bootstrap.StrataApplication;
import io.strata.bootstrap.forms.JdbcSentForms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.nio.file.Files;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled look at the clock on a node whose database a newer version has migrated since it started
 * (docs/scale-out.md, "Upgrading"): the node passes its turn, doing none of the work (no run, launch or dispatch through
 * the use case; not even the forgetting of the console's expired forms), where a node of the database's version does
 * it. The node runs on a database of its own, into which a newer version's changeset is written as in
 * {@code NewerVersionMigratedTest}; the look is the one db-scheduler runs ({@link DueWorkScheduler#look}), called with
 * the node's own beans and its use case counted.
 */
class OlderNodePassesItsTurnTest extends EndToEndTest {

    private static final String NEWER = "991-from-a-newer-version";
    private static final String DATABASE = "older_node_passes";

    @Autowired
    private HikariDataSource suiteDatabase;

    private ConfigurableApplicationContext node;

    @AfterEach
    void stopTheNodeAndDropItsDatabase() {
        if (node != null) {
            node.close();
        }
        jdbc.sql("drop database if exists " + DATABASE + " with (force)").update();
    }

    @Test
    void aNodeOlderThanItsDatabasePassesTheScheduledWorkThatItDidBefore() throws Exception {
        jdbc.sql("drop database if exists " + DATABASE + " with (force)").update();
        jdbc.sql("create database " + DATABASE).update();
        String url = suiteDatabase.getJdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + DATABASE + "$1");
        node = new SpringApplicationBuilder(StrataApplication.class).run(
                "--server.port=0",
                "--strata.data-dir=" + Files.createTempDirectory("strata-older-node"),
                "--strata.db.url=" + url,
                "--strata.db.user=" + suiteDatabase.getUsername(), "--strata.db.password=" + suiteDatabase.getPassword(),
                "--strata.db.pool-size=4",
                "--strata.db.schema-look-every=PT0S",
                "--strata.api-token=" + TOKEN,
                "--strata.admin-password=" + ADMIN_PASSWORD,
                "--strata.predictions.warm-up=false",
                "--strata.schedules.check-every=PT24H");
        JdbcClient nodesDatabase = JdbcClient.create(new SingleConnectionDataSource(url, suiteDatabase.getUsername(), suiteDatabase.getPassword(), true));
        RunDueWork work = node.getBean(RunDueWork.class);
        AtomicInteger looked = new AtomicInteger();
        RunDueWork counted = () -> {
            looked.incrementAndGet();
            return work.runDueWork();
        };
        SchemaAhead schema = node.getBean(SchemaAhead.class);
        JdbcSentForms sentForms = node.getBean(JdbcSentForms.class);
        String insertExpired = "insert into console_forms_sent (form, session_digest, kind, status, location, kept_until) "
                + "values (?, 'a session', 'FORM', 302, '/admin/access', now() - interval '1 minute')";
        UUID before = UUID.randomUUID();
        nodesDatabase.sql(insertExpired).param(before).update();

        // this version's schema: the look does the work and forgets the expired form
        assertThat(DueWorkScheduler.look(counted, schema, sentForms, new DatabaseReach("the test's look", "at the next look"))).isTrue();
        assertThat(looked).hasValue(1);
        assertThat(nodesDatabase.sql("select count(*) from console_forms_sent where form = ?").param(before).query(Long.class).single()).isZero();

        nodesDatabase.sql("insert into databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype, md5sum, description, liquibase) "
                + "select ?, 'strata', 'db/changelog/" + NEWER + ".sql', timestamp '2031-01-02 03:04', max(orderexecuted) + 1, 'EXECUTED', "
                + "'9:0123456789abcdef0123456789abcdef', 'sql', '5.0.4' from databasechangelog").param(NEWER).update();
        UUID after = UUID.randomUUID();
        nodesDatabase.sql(insertExpired).param(after).update();

        // a newer version's schema: the turn is passed, nothing is done with statements written for the schema before
        assertThat(DueWorkScheduler.look(counted, schema, sentForms, new DatabaseReach("the test's look", "at the next look"))).isFalse();
        assertThat(looked).as("the use case was not called again").hasValue(1);
        assertThat(nodesDatabase.sql("select count(*) from console_forms_sent where form = ?").param(after).query(Long.class).single()).isOne();
    }
}
