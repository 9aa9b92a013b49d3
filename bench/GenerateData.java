import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Writes the benchmark's import files: customers.csv and orders.csv (one row per order line) into a directory.
 * Deterministic (fixed seed), so every run imports the same bytes. An optional fourth argument gives every order
 * exactly that many lines (1 to 20; issue 19: real shops have orders of one or two lines far more often than of four);
 * without it orders have 1 to 7 lines, 4 on average, as in every figure before 2026-12-03. An optional fifth argument, a
 * day (ISO), puts the orders in the three years up to that day's end instead of 2021-2023 (so that a rule's window
 * counted back from today holds orders) and also writes events.csv: email opens of the customers over the 365 days up
 * to it, 1.5 per customer on average (issue 19 item 4: previews of every rule shape right after the imports).
 *
 * <pre>java bench/GenerateData.java /tmp/strata-bench 1000000 8000000
 * java bench/GenerateData.java /tmp/strata-bench-1 1000000 2000000 1
 * java bench/GenerateData.java /tmp/strata-fresh 1000000 8000000 4 2026-12-03</pre>
 */
public class GenerateData {

    private static final String[] CITIES = {"Riga", "Paris", "Berlin", "Lisbon", "Madrid", "Vilnius", "Tallinn", "Oslo", "Rome", "Vienna"};
    private static final String[] COUNTRIES = {"LV", "FR", "DE", "PT", "ES", "LT", "EE", "NO", "IT", "AT"};
    private static final String[] CATEGORIES = {"kids", "women", "men", "home", "beauty", "sport", "garden", "books"};
    private static final String[] CHANNELS = {"web", "app", "store"};
    private static final String[] DEVICES = {"web", "ios", "android", "smart_tv"};

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/strata-bench");
        int customers = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        long lines = args.length > 2 ? Long.parseLong(args[2]) : 8_000_000L;
        int linesPerOrder = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        if (linesPerOrder < 0 || linesPerOrder > 20) {
            throw new IllegalArgumentException("lines per order must be 1 to 20 (or absent for 1 to 7): " + linesPerOrder);
        }
        LocalDate lastDay = args.length > 4 ? LocalDate.parse(args[4]) : null;
        Files.createDirectories(dir);
        SplittableRandom random = new SplittableRandom(20240301L);
        writeCustomers(dir.resolve("customers.csv"), customers, random);
        // the orders' first second: 2021-01-01 as before, or three years of 365 days before the day after lastDay
        long start = lastDay == null ? LocalDate.of(2021, 1, 1).toEpochDay() * 86_400L
                : (lastDay.plusDays(1).toEpochDay() - 3L * 365) * 86_400L;
        long written = writeOrders(dir.resolve("orders.csv"), customers, lines, linesPerOrder, start, random);
        long events = lastDay == null ? 0 : writeEvents(dir.resolve("events.csv"), customers, lastDay, random);
        System.out.println("wrote " + customers + " customers and " + written + " order lines to " + dir
                + (linesPerOrder > 0 ? " (" + linesPerOrder + " per order)" : "") + (lastDay != null ? ", up to " + lastDay
                + ", and " + events + " events" : ""));
    }

    private static BufferedWriter open(Path file) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 20);
    }

    private static void writeCustomers(Path file, int count, SplittableRandom random) throws IOException {
        LocalDate epoch = LocalDate.of(2015, 1, 1);
        try (BufferedWriter out = open(file)) {
            out.write("customer_id,email,first_name,city,country,signup_date,email_opt_in,device\n");
            StringBuilder row = new StringBuilder(128);
            for (int i = 1; i <= count; i++) {
                int place = random.nextInt(CITIES.length);
                row.setLength(0);
                row.append('C').append(i).append(",c").append(i).append("@example.com,Name").append(i % 997).append(',')
                        .append(CITIES[place]).append(',').append(COUNTRIES[place]).append(',')
                        .append(epoch.plusDays(random.nextInt(3650))).append(',').append(random.nextBoolean()).append(',')
                        .append(DEVICES[random.nextInt(DEVICES.length)]).append('\n');
                out.append(row);
            }
        }
    }

    /**
     * Orders of 1 to 7 lines (4 on average), or of exactly {@code linesPerOrder} when it is above 0, each for a random
     * customer, until about {@code lines} lines.
     */
    private static long writeOrders(Path file, int customers, long lines, int linesPerOrder, long start, SplittableRandom random)
            throws IOException {
        long written = 0;
        long order = 0;
        try (BufferedWriter out = open(file)) {
            out.write("order_id,customer_id,ordered_at,amount,quantity,category,sku,channel\n");
            StringBuilder row = new StringBuilder(128);
            while (written < lines) {
                order++;
                int customer = 1 + random.nextInt(customers);
                String orderedAt = java.time.Instant.ofEpochSecond(start + random.nextLong(3L * 365 * 86_400)).toString();
                String channel = CHANNELS[random.nextInt(CHANNELS.length)];
                int orderLines = linesPerOrder > 0 ? linesPerOrder : 1 + random.nextInt(7);
                for (int l = 0; l < orderLines && written < lines; l++) {
                    int cents = random.nextInt(20_000) - (random.nextInt(50) == 0 ? 20_000 : 0);
                    row.setLength(0);
                    row.append('O').append(order).append(",C").append(customer).append(',').append(orderedAt).append(',');
                    appendAmount(row, cents);
                    row.append(',').append(1 + random.nextInt(5)).append(',').append(CATEGORIES[random.nextInt(CATEGORIES.length)])
                            .append(",SKU-").append(random.nextInt(50_000)).append(',').append(channel).append('\n');
                    out.append(row);
                    written++;
                }
            }
        }
        return written;
    }

    /** Email opens: for each customer a geometric number of them (1.5 on average), each on a random second of the 365 days to lastDay. */
    private static long writeEvents(Path file, int customers, LocalDate lastDay, SplittableRandom random) throws IOException {
        long start = (lastDay.plusDays(1).toEpochDay() - 365) * 86_400L;
        long written = 0;
        try (BufferedWriter out = open(file)) {
            out.write("customer_id,event_type,occurred_at\n");
            StringBuilder row = new StringBuilder(64);
            for (int customer = 1; customer <= customers; customer++) {
                while (random.nextInt(5) < 3) {
                    row.setLength(0);
                    row.append('C').append(customer).append(",email_open,")
                            .append(java.time.Instant.ofEpochSecond(start + random.nextLong(365L * 86_400))).append('\n');
                    out.append(row);
                    written++;
                }
            }
        }
        return written;
    }

    private static void appendAmount(StringBuilder row, int cents) {
        if (cents < 0) {
            row.append('-');
            cents = -cents;
        }
        row.append(cents / 100).append('.');
        int rest = cents % 100;
        if (rest < 10) {
            row.append('0');
        }
        row.append(rest);
    }
}
