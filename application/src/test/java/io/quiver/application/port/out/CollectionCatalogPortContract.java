package io.quiver.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.domain.collection.AliasOperation;
import io.quiver.domain.collection.AliasTable;
import io.quiver.domain.collection.CollectionConfig;
import io.quiver.domain.collection.CollectionConfigMother;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link CollectionCatalogPort} must do. An adapter's test extends this class and supplies
 * {@link #newCatalog()}; a durable adapter also overrides {@link #reopen} so that every read below goes
 * through a freshly opened catalog, which turns each case into a persistence check.
 *
 * <p>Shared with adapter modules through the application test-jar.
 */
public abstract class CollectionCatalogPortContract {

    /** A new, empty catalog. */
    protected abstract CollectionCatalogPort newCatalog();

    /**
     * The catalog as the next reader sees it. In-memory catalogs return it as it is; durable ones close it
     * and open a new one on the same storage.
     */
    protected CollectionCatalogPort reopen(CollectionCatalogPort current) {
        return current;
    }

    protected CollectionCatalogPort catalog;

    @BeforeEach
    void openCatalog() {
        catalog = newCatalog();
    }

    @AfterEach
    void closeCatalog() throws Exception {
        if (catalog instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    private Map<String, CollectionConfig> collectionsAsReadLater() {
        catalog = reopen(catalog);
        return catalog.loadCollections();
    }

    private AliasTable aliasesAsReadLater() {
        catalog = reopen(catalog);
        return catalog.loadAliases();
    }

    private static AliasTable aliases(String... aliasCollectionPairs) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < aliasCollectionPairs.length; i += 2) {
            m.put(aliasCollectionPairs[i], aliasCollectionPairs[i + 1]);
        }
        return new AliasTable(m);
    }

    static Stream<Arguments> configShapes() {
        return CollectionConfigMother.allShapes().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @Test
    void aNewCatalogHoldsNothing() {
        assertThat(collectionsAsReadLater()).isEmpty();
        assertThat(aliasesAsReadLater().aliases()).isEmpty();
    }

    @Test
    void aSavedCollectionIsLoadedWithItsConfig() {
        catalog.saveCollection("books", CollectionConfigMother.single());

        assertThat(collectionsAsReadLater()).containsExactly(Map.entry("books", CollectionConfigMother.single()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.quiver.application.port.out.CollectionCatalogPortContract#configShapes")
    void everyConfigShapeIsLoadedUnchanged(String shape, CollectionConfig config) {
        catalog.saveCollection("c", config);

        assertThat(collectionsAsReadLater().get("c")).isEqualTo(config);
    }

    @Test
    void savingUnderTheSameNameReplacesTheConfig() {
        catalog.saveCollection("books", CollectionConfigMother.single());
        catalog.saveCollection("books", CollectionConfigMother.withMetadata());

        assertThat(collectionsAsReadLater()).containsExactly(Map.entry("books", CollectionConfigMother.withMetadata()));
    }

    @Test
    void collectionsAreLoadedInNameOrder() {
        for (String name : List.of("delta", "Alpha", "charlie", "bravo", "alpha")) {
            catalog.saveCollection(name, CollectionConfigMother.single());
        }

        assertThat(collectionsAsReadLater().keySet()).containsExactly("Alpha", "alpha", "bravo", "charlie", "delta");
    }

    @ParameterizedTest
    @ValueSource(strings = {"with space", "dots.and-dashes_", "Grüße", "數據集", "emoji🙂", "x"})
    void namesAreKeptExactly(String name) {
        catalog.saveCollection(name, CollectionConfigMother.single());
        catalog.saveAliases(aliases(name + "-alias", name));

        assertThat(collectionsAsReadLater()).containsOnlyKeys(name);
        assertThat(aliasesAsReadLater().target(name + "-alias")).isEqualTo(name);
    }

    @Test
    void manyCollectionsAreKeptApart() {
        Map<String, CollectionConfig> shapes = CollectionConfigMother.allShapes();
        shapes.forEach((shape, config) -> catalog.saveCollection(shape.replace(' ', '_'), config));

        Map<String, CollectionConfig> loaded = collectionsAsReadLater();

        assertThat(loaded).hasSize(shapes.size());
        shapes.forEach((shape, config) -> assertThat(loaded.get(shape.replace(' ', '_'))).as(shape).isEqualTo(config));
    }

    @Test
    void savedAliasesAreLoaded() {
        catalog.saveCollection("books", CollectionConfigMother.single());
        AliasTable table = aliases("library", "books", "reading", "books");

        catalog.saveAliases(table);

        assertThat(aliasesAsReadLater()).isEqualTo(table);
    }

    @Test
    void savingAliasesReplacesTheWholeTable() {
        catalog.saveAliases(aliases("a", "books", "b", "books"));
        catalog.saveAliases(aliases("b", "films", "c", "films"));

        assertThat(aliasesAsReadLater().aliases()).isEqualTo(Map.of("b", "films", "c", "films"));
    }

    @Test
    void anEmptyTableClearsEveryAlias() {
        catalog.saveAliases(aliases("a", "books"));
        catalog.saveAliases(AliasTable.EMPTY);

        assertThat(aliasesAsReadLater().aliases()).isEmpty();
    }

    @Test
    void collectionsAndAliasesAreStoredIndependently() {
        catalog.saveAliases(aliases("a", "books"));
        catalog.saveCollection("books", CollectionConfigMother.single());
        catalog.saveCollection("books", CollectionConfigMother.strict());

        assertThat(aliasesAsReadLater().aliases()).isEqualTo(Map.of("a", "books"));

        catalog.saveAliases(AliasTable.EMPTY);

        assertThat(collectionsAsReadLater()).containsOnlyKeys("books");
    }

    @Test
    void deleteRemovesTheCollectionAndStoresTheAliasesAfterInOneStep() {
        catalog.saveCollection("books", CollectionConfigMother.single());
        catalog.saveCollection("films", CollectionConfigMother.multivector());
        AliasTable before = aliases("library", "books", "reading", "books", "cinema", "films");
        catalog.saveAliases(before);

        catalog.deleteCollection("books", before.withoutCollection("books"));

        assertThat(collectionsAsReadLater()).containsExactly(Map.entry("films", CollectionConfigMother.multivector()));
        assertThat(aliasesAsReadLater().aliases()).isEqualTo(Map.of("cinema", "films"));
    }

    @Test
    void deleteStoresExactlyTheGivenTable() {
        catalog.saveCollection("books", CollectionConfigMother.single());
        catalog.saveAliases(aliases("old", "books"));
        AliasTable after = AliasTable.EMPTY.apply(
                List.of(new AliasOperation.Create("films", "fresh")), Set.of("films"));

        catalog.deleteCollection("books", after);

        assertThat(aliasesAsReadLater()).isEqualTo(after);
    }

    @Test
    void deletingAnUnknownCollectionStillStoresTheAliases() {
        catalog.saveCollection("books", CollectionConfigMother.single());
        catalog.saveAliases(aliases("a", "books"));

        catalog.deleteCollection("ghost", AliasTable.EMPTY);

        assertThat(collectionsAsReadLater()).containsOnlyKeys("books");
        assertThat(aliasesAsReadLater().aliases()).isEmpty();
    }

    @Test
    void aDeletedNameCanBeUsedAgain() {
        catalog.saveCollection("books", CollectionConfigMother.single());
        catalog.deleteCollection("books", AliasTable.EMPTY);
        catalog.saveCollection("books", CollectionConfigMother.sparse());

        assertThat(collectionsAsReadLater()).containsExactly(Map.entry("books", CollectionConfigMother.sparse()));
    }

    @Test
    void aLoadedMapIsASnapshot() {
        catalog.saveCollection("books", CollectionConfigMother.single());
        Map<String, CollectionConfig> first = catalog.loadCollections();

        catalog.saveCollection("films", CollectionConfigMother.single());
        try {
            first.remove("books");
        } catch (UnsupportedOperationException unmodifiable) {
            // an unmodifiable snapshot is just as good
        }

        assertThat(first).doesNotContainKey("films");
        assertThat(collectionsAsReadLater()).containsOnlyKeys("books", "films");
    }
}
