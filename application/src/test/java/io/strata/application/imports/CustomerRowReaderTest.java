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
        CustomerRowReader reader = new CustomerRowReader(Optional.empty());
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
}
