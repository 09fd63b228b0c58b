package io.quiver.adapter.out.storage.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.quiver.adapter.out.storage.mvstore.MvStoreCollectionCatalog;
import io.quiver.application.port.out.CollectionCatalogPort;
import io.quiver.application.port.out.CollectionCatalogPortContract;
import io.quiver.domain.collection.AliasOperation;
import io.quiver.domain.collection.AliasTable;
import io.quiver.domain.collection.CollectionConfig;
import io.quiver.domain.collection.CollectionConfigMother;
import io.quiver.domain.collection.CollectionConfigReader;
import io.quiver.domain.payload.PayloadMother;
import io.quiver.domain.vector.Distance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on an open store, again with a close-and-reopen before every read, plus restart cases. */
class MvStoreCollectionCatalogTest extends CollectionCatalogPortContract {

    @TempDir
    Path dir;

    @Override
    protected CollectionCatalogPort newCatalog() {
        return new MvStoreCollectionCatalog(dir);
    }

    /** Every contract case, reading through a freshly opened store: what was written survived the close. */
    @Nested
    class ReadAfterReopen extends CollectionCatalogPortContract {

        @TempDir
        Path reopenDir;

        @Override
        protected CollectionCatalogPort newCatalog() {
            return new MvStoreCollectionCatalog(reopenDir);
        }

        @Override
        protected CollectionCatalogPort reopen(CollectionCatalogPort current) {
            ((MvStoreCollectionCatalog) current).close();
            return new MvStoreCollectionCatalog(reopenDir);
        }
    }

    @Nested
    class Restarts {

        @TempDir
        Path storage;

        @Test
        void collectionsAndAliasesSurviveCloseAndReopen() {
            CollectionConfig patched = CollectionConfigMother.everything().update(CollectionConfigReader.readUpdate(
                    PayloadMother.json("{\"metadata\": {\"team\": null, \"owner\": \"me\"}}")));
            try (MvStoreCollectionCatalog first = new MvStoreCollectionCatalog(storage)) {
                first.saveCollection("books", CollectionConfigMother.single());
                first.saveCollection("films", patched);
                first.saveAliases(new AliasTable(Map.of("library", "books", "cinema", "films")));
            }

            try (MvStoreCollectionCatalog second = new MvStoreCollectionCatalog(storage)) {
                assertThat(second.loadCollections())
                        .containsExactly(Map.entry("books", CollectionConfigMother.single()), Map.entry("films", patched));
                assertThat(second.loadAliases().aliases()).isEqualTo(Map.of("library", "books", "cinema", "films"));
            }
        }

        @Test
        void deleteRemovesTheCollectionAndItsAliasesTogetherAcrossARestart() {
            AliasTable aliases = AliasTable.EMPTY.apply(List.of(
                    new AliasOperation.Create("books", "library"),
                    new AliasOperation.Create("books", "reading"),
                    new AliasOperation.Create("films", "cinema")), Set.of("books", "films"));
            try (MvStoreCollectionCatalog first = new MvStoreCollectionCatalog(storage)) {
                first.saveCollection("books", CollectionConfigMother.single());
                first.saveCollection("films", CollectionConfigMother.sparse());
                first.saveAliases(aliases);
                first.deleteCollection("books", aliases.withoutCollection("books"));
            }

            try (MvStoreCollectionCatalog second = new MvStoreCollectionCatalog(storage)) {
                assertThat(second.loadCollections()).containsOnlyKeys("films");
                assertThat(second.loadAliases().aliases()).isEqualTo(Map.of("cinema", "films"));
            }
        }

        @Test
        void theLastWriteWinsAcrossManyRestarts() {
            for (int round = 1; round <= 5; round++) {
                try (MvStoreCollectionCatalog catalog = new MvStoreCollectionCatalog(storage)) {
                    assertThat(catalog.loadCollections()).hasSize(round - 1);
                    catalog.saveCollection("c" + round, CollectionConfigMother.single(round, Distance.DOT));
                }
            }

            try (MvStoreCollectionCatalog catalog = new MvStoreCollectionCatalog(storage)) {
                assertThat(catalog.loadCollections().get("c5").params().vectors().find("").orElseThrow().size())
                        .isEqualTo(5);
            }
        }

        @Test
        void createsItsFolderAndOneCatalogFileInIt() {
            Path nested = storage.resolve("deep/er/storage");

            try (MvStoreCollectionCatalog catalog = new MvStoreCollectionCatalog(nested)) {
                catalog.saveCollection("books", CollectionConfigMother.single());
            }

            assertThat(nested.resolve("catalog.mv.db")).isRegularFile();
            assertThat(Files.isDirectory(nested)).isTrue();
        }

        @Test
        void closingTwiceIsHarmless() {
            MvStoreCollectionCatalog catalog = new MvStoreCollectionCatalog(storage);
            catalog.close();

            assertThatCode(catalog::close).doesNotThrowAnyException();
        }
    }
}
