package io.strata.bootstrap.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A realistic, seeded demo base: the same customers, orders and events every time for the same as-of date.
 * Value is Pareto-like: a few loyal customers buy often, most buy once or twice, some never; what one spends per order
 * does not depend on how often one buys (the predictions' Gamma-Gamma model assumes so, and refuses a base where it does not hold).
 */
public final class DemoBase {

    static final List<String> CUSTOMER_COLUMNS = List.of("customer_id", "email", "first_name", "last_name", "gender",
            "birth_date", "city", "country", "signup_date", "email_opt_in", "sms_opt_in", "push_opt_in", "device", "plan",
            "car_age_years");
    static final List<String> ORDER_COLUMNS = List.of("order_id", "customer_id", "ordered_at", "amount", "quantity",
            "category", "sku", "channel");
    static final List<String> EVENT_COLUMNS = List.of("event_id", "customer_id", "event_type", "occurred_at", "ip", "device", "content");

    private static final String[][] CITIES = {{"Paris", "FR"}, {"Lyon", "FR"}, {"Riga", "LV"}, {"Berlin", "DE"},
            {"Munich", "DE"}, {"Warsaw", "PL"}, {"Krakow", "PL"}, {"Madrid", "ES"}, {"Lisbon", "PT"}, {"Vilnius", "LT"}};
    private static final String[] FIRST = {"Anna", "Marta", "Jan", "Piotr", "Elena", "Lucas", "Sofia", "Max", "Ines", "Ola",
            "Tom", "Eva", "Karl", "Lea", "Ivan", "Nora"};
    private static final String[] LAST = {"Nowak", "Kalnins", "Muller", "Dubois", "Garcia", "Silva", "Berzins", "Schmidt",
            "Martin", "Kowalski", "Petrauskas", "Lopez"};
    private static final String[] CATEGORIES = {"books", "kids", "electronics", "home", "fashion", "beauty", "sports", "grocery"};
    private static final String[] DEVICES = {"mobile", "mobile", "mobile", "web", "web", "smart_tv", "tablet"};
    private static final String[] PLANS = {"none", "none", "trial", "basic", "basic", "premium", "cancelled"};
    private static final String[] CHANNELS = {"web", "web", "app", "store"};

    private final int customers;
    private final LocalDate asOf;
    private final long seed;

    public DemoBase(int customers, LocalDate asOf, long seed) {
        this.customers = customers;
        this.asOf = asOf;
        this.seed = seed;
    }

    List<String[]> customerRows() {
        Random random = new Random(seed);
        List<String[]> rows = new ArrayList<>(customers);
        for (int i = 1; i <= customers; i++) {
            String first = pick(random, FIRST);
            String last = pick(random, LAST);
            String[] city = CITIES[random.nextInt(CITIES.length)];
            LocalDate birth = asOf.minusYears(18 + random.nextInt(55)).minusDays(random.nextInt(365));
            LocalDate signup = asOf.minusDays(random.nextInt(3 * 365));
            rows.add(new String[]{id(i), (first + "." + last + i).toLowerCase() + "@example.com", first, last,
                    random.nextInt(10) < 2 ? "" : (random.nextBoolean() ? "female" : "male"),
                    random.nextInt(10) < 3 ? "" : birth.toString(), city[0], city[1], signup.toString(),
                    Boolean.toString(random.nextInt(10) < 8), Boolean.toString(random.nextInt(10) < 5),
                    Boolean.toString(random.nextInt(10) < 4), pick(random, DEVICES), pick(random, PLANS),
                    random.nextInt(10) < 6 ? Integer.toString(random.nextInt(12)) : ""});
        }
        return rows;
    }

    /**
     * Loyal 5%, regular 30%, occasional 45%, never bought 20%; returns now and then. What a customer spends per order
     * is their own (a typical basket between about 20 and 150, varying from order to order) and does not depend on how
     * often they buy, as the Gamma-Gamma model of predicted value assumes: until session 52 loyal customers spent 120
     * an order, regular ones 60 and occasional ones 35, a correlation of 0.67 among repeat buyers, and every demo run's
     * predictions were refused as NOT_FITTED. Value is still Pareto-like, since those who buy often buy more in all.
     */
    List<String[]> orderRows() {
        Random random = new Random(seed + 1);
        List<String[]> rows = new ArrayList<>();
        int orderNo = 0;
        for (int i = 1; i <= customers; i++) {
            int kind = random.nextInt(100);
            int orders = kind < 5 ? 8 + random.nextInt(25) : kind < 35 ? 3 + random.nextInt(5) : kind < 80 ? 1 + random.nextInt(2) : 0;
            double spend = 55 * Math.exp(random.nextGaussian() * 0.5);
            int lastDay = kind < 5 ? random.nextInt(60) : random.nextInt(700);
            String favourite = pick(random, CATEGORIES);
            for (int o = 0; o < orders; o++) {
                orderNo++;
                int daysAgo = Math.min(729, lastDay + (o == 0 ? 0 : random.nextInt(730 - lastDay)));
                String at = asOf.minusDays(daysAgo).atTime(LocalTime.of(8 + random.nextInt(14), random.nextInt(60)))
                        .atOffset(ZoneOffset.UTC).toString();
                int lines = 1 + random.nextInt(3);
                String channel = pick(random, CHANNELS);
                for (int l = 0; l < lines; l++) {
                    String category = random.nextInt(3) == 0 ? pick(random, CATEGORIES) : favourite;
                    int quantity = 1 + random.nextInt(3);
                    BigDecimal amount = BigDecimal.valueOf(spend * Math.exp(random.nextGaussian() * 0.6) * quantity / lines)
                            .setScale(2, RoundingMode.HALF_UP);
                    rows.add(new String[]{"D" + orderNo, id(i), at, amount.toPlainString(), Integer.toString(quantity), category,
                            category.substring(0, 3).toUpperCase() + "-" + (100 + random.nextInt(900)), channel});
                }
                if (random.nextInt(100) < 4) {
                    orderNo++;
                    rows.add(new String[]{"D" + orderNo, id(i), at, BigDecimal.valueOf(-spend / 2).setScale(2, RoundingMode.HALF_UP).toPlainString(),
                            "-1", favourite, "", channel});
                }
            }
        }
        return rows;
    }

    List<String[]> eventRows() {
        Random random = new Random(seed + 2);
        List<String[]> rows = new ArrayList<>();
        int eventNo = 0;
        for (int i = 1; i <= customers; i++) {
            int opens = random.nextInt(10) < 6 ? random.nextInt(8) : 0;
            for (int e = 0; e < opens; e++) {
                rows.add(event(++eventNo, i, "email_open", random.nextInt(180), random, "", "", ""));
            }
            int sessions = random.nextInt(6);
            String device = pick(random, DEVICES);
            int places = 1 + (random.nextInt(10) == 0 ? 3 : random.nextInt(2));
            for (int e = 0; e < sessions; e++) {
                rows.add(event(++eventNo, i, "session", random.nextInt(60), random,
                        "10." + i % 250 + "." + random.nextInt(places) + ".7", device, random.nextInt(4) == 0 ? "kids" : "movies"));
            }
            if (random.nextInt(3) == 0) {
                for (int month = 0; month < 1 + random.nextInt(6); month++) {
                    rows.add(event(++eventNo, i, "payment", month * 30 + random.nextInt(5), random, "", "", ""));
                }
            }
        }
        return rows;
    }

    private String[] event(int eventNo, int customer, String type, int daysAgo, Random random, String ip, String device, String content) {
        String at = asOf.minusDays(daysAgo).atTime(LocalTime.of(random.nextInt(24), random.nextInt(60))).atOffset(ZoneOffset.UTC).toString();
        return new String[]{"E" + eventNo, id(customer), type, at, ip, device, content};
    }

    private static String id(int i) {
        return String.format("C%05d", i);
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
