package io.hyperv4j.scvmm.sim.guest;

import io.hyperv4j.cim.Subscription;
import io.hyperv4j.scvmm.monitor.spi.MonitorClock;
import io.hyperv4j.sim.Scheduler;
import io.hyperv4j.sim.SimClock;
import java.time.Instant;

/** A lab's clock as the monitor's: polls and actions are tasks of the lab's scheduler. */
public record SimMonitorClock(SimClock clock) implements MonitorClock {
    @Override
    public Instant now() {
        return clock.now();
    }

    @Override
    public Subscription at(Instant at, Runnable task) {
        Instant when = at.isBefore(clock.now()) ? clock.now() : at;
        Scheduler.Task t = clock.scheduleAt(when, x -> task.run());
        return t::cancel;
    }
}
