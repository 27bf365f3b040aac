package io.hyperv4j.sim.junit;

import io.hyperv4j.sim.ClockMode;
import io.hyperv4j.sim.LabTemplates;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit 5 test against a fresh simulated lab made from a template: parameters of type
 * {@link io.hyperv4j.HyperVHost}, {@link io.hyperv4j.sim.Lab} and {@link io.hyperv4j.sim.SimClock}
 * are injected. Each test gets its own lab, built from {@link #template()} with {@link #seed()},
 * so the same seed gives the same lab state (VM ids, timings) in every run; it is closed after the
 * test. On a method it overrides the one on the class.
 *
 * <pre>{@code
 * @HyperVSimulator(template = "seed000-cluster", seed = 7, host = "host1")
 * class PlacementTest {
 *     @Test
 *     void startsWhatItPlaced(HyperVHost host, Lab lab) {
 *         VirtualMachine vm = host.vms().create(VmSpec.builder("web01").build());
 *         assertEquals(VmState.RUNNING, vm.start().await());   // a virtual clock: no real waiting
 *     }
 * }
 * }</pre>
 *
 * Needs {@code junit-jupiter-api} on the test class path (hyperv-core declares it optional).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(HyperVSimulatorExtension.class)
public @interface HyperVSimulator {

    /** The lab template ({@code hyperv lab templates}); cluster templates come with hyperv-cluster. */
    String template() default LabTemplates.DEFAULT;

    /** The seed of every random choice in the lab. */
    long seed() default 0;

    /** The host an injected {@link io.hyperv4j.HyperVHost} connects to; empty: the lab's first host. */
    String host() default "";

    /**
     * How the lab's time moves: VIRTUAL (the default; a 15-minute job completes in milliseconds
     * while a caller waits), MANUAL (only {@code SimClock.advance}) or SCALED (real time times
     * {@link #rate()}).
     */
    ClockMode clock() default ClockMode.VIRTUAL;

    /** Simulated seconds per real second of a SCALED clock. */
    double rate() default 60;
}
