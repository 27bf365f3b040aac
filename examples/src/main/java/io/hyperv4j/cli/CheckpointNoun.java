package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.NotFoundException;
import io.hyperv4j.vm.Checkpoint;
import io.hyperv4j.vm.Checkpoints;
import io.hyperv4j.vm.VirtualMachine;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code hyperv checkpoint ...}: Checkpoint-VM, Get-VMSnapshot, Restore-VMSnapshot,
 * Remove-VMSnapshot [-IncludeAllChildSnapshots], Rename-VMSnapshot. JSON uses Get-VMSnapshot's
 * property names: Name, Id, VMName, ParentSnapshotName, ParentSnapshotId, CreationTime,
 * SnapshotType, Path. Checkpoint names are not unique: --name also takes a checkpoint's Id, and an
 * ambiguous name is refused with the matching ids.
 */
public final class CheckpointNoun implements NounCommand {
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final List<Verb> VERBS = List.of(
            Verb.of("new", "Take a checkpoint (Checkpoint-VM)").arg("VM").option("--name", "NAME", "default: 'VM - (date - time)'")
                    .flag(AsJob.FLAG, AsJob.HELP),
            Verb.of("list", "List the VM's checkpoints (Get-VMSnapshot)").arg("VM"),
            Verb.of("apply", "Apply a checkpoint; the VM must be off or saved (Restore-VMSnapshot)").arg("VM")
                    .option("--name", "NAME", "the checkpoint's name or Id").flag(AsJob.FLAG, AsJob.HELP),
            Verb.of("remove", "Delete a checkpoint, merging its disk (Remove-VMSnapshot)").arg("VM")
                    .option("--name", "NAME", "the checkpoint's name or Id")
                    .flag("--include-children", "delete its whole subtree (-IncludeAllChildSnapshots)")
                    .flag(AsJob.FLAG, AsJob.HELP),
            Verb.of("rename", "Rename a checkpoint (Rename-VMSnapshot)").arg("VM")
                    .option("--name", "NAME", "the checkpoint's name or Id")
                    .option("--new-name", "NAME", "its new name"));

    @Override
    public String name() {
        return "checkpoint";
    }

    @Override
    public String summary() {
        return "VM checkpoints, like the Hyper-V cmdlets: new, list, apply, remove, rename";
    }

    @Override
    public List<Verb> verbs() {
        return VERBS;
    }

    @Override
    public void run(Verb verb, ParsedArgs args, CommandContext ctx) {
        VirtualMachine vm = VmNoun.find(ctx, args.arg("VM"));
        Checkpoints cps = vm.checkpoints();
        switch (verb.name()) {
            case "new" -> {
                var op = cps.create(args.option("--name").orElse(null));
                if (asJob(ctx, args, vm, op)) return;
                String id = awaited(ctx, op, "Checkpointing " + vm.lastKnownName());
                show(ctx, vm, cps.byId(id).orElseThrow(() -> new NotFoundException("the new checkpoint " + id + " is not listed")));
            }
            case "list" -> {
                List<Checkpoint> all = cps.list();
                ArrayNode arr = JsonNodeFactory.instance.arrayNode();
                all.forEach(c -> arr.add(json(ctx, vm, c)));
                StringBuilder t = new StringBuilder();
                String row = "%-12s %-8s %-30s %-10s %-20s %s%n";
                if (!all.isEmpty()) t.append(String.format(row, "ComputerName", "VMName", "Name", "SnapshotType", "CreationTime", "ParentSnapshotName"));
                for (Checkpoint c : all)
                    t.append(String.format(row, ctx.computerName(), vm.lastKnownName(), c.name(), c.type().powerShellName(), c.creationTime(),
                            c.parentName() == null ? "" : c.parentName()));
                ctx.output().result(arr, t.toString().stripTrailing());
            }
            case "apply" -> {
                Checkpoint c = pick(cps, args);
                var op = cps.apply(c);
                if (asJob(ctx, args, vm, op)) return;
                awaited(ctx, op, "Applying " + c.name());
                show(ctx, vm, c);
            }
            case "remove" -> {
                Checkpoint c = pick(cps, args);
                boolean tree = args.flag("--include-children");
                var op = tree ? cps.deleteSubtree(c) : cps.delete(c);
                if (asJob(ctx, args, vm, op)) return;
                awaited(ctx, op, "Removing " + c.name());
                ctx.output().result(json(ctx, vm, c), "Removed checkpoint '" + c.name() + "' (" + c.id() + ")" + (tree ? " and its children" : "")
                        + " of " + vm.lastKnownName() + " on " + ctx.computerName());
            }
            case "rename" -> {
                Checkpoint c = pick(cps, args);
                String to = args.option("--new-name").orElseThrow(() -> new UsageException("checkpoint", "rename needs --new-name NAME"));
                awaited(ctx, cps.rename(c, to), "Renaming " + c.name());
                show(ctx, vm, cps.byId(c.id()).orElseThrow());
            }
            default -> throw new IllegalStateException(verb.name());
        }
    }

    private static Checkpoint pick(Checkpoints cps, ParsedArgs args) {
        String name = args.option("--name").orElseThrow(() -> new UsageException("checkpoint", "--name NAME (or the checkpoint's Id) is required"));
        if (GUID.matcher(name).matches()) {
            var byId = cps.byId(name);
            if (byId.isPresent()) return byId.get();
        }
        return cps.requireByName(name);
    }

    /** With --as-job: prints the started job and says so; the caller then returns at once. */
    private static boolean asJob(CommandContext ctx, ParsedArgs args, VirtualMachine vm, io.hyperv4j.job.Operation<?> op) {
        if (!args.flag(AsJob.FLAG)) return false;
        AsJob.started(ctx, vm.lastKnownName(), vm.id(), op);
        return true;
    }

    private static <T> T awaited(CommandContext ctx, io.hyperv4j.job.Operation<T> op, String label) {
        VmNoun.await(ctx, op, label);
        return op.await();
    }

    private static void show(CommandContext ctx, VirtualMachine vm, Checkpoint c) {
        ctx.output().result(json(ctx, vm, c), c.name() + " (" + c.id() + ")  " + c.type().powerShellName() + ", created " + c.creationTime()
                + (c.parentName() == null ? "" : ", parent " + c.parentName()) + ", on " + ctx.computerName());
    }

    static ObjectNode json(CommandContext ctx, VirtualMachine vm, Checkpoint c) {
        ObjectNode j = JsonNodeFactory.instance.objectNode();
        j.put("ComputerName", ctx.computerName());
        j.put("Name", c.name());
        j.put("Id", c.id().toLowerCase(Locale.ROOT));
        j.put("VMName", vm.lastKnownName());
        j.put("VMId", vm.id().toLowerCase(Locale.ROOT));
        j.put("ParentSnapshotName", c.parentName());
        j.put("ParentSnapshotId", c.parentId() == null ? null : c.parentId().toLowerCase(Locale.ROOT));
        j.put("CreationTime", c.creationTime() == null ? null : c.creationTime().toString());
        j.put("SnapshotType", c.type().powerShellName());
        j.put("Path", c.configurationDataRoot());
        return j;
    }
}
