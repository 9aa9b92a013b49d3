package io.strata.application.imports;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerRowReaderTest {

    private static SourceRow row(long line, String attribute) {
        return new SourceRow(line, new SourceHeader(List.of("customer_id", attribute)), new String[]{"C" + line, "x"});
    }

    @Test
    void oneFileMayCarryAtMostTenThousandDistinctAttributes() {
        CustomerRowReader reader = new CustomerRowReader(Optional.empty(), AcceptedDates.at(java.time.Instant.parse("2026-01-01T00:00:00Z")));
        for (int i = 1; i <= CustomerRowReader.MAX_ATTRIBUTES_PER_FILE; i++) {
            assertThat(reader.read(row(i, "a" + i)).isValid()).as("row %d", i).isTrue();
        }

        RowReader.Result<CustomerUpsert> tooMany = reader.read(row(20_000, "one_more"));
        RowReader.Result<CustomerUpsert> known = reader.read(row(20_001, "a17"));

        assertThat(tooMany.isValid()).isFalse();
        assertThat(tooMany.errors()).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(20_000);
            assertThat(error.column()).isEqualTo("one_more");
            assertThat(error.message()).contains("at most 10000 distinct attributes");
        });
        assertThat(known.isValid()).as("an attribute the file already has is still fine").isTrue();
    }

    @Test
    void birthAndSignupDatesBefore1900OrInTheFutureAreRefusedAsSent() {
        CustomerRowReader reader = new CustomerRowReader(Optional.empty(), AcceptedDates.at(java.time.Instant.parse("2026-01-01T00:00:00Z")));
        SourceHeader header = new SourceHeader(List.of("customer_id", "birth_date", "signup_date"));

        RowReader.Result<CustomerUpsert> future = reader.read(new SourceRow(2, header, new String[]{"C1", "2030-05-01", "+10000-01-01"}));
        RowReader.Result<CustomerUpsert> tooOld = reader.read(new SourceRow(3, header, new String[]{"C2", "0000-01-01", "1899-12-31"}));
        RowReader.Result<CustomerUpsert> fine = reader.read(new SourceRow(4, header, new String[]{"C3", "1900-01-01", "2026-01-02"}));

        assertThat(future.errors()).extracting(RowError::column, RowError::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("birth_date", "2030-05-01"), org.assertj.core.groups.Tuple.tuple("signup_date", "+10000-01-01"));
        assertThat(future.errors().get(0).message()).contains("outside the accepted dates: from 1900-01-01");
        assertThat(tooOld.errors()).extracting(RowError::value).containsExactly("0000-01-01", "1899-12-31");
        assertThat(fine.isValid()).isTrue();
    }
}
