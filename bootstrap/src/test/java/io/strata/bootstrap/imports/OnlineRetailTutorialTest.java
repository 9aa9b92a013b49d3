package io.strata.bootstrap.imports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The tutorial's converter (samples/online-retail) run on a slice of the data set, and its output imported. */
class OnlineRetailTutorialTest extends ImportEndToEndTest {

    private static final String SLICE = """
            InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
            569901,23256,CHILDRENS CUTLERY SPACEBOY ,2,2011-10-06 16:20:00,4.15,12923.0,United Kingdom
            569901,21407,"KEY FOB , GARAGE DESIGN",3,2011-10-06 16:21:00,0.65,12923.0,United Kingdom
            548516,20769,DAISY JOURNAL ,1,2011-03-31 16:28:00,4.96,,United Kingdom
            C570000,23256,CHILDRENS CUTLERY SPACEBOY ,-1,2011-10-07 09:00:00,4.15,12923.0,United Kingdom
            565806,23275,SET OF 3 HANGING OWLS OLLIE BEAK,12,2011-09-07 10:51:00,1.25,15594.0,Iceland
            """;

    @Test
    void theConvertedSliceImportsWithCancellationsAsReturnsAndLinesWithoutCustomerSkipped(@TempDir Path dir) throws Exception {
        Path input = Files.writeString(dir.resolve("slice.csv"), SLICE);
        Path converter = Path.of("..", "samples", "online-retail", "ConvertOnlineRetail.java").toAbsolutePath().normalize();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, converter.toString(), input.toString(), dir.toString())
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();

        JsonNode customers = json(importCsv("customers", Files.readString(dir.resolve("customers.csv"))));
        JsonNode orders = json(importCsv("orders", Files.readString(dir.resolve("orders.csv"))));

        assertThat(customers.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(orders.path("status").asString()).as(orders.toString()).isEqualTo("COMPLETED");
        assertThat(orders.path("rowsImported").asLong()).isEqualTo(4);
        assertThat(text("select country from customers where customer_id = '15594'")).isEqualTo("Iceland");
        assertThat(text("select concat_ws('|', total, line_count, ordered_at at time zone 'UTC') from orders where order_id = '569901'"))
                .isEqualTo("10.2500|2|2011-10-06 16:20:00");
        assertThat(text("select total::text from orders where order_id = 'C570000'")).isEqualTo("-4.1500");
        assertThat(text("select category from order_line_details where order_id = '569901' and sku = '23256'")).isEqualTo("kids");
        assertThat(count("select count(*) from customers")).isEqualTo(2);
    }
}
