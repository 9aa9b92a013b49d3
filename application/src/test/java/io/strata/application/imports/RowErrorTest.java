package io.strata.application.imports;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowErrorTest {

    @Test
    void aValueOfMoreThan200CharactersIsKeptAsItsFirst200AndACutMarkWithItsLength() {
        RowError error = new RowError(2, "city", "c".repeat(1_000_000), "too long");

        assertThat(error.value()).isEqualTo("c".repeat(200) + "…");
        assertThat(error.valueCut()).isTrue();
        assertThat(error.valueLength()).isEqualTo(1_000_000);
    }

    @Test
    void aValueOf200CharactersIsKeptWholeEvenWhenItEndsInTheCutMark() {
        String value = "c".repeat(199) + "…";
        RowError error = new RowError(2, "city", value, "m");

        assertThat(error.value()).isEqualTo(value);
        assertThat(error.valueCut()).isFalse();
        assertThat(error.valueLength()).isEqualTo(200);
    }

    @Test
    void aMessageQuotingACutValueQuotesTheCutOneAndAnyMessageIsAtMost1000Characters() {
        String value = "9".repeat(5000);

        assertThat(new RowError(2, "birth_date", value, "'" + value + "' is not a date").message())
                .isEqualTo("'" + "9".repeat(200) + "…' is not a date");
        assertThat(new RowError(2, null, null, "m".repeat(5000)).message()).isEqualTo("m".repeat(1000) + "…");
    }

    @Test
    void aCharacterOutsideTheBasicPlaneCountsOnceAndIsNeverSplit() {
        String value = "😀".repeat(300);

        RowError error = new RowError(2, "city", value, "m");

        assertThat(error.value()).isEqualTo("😀".repeat(200) + "…");
        assertThat(error.valueLength()).isEqualTo(300);
    }

    @Test
    void anErrorReadBackAsStoredIsNotCutAgain() {
        RowError found = new RowError(2, "city", "c".repeat(300), "'" + "c".repeat(300) + "' is wrong");

        RowError stored = new RowError(found.line(), found.column(), found.value(), found.message(), found.valueLength());

        assertThat(stored).isEqualTo(found);
    }

    @Test
    void aValueLongerThanTheCutCannotBeStoredWhole() {
        assertThatThrownBy(() -> new RowError(2, "city", "c".repeat(300), "m", 300)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RowError(2, "city", "c", "m", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
