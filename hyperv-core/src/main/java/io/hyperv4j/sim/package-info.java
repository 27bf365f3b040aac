/**
 * Simulator: an embedded simulated Hyper-V datacenter behind the same CIM layer the Windows transport
 * uses. What users touch is the lab API: {@link io.hyperv4j.sim.Lab} (made from a
 * {@link io.hyperv4j.sim.LabTemplate} by name, see {@link io.hyperv4j.sim.LabTemplates}; connected to
 * with {@code lab.connect(host)}), its {@link io.hyperv4j.sim.SimClock} and
 * {@link io.hyperv4j.sim.ClockMode}, and fault injection on the lab.
 * <p>The kernel classes ({@link io.hyperv4j.sim.SimProvider}, {@link io.hyperv4j.sim.Txn},
 * {@link io.hyperv4j.sim.Jobs}, {@link io.hyperv4j.sim.SimVm}, {@link io.hyperv4j.sim.SimHost},
 * {@link io.hyperv4j.sim.SimJob}, {@link io.hyperv4j.sim.Scheduler}, {@link io.hyperv4j.sim.ActivityLog},
 * ...) are public only because the providers of other packages and modules build on them
 * ({@code io.hyperv4j.sim.v2}, the failover-cluster and counter simulators); applications need not
 * use them, and the public API packages never import this package.
 */
package io.hyperv4j.sim;
