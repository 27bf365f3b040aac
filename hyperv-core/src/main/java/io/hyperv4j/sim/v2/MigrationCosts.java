package io.hyperv4j.sim.v2;

import io.hyperv4j.sim.HostCapacity;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimNetworkAdapter;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.substrate.Seconds;
import io.hyperv4j.substrate.StorageModel;
import java.time.Duration;
import java.util.Optional;

/**
 * The physical cost of a migration through Msvm_VirtualSystemMigrationService, the one place the
 * service asks the substrate: whether the destination can run the VM ({@link HostCapacity}), how
 * fast the hosts' common network carries memory and disk files, and how fast the storage takes the
 * copied files ({@link StorageModel#CALIBRATED}). The pre-copy is the idle-guest case of the
 * cluster's calibrated model (seed 001: 6 s setup, 94 % of the line rate, one round, 0.95 s
 * switch-over, 1 s clean-up); core cannot see a guest's dirty rate, so memory is sent once. The
 * plan is what a migration takes alone; {@link MigrationFlows} runs its copies on the lab's fabric.
 */
final class MigrationCosts {
    static final Duration SETUP = Duration.ofMillis(6_000);
    static final Duration SWITCHOVER = Duration.ofMillis(950);
    static final Duration CLEANUP = Duration.ofMillis(1_000);
    static final double PROTOCOL_EFFICIENCY = 0.94;
    /** A host with no adapter on a network both share reaches the other over its management link. */
    static final long DEFAULT_BITS_PER_SECOND = 1_000_000_000L;
    private static final StorageModel STORAGE = StorageModel.CALIBRATED;

    private MigrationCosts() {}

    /** The phases of one migration: copying disk files, copying memory, the pause, cleaning up. */
    record Plan(Duration storageCopy, Duration memoryCopy, Duration blackout, Duration total) {}

    /** Why {@code to} cannot run {@code vm} now (processors, memory, counting every move's claim on it), or empty. */
    static Optional<String> shortfall(io.hyperv4j.sim.Lab lab, SimHost to, SimVm vm) {
        return HostCapacity.shortfall(lab, to, vm.name(), vm.state().isActive() ? vm.memoryMb() : 0, vm.processors());
    }

    /**
     * The network a migration between two hosts crosses: the fastest one both have an adapter on
     * (at the slower end's speed), else {@link #MANAGEMENT} at {@link #DEFAULT_BITS_PER_SECOND}.
     */
    record Link(String network, long bitsPerSecond) {}

    /** The name of the management link hosts with no common network reach each other over. */
    static final String MANAGEMENT = "Management";

    /** The fastest network the two hosts share (the slower end of it). */
    static Link link(SimHost from, SimHost to) {
        Link best = new Link(MANAGEMENT, DEFAULT_BITS_PER_SECOND);
        long bits = 0;
        for (SimNetworkAdapter a : from.networkAdapters()) {
            if (a.network().isEmpty()) continue;
            Optional<SimNetworkAdapter> b = to.adapterOn(a.network());
            if (b.isPresent() && Math.min(a.bitsPerSecond(), b.get().bitsPerSecond()) > bits) {
                bits = Math.min(a.bitsPerSecond(), b.get().bitsPerSecond());
                best = new Link(a.network(), bits);
            }
        }
        return best;
    }

    /** Bytes on the wire (protocol overhead included) that carry {@code payload} bytes. */
    static long wireBytes(long payload) {
        return (long) Math.ceil(payload / PROTOCOL_EFFICIENCY);
    }

    /** What a disk copy asks of its links, in wire bytes per second between hosts, in file bytes per second on one host. */
    static double diskDemand(long bitsPerSecond, boolean local) {
        double storage = STORAGE.saveMiBPerSecond() * (1 << 20);
        return local ? storage : Math.min(bitsPerSecond / 8.0, storage / PROTOCOL_EFFICIENCY);
    }

    /**
     * The plan of a migration of {@code memoryBytes} of running memory (0 for a VM that is off or
     * saved, or a storage-only move) and {@code diskBytes} of files.
     */
    static Plan plan(long memoryBytes, long diskBytes, long bitsPerSecond, boolean local) {
        double wire = bitsPerSecond / 8.0 * PROTOCOL_EFFICIENCY;
        // a copy between two hosts is as fast as the slower of the wire and the destination's storage
        double diskRate = local ? diskDemand(bitsPerSecond, true) : diskDemand(bitsPerSecond, false) * PROTOCOL_EFFICIENCY;
        Duration disks = Seconds.of(diskBytes / diskRate);
        Duration memory = memoryBytes == 0 ? Duration.ZERO : Seconds.of(memoryBytes / wire);
        Duration blackout = memoryBytes == 0 ? Duration.ZERO : SWITCHOVER;
        Duration total = SETUP.plus(disks).plus(memory).plus(blackout).plus(CLEANUP);
        return new Plan(disks, memory, blackout, total);
    }
}
