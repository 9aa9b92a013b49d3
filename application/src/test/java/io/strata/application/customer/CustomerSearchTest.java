package io.strata.application.customer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fragment of email or name is searched from 3 characters: below, it matches too much and PostgreSQL's trigrams
 * (which count characters) cannot serve it. Characters, not Java chars: two emoji are 2 characters, though 4 chars
 * (until session 60 they were searched as fragments).
 */
class CustomerSearchTest {

    private final List<String> asked = new ArrayList<>();
    private final CustomerSearch search = new CustomerSearch((text, fragments, limit) -> {
        asked.add(text + (fragments ? " with fragments" : " by id only"));
        return List.of();
    });

    @Test
    void fragmentsAreSearchedFromThreeCharactersCountedAsPeopleCountThem() {
        String emoji = Character.toString(0x1F600);
        search.find(emoji.repeat(2), 10);
        search.find(emoji.repeat(3), 10);
        search.find("ab", 10);
        search.find(" abc ", 10);

        assertThat(asked).containsExactly(emoji.repeat(2) + " by id only", emoji.repeat(3) + " with fragments", "ab by id only",
                "abc with fragments");
    }
}
