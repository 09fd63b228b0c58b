package io.quiver.domain.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.quiver.domain.error.ValidationException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CollectionNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "my_collection", "with-dash.and.dots", "with space", "Ünïcødé", "數據", "emoji🙂",
            "semi;colon", "percent%", "#hash", "new\nline"})
    void acceptsNamesWithoutForbiddenCharacters(String name) {
        assertThat(new CollectionName(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<", ">", ":", "\"", "/", "\\", "|", "?", "*", "\0", "\u001F"})
    void rejectsEachOfQdrantsForbiddenCharacters(String forbidden) {
        assertThatThrownBy(() -> new CollectionName("pre" + forbidden + "post"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("collection_name: collection name cannot contain \"" + forbidden + "\" char");
    }

    @Test
    void reportsTheFirstForbiddenCharacter() {
        assertThatThrownBy(() -> new CollectionName("a?b/c"))
                .hasMessage("collection_name: collection name cannot contain \"?\" char");
    }

    @Test
    void mustNotBeEmptyOrNull() {
        assertThatThrownBy(() -> new CollectionName(""))
                .isInstanceOf(ValidationException.class)
                .hasMessage("collection_name: length 0 invalid, must be from 1 to 255 characters");
        assertThatThrownBy(() -> new CollectionName(null))
                .isInstanceOf(ValidationException.class)
                .hasMessage("collection_name: length 0 invalid, must be from 1 to 255 characters");
    }

    @Test
    void mayBe255CharactersButNotMore() {
        assertThat(new CollectionName("x".repeat(255)).value()).hasSize(255);
        assertThatThrownBy(() -> new CollectionName("x".repeat(256)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("collection_name: length 256 invalid, must be from 1 to 255 characters");
    }

    @Test
    void checkReportsTheGivenFieldName() {
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> CollectionName.check("alias_name", "x|y"));

        assertThat(e.violations()).containsExactly(
                new ValidationException.Violation("alias_name", "collection name cannot contain \"|\" char"));
    }

    @Test
    void ordersAndPrintsByValue() {
        List<CollectionName> names = new ArrayList<>(List.of(new CollectionName("b"), new CollectionName("B"),
                new CollectionName("a")));
        names.sort(null);

        assertThat(names).extracting(CollectionName::toString).containsExactly("B", "a", "b");
        assertThat(new CollectionName("x")).isEqualTo(new CollectionName("x"));
    }

    @Test
    void aliasRecordsValidateBothNames() {
        assertThatThrownBy(() -> new Alias("ok", "no>pe"))
                .hasMessage("collection_name: collection name cannot contain \">\" char");
        assertThatThrownBy(() -> new Alias("", "ok"))
                .hasMessage("alias_name: length 0 invalid, must be from 1 to 255 characters");
    }
}
