package io.quiver.domain.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadDateTimeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2023-02-08T10:49:00Z           | 2023-02-08T10:49:00Z",
            "2023-02-08t10:49:00z           | 2023-02-08T10:49:00Z",
            "2023-02-08T10:49:00+01:00      | 2023-02-08T09:49:00Z",
            "2023-02-08T10:49:00-09:30      | 2023-02-08T20:19:00Z",
            "2023-02-08 10:49:00-0900       | 2023-02-08T19:49:00Z",
            "2023-02-08T10:49:00+01         | 2023-02-08T09:49:00Z",
            "2023-02-08 10:49:00 +01:00     | 2023-02-08T09:49:00Z",
            "2023-02-08 10:49:00 UTC        | 2023-02-08T10:49:00Z",
            "2023-02-08T10:49:00.123456Z    | 2023-02-08T10:49:00.123456Z",
            "2023-02-08T10:49:00            | 2023-02-08T10:49:00Z",
            "2023-02-08T10:49:00.12         | 2023-02-08T10:49:00.120Z",
            "2023-02-08 10:49:00            | 2023-02-08T10:49:00Z",
            "2023-02-08 10:49:00.5          | 2023-02-08T10:49:00.500Z",
            "2023-02-08 10:49               | 2023-02-08T10:49:00Z",
            "2023-02-08                     | 2023-02-08T00:00:00Z",
    })
    void readsTheSpellingsQdrantAccepts(String text, String expected) {
        assertThat(PayloadDateTime.parse(text)).contains(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-08T10:49", "2023-02-08Z", "2023-02-08 10:49+01:00", "2023-13-01",
            "2023-02-30", "2023-02-08T25:00:00Z", "2023-02-08T10:49:00+24:00", "yesterday", "", "1675853340",
            "2023-02-08T10:49:00ZZ"})
    void rejectsEverythingElse(String text) {
        assertThat(PayloadDateTime.parse(text)).isEmpty();
    }
}
