package io.strata.application.imports;

import java.util.List;

/** Turns a raw row of one entity into its validated form, or says every way in which it is wrong. */
interface RowReader<T> {

    Result<T> read(SourceRow row);

    record Result<T>(T value, List<RowError> errors) {

        static <T> Result<T> valid(T value) {
            return new Result<>(value, List.of());
        }

        static <T> Result<T> invalid(List<RowError> errors) {
            return new Result<>(null, List.copyOf(errors));
        }

        boolean isValid() {
            return errors.isEmpty();
        }
    }
}
