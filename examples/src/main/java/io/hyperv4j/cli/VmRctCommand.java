package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.NotFoundException;
import io.hyperv4j.vhd.ByteRange;
import io.hyperv4j.vm.ChangeTracking;
import io.hyperv4j.vm.ConsistencyLevel;
import io.hyperv4j.vm.DiskChanges;
import io.hyperv4j.vm.RecoveryCheckpoint;
import io.hyperv4j.vm.ReferencePoint;
import io.hyperv4j.vm.VirtualMachine;
import java.util.List;
import java.util.Locale;

/**
 * {@code hyperv vm rct checkpoint|convert|points|changes|remove VM}: backup through WMI (Windows
 * Server 2016+): a recovery checkpoint, its conversion to a reference point, the reference points,
 * the ranges changed since one (GetVirtualDiskChanges), and deleting one. JSON names follow
 * Msvm_VirtualSystemReferencePoint (InstanceID, ConsistencyLevel, ResilientChangeTrackingIdentifiers)
 * and GetVirtualDiskChanges (ChangedByteOffsets, ChangedByteLengths).
 */
final class VmRctCommand {
    private VmRctCommand() {}

    static final Verb VERB = Verb.of("rct", "checkpoint VM [--consistency app|crash] | convert VM --checkpoint ID | points VM"
                    + " | changes VM --since REF | remove VM --point REF (recovery checkpoints, reference points, changed ranges)")
            .arg("ACTION").arg("NAME")
            .option("--consistency", "LEVEL", "app (default) or crash")
            .option("--checkpoint", "ID", "a recovery checkpoint's id")
            .option("--since", "REF", "a reference point's id")
            .option("--point", "REF", "a reference point's id");

    static void run(ParsedArgs args, CommandContext ctx) {
        String action = args.arg("ACTION");
        VirtualMachine vm = VmNoun.find(ctx, args.arg("NAME"));
        ChangeTracking rct = vm.changeTracking();
        switch (action) {
            case "checkpoint" -> {
                var op = rct.createRecoveryCheckpoint(consistency(args));
                VmNoun.await(ctx, op, "Taking a recovery checkpoint of " + vm.lastKnownName());
                RecoveryCheckpoint cp = rct.recoveryCheckpoint(op.await());
                ObjectNode j = JsonNodeFactory.instance.objectNode().put("VMName", vm.lastKnownName()).put("Id", cp.id())
                        .put("Name", cp.name()).put("SnapshotType", "Recovery").put("CreationTime", String.valueOf(cp.creationTime()));
                ctx.output().result(j, "Recovery checkpoint " + cp.id() + " of " + vm.lastKnownName() + " taken at " + cp.creationTime());
            }
            case "convert" -> {
                String id = required(args, "--checkpoint", "convert needs --checkpoint ID");
                var op = rct.convertToReferencePoint(rct.recoveryCheckpoint(id));
                VmNoun.await(ctx, op, "Converting " + id);
                ReferencePoint rp = rct.referencePoint(op.await()).orElseThrow(() -> new NotFoundException("the new reference point is not listed"));
                ctx.output().result(json(rp), "Reference point " + rp.id() + " of " + vm.lastKnownName());
            }
            case "points" -> {
                ArrayNode arr = JsonNodeFactory.instance.arrayNode();
                StringBuilder t = new StringBuilder();
                for (ReferencePoint rp : rct.referencePoints()) {
                    arr.add(json(rp));
                    t.append(String.format("%-38s %-24s %s%n", rp.id(), rp.consistencyLevel(),
                            rp.disks().stream().map(ReferencePoint.Disk::changeTrackingId).toList()));
                }
                ctx.output().result(arr, t.toString().stripTrailing());
            }
            case "changes" -> {
                ReferencePoint rp = point(rct, vm, required(args, "--since", "changes needs --since REF"));
                ArrayNode arr = JsonNodeFactory.instance.arrayNode();
                StringBuilder t = new StringBuilder();
                for (DiskChanges d : rct.changesSince(rp)) {
                    ObjectNode j = arr.addObject().put("Path", d.file().toString()).put("LimitId", d.changeTrackingId())
                            .put("Size", d.size()).put("ChangedBytes", d.changedBytes());
                    ArrayNode offs = j.putArray("ChangedByteOffsets");
                    ArrayNode lens = j.putArray("ChangedByteLengths");
                    for (ByteRange r : d.ranges()) {
                        offs.add(r.offset());
                        lens.add(r.length());
                    }
                    t.append(String.format("%s: %d bytes changed in %d ranges of %d since %s%n", d.file(), d.changedBytes(), d.ranges().size(),
                            d.size(), d.changeTrackingId()));
                }
                ctx.output().result(arr, t.toString().stripTrailing());
            }
            case "remove" -> {
                ReferencePoint rp = point(rct, vm, required(args, "--point", "remove needs --point REF"));
                var op = rct.destroyReferencePoint(rp);
                VmNoun.await(ctx, op, "Removing reference point " + rp.id());
                op.await();
                ctx.output().result(json(rp), "Removed reference point " + rp.id() + " of " + vm.lastKnownName());
            }
            default -> throw new UsageException("vm", "vm rct: ACTION must be checkpoint, convert, points, changes or remove, not '" + action + "'");
        }
    }

    private static ReferencePoint point(ChangeTracking rct, VirtualMachine vm, String id) {
        return rct.referencePoint(id).orElseThrow(() -> new NotFoundException(vm.lastKnownName() + " has no reference point " + id));
    }

    private static ObjectNode json(ReferencePoint rp) {
        ObjectNode j = JsonNodeFactory.instance.objectNode().put("InstanceID", "Microsoft:" + rp.id()).put("VirtualSystemIdentifier", rp.vmId())
                .put("ConsistencyLevel", rp.consistencyLevel().value());
        ArrayNode disks = j.putArray("VirtualDiskIdentifiers");
        ArrayNode ids = j.putArray("ResilientChangeTrackingIdentifiers");
        for (ReferencePoint.Disk d : rp.disks()) {
            disks.add(d.diskSettingsId());
            ids.add(d.changeTrackingId());
        }
        return j;
    }

    private static ConsistencyLevel consistency(ParsedArgs args) {
        String c = args.option("--consistency").orElse("app");
        return switch (c.toLowerCase(Locale.ROOT)) {
            case "app", "application" -> ConsistencyLevel.APPLICATION_CONSISTENT;
            case "crash" -> ConsistencyLevel.CRASH_CONSISTENT;
            default -> throw new UsageException("vm", "--consistency must be app or crash, not '" + c + "'");
        };
    }

    private static String required(ParsedArgs args, String option, String why) {
        return args.option(option).orElseThrow(() -> new UsageException("vm", "vm rct: " + why));
    }

}
