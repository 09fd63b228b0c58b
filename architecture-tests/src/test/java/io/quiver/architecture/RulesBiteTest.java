package io.quiver.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves that every rule of {@link HexagonRules} bites: evaluated on the {@code fixtures.bad} hexagon it
 * reports the fixture class written to break it, and evaluated on the {@code fixtures.good} hexagon it
 * reports nothing. The fixtures are test classes, so they never reach {@link ArchitectureTest}.
 */
class RulesBiteTest {

    private static final String FIXTURES = "io.quiver.architecture.fixtures";
    private static final HexagonRules BAD_RULES = HexagonRules.forBasePackage(FIXTURES + ".bad");
    private static final HexagonRules GOOD_RULES = HexagonRules.forBasePackage(FIXTURES + ".good");

    private static JavaClasses bad;
    private static JavaClasses good;

    @BeforeAll
    static void importFixtures() {
        ClassFileImporter importer = new ClassFileImporter();
        bad = importer.importPackages(FIXTURES + ".bad");
        good = importer.importPackages(FIXTURES + ".good");
    }

    /** Rule name → a fixture class (relative to {@code fixtures}) that must be named in its violations. */
    static Stream<Arguments> violations() {
        return Stream.of(
                arguments("domainDependsOnlyOnJdkAndItself", "bad.domain.DomainDependsOnApplication"),
                arguments("applicationDependsOnlyOnDomainJdkAndItself", "bad.application.service.ApplicationDependsOnAdapter"),
                arguments("adaptersDoNotDependOnEachOther", "bad.adapter.in.rest.RestCallsStorage"),
                arguments("adaptersReachTheApplicationOnlyThroughPorts", "bad.adapter.in.rest.RestCallsService"),
                arguments("adaptersDoNotDependOnBootstrap", "bad.adapter.out.storage.StorageCallsBootstrap"),
                arguments("onlyBootstrapReferencesAdapters", "bad.application.service.ApplicationDependsOnAdapter"),
                arguments("inboundPortsDoNotDependOnOutboundPorts", "bad.application.port.in.LeakyUseCase"),
                arguments("jacksonAndHelidonOnlyInRestAdapterAndBootstrap", "bad.adapter.out.storage.StorageUsesJackson"),
                arguments("jacksonAndHelidonOnlyInRestAdapterAndBootstrap", "bad.adapter.out.storage.StorageUsesHelidon"),
                arguments("storageLibrariesOnlyInStorageAdapter", "bad.adapter.in.rest.RestUsesMvStore"),
                arguments("storageLibrariesOnlyInStorageAdapter", "bad.adapter.in.rest.RestUsesHnswlib"),
                arguments("noPackageCycles", "bad.cyclea.Alpha"),
                arguments("noPackageCycles", "bad.cycleb.Beta"),
                arguments("inboundPortInterfacesEndWithUseCase", "bad.application.port.in.GadgetFinder"),
                arguments("outboundPortInterfacesEndWithPortOrAreReturnedByAPort", "bad.application.port.out.GadgetRepository"),
                arguments("servicesLiveInApplicationService", "bad.adapter.in.rest.GadgetRestService"),
                arguments("noStandardStreamsOutsideBootstrap", "bad.adapter.out.storage.StoragePrintsToStdout"),
                arguments("noJavaUtilLoggingInDomainOrApplication", "bad.domain.DomainLogsWithJul"));
    }

    static Stream<String> ruleNames() {
        return GOOD_RULES.all().keySet().stream();
    }

