package io.quiver.domain.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.domain.error.AlreadyExistsException;
import io.quiver.domain.error.NotFoundException;
import io.quiver.domain.error.ValidationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AliasTableTest {

    private static final Set<String> COLLECTIONS = Set.of("books", "films");

    private static AliasOperation create(String collection, String alias) {
        return new AliasOperation.Create(collection, alias);
    }

    private static AliasOperation delete(String alias) {
        return new AliasOperation.Delete(alias);
    }

    private static AliasOperation rename(String from, String to) {
        return new AliasOperation.Rename(from, to);
    }

    private static AliasTable table(String... aliasCollectionPairs) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < aliasCollectionPairs.length; i += 2) {
            m.put(aliasCollectionPairs[i], aliasCollectionPairs[i + 1]);
        }
        return new AliasTable(m);
    }

    @Test
    void createAddsAnAliasToAnExistingCollection() {
        AliasTable next = AliasTable.EMPTY.apply(List.of(create("books", "library")), COLLECTIONS);

        assertThat(next.target("library")).isEqualTo("books");
        assertThat(next.all()).containsExactly(new Alias("library", "books"));
        assertThat(AliasTable.EMPTY.aliases()).isEmpty();
    }

    @Test
    void createForAMissingCollectionIsNotFound() {
        assertThatThrownBy(() -> AliasTable.EMPTY.apply(List.of(create("songs", "music")), COLLECTIONS))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("Collection `songs` doesn't exist!");
    }

    @Test
    void anAliasCannotTakeACollectionsName() {
        assertThatThrownBy(() -> AliasTable.EMPTY.apply(List.of(create("books", "films")), COLLECTIONS))
                .isInstanceOf(AlreadyExistsException.class)
                .hasMessage("Collection with name `films` already exists!");
    }

    @Test
    void createRepointsAnExistingAliasSoThatASwapNeedsNoDelete() {
        AliasTable before = table("current", "books");

        AliasTable after = before.apply(List.of(create("films", "current")), COLLECTIONS);

        assertThat(after.target("current")).isEqualTo("films");
        assertThat(before.target("current")).isEqualTo("books");
    }

    @Test
    void deleteRemovesAnAlias() {
        AliasTable after = table("a", "books", "b", "books").apply(List.of(delete("a")), COLLECTIONS);

        assertThat(after.aliases()).isEqualTo(Map.of("b", "books"));
    }

    @Test
    void deletingAMissingAliasIsNotFound() {
        assertThatThrownBy(() -> AliasTable.EMPTY.apply(List.of(delete("ghost")), COLLECTIONS))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("Alias ghost does not exists!");
    }

    @Test
    void renameMovesTheAliasToItsNewNameKeepingTheTarget() {
        AliasTable after = table("old", "films").apply(List.of(rename("old", "new")), COLLECTIONS);

        assertThat(after.aliases()).isEqualTo(Map.of("new", "films"));
    }

    @Test
    void renamingAMissingAliasIsNotFound() {
        assertThatThrownBy(() -> table("a", "books").apply(List.of(rename("b", "c")), COLLECTIONS))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("Alias b does not exists!");
    }

    @Test
    void renamingOntoACollectionNameIsRejected() {
        assertThatThrownBy(() -> table("a", "books").apply(List.of(rename("a", "films")), COLLECTIONS))
                .isInstanceOf(AlreadyExistsException.class)
                .hasMessage("Collection with name `films` already exists!");
    }

    @Test
    void renamingOntoAnotherAliasReplacesIt() {
        AliasTable after = table("a", "books", "b", "films").apply(List.of(rename("a", "b")), COLLECTIONS);

        assertThat(after.aliases()).isEqualTo(Map.of("b", "books"));
    }

    @Test
    void operationsApplyInOrderSeeingEachOthersEffects() {
        AliasTable after = AliasTable.EMPTY.apply(List.of(
                create("books", "tmp"),
                rename("tmp", "reading"),
                create("films", "watching"),
                delete("watching"),
                create("films", "cinema")), COLLECTIONS);

        assertThat(after.aliases()).isEqualTo(Map.of("reading", "books", "cinema", "films"));
    }

    @Test
    void aFailingOperationLeavesTheTableUnchanged() {
        AliasTable before = table("keep", "books");

        assertThatThrownBy(() -> before.apply(List.of(
                create("films", "added"),
                delete("keep"),
                delete("never-existed")), COLLECTIONS))
                .isInstanceOf(NotFoundException.class);

        assertThat(before.aliases()).isEqualTo(Map.of("keep", "books"));
        assertThat(before.target("added")).isNull();
    }

    @Test
    void anEmptyListOfOperationsGivesAnEqualTable() {
        AliasTable before = table("a", "books");

        assertThat(before.apply(List.of(), COLLECTIONS)).isEqualTo(before);
    }

    @Test
    void withoutCollectionDropsEveryAliasOfThatCollectionOnly() {
        AliasTable t = table("a", "books", "b", "books", "c", "films");

        assertThat(t.withoutCollection("books").aliases()).isEqualTo(Map.of("c", "films"));
        assertThat(t.withoutCollection("nothing")).isEqualTo(t);
        assertThat(t.aliases()).hasSize(3);
    }

    @Test
    void aliasesAreListedInNameOrderAndByCollection() {
        AliasTable t = table("zeta", "books", "alpha", "films", "mid", "books");

        assertThat(t.all()).containsExactly(
                new Alias("alpha", "films"), new Alias("mid", "books"), new Alias("zeta", "books"));
        assertThat(t.of("books")).containsExactly(new Alias("mid", "books"), new Alias("zeta", "books"));
        assertThat(t.of("none")).isEmpty();
    }

    @Test
    void theTableIsACopyAndCannotBeModified() {
        Map<String, String> source = new HashMap<>(Map.of("a", "books"));
        AliasTable t = new AliasTable(source);
        source.put("b", "films");

        assertThat(t.aliases()).containsOnlyKeys("a");
        assertThatThrownBy(() -> t.aliases().put("c", "books")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void operationsValidateTheirNamesWithThePathOfTheField() {
        assertThatThrownBy(() -> new AliasOperation.Create("books", "bad/name"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("create_alias.alias_name: collection name cannot contain \"/\" char");
        assertThatThrownBy(() -> new AliasOperation.Create("", "ok"))
                .hasMessage("create_alias.collection_name: length 0 invalid, must be from 1 to 255 characters");
        assertThatThrownBy(() -> new AliasOperation.Delete("a:b"))
                .hasMessage("delete_alias.alias_name: collection name cannot contain \":\" char");
        assertThatThrownBy(() -> new AliasOperation.Rename("ok", "a*b"))
                .hasMessage("rename_alias.new_alias_name: collection name cannot contain \"*\" char");
        assertThatThrownBy(() -> new AliasOperation.Rename(null, "ok"))
                .hasMessage("rename_alias.old_alias_name: length 0 invalid, must be from 1 to 255 characters");
    }
}
