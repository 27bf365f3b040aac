package io.hyperv4j.sim.v2;

import io.hyperv4j.sim.SimRandom;
import java.time.Duration;

/**
 * How long simulated VM operations take on the lab clock. Saving and restoring move the VM's
 * memory to and from disk, so they scale with memory size at a disk rate; the rest are roughly
 * fixed with a seeded jitter. Values are typical of a host with SSD storage.
 */
record VmTimings(Duration start, Duration stateOverhead, long saveMbPerSecond, long restoreMbPerSecond,
                 Duration turnOff, Duration pause, Duration resume, Duration reset, Duration guestShutdown,
                 Duration define, Duration destroy, double jitter) {

    static final VmTimings DEFAULT = new VmTimings(Duration.ofSeconds(4), Duration.ofMillis(1500), 500, 800,
            Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofSeconds(2),
            Duration.ofSeconds(8), Duration.ofMillis(500), Duration.ofSeconds(1), 0.25);

    Duration start(SimRandom r) {
        return r.jitter(start, jitter);
    }

    Duration save(SimRandom r, long memoryMb) {
        return r.jitter(stateOverhead.plus(Duration.ofMillis(memoryMb * 1000 / saveMbPerSecond)), jitter);
    }

    Duration restore(SimRandom r, long memoryMb) {
        return r.jitter(stateOverhead.plus(Duration.ofMillis(memoryMb * 1000 / restoreMbPerSecond)), jitter);
    }

    Duration guestShutdown(SimRandom r, boolean force) {
        return r.jitter(force ? guestShutdown.dividedBy(2) : guestShutdown, jitter);
    }
}
