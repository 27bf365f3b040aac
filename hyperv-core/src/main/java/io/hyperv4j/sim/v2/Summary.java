package io.hyperv4j.sim.v2;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.sim.HostScope;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimJob;
import io.hyperv4j.sim.SimVm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Msvm_SummaryInformation for GetSummaryInformation: the requested information codes
 * (getsummaryinformation-msvm-virtualsystemmanagementservice) filled from the model. Name is
 * always present, so a caller can tell a VM that was not found (empty Name) from one that was.
 * Guest-side figures (processor load, free memory) come from a deterministic function of the
 * VM and the minute, standing in for a workload model.
 */
final class Summary {
    private Summary() {}

    static CimInstance missing() {
        return CimInstance.builder(V2.SUMMARY_INFORMATION).put("Name", CimValue.string("")).build();
    }

    static CimInstance of(HostScope scope, SimVm vm, List<Long> requested) {
        Instant now = scope.now();
        boolean running = vm.state() == PowerState.RUNNING;
        CimInstance.Builder b = CimInstance.builder(V2.SUMMARY_INFORMATION);
        b.put("Name", CimValue.string(vm.id()));
        b.put("InstanceID", CimValue.string("Microsoft:" + vm.id()));
        for (long code : requested) {
            switch ((int) code) {
                case 0 -> { }
                case 1 -> b.put("ElementName", CimValue.string(vm.name()));
                case 2 -> b.put("CreationTime", V2Renderer.dt(vm.created()));
                case 3 -> b.put("Notes", CimValue.string(vm.notes()));
                case 4 -> b.put("NumberOfProcessors", CimValue.uint16(vm.processors()));
                case 5 -> thumbnail(b, vm, now, 80, 60);
                case 6 -> thumbnail(b, vm, now, 160, 120);
                case 7 -> thumbnail(b, vm, now, 320, 240);
                case 8 -> b.put("AllocatedGPU", CimValue.nullOf(CimType.STRING)); // no GPU is assigned in the simulator
                case 9 -> b.put("VirtualSwitchNames", CimValue.strings(List.of()));
                case 10 -> b.put("Version", CimValue.string(vm.version()));
                case 11 -> b.put("Shielded", CimValue.bool(false));
                case 100 -> b.put("EnabledState", CimValue.uint16(vm.state().enabledState()));
                case 101 -> b.put("ProcessorLoad", running ? CimValue.uint16(load(vm, now, 0)) : CimValue.nullOf(CimType.UINT16));
                case 102 -> b.put("ProcessorLoadHistory", history(vm, now, running));
                case 103 -> b.put("MemoryUsage", CimValue.uint64(vm.state().isActive() ? DynamicMemory.assignedMb(vm) : 0));
                case 104 -> b.put("Heartbeat", running ? CimValue.uint16(2) : CimValue.nullOf(CimType.UINT16));
                case 105 -> b.put("UpTime", CimValue.uint64(V2Renderer.uptime(vm, now).toMillis()));
                case 106 -> b.put("GuestOperatingSystem", CimValue.nullOf(CimType.STRING));
                case 107 -> b.put("Snapshots", CimValue.array(CimType.OBJECT, List.of()));
                case 108 -> b.put("AsynchronousTasks", Embedded.objects(tasks(scope, vm)));
                case 109 -> b.put("HealthState", CimValue.uint16(5));
                case 110 -> b.put("OperationalStatus", V2Renderer.u16s(2));
                case 111 -> b.put("StatusDescriptions", CimValue.strings(List.of("Operating normally")));
                case 112 -> b.put("MemoryAvailable", !running ? CimValue.nullOf(CimType.SINT32)
                        : vm.dynamicMemory() ? CimValue.sint32(percent(DynamicMemory.assignedMb(vm) - DynamicMemory.demandMb(vm), DynamicMemory.assignedMb(vm)))
                        : CimValue.sint32(30 + load(vm, now, 7) % 40));
                case 113 -> b.put("AvailableMemoryBuffer", !running ? CimValue.nullOf(CimType.SINT32)
                        : vm.dynamicMemory() ? CimValue.sint32(percent(DynamicMemory.assignedMb(vm) - DynamicMemory.demandMb(vm), DynamicMemory.demandMb(vm)))
                        : CimValue.sint32(20));
                case 114 -> b.put("ReplicationMode", CimValue.uint16(0));
                case 115 -> b.put("ReplicationState", CimValue.uint16(0));
                case 116 -> {
                    b.put("ReplicationHealth", CimValue.uint16(0));
                    b.put("TestReplicaSystem", CimValue.nullOf(CimType.REFERENCE));
                }
                case 117 -> b.put("ApplicationHealth", running ? CimValue.uint16(2) : CimValue.nullOf(CimType.UINT16));
                case 118 -> b.put("ReplicationStateEx", V2Renderer.u16s(0));
                case 119 -> b.put("ReplicationHealthEx", V2Renderer.u16s(0));
                case 120 -> b.put("SwapFilesInUse", CimValue.bool(false));
                case 121, 132 -> {
                    b.put("IntegrationServicesVersionState", CimValue.uint16(running ? 1 : 0));
                    if (code == 132) b.put("OtherEnabledState", CimValue.nullOf(CimType.STRING));
                }
                case 122 -> b.put("ReplicationProviderId", CimValue.strings(List.of()));
                case 123 -> b.put("MemorySpansPhysicalNumaNodes", CimValue.bool(NumaTopology.of(vm.host()).spans(vm)));
                default -> { } // a code the page does not document adds nothing
            }
        }
        return b.build();
    }

    private static void thumbnail(CimInstance.Builder b, SimVm vm, Instant now, int width, int height) {
        b.put("ThumbnailImage", Thumbnails.uint8s(Thumbnails.of(vm, now, width, height)));
        b.put("ThumbnailImageWidth", CimValue.uint16(width));
        b.put("ThumbnailImageHeight", CimValue.uint16(height));
    }

    private static List<CimInstance> tasks(HostScope scope, SimVm vm) {
        List<CimInstance> out = new ArrayList<>();
        for (SimJob j : scope.host().jobs())
            if (vm.id().equals(j.affectedVmId()) && !j.state().isTerminal()) out.add(V2Renderer.job(j, scope.now()));
        return out;
    }

    private static CimValue history(SimVm vm, Instant now, boolean running) {
        List<Long> h = new ArrayList<>();
        if (running) for (int i = 0; i < 100; i++) h.add((long) load(vm, now.minusSeconds(60L * i), 0));
        return CimValue.array(CimType.UINT16, h);
    }

    /** {@code part} as a whole percentage of {@code whole}. */
    private static long percent(long part, long whole) {
        return whole <= 0 ? 0 : Math.round(100.0 * part / whole);
    }

    /** A stable pseudo-load in 2..39 % for this VM and minute. */
    static int load(SimVm vm, Instant t, int salt) {
        long minute = t.getEpochSecond() / 60;
        long h = vm.id().hashCode() * 0x9E3779B97F4A7C15L + minute * 31 + salt;
        h ^= (h >>> 29);
        return 2 + (int) Math.floorMod(h, 38);
    }
}
