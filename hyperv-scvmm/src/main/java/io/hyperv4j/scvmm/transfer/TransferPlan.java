package io.hyperv4j.scvmm.transfer;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A transfer's phases in order, each with how long it lasts and whether the VM is down during it.
 * The outage is the span from the first down phase to the end of the last one.
 */
public record TransferPlan(List<Phase> phases) {
    public TransferPlan {
        phases = List.copyOf(phases);
        if (phases.isEmpty()) throw new IllegalArgumentException("a plan has at least one phase");
    }

    /**
     * @param name  what happens (e.g. {@code SaveState})
     * @param down  whether the VM is unreachable during it
     * @param bytes what the phase moves across the network (0 when nothing)
     */
    public record Phase(String name, Duration duration, boolean down, long bytes) {
        public Phase {
            Objects.requireNonNull(name, "name");
            if (duration.isNegative()) throw new IllegalArgumentException(name + ": negative duration " + duration);
            if (bytes < 0) throw new IllegalArgumentException(name + ": negative bytes " + bytes);
        }
    }

    public Duration total() {
        return phases.stream().map(Phase::duration).reduce(Duration.ZERO, Duration::plus);
    }

    public Duration outage() {
        return phases.stream().filter(Phase::down).map(Phase::duration).reduce(Duration.ZERO, Duration::plus);
    }

    /** When the phase called {@code name} begins, from the start of the transfer. */
    public Duration startOf(String name) {
        Duration t = Duration.ZERO;
        for (Phase p : phases) {
            if (p.name().equals(name)) return t;
            t = t.plus(p.duration());
        }
        throw new IllegalArgumentException("no phase " + name + " in " + phases.stream().map(Phase::name).toList());
    }

    static Duration seconds(double s) {
        return Duration.ofNanos(Math.round(s * 1e9));
    }
}
