package io.quiver.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The boundaries of Quiver's hexagon as ArchUnit rules, relative to a base package. {@link ArchitectureTest}
 * checks them on {@code io.quiver}; {@link RulesBiteTest} checks the very same rules on small fixture
 * hexagons under {@code io.quiver.architecture.fixtures}, proving that each one fails on a violation and
 * passes on a well-formed hexagon.
 */
public final class HexagonRules {

    private final String base;
    private final String domain;
    private final String application;
    private final String portIn;
    private final String portOut;
    private final String service;
    private final String adapters;
    private final String restAdapter;
    private final String storageAdapter;
    private final String bootstrap;

    private HexagonRules(String base) {
        this.base = base;
        this.domain = base + ".domain..";
        this.application = base + ".application..";
        this.portIn = base + ".application.port.in..";
        this.portOut = base + ".application.port.out..";
        this.service = base + ".application.service..";
        this.adapters = base + ".adapter..";
        this.restAdapter = base + ".adapter.in.rest..";
        this.storageAdapter = base + ".adapter.out.storage..";
        this.bootstrap = base + ".bootstrap..";
    }

    public static HexagonRules forBasePackage(String base) {
        return new HexagonRules(base);
    }

    /** Every rule by a short name, in a stable order. */
    public Map<String, ArchRule> all() {
        Map<String, ArchRule> rules = new LinkedHashMap<>();
        rules.put("domainDependsOnlyOnJdkAndItself", domainDependsOnlyOnJdkAndItself());
        rules.put("applicationDependsOnlyOnDomainJdkAndItself", applicationDependsOnlyOnDomainJdkAndItself());
        rules.put("adaptersDoNotDependOnEachOther", adaptersDoNotDependOnEachOther());
        rules.put("adaptersReachTheApplicationOnlyThroughPorts", adaptersReachTheApplicationOnlyThroughPorts());
        rules.put("adaptersDoNotDependOnBootstrap", adaptersDoNotDependOnBootstrap());
        rules.put("onlyBootstrapReferencesAdapters", onlyBootstrapReferencesAdapters());
        rules.put("inboundPortsDoNotDependOnOutboundPorts", inboundPortsDoNotDependOnOutboundPorts());
        rules.put("jacksonAndHelidonOnlyInRestAdapterAndBootstrap", jacksonAndHelidonOnlyInRestAdapterAndBootstrap());
        rules.put("storageLibrariesOnlyInStorageAdapter", storageLibrariesOnlyInStorageAdapter());
        rules.put("noPackageCycles", noPackageCycles());
        rules.put("inboundPortInterfacesEndWithUseCase", inboundPortInterfacesEndWithUseCase());
        rules.put("outboundPortInterfacesEndWithPortOrAreReturnedByAPort",
                outboundPortInterfacesEndWithPortOrAreReturnedByAPort());
        rules.put("servicesLiveInApplicationService", servicesLiveInApplicationService());
        rules.put("noStandardStreamsOutsideBootstrap", noStandardStreamsOutsideBootstrap());
        rules.put("noJavaUtilLoggingInDomainOrApplication", noJavaUtilLoggingInDomainOrApplication());
        return rules;
    }

    public ArchRule domainDependsOnlyOnJdkAndItself() {
        return classes().that().resideInAPackage(domain)
                .should().onlyDependOnClassesThat().resideInAnyPackage(domain, "java..")
                .because("the domain is plain Java: no framework, no library, no outer layer");
    }

    public ArchRule applicationDependsOnlyOnDomainJdkAndItself() {
        return classes().that().resideInAPackage(application)
                .should().onlyDependOnClassesThat().resideInAnyPackage(domain, application, "java..")
                .because("the application core knows the domain and its own ports, never an adapter or a library");
    }

    /** {@code adapter.in.rest}, {@code adapter.out.storage}, ... are slices that must not see each other. */
    public ArchRule adaptersDoNotDependOnEachOther() {
        return slices().matching(base + ".adapter.(*).(*)..").namingSlices("adapter $1.$2")
                .should().notDependOnEachOther()
                .because("adapters meet only through the application's ports, wired by bootstrap");
    }

    /**
     * Adapters may use the ports ({@code application.port..}) and the public records of the
     * {@code application} root package (the {@code Application} factory result and its {@code Ports}),
     * nothing else of the application: in particular not the services behind the use cases.
     */
    public ArchRule adaptersReachTheApplicationOnlyThroughPorts() {
        return noClasses().that().resideInAPackage(adapters)
                .should().dependOnClassesThat(resideInAPackage(application)
                        .and(not(resideInAnyPackage(base + ".application.port..", base + ".application")))
                        .as("reside in the application but outside its ports and root package"))
                .because("services are an implementation detail handed out by bootstrap through the use cases");
    }

