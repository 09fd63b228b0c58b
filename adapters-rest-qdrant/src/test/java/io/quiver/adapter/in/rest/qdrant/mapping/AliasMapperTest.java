package io.quiver.adapter.in.rest.qdrant.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import io.quiver.domain.collection.Alias;
import io.quiver.domain.collection.AliasOperation;
import io.quiver.domain.error.MalformedInputException;
import io.quiver.domain.error.ValidationException;
import io.quiver.domain.payload.PayloadMother;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AliasMapperTest {

    private static List<AliasOperation> read(String json) {
        return AliasMapper.readActions(PayloadMother.json(json));
    }

    @Test
    void readsEachKindOfAction() {
        List<AliasOperation> operations = read("""
                {"actions": [
                  {"create_alias": {"collection_name": "books", "alias_name": "library"}},
                  {"delete_alias": {"alias_name": "old"}},
                  {"rename_alias": {"old_alias_name": "a", "new_alias_name": "b"}}]}""");

        assertThat(operations).containsExactly(
                new AliasOperation.Create("books", "library"),
                new AliasOperation.Delete("old"),
                new AliasOperation.Rename("a", "b"));
    }

    @Test
    void keepsTheOrderOfTheActions() {
        assertThat(read("""
                {"actions": [{"delete_alias": {"alias_name": "x"}}, {"create_alias":
                  {"collection_name": "c", "alias_name": "x"}}, {"delete_alias": {"alias_name": "y"}}]}"""))
                .extracting(op -> op.getClass().getSimpleName())
                .containsExactly("Delete", "Create", "Delete");
    }

    @Test
    void anEmptyListIsNoOperations() {
        assertThat(read("{\"actions\": []}")).isEmpty();
    }

    @Test
    void unknownFieldsInsideAnActionAreIgnored() {
        assertThat(read("{\"actions\": [{\"delete_alias\": {\"alias_name\": \"x\", \"extra\": 1}}], \"timeout\": 5}"))
                .containsExactly(new AliasOperation.Delete("x"));
    }

    @Test
    void actionsAreRequiredAndMustBeAList() {
        assertThatThrownBy(() -> read("{}"))
                .isInstanceOf(MalformedInputException.class)
                .hasMessage("missing field `actions`");
        assertThatThrownBy(() -> read("{\"actions\": null}"))
                .isInstanceOf(MalformedInputException.class)
                .hasMessage("missing field `actions`");
        assertThatThrownBy(() -> read("{\"actions\": {\"create_alias\": {}}}"))
                .isInstanceOf(MalformedInputException.class)
                .hasMessage("actions: invalid type: map, expected a sequence");
    }

    @Test
    void eachActionMustBeAnObjectWithExactlyOneKind() {
        assertThatThrownBy(() -> read("{\"actions\": [\"create_alias\"]}"))
                .isInstanceOf(MalformedInputException.class)
                .hasMessage("actions[0]: invalid type: string \"create_alias\", expected a map");
        assertThatThrownBy(() -> read("{\"actions\": [{}]}"))
                .isInstanceOf(MalformedInputException.class)
                .hasMessage("actions[0]: expected exactly one of `create_alias`, `delete_alias`, `rename_alias`");
        assertThatThrownBy(() -> read("""
                {"actions": [{"delete_alias": {"alias_name": "a"}},
                             {"delete_alias": {"alias_name": "b"}, "rename_alias": {}}]}"""))
                .isInstanceOf(MalformedInputException.class)
                .hasMessage("actions[1]: expected exactly one of `create_alias`, `delete_alias`, `rename_alias`");
    }

    @Test
    void anUnknownKindIsAnUnknownVariant() {
        assertThatThrownBy(() -> read("{\"actions\": [{\"move_alias\": {}}]}"))
                .isInstanceOf(MalformedInputException.class)
                .hasMessage("actions[0]: unknown variant `move_alias`, expected one of "
                        + "`create_alias`, `delete_alias`, `rename_alias`");
    }

    @Test
    void anActionsBodyMustBeAnObject() {
        assertThatThrownBy(() -> read("{\"actions\": [{\"create_alias\": null}]}"))
                .isInstanceOf(MalformedInputException.class)
                .hasMessage("actions[0].create_alias: invalid type: null, expected a map");
        assertThatThrownBy(() -> read("{\"actions\": [{\"delete_alias\": \"x\"}]}"))
                .isInstanceOf(MalformedInputException.class)
                .hasMessage("actions[0].delete_alias: invalid type: string \"x\", expected a map");
    }

    @Test
    void missingOrMistypedNamesNameTheirPath() {
        assertThatThrownBy(() -> read("{\"actions\": [{\"create_alias\": {\"collection_name\": \"books\"}}]}"))
                .isInstanceOf(MalformedInputException.class)
                .hasMessage("actions[0].create_alias: missing field `alias_name`");
        assertThatThrownBy(() -> read("{\"actions\": [{\"rename_alias\": {\"old_alias_name\": \"a\", \"new_alias_name\": 5}}]}"))
                .isInstanceOf(MalformedInputException.class)
                .hasMessage("actions[0].rename_alias.new_alias_name: invalid type: integer `5`, expected a string");
    }

    @Test
    void invalidNamesAreValidationErrors() {
        assertThatThrownBy(() -> read("{\"actions\": [{\"create_alias\": {\"collection_name\": \"books\", \"alias_name\": \"a/b\"}}]}"))
                .isInstanceOf(ValidationException.class)
                .hasMessageEndingWith("create_alias.alias_name: collection name cannot contain \"/\" char");
        assertThatThrownBy(() -> read("{\"actions\": [{\"delete_alias\": {\"alias_name\": \"\"}}]}"))
                .isInstanceOf(ValidationException.class)
                .hasMessageEndingWith("delete_alias.alias_name: length 0 invalid, must be from 1 to 255 characters");
    }

    @Test
    void writesAliasListsInQdrantsShape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JsonTrees.generator(out)) {
            AliasMapper.writeAliases(g, List.of(new Alias("library", "books"), new Alias("cinema", "films")));
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"aliases\":["
                + "{\"alias_name\":\"library\",\"collection_name\":\"books\"},"
                + "{\"alias_name\":\"cinema\",\"collection_name\":\"films\"}]}");
    }

    @Test
    void writesAnEmptyAliasList() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JsonTrees.generator(out)) {
            AliasMapper.writeAliases(g, List.of());
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"aliases\":[]}");
    }
}
