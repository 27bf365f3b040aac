package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.backup.BackupKind;
import io.hyperv4j.backup.BackupPath;
import io.hyperv4j.backup.DataProtection;
import io.hyperv4j.backup.ProtectionGroup;
import io.hyperv4j.backup.RecoveryPoint;
import io.hyperv4j.backup.RestoreTarget;
import io.hyperv4j.job.Operation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;

/**
 * {@code hyperv backup ...}: protection groups, backups, recovery points and restores of the lab's
 * data-protection server; {@code --json} uses the DPM cmdlets' property names.
 */
public final class BackupNoun implements NounCommand {
    private static final List<Verb> VERBS = List.of(
            Verb.of("group", "new NAME | add NAME VM | schedule NAME | list (New-DPMProtectionGroup, Add-DPMChildDatasource,"
                    + " Set-DPMPolicySchedule, Get-DPMProtectionGroup)")
                    .arg("ACTION").optionalArg("NAME").optionalArg("VM")
                    .option("--at", "HH:MM[,HH:MM]", "daily express full time(s) (default 15:00)").option("--retention-days", "N", "retention range (default 5)")
                    .option("--sync-every", "MINUTES", "schedule: in-guest members synchronise this often"),
            Verb.of("run", "back up VM: --type full (replica) | incremental (express full) | sync (in-guest database)").arg("VM")
                    .option("--type", "T", "full | incremental | sync").option("--via", "P", "network (default) | pair | guest")
                    .flag(AsJob.FLAG, AsJob.HELP),
            Verb.of("points", "Get-DPMRecoveryPoint: the recovery points of VM").arg("VM"),
            Verb.of("restore", "restore VM from --point ID --to original | host H | folder").arg("VM")
                    .option("--point", "ID", "the recovery point").option("--to", "T", "original | host | folder")
                    .optionalArg("PATH").option("--host", "H", "the host for --to host"));

    @Override
    public String name() {
        return "backup";
    }

    @Override
    public String summary() {
        return "VM backup like DPM: group new|add|list, run, points, restore";
    }

    @Override
    public List<Verb> verbs() {
        return VERBS;
    }

    @Override
    public void run(Verb verb, ParsedArgs args, CommandContext ctx) {
        DataProtection dpm = ctx.hyperV().capability(DataProtection.class);
        switch (verb.name()) {
            case "group" -> group(args, ctx, dpm);
            case "run" -> backup(args, ctx, dpm);
            case "points" -> points(ctx, dpm.recoveryPoints(args.arg("VM")));
            case "restore" -> restore(args, ctx, dpm);
            default -> throw new UsageException("unknown verb " + verb.name());
        }
    }

    private static void group(ParsedArgs args, CommandContext ctx, DataProtection dpm) {
        String action = args.arg("ACTION").toLowerCase(Locale.ROOT);
        switch (action) {
            case "new" -> {
                List<LocalTime> times = times(args);
                Duration sync = syncEvery(args);
                long days = args.longOption("--retention-days", 1, 3650).orElse(5L);
                ProtectionGroup created = dpm.createGroup(name(args), times.get(0), Duration.ofDays(days));
                // more times or a synchronisation: the schedule too (a failure discards the lab, group and all)
                if (times.size() > 1 || sync != null)
                    created = dpm.setSchedule(created.name(), new io.hyperv4j.backup.ProtectionSchedule(times, sync));
                groups(ctx, List.of(created));
            }
            case "add" -> groups(ctx, List.of(dpm.addMember(name(args),
                    args.optionalArg("VM").orElseThrow(() -> new UsageException("group add needs NAME and VM")))));
            case "schedule" -> {
                if (args.option("--retention-days").isPresent())
                    throw new UsageException("--retention-days is the group's retention range, set by 'backup group new NAME --retention-days N';"
                            + " schedule takes --at and --sync-every");
                groups(ctx, List.of(dpm.setSchedule(name(args), new io.hyperv4j.backup.ProtectionSchedule(times(args), syncEvery(args)))));
            }
            case "list" -> groups(ctx, dpm.groups());
            default -> throw new UsageException("unknown action '" + action + "' for backup group: new NAME | add NAME VM | schedule NAME | list");
        }
    }

    /** --at's times (default 15:00); a time that is not HH:MM is a usage error naming it. */
    private static List<LocalTime> times(ParsedArgs args) {
        try {
            return java.util.Arrays.stream(args.option("--at").orElse("15:00").split(",")).map(String::trim).map(LocalTime::parse).toList();
        } catch (java.time.format.DateTimeParseException e) {
            throw new UsageException("--at takes times HH:MM separated by commas, not '" + e.getParsedString() + "'");
        }
    }

    private static Duration syncEvery(ParsedArgs args) {
        return args.longOption("--sync-every", 1, 1440).map(Duration::ofMinutes).orElse(null);
    }

    private static String name(ParsedArgs args) {
        return args.optionalArg("NAME").orElseThrow(() -> new UsageException("give the group's NAME"));
    }

