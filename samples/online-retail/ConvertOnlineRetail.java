import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the UCI "Online Retail" export (InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice,
 * CustomerID, Country) into Strata's orders and customers CSV files. Needs only a JDK:
 *
 * <pre>java samples/online-retail/ConvertOnlineRetail.java samples/online-retail/online-retail-sample.csv /tmp/online-retail</pre>
 *
 * <ul>
 *   <li>order_id = InvoiceNo; customer_id = CustomerID without the ".0"; lines without a CustomerID are skipped;</li>
 *   <li>ordered_at = the invoice's earliest InvoiceDate, read as UTC (a few invoices span two minutes, and all lines
 *       of one order must carry one time);</li>
 *   <li>amount = Quantity × UnitPrice, so a cancellation (InvoiceNo starting with C, negative Quantity) becomes a
 *       return with a negative amount; quantity = Quantity; sku = StockCode; category from words of the
 *       description, empty when none matches; channel = web (the retailer sells online);</li>
 *   <li>customers.csv: customer_id and the customer's country (the last one seen).</li>
 * </ul>
 */
public class ConvertOnlineRetail {

    /** First match wins; a description matching none has no category. */
    static final Map<String, String> CATEGORIES = new LinkedHashMap<>();

    static {
        for (String word : List.of("CHILDRENS", "CHILDREN", "KIDS", "SPACEBOY", "DOLLY GIRL", "TOY", "DOLL")) {
            CATEGORIES.put(word, "kids");
        }
        for (String word : List.of("CHRISTMAS", "XMAS", "ADVENT")) {
            CATEGORIES.put(word, "christmas");
        }
        for (String word : List.of("BAG", "PURSE")) {
            CATEGORIES.put(word, "bags");
        }
        for (String word : List.of("MUG", "CUP", "PLATE", "BOWL", "TEA", "CAKE", "LUNCH BOX", "JAR", "BOTTLE", "CUTLERY", "NAPKIN")) {
            CATEGORIES.put(word, "kitchen");
        }
        for (String word : List.of("CANDLE", "LIGHT", "LANTERN", "T-LIGHT")) {
            CATEGORIES.put(word, "lighting");
        }
        for (String word : List.of("CARD", "WRAP", "PAPER", "NOTEBOOK", "PEN", "STICKER", "JOURNAL")) {
            CATEGORIES.put(word, "stationery");
        }
        for (String word : List.of("HEART", "SIGN", "FRAME", "CLOCK", "DOORSTOP", "CUSHION", "DOORMAT", "HANGING", "GARLAND")) {
            CATEGORIES.put(word, "home_decor");
        }
    }

    record Line(String invoice, String sku, String description, BigDecimal quantity, String invoiceDate, BigDecimal unitPrice,
                String customerId, String country) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java ConvertOnlineRetail.java <online-retail.csv> <output-directory>");
            System.exit(2);
        }
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        List<Line> lines = new ArrayList<>();
        int skipped = 0;
        try (BufferedReader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            List<String> header = fields(in.readLine().replace("\uFEFF", ""));
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                if (text.isBlank()) {
                    continue;
                }
                Map<String, String> row = new TreeMap<>();
                List<String> values = fields(text);
                for (int i = 0; i < header.size() && i < values.size(); i++) {
                    row.put(header.get(i), values.get(i).strip());
                }
                String customer = customerId(row.getOrDefault("CustomerID", ""));
                if (customer.isEmpty()) {
                    skipped++;
                    continue;
                }
                lines.add(new Line(row.get("InvoiceNo"), row.get("StockCode"), row.getOrDefault("Description", ""),
                        new BigDecimal(row.get("Quantity")), row.get("InvoiceDate"), new BigDecimal(row.get("UnitPrice")), customer,
                        row.getOrDefault("Country", "")));
            }
        }
        Map<String, String> orderedAt = new TreeMap<>();
        Map<String, String> countries = new TreeMap<>();
        for (Line line : lines) {
            orderedAt.merge(line.invoice(), line.invoiceDate(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
            countries.put(line.customerId(), line.country());
        }
        try (BufferedWriter orders = Files.newBufferedWriter(out.resolve("orders.csv"), StandardCharsets.UTF_8)) {
            orders.write("order_id,customer_id,ordered_at,amount,quantity,sku,category,channel\n");
            for (Line line : lines) {
                orders.write(String.join(",", csv(line.invoice()), csv(line.customerId()), utc(orderedAt.get(line.invoice())),
                        amount(line.quantity(), line.unitPrice()), line.quantity().toPlainString(), csv(line.sku()),
                        category(line.description()), "web"));
                orders.write('\n');
            }
        }
        try (BufferedWriter customers = Files.newBufferedWriter(out.resolve("customers.csv"), StandardCharsets.UTF_8)) {
            customers.write("customer_id,country\n");
            for (Map.Entry<String, String> customer : countries.entrySet()) {
                customers.write(csv(customer.getKey()) + "," + csv(customer.getValue()) + "\n");
            }
        }
        System.out.println("wrote " + lines.size() + " order lines of " + orderedAt.size() + " orders and " + countries.size()
                + " customers to " + out + "; skipped " + skipped + " lines without a CustomerID");
    }

    /** "12923.0" → "12923". */
    static String customerId(String raw) {
        String id = raw.strip();
        return id.endsWith(".0") ? id.substring(0, id.length() - 2) : id;
    }

    /** "2011-10-06 16:20:00" (or "2011-10-06 16:20") read as UTC → "2011-10-06T16:20:00Z". */
    static String utc(String invoiceDate) {
        String[] parts = invoiceDate.strip().split("[ T]");
        String time = parts.length > 1 ? parts[1] : "00:00:00";
        if (time.length() == 5) {
            time += ":00";
        }
        return parts[0] + "T" + time + "Z";
    }

    static String amount(BigDecimal quantity, BigDecimal unitPrice) {
        BigDecimal amount = quantity.multiply(unitPrice).setScale(4, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
        return amount.scale() < 0 ? amount.setScale(0).toPlainString() : amount.toPlainString();
    }

    static String category(String description) {
        String text = " " + description.toUpperCase(Locale.ROOT) + " ";
        for (Map.Entry<String, String> entry : CATEGORIES.entrySet()) {
            if (text.contains(" " + entry.getKey() + " ") || text.contains(" " + entry.getKey() + "S ")) {
                return entry.getValue();
            }
        }
        return "";
    }

    /** One RFC 4180 record on one line: fields split at commas outside double quotes, "" inside quotes is a quote. */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    static String csv(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