    @ParameterizedTest(name = "{0} flags {1}")
    @MethodSource("violations")
    void ruleFailsOnItsViolation(String rule, String offender) {
        EvaluationResult result = BAD_RULES.all().get(rule).evaluate(bad);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(detail -> assertThat(detail).contains(FIXTURES + "." + offender));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleNames")
    void rulePassesOnAWellFormedHexagon(String rule) {
        EvaluationResult result = GOOD_RULES.all().get(rule).evaluate(good);

        assertThat(result.getFailureReport().getDetails()).isEmpty();
        assertThat(result.hasViolation()).isFalse();
    }

    @Test
    void everyRuleHasAViolatingFixture() {
        Set<String> covered = violations().map(a -> (String) a.get()[0]).collect(Collectors.toSet());

        assertThat(covered).containsExactlyInAnyOrderElementsOf(BAD_RULES.all().keySet());
    }

    @Test
    void wellFormedClassesOfTheBadHexagonAreNotFlagged() {
        String badRules = FIXTURES + ".bad.";
        assertThat(details("inboundPortInterfacesEndWithUseCase"))
                .noneMatch(d -> d.contains(badRules + "application.port.in.CreateGadgetUseCase"));
        assertThat(details("outboundPortInterfacesEndWithPortOrAreReturnedByAPort"))
                .noneMatch(d -> d.contains(badRules + "application.port.out.GadgetStorePort"));
        assertThat(details("servicesLiveInApplicationService"))
                .noneMatch(d -> d.contains(badRules + "application.service.GadgetService"));
        assertThat(details("domainDependsOnlyOnJdkAndItself"))
                .noneMatch(d -> d.contains(badRules + "domain.Gadget"));
    }

    /** The good hexagon really contains the shapes the rules are meant to allow, so passing means something. */
    @Test
    void goodHexagonExercisesEveryAllowance() {
        JavaClass cursor = good.get(FIXTURES + ".good.application.port.out.ThingCursor");
        assertThat(cursor.isInterface()).isTrue();
        assertThat(cursor.getSimpleName()).doesNotEndWith("Port");
        assertThat(cursor.getMethodsWithReturnTypeOfSelf())
                .anySatisfy(m -> assertThat(m.getOwner().getSimpleName()).isEqualTo("ThingStorePort"));

        assertThat(good.get(FIXTURES + ".good.application.port.out.ThingStorePort$Listener").isInterface()).isTrue();
        assertThat(good.get(FIXTURES + ".good.application.port.in.FindThingUseCase$FindThingQuery").isRecord()).isTrue();
        assertThat(good.get(FIXTURES + ".good.adapter.in.rest.ThingRoutes").getDirectDependenciesFromSelf())
                .anySatisfy(d -> assertThat(d.getTargetClass().getName()).isEqualTo(FIXTURES + ".good.application.Core"));
    }

    /** A rule added to HexagonRules but not to ArchitectureTest would silently never run on the real code. */
    @Test
    void architectureTestChecksEveryRule() throws IllegalAccessException {
        Set<String> checked = new HashSet<>();
        for (Field f : ArchitectureTest.class.getDeclaredFields()) {
            if (f.isAnnotationPresent(ArchTest.class) && Modifier.isStatic(f.getModifiers())) {
                f.setAccessible(true);
                checked.add(((ArchRule) f.get(null)).getDescription());
            }
        }
        Set<String> expected = HexagonRules.forBasePackage("io.quiver").all().values().stream()
                .map(ArchRule::getDescription).collect(Collectors.toSet());

        assertThat(checked).isEqualTo(expected);
    }

    private static List<String> details(String rule) {
        return BAD_RULES.all().get(rule).evaluate(bad).getFailureReport().getDetails();
    }

    @Test
    void theTwoFixtureHexagonsAreImportedApart() {
        assertThat(bad.stream().map(JavaClass::getPackageName)).isNotEmpty()
                .allMatch(p -> p.startsWith(FIXTURES + ".bad"));
        assertThat(good.stream().map(JavaClass::getPackageName)).isNotEmpty()
                .allMatch(p -> p.startsWith(FIXTURES + ".good"));
        assertThat(bad.contain(FIXTURES + ".bad.cyclea.Alpha")).isTrue();
        assertThat(good.contain(FIXTURES + ".good.bootstrap.Main")).isTrue();
    }
}
