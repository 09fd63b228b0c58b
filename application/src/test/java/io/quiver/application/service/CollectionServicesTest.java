package io.quiver.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.quiver.application.Application;
import io.quiver.application.port.in.CreateCollectionUseCase.CreateCollectionCommand;
import io.quiver.application.port.in.UpdateAliasesUseCase.UpdateAliasesCommand;
import io.quiver.application.port.in.UpdateCollectionUseCase.UpdateCollectionCommand;
import io.quiver.application.port.out.CollectionCatalogPort;
import io.quiver.application.port.out.FakeCollectionCatalog;
import io.quiver.application.port.out.PointStore;
import io.quiver.application.port.out.PointStorePort;
import io.quiver.domain.collection.Alias;
import io.quiver.domain.collection.AliasOperation;
import io.quiver.domain.collection.AliasTable;
import io.quiver.domain.collection.CollectionConfig;
import io.quiver.domain.collection.CollectionConfigMother;
import io.quiver.domain.collection.CollectionConfigReader;
import io.quiver.domain.collection.CollectionInfo;
import io.quiver.domain.collection.CollectionName;
import io.quiver.domain.collection.CollectionUpdate;
import io.quiver.domain.collection.NewCollection;
import io.quiver.domain.collection.VectorParamsMother;
import io.quiver.domain.collection.VectorsConfig;
import io.quiver.domain.error.AlreadyExistsException;
import io.quiver.domain.error.BadInputException;
import io.quiver.domain.error.InternalException;
import io.quiver.domain.error.NotFoundException;
import io.quiver.domain.payload.PayloadMother;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.Answers;
import org.mockito.InOrder;

/**
 * The collection and alias use cases, built by {@link UseCaseFactory} over a fake catalog (the one held
 * to the port contract) and mocked point stores, which these use cases only open, close and drop.
 */
class CollectionServicesTest {

    private final FakeCollectionCatalog catalog = new FakeCollectionCatalog();
    private final PointStorePort pointStores = mock(PointStorePort.class);
    private final Map<String, PointStore> openedStores = new HashMap<>();
    private Application app;

    @BeforeEach
    void stubPointStores() {
        when(pointStores.open(anyString())).thenAnswer(invocation -> {
            PointStore store = mock(PointStore.class);
            openedStores.put(invocation.getArgument(0), store);
            return store;
        });
    }

    private Application start() {
        app = UseCaseFactory.create(ports(catalog, pointStores));
        return app;
    }

