package io.hyperv4j.perf.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * A VM as the counter model sees it: its size, the workload it runs, and a timeline of where it is
 * and in what state. The VM is an {@link Activity} on every host that knows it; it contributes
 * only where the timeline puts it.
 */
public final class VmModel implements Activity {
    private final String name;
    private final int virtualProcessors;
    private final long memoryMb;
    private final String vhdInstance;
    private final VmWorkload workload;
    private final double rootMemoryChargeMb;
    private final List<Step> timeline = new ArrayList<>();

    /**
     * @param rootMemoryChargeMb how much Memory\Available MBytes of the host drops while the VM is
     *                           there: on Hyper-V a child partition's memory comes from the
     *                           hypervisor, so the management OS sees only part of it go
     */
    public VmModel(String name, int virtualProcessors, long memoryMb, double rootMemoryChargeMb, String vhdInstance, VmWorkload workload) {
        this.rootMemoryChargeMb = rootMemoryChargeMb;
        if (virtualProcessors <= 0) throw new IllegalArgumentException("virtualProcessors must be positive");
        this.name = name;
        this.virtualProcessors = virtualProcessors;
        this.memoryMb = memoryMb;
        this.vhdInstance = vhdInstance;
        this.workload = workload;
    }

    /** From {@code tMillis} on, the VM is in {@code state} on {@code host} (ABSENT everywhere else). */
    public VmModel at(long tMillis, String host, VmPresence state) {
        if (!timeline.isEmpty() && timeline.get(timeline.size() - 1).t > tMillis) {
            throw new IllegalArgumentException("VM timeline steps must be in time order");
        }
        timeline.add(new Step(tMillis, host, state));
        return this;
    }

    public String name() {
        return name;
    }

    public int virtualProcessors() {
        return virtualProcessors;
    }

    public long memoryMb() {
        return memoryMb;
    }

    public String vhdInstance() {
        return vhdInstance;
    }

    public VmWorkload workload() {
        return workload;
    }

    /** The VM's state on {@code host} at {@code tMillis}. */
    public VmPresence stateOn(String host, long tMillis) {
        Step cur = null;
        for (int i = 0; i < timeline.size(); i++) { // indexed: no iterator on the sampling path
            Step s = timeline.get(i);
            if (s.t <= tMillis) cur = s;
            else break;
        }
        if (cur == null || !cur.host.equalsIgnoreCase(host)) return VmPresence.ABSENT;
        return cur.state;
    }

    @Override
    public void apply(long tMillis, HostModel host, Load load) {
        VmPresence state = stateOn(host.name(), tMillis);
        if (state == VmPresence.ABSENT) return;
        load.inUseMb += rootMemoryChargeMb;
        if (state != VmPresence.RUNNING) return;
        int i = host.vmIndex(this);
        VmWorkload w = workload;
        double guest = w.cpuPerVp() * virtualProcessors;
        load.guestLp += guest;
        load.hypervisorLp += guest * w.hypervisorOverhead();
        load.vmGuestPerVp[i] += w.cpuPerVp();
        load.vmHypervisorPerVp[i] += w.cpuPerVp() * w.hypervisorOverhead();
        load.vnicSent[i] += w.networkSentBytesPerSec();
        load.vnicReceived[i] += w.networkReceivedBytesPerSec();
        load.vhdReads[i] += w.readsPerSec();
        load.vhdWrites[i] += w.writesPerSec();
        load.vhdReadBytes[i] += w.readsPerSec() * w.bytesPerIo();
        load.vhdWriteBytes[i] += w.writesPerSec() * w.bytesPerIo();
        int disk = host.findDisk(workload.hostDisk());
        if (disk >= 0) {
            load.read(disk, w.readsPerSec(), w.bytesPerIo(), w.readLatencySeconds());
            load.write(disk, w.writesPerSec(), w.bytesPerIo(), w.writeLatencySeconds());
        }
    }

    @Override
    public long nextChange(long tMillis) {
        for (int i = 0; i < timeline.size(); i++) if (timeline.get(i).t > tMillis) return timeline.get(i).t;
        return Long.MAX_VALUE;
    }

    private record Step(long t, String host, VmPresence state) {
    }
}
