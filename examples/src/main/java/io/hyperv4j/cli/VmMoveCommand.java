package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.job.Operation;
import io.hyperv4j.vm.HardDiskDrive;
import io.hyperv4j.vm.MigrationSpec;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmMigrations;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code hyperv vm move VM --destination HOST [--include-storage] [--storage-path DIR]} (Move-VM),
 * {@code hyperv vm move VM --storage-path DIR} (Move-VMStorage) and {@code hyperv vm migration
 * enable|disable|get} (Enable-/Disable-VMMigration, Get-VMHost's VirtualMachineMigrationEnabled):
 * migration without a cluster through the host's Msvm_VirtualSystemMigrationService.
 */
final class VmMoveCommand {
    private VmMoveCommand() {}

    static final Verb MOVE = Verb.of("move", "Move a VM to another host, with its storage or not, or only its storage (Move-VM, Move-VMStorage)")
            .arg("NAME")
            .option("--destination", "HOST", "the destination host; without it only the storage moves")
            .flag("--include-storage", "move the disks too: shared-nothing live migration (Move-VM -IncludeStorage)")
            .option("--storage-path", "DIR", "the folder the disks move to (Move-VM -DestinationStoragePath)")
            .flag(AsJob.FLAG, AsJob.HELP);

    static final Verb MIGRATION = Verb.of("migration", "enable | disable | get: whether the host takes and sends migrations (Enable-VMMigration)")
            .arg("ACTION");

    static void move(ParsedArgs args, CommandContext ctx) {
        VirtualMachine vm = VmNoun.find(ctx, args.arg("NAME"));
        String destination = args.option("--destination").orElse(null);
        Path folder = args.option("--storage-path").map(Path::of).map(Path::toAbsolutePath).orElse(null);
        boolean storage = args.flag("--include-storage") || destination == null;
        if (destination == null && folder == null)
            throw new UsageException("vm", "vm move: give --destination HOST, --storage-path DIR, or both");
        MigrationSpec spec = destination == null ? null : storage ? MigrationSpec.sharedNothing(destination) : MigrationSpec.live(destination);
        if (!storage && folder != null) throw new UsageException("vm", "vm move: --storage-path moves disks; add --include-storage");
        for (HardDiskDrive d : folder == null ? java.util.List.<HardDiskDrive>of() : vm.hardDisks().list()) {
            if (d.path() == null || d.path().isEmpty()) continue;
            Path from = Path.of(d.path());
            Path to = folder.resolve(from.getFileName());
            spec = spec == null ? MigrationSpec.storage(from, to) : spec.moveDisk(from, to);
        }
        if (spec == null) throw new UsageException("vm", "vm move: " + vm.lastKnownName() + " has no disks to move to " + folder);
        Operation<Void> op = vm.migrate(spec);
        if (args.flag(AsJob.FLAG)) {
            AsJob.started(ctx, vm.lastKnownName(), vm.id(), op);
            return;
        }
        VmNoun.await(ctx, op, "Moving " + vm.lastKnownName());
        String host = destination == null ? ctx.computerName() : destination;
        ObjectNode j = JsonNodeFactory.instance.objectNode().put("VMName", vm.lastKnownName()).put("VMId", vm.id().toLowerCase(Locale.ROOT))
                .put("ComputerName", host).put("MigrationType", spec.kind().name());
        ctx.output().result(j, "Moved " + vm.lastKnownName() + " (" + spec.kind() + ") to " + host
                + (folder == null ? "" : ", disks in " + folder));
    }

    static void migration(ParsedArgs args, CommandContext ctx) {
        VmMigrations m = ctx.hyperV().vms().migrations();
        String action = args.arg("ACTION");
        switch (action) {
            case "enable", "disable" -> VmNoun.await(ctx, m.enable(action.equals("enable")), (action.equals("enable") ? "Enabling" : "Disabling") + " migration");
            case "get" -> { }
            default -> throw new UsageException("vm", "vm migration: ACTION must be enable, disable or get, not '" + action + "'");
        }
        boolean on = m.isEnabled();
        ctx.output().result(JsonNodeFactory.instance.objectNode().put("ComputerName", ctx.computerName()).put("VirtualMachineMigrationEnabled", on),
                "Virtual machine migration on " + ctx.computerName() + ": " + (on ? "enabled" : "disabled"));
    }
}
