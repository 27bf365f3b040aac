package io.hyperv4j.layering;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The layering of every module (all of them are on this module's test class path), checked on the
 * compiled classes: the public API packages never use a simulator package nor another module's
 * internal packages, so they behave the same on a simulated host and on Windows; the simulators
 * sit below the typed API and never use it. The build fails when a rule is broken.
 */
class LayeringTest {
    /** The simulators: core's kernel and providers, the cluster's and the counters' models, the SAN. */
    static final String[] SIMULATOR = {"io.hyperv4j.sim..", "io.hyperv4j.cluster.sim..", "io.hyperv4j.perf.sim..", "io.hyperv4j.scvmm.sim..", "io.hyperv4j.backup.sim.."};

    /**
     * The typed API users program against: VMs, operations, disks, clusters, alarms, exports. Not in
     * it: the root package (the error model every layer shares, and HyperVHost, which
     * {@code Lab.connect} hands out as the simulator's entry point), the CIM layer, the SPIs, and the
     * counter-source contract (CounterSource, SamplingClock) a simulated host implements.
     */
    static final String[] TYPED_API = {"io.hyperv4j.vm..", "io.hyperv4j.job..", "io.hyperv4j.disk..", "io.hyperv4j.cluster",
            "io.hyperv4j.perf.judge..", "io.hyperv4j.perf.export..", "io.hyperv4j.scvmm.storage"};

    /** Every class of a library module that is not a simulator or internal package (the applications aside). */
    static final DescribedPredicate<JavaClass> API = new DescribedPredicate<>("in an API package of a module") {
        @Override
        public boolean test(JavaClass c) {
            String p = c.getPackageName();
            return p.startsWith("io.hyperv4j") && !isSimulator(p) && !p.contains(".internal")
                    && !p.startsWith("io.hyperv4j.cli") && !p.startsWith("io.hyperv4j.examples");
        }
    };

    static final ArchRule API_NEVER_USES_THE_SIMULATOR = noClasses().that(API).should().dependOnClassesThat()
            .resideInAnyPackage(SIMULATOR).because("the API must behave the same on a simulated host and on Windows");

    static final ArchRule API_NEVER_USES_ANOTHER_MODULES_INTERNALS = noClasses().that(API)
            .should(useTheInternalsOfAnotherModule()).because("internal packages are not exported");

    static final ArchRule SIMULATOR_NEVER_USES_THE_TYPED_API = noClasses().that().resideInAnyPackage(SIMULATOR)
            .should().dependOnClassesThat().resideInAnyPackage(TYPED_API)
            .because("the simulator sits behind CimSession, below the typed API");

    static final List<ArchRule> RULES = List.of(API_NEVER_USES_THE_SIMULATOR, API_NEVER_USES_ANOTHER_MODULES_INTERNALS,
            SIMULATOR_NEVER_USES_THE_TYPED_API);

    @Test
    void everyModuleKeepsItsLayers() {
        // tests may use the simulator: leave out test classes, whether a directory or a module's test-jar
        JavaClasses library = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar") && !location.contains("/test-classes/"))
                .importPackages("io.hyperv4j");
        assertTrue(library.contain("io.hyperv4j.cluster.FailoverCluster") && library.contain("io.hyperv4j.perf.sim.LabCounterSource"),
                "the modules' classes are on the class path");
        for (ArchRule rule : RULES) rule.check(library);
    }

    /** The fixture's API class uses the simulator and another module's internals: the rules catch both. */
    @Test
    void theRulesCatchADeliberateViolation() {
        JavaClasses fixture = new ClassFileImporter().importPackages("io.hyperv4j.layering.fixture");
        EvaluationResult sim = API_NEVER_USES_THE_SIMULATOR.evaluate(fixture);
        assertTrue(sim.hasViolation());
        assertTrue(sim.getFailureReport().toString().contains("io.hyperv4j.sim.Lab"), sim.getFailureReport().toString());
        EvaluationResult internal = API_NEVER_USES_ANOTHER_MODULES_INTERNALS.evaluate(fixture);
        assertTrue(internal.hasViolation());
        assertTrue(internal.getFailureReport().toString().contains("CounterSourceCapability"), internal.getFailureReport().toString());
        assertTrue(SIMULATOR_NEVER_USES_THE_TYPED_API.allowEmptyShould(true).evaluate(fixture).getFailureReport().isEmpty(),
                "the fixture has no simulator class");
    }

    static boolean isSimulator(String pkg) {
        return pkg.equals("io.hyperv4j.sim") || pkg.startsWith("io.hyperv4j.sim.") || pkg.contains(".cluster.sim") || pkg.contains(".perf.sim")
                || pkg.contains(".scvmm.sim") || pkg.contains(".backup.sim");
    }

    /** The module a package belongs to: cluster, perf, scvmm, backup, else core. */
    static String module(String pkg) {
        for (String m : List.of("cluster", "perf", "scvmm", "backup"))
            if (pkg.equals("io.hyperv4j." + m) || pkg.startsWith("io.hyperv4j." + m + ".")) return m;
        return "core";
    }

    static ArchCondition<JavaClass> useTheInternalsOfAnotherModule() {
        return new ArchCondition<>("use the internal packages of another module") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                    String target = d.getTargetClass().getPackageName();
                    boolean foreignInternal = target.startsWith("io.hyperv4j") && target.contains(".internal")
                            && !module(target).equals(module(c.getPackageName()));
                    if (foreignInternal) events.add(SimpleConditionEvent.satisfied(d, d.getDescription()));
                }
            }
        };
    }
}