    private static void groups(CommandContext ctx, List<ProtectionGroup> groups) {
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        String row = "%-16s %-17s %-9s %-9s %s%n";
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, row, "Name", "Express full at", "Sync", "Retention", "Members"));
        for (ProtectionGroup g : groups) {
            Duration sync = g.schedule().synchronizationFrequency();
            List<String> times = g.schedule().expressFullTimes().stream().map(LocalTime::toString).toList();
            ObjectNode o = json.addObject().put("FriendlyName", g.name()).put("ProtectionMethod", "Disk")
                    .put("RecoveryPointTime", g.recoveryPointTime().toString()).put("RetentionRangeDays", g.retention().toDays());
            // Get-DPMPolicySchedule / Set-DPMPolicyObjective's names
            times.forEach(o.putArray("TimesOfDay")::add);
            if (sync == null) o.putNull("SynchronizationFrequencyMinutes");
            else o.put("SynchronizationFrequencyMinutes", sync.toMinutes());
            ArrayNode ds = o.putArray("Datasources");
            g.members().forEach(ds::add);
            text.append(String.format(Locale.ROOT, row, g.name(), String.join(",", times), sync == null ? "-" : sync.toMinutes() + " min",
                    g.retention().toDays() + " d", String.join(", ", g.members())));
        }
        ctx.output().result(json, text.toString().stripTrailing());
    }

    private static void backup(ParsedArgs args, CommandContext ctx, DataProtection dpm) {
        String type = args.option("--type").orElseThrow(() -> new UsageException("give --type full | incremental | sync"));
        BackupKind kind = switch (type.toLowerCase(Locale.ROOT)) {
            case "full", "replica" -> BackupKind.REPLICA;
            case "incremental", "express-full" -> BackupKind.EXPRESS_FULL;
            case "sync", "synchronization" -> BackupKind.SYNCHRONIZATION;
            default -> throw new UsageException("unknown --type '" + type + "': full | incremental | sync");
        };
        String via = args.option("--via").orElse(kind == BackupKind.SYNCHRONIZATION ? "guest" : "network");
        BackupPath path = switch (via.toLowerCase(Locale.ROOT)) {
            case "network" -> BackupPath.NETWORK;
            case "pair" -> BackupPath.HARDWARE_PAIR;
            case "pair-transportable" -> BackupPath.HARDWARE_PAIR_TRANSPORTABLE;
            case "guest" -> BackupPath.GUEST_AGENT;
            default -> throw new UsageException("unknown --via '" + via + "': network | pair | guest");
        };
        Operation<String> op;
        try {
            op = dpm.backup(args.arg("VM"), kind, path);
        } catch (io.hyperv4j.backup.BackupRefusedException e) {
            if (e.reason() != io.hyperv4j.backup.BackupRefusal.NOT_PROTECTED) throw e;
            throw new CommandFailedException(args.arg("VM") + " is not a member of any protection group; add it with 'hyperv backup group add GROUP "
                    + args.arg("VM") + "' first (NOT_PROTECTED)");
        }
        if (args.flag(AsJob.FLAG)) {
            AsJob.started(ctx, args.arg("VM"), args.arg("VM"), op);
            return;
        }
        String id = ctx.progress(op.description()).follow(op);
        points(ctx, dpm.recoveryPoints(args.arg("VM")).stream().filter(p -> p.id().equals(id)).toList());
    }

    private static void points(CommandContext ctx, List<RecoveryPoint> points) {
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-7s %-8s %-13s %-13s %-20s %14s%n",
                "Id", "VM", "Kind", "Via", "RepresentedPointInTime", "TransferredMB"));
        for (RecoveryPoint p : points) {
            ObjectNode o = json.addObject().put("Id", p.id()).put("DataSource", p.vm()).put("DataSourceId", p.vmId())
                    .put("BackupType", p.kind().name()).put("Location", "Disk").put("Via", p.path().name())
                    .put("RepresentedPointInTime", p.representedPointInTime().toString()).put("TransferredBytes", p.transferredBytes())
                    .put("IsClusterResource", p.clusterResource());
            ArrayNode files = o.putArray("Files");
            p.files().forEach(f -> files.add(f.toString()));
            text.append(String.format(Locale.ROOT, "%-7s %-8s %-13s %-13s %-20s %14.2f%n", p.id(), p.vm(), p.kind(), p.path(),
                    p.representedPointInTime(), p.transferredBytes() / 1e6));
        }
        ctx.output().result(json, text.toString().stripTrailing());
    }

    private static void restore(ParsedArgs args, CommandContext ctx, DataProtection dpm) {
        String point = args.option("--point").orElseThrow(() -> new UsageException("give the recovery point with --point ID"));
        String to = args.option("--to").orElseThrow(() -> new UsageException("give --to original | host | folder"));
        RestoreTarget target = switch (to.toLowerCase(Locale.ROOT)) {
            case "original" -> RestoreTarget.original();
            case "host" -> RestoreTarget.host(args.option("--host").orElseThrow(() -> new UsageException("--to host needs --host H and a PATH")), folder(args));
            case "folder" -> RestoreTarget.folder(folder(args));
            default -> throw new UsageException("unknown --to '" + to + "': original | host | folder");
        };
        Operation<String> op = dpm.restore(args.arg("VM"), point, target);
        String result = ctx.progress(op.description()).follow(op);
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("DataSource", args.arg("VM")).put("RecoveryPoint", point)
                .put("RecoveryType", target.kind().name()).put("Result", result);
        ctx.output().result(json, "restored " + args.arg("VM") + " from " + point + " to " + target.kind().name().toLowerCase(Locale.ROOT)
                + (target.kind() == RestoreTarget.Kind.ORIGINAL ? "" : " (" + result + ")"));
    }

    private static Path folder(ParsedArgs args) {
        return Path.of(args.optionalArg("PATH").orElseThrow(() -> new UsageException("give the folder PATH")));
    }
}
