package io.quiver.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guards {@link ArchitectureTest} against passing vacuously: the import it uses must see the main
 * classes of every module, and none of the test fixtures.
 */
class ImportScopeTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importLikeArchitectureTest() {
        classes = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("io.quiver");
    }

    @Test
    void seesTheMainClassesOfEveryModule() {
        assertThat(classes.contain("io.quiver.domain.collection.CollectionConfig")).as("domain").isTrue();
        assertThat(classes.contain("io.quiver.application.port.out.CollectionCatalogPort")).as("application").isTrue();
        assertThat(classes.contain("io.quiver.adapter.in.rest.qdrant.QdrantRestApi")).as("adapters-rest-qdrant").isTrue();
        assertThat(classes.contain("io.quiver.adapter.out.storage.mvstore.MvStoreCollectionCatalog"))
                .as("adapters-storage").isTrue();
        assertThat(classes.contain("io.quiver.bootstrap.Main")).as("bootstrap").isTrue();
    }

    @Test
    void leavesTestClassesAndFixturesOut() {
        assertThat(classes.stream().map(JavaClass::getName))
                .isNotEmpty()
                .noneMatch(name -> name.startsWith("io.quiver.architecture"))
                .noneMatch(name -> name.endsWith("Test"));
    }
}
