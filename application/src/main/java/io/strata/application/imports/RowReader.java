package io.strata.application.imports;

import java.util.List;

/** Turns a raw row of one entity into its validated form, or says every way in which it is wrong. */
interface RowReader<T> {

    Result<T> read(SourceRow row);

    /** The key of the unit a row belongs to (an order), read without checking the row; {@code null} when rows are units. */
    default String unitOf(SourceRow row) {
        return null;
    }

    /** {@code unit}: for an invalid row, the key of the unit it belongs to (an order), when it can be read. */
    record Result<T>(T value, List<RowError> errors, String unit) {

        static <T> Result<T> valid(T value) {
            return new Result<>(value, List.of(), null);
        }

        static <T> Result<T> invalid(List<RowError> errors) {
            return new Result<>(null, List.copyOf(errors), null);
        }

        static <T> Result<T> invalid(List<RowError> errors, String unit) {
            return new Result<>(null, List.copyOf(errors), unit);
        }

        boolean isValid() {
            return errors.isEmpty();
        }
    }
}
