package io.quiver.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The hexagon's boundaries, checked on Quiver's main code (every module, no test classes). */
@AnalyzeClasses(packages = "io.quiver", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final HexagonRules RULES = HexagonRules.forBasePackage("io.quiver");

    @ArchTest
    static final ArchRule domain_depends_only_on_jdk_and_itself = RULES.domainDependsOnlyOnJdkAndItself();

    @ArchTest
    static final ArchRule application_depends_only_on_domain_jdk_and_itself =
            RULES.applicationDependsOnlyOnDomainJdkAndItself();

    @ArchTest
    static final ArchRule adapters_do_not_depend_on_each_other = RULES.adaptersDoNotDependOnEachOther();

    @ArchTest
    static final ArchRule adapters_reach_the_application_only_through_ports =
            RULES.adaptersReachTheApplicationOnlyThroughPorts();

    @ArchTest
    static final ArchRule adapters_do_not_depend_on_bootstrap = RULES.adaptersDoNotDependOnBootstrap();

    @ArchTest
    static final ArchRule only_bootstrap_references_adapters = RULES.onlyBootstrapReferencesAdapters();

    @ArchTest
    static final ArchRule inbound_ports_do_not_depend_on_outbound_ports = RULES.inboundPortsDoNotDependOnOutboundPorts();

    @ArchTest
    static final ArchRule jackson_and_helidon_only_in_rest_adapter_and_bootstrap =
            RULES.jacksonAndHelidonOnlyInRestAdapterAndBootstrap();

    @ArchTest
    static final ArchRule storage_libraries_only_in_storage_adapter = RULES.storageLibrariesOnlyInStorageAdapter();

    @ArchTest
    static final ArchRule no_package_cycles = RULES.noPackageCycles();

    @ArchTest
    static final ArchRule inbound_port_interfaces_end_with_use_case = RULES.inboundPortInterfacesEndWithUseCase();

    @ArchTest
    static final ArchRule outbound_port_interfaces_end_with_port_or_are_returned_by_a_port =
            RULES.outboundPortInterfacesEndWithPortOrAreReturnedByAPort();

    @ArchTest
    static final ArchRule services_live_in_application_service = RULES.servicesLiveInApplicationService();

    @ArchTest
    static final ArchRule no_standard_streams_outside_bootstrap = RULES.noStandardStreamsOutsideBootstrap();

    @ArchTest
    static final ArchRule no_java_util_logging_in_domain_or_application = RULES.noJavaUtilLoggingInDomainOrApplication();
}
