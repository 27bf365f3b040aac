package io.hyperv4j.sim.v2;

import io.hyperv4j.sim.SimRandom;
import io.hyperv4j.substrate.StorageModel;
import java.time.Duration;

/**
 * How long simulated VM operations take on the lab clock. Saving and restoring move the VM's
 * memory to and from storage at the one {@link StorageModel}'s rates (the same quick migration
 * uses), after a fixed state overhead; the rest are roughly fixed with a seeded jitter.
 */
record VmTimings(Duration start, Duration stateOverhead, StorageModel storage,
                 Duration turnOff, Duration pause, Duration resume, Duration reset, Duration guestShutdown,
                 Duration define, Duration destroy, double jitter) {

    static final VmTimings DEFAULT = new VmTimings(Duration.ofSeconds(4), Duration.ofMillis(1500), StorageModel.CALIBRATED,
            Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofSeconds(2),
            Duration.ofSeconds(8), Duration.ofMillis(500), Duration.ofSeconds(1), 0.25);

    Duration start(SimRandom r) {
        return r.jitter(start, jitter);
    }

    /**
     * A save or a restore: the VM's memory crossing its storage at the storage model's rate (what
     * it wants; shared storage gives less), then the rest of the jittered time ({@code after}: the
     * state overhead). Alone it takes {@code total}, or the copy when the jitter drew less.
     */
    record StorageStep(Duration total, long bytes, double bytesPerSecond, Duration after) {
    }

    StorageStep save(SimRandom r, long memoryMb) {
        return step(r, memoryMb << 20, storage.save(memoryMb << 20), storage.saveBytesPerSecond());
    }

    StorageStep restore(SimRandom r, long memoryMb) {
        return step(r, memoryMb << 20, storage.restore(memoryMb << 20), storage.restoreBytesPerSecond());
    }

    private StorageStep step(SimRandom r, long bytes, Duration copy, double bytesPerSecond) {
        Duration total = r.jitter(stateOverhead.plus(copy), jitter), after = total.minus(copy);
        if (after.isNegative()) after = Duration.ZERO;
        return new StorageStep(copy.plus(after), bytes, bytesPerSecond, after);
    }

    Duration guestShutdown(SimRandom r, boolean force) {
        return r.jitter(force ? guestShutdown.dividedBy(2) : guestShutdown, jitter);
    }
}
