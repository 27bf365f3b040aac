package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.vm.MetricReading;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmMetrics;

/**
 * {@code hyperv vm measure VM [--enable|--disable|--reset]}: Measure-VM, after Enable-, Disable- or
 * Reset-VMResourceMetering when asked. JSON lists each aggregated metric with its name, units,
 * value and the seconds it was aggregated over.
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
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        StringBuilder text = new StringBuilder(String.format("%-12s %-12s %-40s %12s %-10s %s%n", "ComputerName", "VMName", "Metric", "Value", "Units", "Seconds"));
        for (MetricReading r : metrics.read()) {
            ObjectNode o = arr.addObject().put("ComputerName", ctx.computerName()).put("VMName", vm.lastKnownName())
                    .put("Metric", r.name()).put("Value", r.value()).put("Units", r.units()).put("Seconds", r.interval().toSeconds());
            text.append(String.format("%-12s %-12s %-40s %12d %-10s %d%n", o.get("ComputerName").asText(), vm.lastKnownName(), r.name(), r.value(),
                    r.units(), r.interval().toSeconds()));
        }
        if (arr.isEmpty()) text.append("(resource metering is not enabled for ").append(vm.lastKnownName()).append(": vm measure ").append(vm.lastKnownName()).append(" --enable)");
        ctx.output().result(arr, text.toString().stripTrailing());
    }
}
