package io.hyperv4j.sim.v2;

import io.hyperv4j.sim.GuestLoad;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.v2.storage.SimDrive;
import io.hyperv4j.sim.v2.storage.StorageModel;
import io.hyperv4j.sim.v2.storage.VmStorage;
import io.hyperv4j.vhd.VhdException;
import io.hyperv4j.vhd.VirtualDisks;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a VM did in one metering interval, from the lab: how long it ran in it (its running time
 * now minus at the interval's start), its guest load, whether it has a virtual hard disk to do I/O
 * to and a connected network adapter to move traffic through, and its disks' virtual size.
 *
 * @param intervalSeconds seconds since collection was enabled or reset (at least a millisecond, to divide by)
 * @param ranSeconds      seconds the VM was running within the interval
 * @param heldMemory      whether the VM held its memory at some time in the interval
 * @param processors      its virtual processors
 * @param memoryMb        the memory it is assigned ({@link DynamicMemory})
 * @param load            what its guest does while it runs
 * @param hasDisk         whether a virtual hard disk is attached
 * @param connected       whether a network adapter is connected to a switch
 * @param diskMb          the virtual size of its attached disks, in MB
 */
record MeteredUsage(double intervalSeconds, double ranSeconds, boolean heldMemory, int processors, long memoryMb, GuestLoad load,
                    boolean hasDisk, boolean connected, long diskMb) {

    static MeteredUsage of(io.hyperv4j.sim.Lab lab, SimVm vm, Instant since, Duration ranAtStart, Instant now) {
        double interval = Math.max(0.001, Duration.between(since, now).toNanos() / 1e9);
        double ran = Math.max(0, vm.ran(now).minus(ranAtStart).toNanos() / 1e9);
        boolean held = vm.state().isActive() || vm.stateChanged().isAfter(since);
        Map<SimDrive, Long> disks = disks(lab, vm);
        long diskMb = disks.values().stream().mapToLong(Long::longValue).sum();
        boolean connected = NetworkModel.of(lab).nics(vm.id()).stream().anyMatch(n -> n.switchName != null);
        return new MeteredUsage(interval, ran, held, vm.processors(), DynamicMemory.assignedMb(vm), vm.guestLoad(), !disks.isEmpty(), connected, diskMb);
    }

    /**
     * The VM's attached virtual hard disks that are there, with their virtual size in MB (0 for a
     * file the engine cannot read: it still takes I/O, its size is unknown), in drive order.
     */
    static Map<SimDrive, Long> disks(io.hyperv4j.sim.Lab lab, SimVm vm) {
        Map<SimDrive, Long> out = new LinkedHashMap<>();
        VmStorage st = StorageModel.of(lab).find(vm.id());
        if (st != null) for (SimDrive d : st.drives()) {
            if (d.current() == null || !Files.isRegularFile(d.current())) continue;
            long bytes = 0;
            try {
                bytes = VirtualDisks.inspect(d.current()).size();
            } catch (VhdException | UncheckedIOException e) {
                // unreadable now: counted with no size
            }
            out.put(d, bytes >> 20);
        }
        return out;
    }

    /**
     * One of {@code disks} disks' share of this usage: its own size, and the guest's reads and writes
     * spread evenly over the disks (the guest model has one I/O stream; latency is each disk's).
     */
    MeteredUsage forDisk(long mb, int disks) {
        GuestLoad l = new GuestLoad(load.cpuPerVp(), load.readsPerSecond() / disks, load.writesPerSecond() / disks, load.bytesPerIo(),
                load.latencySeconds(), load.receivedBytesPerSecond(), load.sentBytesPerSecond());
        return new MeteredUsage(intervalSeconds, ranSeconds, heldMemory, processors, memoryMb, l, true, connected, mb);
    }

    /** Processor work: each virtual processor's busy share of the host's clock, for the seconds it ran. */
    double cpuMhzSeconds() {
        return load.cpuPerVp() * processors * SimHost.PROCESSOR_MHZ * ranSeconds;
    }

    /** Seconds of disk I/O: the running time, when there is a disk. */
    double diskSeconds() {
        return hasDisk ? ranSeconds : 0;
    }

    /** Seconds of network traffic: the running time, when an adapter is connected. */
    double networkSeconds() {
        return connected ? ranSeconds : 0;
    }

    /** I/O operations completed, each counted in 8 KB units. */
    double normalizedIos() {
        double units = Math.ceil(load.bytesPerIo() / MeteredMetric.NORMALIZED_IO_BYTES);
        return (load.readsPerSecond() + load.writesPerSecond()) * units * diskSeconds();
    }
}
