package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.vm.BootDevice;
import io.hyperv4j.vm.BootSource;
import io.hyperv4j.vm.VirtualMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code hyperv vm boot VM [--order LIST]}: a generation 2 VM's boot sources (Get-VMFirmware /
 * Set-VMFirmware -BootOrder; --order lists positions in the current order, e.g. 2,1) or a generation
 * 1 VM's BIOS order (Get-VMBios / Set-VMBios -StartupOrder; --order names four of Floppy, CD, IDE,
 * LegacyNetworkAdapter, SCSI). --json prints BootOrder entries with the cmdlets' BootType,
 * Description and FirmwarePath, or StartupOrder.
 */
final class VmBootCommand {
    private VmBootCommand() {}

    static final Verb VERB = Verb.of("boot", "Show or set the boot order (Get/Set-VMFirmware -BootOrder, Get/Set-VMBios -StartupOrder)")
            .arg("NAME")
            .option("--order", "LIST", "generation 2: positions in the current order, e.g. 2,1; generation 1: four of Floppy, CD, IDE, LegacyNetworkAdapter, SCSI");

    static void run(ParsedArgs args, CommandContext ctx) {
        VirtualMachine vm = VmNoun.find(ctx, args.arg("NAME"));
        List<BootSource> sources = vm.bootSources();
        boolean firmware = !sources.isEmpty() || vm.startupSettings().bootOrder().isEmpty();
        args.option("--order").ifPresent(o -> VmNoun.await(ctx, firmware ? vm.setBootSourceOrder(positions(o, sources))
                : vm.setBootOrder(VmStartupCommand.bootOrder(o)), "Setting the boot order of " + vm.lastKnownName()));
        ObjectNode j = JsonNodeFactory.instance.objectNode().put("ComputerName", ctx.computerName()).put("VMName", vm.lastKnownName());
        List<String> lines = new ArrayList<>();
        if (firmware) {
            ArrayNode order = j.putArray("BootOrder");
            int i = 1;
            for (BootSource s : vm.bootSources()) {
                String type = s.type().name().charAt(0) + s.type().name().substring(1).toLowerCase(Locale.ROOT);
                order.addObject().put("BootType", type).put("Description", s.description()).put("FirmwarePath", s.firmwarePath())
                        .put("OtherLocation", s.otherLocation());
                lines.add(String.format("%d  %-8s %-16s %s", i++, type, s.description(), s.otherLocation().isEmpty() ? s.firmwarePath() : s.otherLocation()));
            }
        } else {
            ArrayNode order = j.putArray("StartupOrder");
            for (BootDevice b : vm.startupSettings().bootOrder()) {
                order.add(VmStartupCommand.cmdletName(b));
                lines.add(VmStartupCommand.cmdletName(b));
            }
        }
        ctx.output().result(j, vm.lastKnownName() + " boots from:" + (lines.isEmpty() ? " (nothing)" : "\n  " + String.join("\n  ", lines)));
    }

    private static List<BootSource> positions(String text, List<BootSource> sources) {
        if (sources.isEmpty())
            throw new UsageException("vm", "--order: the VM has nothing to boot from yet; add a disk or a network adapter first");
        List<BootSource> out = new ArrayList<>();
        for (String part : text.split(",")) {
            int n;
            try {
                n = Integer.parseInt(part.trim());
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n < 1 || n > sources.size())
                throw new UsageException("vm", "--order: '" + part.trim() + "' is not a position 1.." + sources.size() + " of the current boot order");
            out.add(sources.get(n - 1));
        }
        return out;
    }
}
