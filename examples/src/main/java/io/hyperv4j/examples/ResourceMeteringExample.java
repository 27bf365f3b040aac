package io.hyperv4j.examples;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.vm.MetricReading;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmMeasurement;
import io.hyperv4j.vm.VmMetrics;
import io.hyperv4j.vm.VmSpec;
import java.net.URI;

/**
 * Resource metering as Enable-VMResourceMetering and Measure-VM do it: collection enabled on a VM,
 * the VM started, its aggregated metrics read, then collection disabled. Public API only: the
 * embedded simulator by default, a real host with {@code ResourceMeteringExample wmi://hv01}.
 */
public final class ResourceMeteringExample {
    private ResourceMeteringExample() {}

    public static void main(String[] args) {
        try (HyperVHost host = args.length > 0 ? HyperV.connect(URI.create(args[0])) : HyperV.simulator()) {
            VirtualMachine vm = host.vms().create(VmSpec.builder("metered01").memoryMb(3072).build());
            VmMetrics metrics = vm.metrics();
            System.out.println("Before enabling: " + metrics.read().size() + " metrics");
            metrics.enable();
            vm.start().await();
            for (MetricReading r : metrics.read())
                System.out.println("  " + r.name() + ": " + r.value() + " " + r.units() + " over " + r.interval().toSeconds() + " s");
            VmMeasurement m = metrics.measure();
            System.out.println("Measure-VM: AvgCPU(MHz) " + m.averageCpuMhz() + ", AvgRAM(M) " + m.averageMemoryMb() + ", TotalDisk(M) "
                    + m.totalDiskMb() + ", NetworkInbound(M) " + m.networkInboundMb() + ", AggregatedNormalizedIOCount " + m.normalizedIoCount());
            metrics.disable();
            System.out.println("After disabling: " + metrics.read().size() + " metrics");
            vm.turnOff().await();
            vm.remove().await();
        }
    }
}