    /**
     * The ports record with the fake catalog and the point-store mock; any other outbound port (they play
     * no part in collection management) gets a Mockito mock that answers with further mocks. Built through
     * the record's canonical constructor so that adding a port does not break these tests.
     */
    static Application.Ports ports(CollectionCatalogPort catalog, PointStorePort pointStores) {
        RecordComponent[] components = Application.Ports.class.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = types[i] == CollectionCatalogPort.class ? catalog
                    : types[i] == PointStorePort.class ? pointStores
                    : mock(types[i], Answers.RETURNS_MOCKS);
        }
        try {
            return Application.Ports.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot build Application.Ports", e);
        }
    }

    private static NewCollection spec(String json) {
        return CollectionConfigReader.readCreate(PayloadMother.json(json));
    }

    private static final NewCollection SINGLE = NewCollection.of(new VectorsConfig.Single(VectorParamsMother.cosine(4)));

    private boolean create(String name, NewCollection spec) {
        return app.createCollection().create(new CreateCollectionCommand(new CollectionName(name), spec));
    }

    private boolean create(String name) {
        return create(name, SINGLE);
    }

    private boolean aliases(AliasOperation... operations) {
        return app.updateAliases().apply(new UpdateAliasesCommand(List.of(operations)));
    }

    private boolean update(String collectionOrAlias, String patchJson) {
        CollectionUpdate patch = CollectionConfigReader.readUpdate(PayloadMother.json(patchJson));
        return app.updateCollection().update(new UpdateCollectionCommand(collectionOrAlias, patch));
    }

    private static AliasOperation alias(String collection, String alias) {
        return new AliasOperation.Create(collection, alias);
    }

    @Nested
    class Create {

        @BeforeEach
        void startEmpty() {
            start();
        }

        @Test
        void createsAndPersistsThroughThePort() {
            NewCollection spec = spec("{\"vectors\": {\"size\": 8, \"distance\": \"Dot\"}, \"hnsw_config\": {\"m\": 4}}");

            assertThat(create("books", spec)).isTrue();

            assertThat(app.listCollections().list()).containsExactly("books");
            assertThat(catalog.loadCollections()).containsExactly(Map.entry("books", spec.toConfig()));
            assertThat(app.getCollectionInfo().get("books").config()).isEqualTo(spec.toConfig());
            verify(pointStores).open("books");
        }

        @Test
        void stalePointsOfAnEarlierCollectionOfTheSameNameAreDroppedFirst() {
            create("books");

            InOrder order = inOrder(pointStores);
            order.verify(pointStores).drop("books");
            order.verify(pointStores).open("books");
        }

        @Test
        void aTakenNameIsAlreadyExistsAndKeepsTheFirstConfig() {
            create("books", SINGLE);
            int writes = catalog.writes();

            assertThatThrownBy(() -> create("books", spec("{\"vectors\": {\"size\": 2, \"distance\": \"Euclid\"}}")))
                    .isInstanceOf(AlreadyExistsException.class)
                    .hasMessage("Collection `books` already exists!");

            assertThat(catalog.writes()).isEqualTo(writes);
            assertThat(app.getCollectionInfo().get("books").config()).isEqualTo(SINGLE.toConfig());
        }

        @Test
        void aNameTakenByAnAliasIsAlreadyExists() {
            create("books");
            aliases(alias("books", "library"));

            assertThatThrownBy(() -> create("library"))
                    .isInstanceOf(AlreadyExistsException.class)
                    .hasMessage("Alias with the same name `library` already exists!");

            assertThat(app.listCollections().list()).containsExactly("books");
            assertThat(catalog.loadCollections()).containsOnlyKeys("books");
        }

        @Test
        void collectionsAreListedInNameOrder() {
            create("delta");
            create("alpha");
            create("charlie");

            assertThat(app.listCollections().list()).containsExactly("alpha", "charlie", "delta");
        }

        @Test
        void concurrentCreatesOfOneNameLetExactlyOneWin() throws Exception {
            int threads = 8;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Callable<Boolean>> attempts = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    attempts.add(() -> {
                        try {
                            return create("race");
                        } catch (AlreadyExistsException lost) {
                            return false;
                        }
                    });
                }
                int winners = 0;
                for (Future<Boolean> f : pool.invokeAll(attempts)) {
                    winners += f.get() ? 1 : 0;
                }

                assertThat(winners).isEqualTo(1);
                assertThat(catalog.writes()).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class GetAndExists {

        @BeforeEach
        void startWithACollectionAndAlias() {
            start();
            create("books", spec("{\"vectors\": {\"size\": 3, \"distance\": \"Manhattan\"}}"));
            aliases(alias("books", "library"));
        }

        @Test
        void getByAliasDescribesTheTargetCollection() {
            CollectionInfo byAlias = app.getCollectionInfo().get("library");

            assertThat(byAlias.config()).isEqualTo(app.getCollectionInfo().get("books").config());
            assertThat(byAlias.config().params().vectors().find("").orElseThrow().size()).isEqualTo(3);
        }

        @Test
        void pointsCountComesFromTheCollectionsPointStore() {
            when(openedStores.get("books").count()).thenReturn(42L);

            assertThat(app.getCollectionInfo().get("library").pointsCount()).isEqualTo(42);
        }

        @Test
        void anUnknownNameIsNotFound() {
            assertThatThrownBy(() -> app.getCollectionInfo().get("films"))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessage("Collection `films` doesn't exist!");
        }

        @Test
        void existsAnswersForNamesAndAliases() {
            assertThat(app.listCollections().exists("books")).isTrue();
            assertThat(app.listCollections().exists("library")).isTrue();
            assertThat(app.listCollections().exists("films")).isFalse();
        }

        @Test
        void listCollectionsDoesNotListAliases() {
            assertThat(app.listCollections().list()).containsExactly("books");
        }
    }

    @Nested
    class Delete {

        @BeforeEach
        void startWithTwoCollections() {
            start();
            create("books");
            create("films");
            aliases(alias("books", "library"), alias("books", "reading"), alias("films", "cinema"));
        }

        @Test
        void deleteRemovesTheCollectionWithItsAliasesOnly() {
            assertThat(app.deleteCollection().delete("books")).isTrue();

            assertThat(app.listCollections().list()).containsExactly("films");
            assertThat(app.listAliases().listAll()).containsExactly(new Alias("cinema", "films"));
            assertThat(app.listCollections().exists("library")).isFalse();
        }

        @Test
        void deletePersistsCollectionAndAliasesThroughThePort() {
            int writes = catalog.writes();

            app.deleteCollection().delete("books");

            assertThat(catalog.writes()).as("one durable step").isEqualTo(writes + 1);
            assertThat(catalog.loadCollections()).containsOnlyKeys("films");
            assertThat(catalog.loadAliases().aliases()).isEqualTo(Map.of("cinema", "films"));
        }

        @Test
        void deleteClosesAndDropsThePointStore() {
            PointStore books = openedStores.get("books");

            app.deleteCollection().delete("books");

            verify(books).close();
            // once when it was created (clearing stale files), once now
            verify(pointStores, times(2)).drop("books");
            verify(pointStores, times(1)).drop("films");
            verify(openedStores.get("films"), never()).close();
        }

        @Test
        void deletingAnUnknownCollectionAnswersFalseAndWritesNothing() {
            int writes = catalog.writes();

            assertThat(app.deleteCollection().delete("nothing")).isFalse();

            assertThat(catalog.writes()).isEqualTo(writes);
            assertThat(app.listCollections().list()).containsExactly("books", "films");
        }

        @Test
        void aDeletedNameAndItsAliasNamesCanBeReused() {
            app.deleteCollection().delete("books");

            assertThat(create("books")).isTrue();
            assertThat(create("library")).isTrue();
            assertThat(app.listAliases().listFor("books")).isEmpty();
        }

        @Test
        void deletingByAnAliasNameDeletesNothingAsInQdrant() {
            assertThat(app.deleteCollection().delete("library")).isFalse();

            assertThat(app.listCollections().list()).containsExactly("books", "films");
        }
    }

    @Nested
    class Update {

        @BeforeEach
        void startWithACollection() {
            start();
            create("books", new NewCollection(new VectorsConfig.Named(Map.of("text", VectorParamsMother.cosine(4))),
                    null, null, null, null, null, null, null, null, null, null, null, null, null));
            aliases(alias("books", "library"));
        }

        @Test
        void updatePersistsThroughThePortAndIsVisibleToReaders() {
            int writes = catalog.writes();

            assertThat(update("books", "{\"hnsw_config\": {\"m\": 32}, \"metadata\": {\"v\": 2}}")).isTrue();

            CollectionConfig stored = catalog.loadCollections().get("books");
            assertThat(stored.hnswConfig().m()).isEqualTo(32);
            assertThat(stored.metadata()).isEqualTo(PayloadMother.json("{\"v\": 2}"));
            assertThat(app.getCollectionInfo().get("books").config()).isEqualTo(stored);
            assertThat(catalog.writes()).isEqualTo(writes + 1);
        }

        @Test
        void updateByAliasChangesTheTarget() {
            update("library", "{\"optimizers_config\": {\"indexing_threshold\": 0}}");

            assertThat(app.getCollectionInfo().get("books").config().optimizerConfig().indexingThreshold()).isZero();
            assertThat(catalog.loadCollections().get("books").optimizerConfig().indexingThreshold()).isZero();
        }

        @Test
        void updatingAnUnknownCollectionIsNotFoundAndWritesNothing() {
            int writes = catalog.writes();

            assertThatThrownBy(() -> update("films", "{}"))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessage("Collection `films` doesn't exist!");
            assertThat(catalog.writes()).isEqualTo(writes);
        }

        @Test
        void aRejectedPatchChangesNothing() {
            CollectionConfig before = app.getCollectionInfo().get("books").config();
            int writes = catalog.writes();

            assertThatThrownBy(() -> update("books", "{\"hnsw_config\": {\"m\": 8}, \"vectors\": {\"image\": {\"on_disk\": true}}}"))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("Not existing vector name error: image");

            assertThat(app.getCollectionInfo().get("books").config()).isEqualTo(before);
            assertThat(catalog.loadCollections().get("books")).isEqualTo(before);
            assertThat(catalog.writes()).isEqualTo(writes);
        }
    }

    @Nested
    class Aliases {

        @BeforeEach
        void startWithTwoCollections() {
            start();
            create("books");
            create("films");
        }

        @Test
        void createdAliasesAreListedAndPersisted() {
            assertThat(aliases(alias("books", "library"), alias("films", "cinema"))).isTrue();

            assertThat(app.listAliases().listAll())
                    .containsExactly(new Alias("cinema", "films"), new Alias("library", "books"));
            assertThat(catalog.loadAliases().aliases()).isEqualTo(Map.of("library", "books", "cinema", "films"));
        }

        @Test
        void aliasesOfOneCollectionAreListedByItsExactNameOnly() {
            aliases(alias("books", "library"), alias("books", "reading"), alias("films", "cinema"));

            List<Alias> expected = List.of(new Alias("library", "books"), new Alias("reading", "books"));
            assertThat(app.listAliases().listFor("books")).isEqualTo(expected);
            // as in Qdrant, an alias's name is not a collection name here
            assertThat(app.listAliases().listFor("reading")).isEmpty();
        }

        @Test
        void listingAliasesOfAnUnknownCollectionIsEmptyAsInQdrant() {
            aliases(alias("books", "library"));

            assertThat(app.listAliases().listFor("songs")).isEmpty();
        }

        @Test
        void aFailingListChangesNoAliasAndWritesNothing() {
            aliases(alias("books", "library"));
            int writes = catalog.writes();

            assertThatThrownBy(() -> aliases(
                    alias("films", "cinema"),
                    new AliasOperation.Delete("library"),
                    new AliasOperation.Delete("never-was")))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessage("Alias never-was does not exists!");

            assertThat(app.listAliases().listAll()).containsExactly(new Alias("library", "books"));
            assertThat(catalog.loadAliases().aliases()).isEqualTo(Map.of("library", "books"));
            assertThat(catalog.writes()).isEqualTo(writes);
        }

        @Test
        void anAliasToAMissingCollectionIsNotFound() {
            assertThatThrownBy(() -> aliases(alias("songs", "music")))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessage("Collection `songs` doesn't exist!");
        }

        @Test
        void anAliasCannotShadowACollection() {
            assertThatThrownBy(() -> aliases(alias("books", "films")))
                    .isInstanceOf(AlreadyExistsException.class)
                    .hasMessage("Collection with name `films` already exists!");
        }

        @Test
        void aSwapRepointsAnAliasAtomically() {
            aliases(alias("books", "current"));

            aliases(new AliasOperation.Delete("current"), alias("films", "current"));

            assertThat(app.getCollectionInfo().get("current").config())
                    .isEqualTo(app.getCollectionInfo().get("films").config());
            assertThat(app.listAliases().listFor("films")).containsExactly(new Alias("current", "films"));
            assertThat(app.listAliases().listFor("books")).isEmpty();
        }

        @Test
        void renameKeepsTheTarget() {
            aliases(alias("books", "old"));

            aliases(new AliasOperation.Rename("old", "new"));

            assertThat(app.listAliases().listAll()).containsExactly(new Alias("new", "books"));
            assertThat(app.listCollections().exists("old")).isFalse();
        }
    }

    @Nested
    class Startup {

        @Test
        void collectionsAndAliasesAreLoadedFromTheCatalog() {
            catalog.saveCollection("books", CollectionConfigMother.withMetadata());
            catalog.saveCollection("films", CollectionConfigMother.sparse());
            catalog.saveAliases(new AliasTable(Map.of("library", "books")));

            start();

            assertThat(app.listCollections().list()).containsExactly("books", "films");
            assertThat(app.getCollectionInfo().get("library").config()).isEqualTo(CollectionConfigMother.withMetadata());
            assertThat(app.getCollectionInfo().get("films").config()).isEqualTo(CollectionConfigMother.sparse());
            verify(pointStores).open("books");
            verify(pointStores).open("films");
            verify(pointStores, never()).drop(anyString());
        }

        @Test
        void aCollectionNameWinsOverAnAliasOfTheSameName() {
            catalog.saveCollection("a", CollectionConfigMother.single());
            catalog.saveCollection("b", CollectionConfigMother.multivector());
            catalog.saveAliases(new AliasTable(Map.of("a", "b")));

            start();

            assertThat(app.getCollectionInfo().get("a").config()).isEqualTo(CollectionConfigMother.single());
        }
    }

    @Nested
    class WhenTheCatalogFails {

        @BeforeEach
        void startWithACollection() {
            start();
            create("books");
            aliases(alias("books", "library"));
        }

        @Test
        void aFailedCreateLeavesNoCollectionBehind() {
            catalog.failNextWrite(new InternalException("disk full"));

            assertThatThrownBy(() -> create("films")).isInstanceOf(InternalException.class).hasMessage("disk full");

            assertThat(app.listCollections().list()).containsExactly("books");
            verify(pointStores, never()).open("films");
            assertThat(create("films")).as("a retry succeeds").isTrue();
        }

        @Test
        void aFailedAliasChangeKeepsTheOldAliases() {
            catalog.failNextWrite(new InternalException("disk full"));

            assertThatThrownBy(() -> aliases(new AliasOperation.Delete("library")))
                    .isInstanceOf(InternalException.class);

            assertThat(app.listAliases().listAll()).containsExactly(new Alias("library", "books"));
        }

        @Test
        void aFailedDeleteKeepsTheCollectionItsAliasesAndItsPoints() {
            catalog.failNextWrite(new InternalException("disk full"));

            assertThatThrownBy(() -> app.deleteCollection().delete("books")).isInstanceOf(InternalException.class);

            assertThat(app.listCollections().list()).containsExactly("books");
            assertThat(app.listCollections().exists("library")).isTrue();
            verify(openedStores.get("books"), never()).close();
        }

        @Test
        void aFailedUpdateKeepsTheOldConfig() {
            CollectionConfig before = app.getCollectionInfo().get("books").config();
            catalog.failNextWrite(new InternalException("disk full"));

            assertThatThrownBy(() -> update("books", "{\"hnsw_config\": {\"m\": 64}}"))
                    .isInstanceOf(InternalException.class);

            assertThat(app.getCollectionInfo().get("books").config()).isEqualTo(before);
        }
    }
}
