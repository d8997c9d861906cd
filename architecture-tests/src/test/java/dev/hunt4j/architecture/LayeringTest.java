package dev.hunt4j.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering rules: the API knows nothing above it, plugins know only the API, and no package cycles. */
class LayeringTest {
    /** Packages that hold plugins (one root package per plugin). */
    static final String[] PLUGIN_PACKAGES = {"dev.hunt4j.provider..", "dev.hunt4j.ti.."};

    static JavaClasses main;

    @BeforeAll
    static void importClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.hunt4j");
    }

    @Test
    void theApiDependsOnlyOnTheJdkAndPf4j() {
        classes().that().resideInAPackage("dev.hunt4j.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.hunt4j.api..", "java..", "org.pf4j..")
                .check(main);
    }

    @Test
    void pluginsNeverDependOnTheRuntimeTheCliOrTheTck() {
        noClasses().that().resideInAnyPackage(PLUGIN_PACKAGES)
                .should().dependOnClassesThat().resideInAnyPackage("dev.hunt4j.runtime..", "dev.hunt4j.cli..", "dev.hunt4j.tck..",
                        "dev.hunt4j.samples..")
                .check(main);
    }

    @Test
    void pluginsDoNotDependOnEachOther() {
        slices().matching("dev.hunt4j.(provider|ti).(*)..").should().notDependOnEachOther().check(main);
    }

    @Test
    void theRuntimeKnowsNoPlugin() {
        noClasses().that().resideInAnyPackage("dev.hunt4j.api..", "dev.hunt4j.runtime..")
                .should().dependOnClassesThat().resideInAnyPackage(PLUGIN_PACKAGES)
                .check(main);
    }

    @Test
    void analysisIsAPlainLibraryOverTheApi() {
        noClasses().that().resideInAPackage("dev.hunt4j.analysis..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.hunt4j.runtime..", "dev.hunt4j.cli..", "dev.hunt4j.provider..",
                        "dev.hunt4j.ti..")
                .check(main);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.hunt4j.(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void onlyTheCommandLineAndMainMethodsPrintToTheConsole() {
        classes().that().resideOutsideOfPackage("dev.hunt4j.cli..").should(notPrintOutsideMain()).check(main);
    }

    private static ArchCondition<JavaClass> notPrintOutsideMain() {
        return new ArchCondition<>("not use System.out or System.err outside main()") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                for (JavaFieldAccess a : c.getFieldAccessesFromSelf()) {
                    boolean console = a.getTargetOwner().isEquivalentTo(System.class)
                            && (a.getTarget().getName().equals("out") || a.getTarget().getName().equals("err"));
                    if (console && !a.getOrigin().getName().equals("main")) {
                        events.add(SimpleConditionEvent.violated(a, a.getDescription()));
                    }
                }
            }
        };
    }
}
