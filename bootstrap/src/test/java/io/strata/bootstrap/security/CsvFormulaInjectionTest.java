package io.strata.bootstrap.security;

import io.strata.bootstrap.EndToEndTest;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every CSV download, API and console, writes a text cell that a spreadsheet would run as a formula (it begins with
 * = + - @, a tab or a carriage return) with a leading apostrophe (OWASP, "CSV Injection"), except a signed plain
 * number (a customer id -12 or +41: no formula, and the contract's customer_id must give back the id, session 59);
 * number columns, a negative monetary included, are written as they are, and the headers stay as they were.
 */
class CsvFormulaInjectionTest extends EndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Customers whose id, email and city begin with each dangerous character, and one plain customer. */
    private static final String CUSTOMERS = """
            customer_id,email,phone,city,email_opt_in
            "=HYPERLINK(""http://evil.example"")",=eq@example.com,+33100000001,=Paris,true
            +41,+plus@example.com,+33100000002,+Riga,true
            -12,-minus@example.com,+33100000003,-Oslo,true
            @SUM(A1),@at@example.com,+33100000004,@Rome,true
            tab,"\ttab@example.com",+33100000005,"\tLima",true
            plain,plain@example.com,0100000006,Paris,true
            """;

    /** One purchase each as of 2024-06-30; -12 also returns more than it bought, so its monetary is -12.5000. */
    private static final String ORDERS = """
            order_id,customer_id,ordered_at,amount
            o1,"=HYPERLINK(""http://evil.example"")",2024-06-01,10.0000
            o2,+41,2024-06-01,10.0000
            o3,-12,2024-06-01,10.0000
            o3r,-12,2024-06-02,-22.5000
            o4,@SUM(A1),2024-06-01,10.0000
            o5,tab,2024-06-01,10.0000
            o6,plain,2024-06-01,10.0000
            """;

    private static final String EVIL = "=HYPERLINK(\"http://evil.example\")";

    private ConsoleSession admin;

    @BeforeEach
    void customersWithFormulas() throws Exception {
        emptyDatabase();
        jdbc.sql("truncate table tactical_run_sizes, tactical_members, tactical_segments cascade").update();
        assertThat(post("/api/v1/imports/customers", "text/csv", CUSTOMERS).statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/imports/orders", "text/csv", ORDERS).statusCode()).isEqualTo(200);
        HttpResponse<String> created = post("/api/v1/segmentations", "application/json", "{\"name\":\"Tiers\",\"template\":\"frequency-tiers\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long segmentation = JSON.readTree(created.body()).get("id").asLong();
        assertThat(post("/api/v1/segmentations/" + segmentation + "/activate", "application/json", "").statusCode()).isEqualTo(200);
        admin = new ConsoleSession(port);
        admin.logIn("admin", ADMIN_PASSWORD);
    }

    @Test
    void runAssignmentsPrefixTextCellsAndKeepANegativeMonetaryANumber() throws Exception {
        long runId = run();

        HttpResponse<String> csv = apiGet("/api/v1/segmentation-runs/" + runId + "/assignments");

        assertThat(csv.body()).startsWith("customer_id,segment,r,f,m,recency_days,frequency,monetary\n");
        Map<String, CsvRecord> rows = byFirstCell(csv.body());
        assertThat(rows.keySet()).containsExactly("'" + EVIL, "'@SUM(A1)", "+41", "-12", "plain", "tab");
        assertThat(rows.get("-12").getFields()).containsExactly("-12", "newcomers", "", "", "", "29", "1", "-12.5000");
        assertThat(rows.get("plain").getFields()).containsExactly("plain", "newcomers", "", "", "", "29", "1", "10.0000");
    }

    @Test
    void segmentMembersInTheConsolePrefixIdEmailAndCity() throws Exception {
        run();

        HttpResponse<String> csv = admin.get("/segments/newcomers/members.csv");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith("customer_id,email,city,r,f,m,recency_days,frequency,monetary\n");
        Map<String, CsvRecord> rows = byFirstCell(csv.body());
        assertThat(rows.get("'" + EVIL).getFields()).containsExactly("'" + EVIL, "'=eq@example.com", "'=Paris", "", "", "", "29", "1", "10.0000");
        assertThat(rows.get("+41").getFields()).containsExactly("+41", "'+plus@example.com", "'+Riga", "", "", "", "29", "1", "10.0000");
        assertThat(rows.get("-12").getFields()).containsExactly("-12", "'-minus@example.com", "'-Oslo", "", "", "", "29", "1", "-12.5000");
        assertThat(rows.get("'@SUM(A1)").getFields()).containsExactly("'@SUM(A1)", "'@at@example.com", "'@Rome", "", "", "", "29", "1", "10.0000");
        assertThat(rows.get("tab").getFields()).containsExactly("tab", "'\ttab@example.com", "'\tLima", "", "", "", "29", "1", "10.0000");
        assertThat(rows.get("plain").getFields()).containsExactly("plain", "plain@example.com", "Paris", "", "", "", "29", "1", "10.0000");
    }

    @Test
    void tacticalMembersArePrefixed() throws Exception {
        HttpResponse<String> created = post("/api/v1/tactical-segments", "application/json",
                "{\"name\":\"Buyers\",\"parentSegment\":\"newcomers\",\"rule\":\"frequency >= 1\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = JSON.readTree(created.body()).get("id").asLong();
        run();

        HttpResponse<String> csv = apiGet("/api/v1/tactical-segments/" + id + "/customers");

        assertThat(csv.body()).startsWith("customer_id\n");
        assertThat(byFirstCell(csv.body()).keySet()).containsExactly("'" + EVIL, "'@SUM(A1)", "+41", "-12", "plain", "tab");
    }

    @Test
    void audienceMembersAndDeliveriesInTheApiAndTheConsoleArePrefixed() throws Exception {
        run();
        HttpResponse<String> created = post("/api/v1/campaigns", "application/json", """
                {"name": "Formulas", "targetSegment": "newcomers", "controlGroupPercent": 0,
                 "actions": [{"channel": "email", "content": "@template"}]}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = JSON.readTree(created.body()).get("id").asLong();
        assertThat(post("/api/v1/campaigns/" + id + "/schedule", "application/json", "").statusCode()).isEqualTo(200);
        HttpResponse<String> launched = post("/api/v1/campaigns/" + id + "/launch", "application/json", "");
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(200);

        HttpResponse<String> members = apiGet("/api/v1/campaigns/" + id + "/audience/members");
        assertThat(members.body()).startsWith("customer_id,group,channel,tactical_segment_id\n");
        assertThat(byFirstCell(members.body()).get("-12").getFields()).containsExactly("-12", "treatment", "email", "");
        assertThat(byFirstCell(members.body()).keySet()).containsExactly("'" + EVIL, "'@SUM(A1)", "+41", "-12", "plain", "tab");

        String header = "customer_id,email,phone,channel,content,discount_percent,status,attempts,last_error,tactical_segment_id,destination\n";
        for (HttpResponse<String> deliveries : List.of(apiGet("/api/v1/campaigns/" + id + "/deliveries"), admin.get("/campaigns/" + id + "/deliveries.csv"))) {
            assertThat(deliveries.statusCode()).isEqualTo(200);
            assertThat(deliveries.body()).startsWith(header);
            Map<String, CsvRecord> rows = byFirstCell(deliveries.body());
            assertThat(rows.get("'" + EVIL).getFields()).containsExactly("'" + EVIL, "'=eq@example.com", "+33100000001", "email", "'@template", "",
                    "PENDING", "0", "", "", "STRATA_DISPATCH_WEBHOOK_URL");
            assertThat(rows.get("tab").getFields()).containsExactly("tab", "'\ttab@example.com", "+33100000005", "email", "'@template", "",
                    "PENDING", "0", "", "", "STRATA_DISPATCH_WEBHOOK_URL");
            assertThat(rows.get("plain").getFields()).containsExactly("plain", "plain@example.com", "0100000006", "email", "'@template", "",
                    "PENDING", "0", "", "", "STRATA_DISPATCH_WEBHOOK_URL");
        }
    }

    @Test
    void importErrorsInTheConsoleShowTheRejectedValuesPrefixed() throws Exception {
        HttpResponse<String> rejected = post("/api/v1/imports/customers?mode=lenient", "text/csv",
                "customer_id,birth_date\nk1,=1990\nk2,+1990\nk3,-1990\nk4,@1990\nk5,\"\t1990\"\n");
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);

        HttpResponse<String> csv = admin.get("/imports/" + importId(rejected) + "/errors.csv");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith("line,column,value,message\n");
        List<CsvRecord> rows = records(csv.body());
        assertThat(rows).extracting(r -> r.getField(0)).containsExactly("2", "3", "4", "5", "6");
        assertThat(rows).extracting(r -> r.getField(1)).containsOnly("birth_date");
        assertThat(rows).extracting(r -> r.getField(2)).containsExactly("'=1990", "+1990", "-1990", "'@1990", "'\t1990");
    }

    @Test
    void anImportErrorWhoseValueBeginsWithACarriageReturnIsPrefixed() throws Exception {
        HttpResponse<String> rejected = post("/api/v1/imports/customers?mode=lenient", "application/x-ndjson",
                "{\"customer_id\": \"k1\", \"birth_date\": \"\\r1990\"}\n");
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);

        List<CsvRecord> rows = records(admin.get("/imports/" + importId(rejected) + "/errors.csv").body());

        assertThat(rows).extracting(r -> r.getField(2)).containsExactly("'\r1990");
    }

    private static String importId(HttpResponse<String> report) {
        return JSON.readTree(report.body()).get("importId").asString();
    }

    private long run() throws Exception {
        HttpResponse<String> run = post("/api/v1/segmentation-runs?wait=true", "application/json", "{\"asOf\":\"2024-06-30\"}");
        assertThat(run.body()).contains("\"status\":\"COMPLETED\"");
        return JSON.readTree(run.body()).get("runId").asLong();
    }

    private HttpResponse<String> apiGet(String path) throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN)
                .header("Accept", "text/csv").GET().build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer;
    }

    private static List<CsvRecord> records(String body) throws Exception {
        return CsvReader.builder().ofCsvRecord(body).stream().skip(1).toList();
    }

    private static Map<String, CsvRecord> byFirstCell(String body) throws Exception {
        Map<String, CsvRecord> rows = new TreeMap<>();
        records(body).forEach(r -> rows.put(r.getField(0), r));
        return rows;
    }
}
