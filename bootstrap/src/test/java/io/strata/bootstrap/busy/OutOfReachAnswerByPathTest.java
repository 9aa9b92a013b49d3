package io.strata.bootstrap.busy;

import io.strata.adapters.persistence.database.DatabaseBounds;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link DatabaseBusyFilter} answers when the database is out of reach and the failure came out of the chain before
 * an endpoint could answer (in the suite under load, health once answered the console's page): health its own
 * {@code {"status":"DOWN"}}, the API, the actuator and the API's description problem JSON, a console page a page. The
 * failure is the pool's own (SQLState 08001, as {@code DatabaseUnreachable} carries); no database is asked.
 */
class OutOfReachAnswerByPathTest {

    private static MockHttpServletResponse answerTo(String path) throws Exception {
        DataSource noDatabase = (DataSource) java.lang.reflect.Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[]{DataSource.class}, (proxy, method, args) -> {
                    throw new AssertionError("no database is asked for an unreachable database's answer");
                });
        DatabaseBusyFilter filter = new DatabaseBusyFilter(noDatabase,
                new DatabaseBounds(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(10)));
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (req, res) -> {
            throw new IllegalStateException("could not read",
                    new SQLTransientConnectionException("The database cannot be reached", "08001", new SQLException("Connection refused")));
        });
        return response;
    }

    @Test
    void healthSaysDownAsHealthDoes() throws Exception {
        MockHttpServletResponse response = answerTo("/actuator/health");
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).isEqualTo("application/json");
        assertThat(response.getContentAsString()).isEqualTo("{\"status\":\"DOWN\"}");
        assertThat(response.getHeader("Retry-After")).isEqualTo("10");
    }

    @Test
    void theActuatorAndTheApiDescriptionAnswerProblemJsonNotAPage() throws Exception {
        for (String path : new String[]{"/actuator/info", "/v3/api-docs", "/api/v1/campaigns"}) {
            MockHttpServletResponse response = answerTo(path);
            assertThat(response.getStatus()).as(path).isEqualTo(503);
            assertThat(response.getContentType()).as(path).startsWith("application/problem+json");
            assertThat(response.getContentAsString()).as(path)
                    .startsWith("{\"type\":\"about:blank\",\"title\":\"Strata's database is unavailable\",\"status\":503,");
        }
    }

    @Test
    void aConsolePageIsAPage() throws Exception {
        MockHttpServletResponse response = answerTo("/campaigns");
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).startsWith("text/html");
        assertThat(response.getContentAsString()).contains("<h1>Strata&#39;s database is unavailable</h1>");
    }
}
