package io.quiver.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.domain.collection.AliasTable;
import io.quiver.domain.collection.CollectionConfigMother;
import io.quiver.domain.error.InternalException;
import org.junit.jupiter.api.Test;

/** The fake the service tests rely on keeps the same contract as the real catalogs. */
class FakeCollectionCatalogTest extends CollectionCatalogPortContract {

    @Override
    protected CollectionCatalogPort newCatalog() {
        return new FakeCollectionCatalog();
    }

    @Test
    void anInjectedFailureStoresNothingAndHitsOnlyOnce() {
        FakeCollectionCatalog fake = new FakeCollectionCatalog().failNextWrite(new InternalException("disk full"));

        assertThatThrownBy(() -> fake.saveCollection("a", CollectionConfigMother.single()))
                .isInstanceOf(InternalException.class).hasMessage("disk full");
        assertThat(fake.loadCollections()).isEmpty();
        assertThat(fake.writes()).isZero();

        fake.saveAliases(AliasTable.EMPTY);
        assertThat(fake.writes()).isEqualTo(1);
    }
}