    public ArchRule adaptersDoNotDependOnBootstrap() {
        return noClasses().that().resideInAPackage(adapters)
                .should().dependOnClassesThat().resideInAPackage(bootstrap)
                .because("bootstrap is the composition root; dependencies point from it, never to it");
    }

    public ArchRule onlyBootstrapReferencesAdapters() {
        return noClasses().that().resideOutsideOfPackages(adapters, bootstrap)
                .should().dependOnClassesThat().resideInAPackage(adapters)
                .because("the core never sees an adapter; only the composition root wires them");
    }

    public ArchRule inboundPortsDoNotDependOnOutboundPorts() {
        return noClasses().that().resideInAPackage(portIn)
                .should().dependOnClassesThat().resideInAPackage(portOut)
                .because("what a client may ask is independent of how the core stores things");
    }

    public ArchRule jacksonAndHelidonOnlyInRestAdapterAndBootstrap() {
        return noClasses().that().resideOutsideOfPackages(restAdapter, bootstrap)
                .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml..", "io.helidon..")
                .because("JSON and HTTP are the REST adapter's business (and bootstrap's, for config and the server)");
    }

    public ArchRule storageLibrariesOnlyInStorageAdapter() {
        return noClasses().that().resideOutsideOfPackage(storageAdapter)
                .should().dependOnClassesThat().resideInAnyPackage("org.h2..", "com.github.jelmerk..", "org.apache.lucene..")
                .because("MVStore, hnswlib and Lucene are storage details behind the outbound ports");
    }

    /** Every package is its own slice, so this also catches cycles between sibling packages of one layer. */
    public ArchRule noPackageCycles() {
        return slices().matching(base + ".(**)").should().beFreeOfCycles();
    }

    /** Top-level interfaces only: command/query records nested in (or next to) a use case are allowed. */
    public ArchRule inboundPortInterfacesEndWithUseCase() {
        return classes().that().resideInAPackage(portIn).and().areInterfaces().and().areTopLevelClasses()
                .should().haveSimpleNameEndingWith("UseCase")
                .because("an inbound port is one use case: <Verb><Noun>UseCase");
    }

    /**
     * A top-level interface in {@code port.out} is either a port ({@code *Port}) or a handle that a port
     * hands out, i.e. the declared return type of a method of a {@code *Port} interface in {@code port.out}
     * (as {@code PointStorePort.open} returns a {@code PointStore}). Nested types and records are free.
     * Only raw return types count: an interface that appears only as a type argument
     * ({@code List<Handle>}) must be named {@code *Port} or be nested in its port.
     */
    public ArchRule outboundPortInterfacesEndWithPortOrAreReturnedByAPort() {
        return classes().that().resideInAPackage(portOut).and().areInterfaces().and().areTopLevelClasses()
                .should(endWithPortOrBeReturnedByAPort())
                .because("driven ports are named by capability with a Port suffix (ARCHITECTURE.md §2)");
    }

    public ArchRule servicesLiveInApplicationService() {
        return classes().that().haveSimpleNameEndingWith("Service")
                .should().resideInAPackage(service)
                .because("*Service means a use-case implementation, and those live in application.service");
    }

    public ArchRule noStandardStreamsOutsideBootstrap() {
        return noClasses().that().resideOutsideOfPackage(bootstrap)
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .because("only Main may talk to the console; everything else logs or returns values");
    }

    public ArchRule noJavaUtilLoggingInDomainOrApplication() {
        return noClasses().that().resideInAnyPackage(domain, application)
                .should(GeneralCodingRules.USE_JAVA_UTIL_LOGGING)
                .because("the core does no I/O, logging included; adapters and bootstrap log");
    }

    private ArchCondition<JavaClass> endWithPortOrBeReturnedByAPort() {
        return new ArchCondition<>("have a simple name ending with 'Port' or be returned by a method of a *Port interface") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                if (type.getSimpleName().endsWith("Port")) {
                    events.add(SimpleConditionEvent.satisfied(type, type.getName() + " is a port"));
                    return;
                }
                List<String> returnedBy = type.getMethodsWithReturnTypeOfSelf().stream()
                        .filter(m -> isOutboundPort(m.getOwner()))
                        .map(JavaMethod::getFullName)
                        .sorted()
                        .toList();
                if (returnedBy.isEmpty()) {
                    events.add(SimpleConditionEvent.violated(type, type.getName()
                            + " is an outbound interface whose name does not end with 'Port' and that no *Port method returns"));
                } else {
                    events.add(SimpleConditionEvent.satisfied(type, type.getName() + " is returned by " + returnedBy));
                }
            }
        };
    }

    private boolean isOutboundPort(JavaClass owner) {
        return owner.isInterface() && owner.getSimpleName().endsWith("Port")
                && resideInAPackage(portOut).test(owner);
    }
}
