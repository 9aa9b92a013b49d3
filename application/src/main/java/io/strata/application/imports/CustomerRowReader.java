package io.strata.application.imports;

import io.strata.domain.customer.CustomerId;
import io.strata.domain.customer.FieldType;
import io.strata.domain.customer.InvalidCustomerData;
import io.strata.domain.customer.ProfileField;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** customer_id is required; the contract's profile fields are typed; every other column is an attribute. */
final class CustomerRowReader implements RowReader<CustomerUpsert> {

    static final int MAX_ATTRIBUTE_LENGTH = 2000;
    static final int MAX_ATTRIBUTES_PER_FILE = 10_000;
    private static final ProfileField[] FIELDS = ProfileField.values();

    private SourceHeader lastHeader;
    private List<AttributeColumns.Attribute> lastAttributes;
    /** The distinct attribute names of the file so far: bounded, so what is learnt about them stays small. */
    private final Set<String> attributeNames = new java.util.HashSet<>();

    private final AcceptedDates dates;

    CustomerRowReader(java.util.Optional<SourceHeader> fixedHeader, AcceptedDates dates) {
        this.dates = dates;
        fixedHeader.ifPresent(header -> {
            if (!header.has(AttributeColumns.CUSTOMER_ID)) {
                throw new UnreadableInput(1, AttributeColumns.CUSTOMER_ID,
                        "the header has no column customer_id; a customers file needs it (columns found: " + header.columns() + ")");
            }
            try {
                attributesOf(header);
            } catch (IllegalArgumentException e) {
                throw new UnreadableInput(1, null, e.getMessage());
            }
        });
    }

    @Override
    public Result<CustomerUpsert> read(SourceRow row) {
        List<RowError> errors = new ArrayList<>(0);
        String id = new Cells(row, errors, dates).required(AttributeColumns.CUSTOMER_ID, Integer.MAX_VALUE);
        if (id != null) {
            try {
                new CustomerId(id);
            } catch (InvalidCustomerData e) {
                errors.add(new RowError(row.line(), AttributeColumns.CUSTOMER_ID, id, e.getMessage()));
            }
        }
        String[] profile = new String[FIELDS.length];
        int present = 0;
        for (ProfileField field : FIELDS) {
            String raw = row.get(field.column());
            if (raw == null) {
                continue;
            }
            present |= 1 << field.ordinal();
            try {
                String canonical = field.canonical(raw);
                String refusal = canonical != null && field.type() == FieldType.DATE
                        ? dates.refusal(java.time.LocalDate.parse(canonical), raw) : null;
                if (refusal != null) {
                    errors.add(new RowError(row.line(), field.column(), raw, refusal));
                }
                profile[field.ordinal()] = canonical;
            } catch (InvalidCustomerData e) {
                errors.add(new RowError(row.line(), field.column(), raw, e.getMessage()));
            }
        }
        Map<String, String> attributes = new HashMap<>();
        try {
            for (AttributeColumns.Attribute attribute : attributesOf(row.header())) {
                String value = row.get(attribute.column());
                if (value != null && CustomerId.characters(value) > MAX_ATTRIBUTE_LENGTH) {
                    errors.add(new RowError(row.line(), attribute.column(), value, attribute.column() + " has "
                            + CustomerId.characters(value) + " characters; at most " + MAX_ATTRIBUTE_LENGTH + " are allowed"));
                }
                attributes.put(attribute.name(), value == null || value.isEmpty() ? null : value);
            }
        } catch (IllegalArgumentException e) {
            errors.add(new RowError(row.line(), null, null, e.getMessage()));
        }
        for (String name : attributes.keySet()) {
            if (!attributeNames.contains(name)) {
                if (attributeNames.size() == MAX_ATTRIBUTES_PER_FILE) {
                    errors.add(new RowError(row.line(), name, null, "this row brings a " + (MAX_ATTRIBUTES_PER_FILE + 1)
                            + "th custom attribute into the file; one file may carry at most " + MAX_ATTRIBUTES_PER_FILE
                            + " distinct attributes, so split it or drop columns that are not attributes"));
                    break;
                }
                attributeNames.add(name);
            }
        }
        if (!errors.isEmpty()) {
            return Result.invalid(errors);
        }
        return Result.valid(new CustomerUpsert(row.line(), id, profile, present, attributes));
    }

    private List<AttributeColumns.Attribute> attributesOf(SourceHeader header) {
        if (header != lastHeader) {
            lastAttributes = AttributeColumns.of(header.columns(), Set.of());
            lastHeader = header;
        }
        return lastAttributes;
    }
}
