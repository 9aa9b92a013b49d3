package io.strata.adapters.persistence.imports;

import io.strata.application.imports.OrderLineRow;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The order lines of an import as <em>runs</em>: consecutive lines (by line number) with the same order, customer and
 * time (as written) form one run, summed up here and handed on when it ends. Most orders are one run, so the database
 * never groups lines. A run is marked {@code repeated} when its order may have been seen before in the file (it comes
 * back later, or its lines disagree on customer or time): only such orders need the check in SQL.
 */
final class LineRuns {

    /**
     * One run of lines of an order, or a marker ({@code leftOut}) saying the order had an invalid line in lenient mode
     * and must be left out whole; a marker has no key, customer, time, total or categories. {@code categories} are the
     * distinct non-empty categories of the run's lines, in the order they first came; {@code digestHigh} and
     * {@code digestLow} the {@link LineDigest} of its lines.
     */
    record Run(long key, String orderId, String customerId, Instant orderedAt, String orderedAtText, BigDecimal total, int lines,
               long firstLine, boolean repeated, boolean leftOut, Set<String> categories, long digestHigh, long digestLow) {

        static Run leftOut(String orderId) {
            return new Run(0, orderId, null, null, null, null, 0, 0, true, true, null, 0, 0);
        }

        /**
         * The categories as a PostgreSQL array literal, every element quoted (so commas, braces, blanks and the word
         * NULL stay text); NULL for a marker.
         */
        String categoriesLiteral() {
            if (categories == null) {
                return null;
            }
            StringBuilder literal = new StringBuilder(2 + 12 * categories.size()).append('{');
            for (String category : categories) {
                if (literal.length() > 1) {
                    literal.append(',');
                }
                literal.append('"');
                for (int i = 0; i < category.length(); i++) {
                    char c = category.charAt(i);
                    if (c == '"' || c == '\\') {
                        literal.append('\\');
                    }
                    literal.append(c);
                }
                literal.append('"');
            }
            return literal.append('}').toString();
        }
    }

    private final LongSupplier keys;
    private final Consumer<Run> ended;
    private final SeenIds seen = new SeenIds();
    private final LineDigest digest = new LineDigest();

    private String order;
    private String customer;
    private Instant orderedAt;
    private String orderedAtText;
    private long key;
    private long firstLine;
    private long lastLine;
    private int lines;
    private BigDecimal total;
    private Set<String> categories;
    private boolean repeated;

    /** Each new run takes its order key from {@code keys}; each ended run (and each marker) goes to {@code ended}. */
    LineRuns(LongSupplier keys, Consumer<Run> ended) {
        this.keys = keys;
        this.ended = ended;
    }

    /** Adds the next line of the file: to the current run, or as the first of a new one. */
    void add(OrderLineRow row) {
        boolean sameRun = row.orderId().equals(order) && row.customerId().equals(customer)
                && row.orderedAtText().equals(orderedAtText) && row.line() == lastLine + 1;
        if (sameRun) {
            lines++;
            lastLine = row.line();
            total = total.add(row.amount());
            addCategory(row.category());
            digest.addLine(row.amount(), row.quantity(), row.category(), row.sku(), row.channel());
        } else {
            boolean continuesOrder = row.orderId().equals(order);
            end();
            order = row.orderId();
            customer = row.customerId();
            orderedAt = row.orderedAt();
            orderedAtText = row.orderedAtText();
            key = keys.getAsLong();
            firstLine = row.line();
            lastLine = row.line();
            lines = 1;
            total = row.amount();
            categories = new LinkedHashSet<>(4);
            addCategory(row.category());
            digest.reset();
            digest.addLine(row.amount(), row.quantity(), row.category(), row.sku(), row.channel());
            repeated = seen.addAndCheck(row.orderId()) || continuesOrder;
        }
    }

    /** Empty text is a missing category, as rules read it: never kept. */
    private void addCategory(String category) {
        if (category != null && !category.isEmpty()) {
            categories.add(category);
        }
    }

    /** The order key of the last line added. */
    long key() {
        return key;
    }

    /** The number of the last line added within its run, from 1. */
    int lineInRun() {
        return lines;
    }

    /** A line of this order was invalid (lenient mode): a marker lets the check leave the whole order out. */
    void leaveOut(String orderId) {
        seen.addAndCheck(orderId);
        ended.accept(Run.leftOut(orderId));
    }

    /**
     * The bound of an order's total (numeric(19,4), the orders table's): each line's amount is within it, their sum
     * may not be. A run past it goes to the check in SQL ({@link MultiRunOrders}), which refuses its order line by line
     * (it was a 503 "a problem on Strata's side" when the stage or the orders table overflowed: session 59).
     */
    static final BigDecimal TOTAL_BOUND = BigDecimal.TEN.pow(15);

    /** Ends the current run, if any; the next line starts a new one. */
    void end() {
        if (order != null) {
            boolean check = repeated || total.abs().compareTo(TOTAL_BOUND) >= 0;
            ended.accept(new Run(key, order, customer, orderedAt, orderedAtText, total, lines, firstLine, check, false, categories,
                    digest.high(), digest.low()));
            order = null;
        }
    }
}
