/**
 * JUnit 5 support for testing code that uses hyperv4j: {@link io.hyperv4j.sim.junit.HyperVSimulator}
 * gives each test a fresh simulated lab from a template and seed, on a virtual clock, and injects
 * its {@link io.hyperv4j.HyperVHost}, {@link io.hyperv4j.sim.Lab} or clock. Needs
 * {@code junit-jupiter-api}, which hyperv-core declares optional: only tests that use this
 * package need it.
 */
package io.hyperv4j.sim.junit;
