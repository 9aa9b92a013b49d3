package io.strata.adapters.persistence.security;

import io.strata.application.security.ConsoleUser;
import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.security.Role;
import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A console user name is one name whatever its case, in the store and in the schema (changeset 101). */
class ConsoleUserNamesTest {

    private final JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());
    private final JdbcConsoleUsers users = new JdbcConsoleUsers(jdbc);

    @Test
    void aUserIsFoundByItsNameInAnyCaseAndKeepsTheCaseItWasCreatedWith() {
        String name = "Pt_Planner_" + unique();
        users.create(new ConsoleUser(name, "hash", Role.PLANNER, true));

        assertThat(users.find(name.toUpperCase())).hasValueSatisfying(user -> assertThat(user.username()).isEqualTo(name));
        assertThat(users.find(name.toLowerCase())).hasValueSatisfying(user -> assertThat(user.username()).isEqualTo(name));
        assertThat(users.setEnabled(name.toLowerCase(), false)).isTrue();
        assertThat(users.find(name).orElseThrow().enabled()).isFalse();
    }

    @Test
    void aNameDifferingOnlyInCaseIsTaken() {
        String name = "pt_planner_" + unique();
        assertThat(users.create(new ConsoleUser(name, "first", Role.PLANNER, true))).isTrue();

        assertThat(users.create(new ConsoleUser(name.toUpperCase(), "second", Role.ADMIN, true))).isFalse();
        assertThat(jdbc.sql("select count(*) from console_users where lower(username) = ?").param(name).query(Long.class).single()).isEqualTo(1);
        assertThat(users.find(name).orElseThrow().passwordHash()).isEqualTo("first");
    }

    @Test
    void anInstallationHoldingNamesThatDifferOnlyInCaseIsMigratedByRenamingTheLaterOnes() throws Exception {
        String first = "pt_planner_" + unique();
        String later = first.toUpperCase();
        // the installation as it was before changeset 101
        jdbc.sql("drop index console_users_lower_username_uk").update();
        jdbc.sql("delete from databasechangelog where id like '101-%'").update();
        jdbc.sql("insert into console_users (username, password_hash, role, enabled, created_at) values "
                + "(?, 'hash of the first', 'PLANNER', true, now() - interval '2 days'), (?, 'hash of the later', 'ANALYST', false, now() - interval '1 day')")
                .params(first, later).update();

        migrate();

        assertThat(users.find(first).orElseThrow()).isEqualTo(new ConsoleUser(first, "hash of the first", Role.PLANNER, true));
        assertThat(users.find(later + "-renamed-1").orElseThrow())
                .isEqualTo(new ConsoleUser(later + "-renamed-1", "hash of the later", Role.ANALYST, false));
        assertThat(jdbc.sql("select detail from audit_events where subject_type = 'console_user' and subject_id = ?")
                .param(later + "-renamed-1").query(String.class).single())
                .isEqualTo("renamed because user names are now the same whatever their case and '" + first
                        + "' was created first; the user logs in as '" + later + "-renamed-1' with the same password");
        assertThat(users.create(new ConsoleUser(later, "x", Role.ANALYST, true))).as("the index is back").isFalse();
    }

    private static void migrate() throws Exception {
        SpringLiquibase liquibase = new SpringLiquibase();
        liquibase.setDataSource(TestDatabase.dataSource());
        liquibase.setChangeLog("classpath:db/changelog/db.changelog-master.yaml");
        liquibase.setResourceLoader(new DefaultResourceLoader());
        liquibase.afterPropertiesSet();
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
