package io.strata.bootstrap.imports;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body is read in the charset its Content-Type declares, UTF-8 when it declares none. Session 52 found
 * {@code text/csv; charset=ISO-8859-1} read as UTF-8: a Latin-1 é (the single byte 0xE9) was refused as "not UTF-8".
 * The bodies here are written byte by byte, so the test does not depend on how Java would encode them.
 */
class DeclaredCharsetTest extends ImportEndToEndTest {

    private static final byte E_ACUTE = (byte) 0xE9;   // é in ISO-8859-1 and windows-1252
    private static final byte OE = (byte) 0x9C;        // œ in windows-1252 (a C1 control in ISO-8859-1)
    private static final byte EURO = (byte) 0x80;      // € in windows-1252

    @Test
    void aLatin1CsvIsReadAsLatin1AndItsNamesAreStoredRight() throws Exception {
        byte[] body = bytes("customer_id,first_name,city\nL1,Ren", E_ACUTE, ",Orl", E_ACUTE, "ans\n");

        HttpResponse<String> response = postBytes("/api/v1/imports/customers", "text/csv; charset=ISO-8859-1", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(stored("first_name", "L1")).isEqualTo("Ren\u00e9");
        assertThat(stored("city", "L1")).isEqualTo("Orl\u00e9ans");
    }

    @Test
    void aWindows1252NdjsonIsReadAsWindows1252EvenWhereItDiffersFromLatin1() throws Exception {
        byte[] body = bytes("{\"customer_id\":\"W1\",\"last_name\":\"C", OE, "ur\",\"city\":\"S", (byte) 0xE8, "te\",\"motto\":\"", EURO, "5\"}\n");

        HttpResponse<String> response = postBytes("/api/v1/imports/customers", "application/x-ndjson; charset=\"windows-1252\"", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(stored("last_name", "W1")).isEqualTo("C\u0153ur");
        assertThat(stored("city", "W1")).isEqualTo("S\u00e8te");
        assertThat(jdbc.sql("select attributes ->> 'motto' from customers where customer_id = 'W1'").query(String.class).single())
                .isEqualTo("\u20ac5");
    }

    @Test
    void withoutACharsetTheBodyIsStillUtf8() throws Exception {
        HttpResponse<String> response = postBytes("/api/v1/imports/customers", "text/csv",
                "customer_id,first_name\nU1,Ren\u00e9\n".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(stored("first_name", "U1")).isEqualTo("Ren\u00e9");
    }

    @Test
    void aCharsetJavaDoesNotKnowIsRefusedWith415NamingItAndWhatIsAcceptedAndNothingIsWritten() throws Exception {
        String before = seededBase();
        long importsBefore = jdbc.sql("select count(*) from imports").query(Long.class).single();

        HttpResponse<String> response = postBytes("/api/v1/imports/customers", "text/csv; charset=klingon-8",
                bytes("customer_id,first_name\nK1,Ren", E_ACUTE, "\n"));

        assertProblem(response, 415);
        assertThat(json(response).path("detail").asString()).isEqualTo("The charset 'klingon-8' that the Content-Type declares is not one"
                + " Strata can read; send the file as UTF-8 (no charset, or charset=UTF-8), or declare a charset Java knows, such as"
                + " ISO-8859-1 or windows-1252. Nothing was imported.");
        assertThat(snapshot()).as("the base after the refusal").isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from imports").query(Long.class).single()).as("import records").isEqualTo(importsBefore);
    }

    @Test
    void aByteTheDeclaredCharsetDoesNotHaveIsRefusedNamingTheLineTheColumnAndTheCharset() throws Exception {
        String before = seededBase();
        // 0x81 is one of the five bytes windows-1252 leaves undefined
        HttpResponse<String> response = postBytes("/api/v1/imports/customers", "text/csv; charset=windows-1252",
                bytes("customer_id,city\nB1,Riga\nB2,Ri", (byte) 0x81, "ga\n"));

        assertProblem(response, 400);
        assertThat(json(response).path("line").asLong()).isEqualTo(3);
        assertThat(json(response).path("column").asString()).isEqualTo("city");
        assertThat(json(response).path("detail").asString()).isEqualTo("line 3, column city, has bytes that are not windows-1252, the charset"
                + " its Content-Type declares; save the file as UTF-8 (or declare the charset it is written in) and send it again");
        assertThat(snapshot()).as("the base after the refusal").isEqualTo(before);
    }

    @Test
    void theConsolesUploadReadsAFilePartInTheCharsetItDeclares() throws Exception {
        HttpClient browser = loggedInAsAdmin("http://localhost:" + port);
        String boundary = "----charset" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String[] fields = {"_csrf", csrf(browser), "entity", "customers", "mode", "strict"};
        for (int i = 0; i < fields.length; i += 2) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n" + fields[i + 1] + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"customers.csv\"\r\n"
                + "Content-Type: text/csv; charset=ISO-8859-1\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes("customer_id,first_name\nP1,Ren", E_ACUTE, "\n"));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = browser.send(HttpRequest.newBuilder(uri("/imports"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isIn(200, 302, 303);
        assertThat(stored("first_name", "P1")).isEqualTo("Ren\u00e9");
    }

    private String stored(String column, String customerId) {
        return jdbc.sql("select " + column + " from customers where customer_id = ?").param(customerId).query(String.class).single();
    }

    private String seededBase() throws Exception {
        assertThat(importCsv("customers", "customer_id,city\nS1,Riga\n").statusCode()).isEqualTo(200);
        return snapshot();
    }

    private String csrf(HttpClient browser) throws Exception {
        String html = browser.send(HttpRequest.newBuilder(uri("/imports/new")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher input = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>").matcher(html);
        assertThat(input.find()).as("/imports/new has a _csrf input").isTrue();
        Matcher value = Pattern.compile("value=\"([^\"]+)\"").matcher(input.group());
        assertThat(value.find()).isTrue();
        return value.group(1);
    }

    /** ASCII text and single bytes, in order. */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Byte b) {
                out.write(b);
            } else {
                out.writeBytes(((String) part).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toByteArray();
    }
}
