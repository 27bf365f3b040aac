package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.vm.MetricReading;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmMeasurement;
import io.hyperv4j.vm.VmMetrics;
import java.util.List;

/**
 * {@code hyperv vm measure VM [--enable|--disable|--reset]}: Measure-VM, after Enable-, Disable- or
 * Reset-VMResourceMetering when asked. The text is Measure-VM's table (AvgCPU(MHz) ... NetworkOutbound(M))
 * and the disk figures its list view adds; JSON is one object with the report's property names and
 * every metric read (name, units, value, seconds), or an empty array while metering is off.
 */
final class VmMeasureCommand {
    private VmMeasureCommand() {}

    static final Verb VERB = Verb.of("measure", "VM [--enable|--disable|--reset] (Measure-VM, Enable-/Disable-/Reset-VMResourceMetering)")
            .arg("NAME")
            .flag("--enable", "start collecting the VM's metrics first")
            .flag("--disable", "stop collecting them (and drop their values)")
            .flag("--reset", "restart the interval of the metrics collected");

    static void run(ParsedArgs args, CommandContext ctx) {
        VirtualMachine vm = VmNoun.find(ctx, args.arg("NAME"));
        VmMetrics metrics = vm.metrics();
        if (args.flag("--enable")) metrics.enable();
        if (args.flag("--reset")) metrics.reset();
        if (args.flag("--disable")) metrics.disable();
        List<MetricReading> readings = metrics.read();
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        if (readings.isEmpty()) {
            ctx.output().result(arr, "(resource metering is not enabled for " + vm.lastKnownName() + ": vm measure " + vm.lastKnownName() + " --enable)");
            return;
        }
        VmMeasurement m = metrics.measure();
        ObjectNode o = arr.addObject().put("VMName", vm.lastKnownName()).put("ComputerName", ctx.computerName())
                .put("MeteringDuration", m.meteringDuration().toSeconds())
                .put("AverageProcessorUsage", m.averageCpuMhz()).put("AverageMemoryUsage", m.averageMemoryMb())
                .put("MaximumMemoryUsage", m.maximumMemoryMb()).put("MinimumMemoryUsage", m.minimumMemoryMb())
                .put("TotalDiskAllocation", m.totalDiskMb()).put("NetworkInbound", m.networkInboundMb()).put("NetworkOutbound", m.networkOutboundMb())
                .put("AggregatedAverageNormalizedIOPS", m.averageNormalizedIops()).put("AggregatedAverageLatency", m.averageLatencyMs())
                .put("AggregatedDiskDataRead", m.diskDataReadMb()).put("AggregatedDiskDataWritten", m.diskDataWrittenMb())
                .put("AggregatedNormalizedIOCount", m.normalizedIoCount());
        ArrayNode each = o.putArray("Metrics");
        for (MetricReading r : readings)
            each.addObject().put("Metric", r.name()).put("Value", r.value()).put("Units", r.units()).put("Seconds", r.interval().toSeconds());
        String table = String.format("%-12s %-12s %11s %9s %9s %9s %12s %17s %18s%n", "VMName", "ComputerName", "AvgCPU(MHz)", "AvgRAM(M)",
                "MaxRAM(M)", "MinRAM(M)", "TotalDisk(M)", "NetworkInbound(M)", "NetworkOutbound(M)")
                + String.format("%-12s %-12s %11d %9d %9d %9d %12d %17d %18d%n", vm.lastKnownName(), ctx.computerName(), m.averageCpuMhz(),
                m.averageMemoryMb(), m.maximumMemoryMb(), m.minimumMemoryMb(), m.totalDiskMb(), m.networkInboundMb(), m.networkOutboundMb())
                + String.format("%nMeteringDuration                : %d s%nAggregatedAverageNormalizedIOPS : %d%nAggregatedAverageLatency        : %d%n"
                        + "AggregatedDiskDataRead          : %d%nAggregatedDiskDataWritten       : %d%nAggregatedNormalizedIOCount     : %d",
                m.meteringDuration().toSeconds(), m.averageNormalizedIops(), m.averageLatencyMs(), m.diskDataReadMb(), m.diskDataWrittenMb(),
                m.normalizedIoCount());
        ctx.output().result(arr, table);
    }
}
