package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.vm.ControllerType;
import io.hyperv4j.vm.HardDiskDrive;
import io.hyperv4j.vm.VirtualMachine;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code hyperv vm disk add|remove|list VM}: Add-VMHardDiskDrive, Remove-VMHardDiskDrive,
 * Get-VMHardDiskDrive. JSON uses their property names: VMName, ControllerType, ControllerNumber,
 * ControllerLocation, Path.
 */
final class VmDiskCommand {
    private VmDiskCommand() {}

    static final Verb VERB = Verb.of("disk", "add VM --path FILE [--controller scsi|ide] | remove VM --path FILE | list VM (Add-/Remove-/Get-VMHardDiskDrive)")
            .arg("ACTION").arg("NAME")
            .option("--path", "FILE", "the VHD/VHDX file")
            .option("--controller", "TYPE", "scsi (default) or ide");

    static void run(ParsedArgs args, CommandContext ctx) {
        String action = args.arg("ACTION");
        switch (action) {
            case "list" -> list(ctx, VmNoun.find(ctx, args.arg("NAME")));
            case "add" -> {
                Path file = path(args);
                ControllerType type = controller(args);
                VirtualMachine vm = VmNoun.find(ctx, args.arg("NAME"));
                HardDiskDrive d = vm.hardDisks().attach(file, type);
                ctx.output().result(json(ctx, vm, d), "Attached " + d.path() + " to " + vm.lastKnownName() + " at "
                        + d.controllerType() + " " + d.controllerNumber() + ":" + d.controllerLocation() + " on " + ctx.computerName());
            }
            case "remove" -> {
                Path file = path(args);
                VirtualMachine vm = VmNoun.find(ctx, args.arg("NAME"));
                vm.hardDisks().detach(file);
                ObjectNode j = JsonNodeFactory.instance.objectNode().put("ComputerName", ctx.computerName()).put("VMName", vm.lastKnownName())
                        .put("Path", file.toAbsolutePath().toString());
                ctx.output().result(j, "Removed the drive holding " + file.toAbsolutePath() + " from " + vm.lastKnownName() + " on " + ctx.computerName());
            }
            default -> throw new UsageException("vm", "vm disk: ACTION must be add, remove or list, not '" + action + "'");
        }
    }

    private static void list(CommandContext ctx, VirtualMachine vm) {
        List<HardDiskDrive> drives = vm.hardDisks().list();
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        StringBuilder text = new StringBuilder();
        if (!drives.isEmpty()) text.append(String.format("%-12s %-8s %-16s %-18s %s%n", "ComputerName", "VMName", "ControllerType", "Number:Location", "Path"));
        for (HardDiskDrive d : drives) {
            arr.add(json(ctx, vm, d));
            text.append(String.format("%-12s %-8s %-16s %-18s %s%n", ctx.computerName(), vm.lastKnownName(), d.controllerType(),
                    d.controllerNumber() + ":" + d.controllerLocation(), d.path()));
        }
        ctx.output().result(arr, text.toString().stripTrailing());
    }

    private static ObjectNode json(CommandContext ctx, VirtualMachine vm, HardDiskDrive d) {
        ObjectNode j = JsonNodeFactory.instance.objectNode();
        j.put("ComputerName", ctx.computerName());
        j.put("VMName", vm.lastKnownName());
        j.put("VMId", vm.id().toLowerCase(Locale.ROOT));
        j.put("ControllerType", d.controllerType() == null ? null : d.controllerType().name());
        j.put("ControllerNumber", d.controllerNumber());
        j.put("ControllerLocation", d.controllerLocation());
        j.put("Path", d.path());
        return j;
    }

    private static Path path(ParsedArgs args) {
        return Path.of(args.option("--path").orElseThrow(() -> new UsageException("vm", "vm disk: --path FILE is required")));
    }

    private static ControllerType controller(ParsedArgs args) {
        String c = args.option("--controller").orElse("scsi");
        return switch (c.toLowerCase(Locale.ROOT)) {
            case "scsi" -> ControllerType.SCSI;
            case "ide" -> ControllerType.IDE;
            default -> throw new UsageException("vm", "--controller must be scsi or ide, not '" + c + "'");
        };
    }
}
