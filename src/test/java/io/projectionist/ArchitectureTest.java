package io.projectionist;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Package boundaries that review alone does not keep. Only production classes are imported, so tests and benchmarks
 * may use the simulator freely.
 */
@AnalyzeClasses(packages = "io.projectionist", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String SIM = "io.projectionist.sim..";

    /** The simulator stands in for Plex and Tautulli: sharing product code would let a product bug hide in both. */
    @ArchTest
    static final ArchRule simulatorImportsNothingOfTheProduct = noClasses().that().resideInAPackage(SIM)
            .should().dependOnClassesThat(resideInAPackage("io.projectionist..").and(not(resideInAPackage(SIM))))
            .because("the simulator must stay a separate program that only speaks HTTP to the product");

    /** The daemon never runs against the simulator by accident: only the two commands that start it know it. */
    @ArchTest
    static final ArchRule onlyDemoAndSimulateUseTheSimulator = classes().that().resideInAPackage(SIM)
            .should().onlyHaveDependentClassesThat(resideInAPackage(SIM)
                    .or(belongToAnyOf(DemoCommand.class, SimulateCommand.class)))
            .because("only the demo and simulate commands start the simulator");
}
