package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.cluster.ClusterGroup;
import io.hyperv4j.cluster.ClusterNetwork;
import io.hyperv4j.cluster.ClusterNode;
import io.hyperv4j.cluster.ClusterSharedVolume;
import io.hyperv4j.cluster.CsvInfo;
import io.hyperv4j.cluster.DrainType;
import io.hyperv4j.cluster.FailbackType;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.cluster.GroupInfo;
import io.hyperv4j.cluster.MigrationType;
import io.hyperv4j.cluster.NetworkInfo;
import io.hyperv4j.cluster.NodeInfo;
import io.hyperv4j.job.Operation;
import java.util.List;
import java.util.Locale;

/**
 * {@code hyperv cluster ...}: a failover cluster the way the FailoverClusters cmdlets show it
 * (Get-ClusterNode, Suspend-/Resume-ClusterNode, Get-/Move-ClusterGroup, Get-/Move-ClusterSharedVolume,
 * Get-ClusterNetwork, Add-ClusterVirtualMachineRole, Update-ClusterVirtualMachineConfiguration).
 * With --json, objects carry the cmdlets' property names.
 */
public final class ClusterNoun implements NounCommand {
    private static final List<Verb> VERBS = List.of(
            Verb.of("node", "list | pause NAME [--drain] [--target NODE] | resume NAME [--failback]").arg("ACTION").optionalArg("NAME")
                    .flag("--drain", "move the node's roles away first (Suspend-ClusterNode -Drain)")
                    .option("--target", "NODE", "where drained roles go (default: the cluster chooses)")
                    .flag("--failback", "bring the drained roles back (Resume-ClusterNode -Failback Immediate)")
                    .flag(AsJob.FLAG, AsJob.CLUSTER_HELP),
            Watch.options(Verb.of("group", "list [--watch] | move NAME --node N [--migration-type live|quick]").arg("ACTION").optionalArg("NAME"),
                    "roles' changes (owner node, state)")
                    .option("--node", "N", "destination node")
                    .option("--migration-type", "TYPE", "live (default) or quick")
                    .flag(AsJob.FLAG, AsJob.CLUSTER_HELP),
            Verb.of("csv", "list | move NAME --node N | redirect NAME on|off").arg("ACTION").optionalArg("NAME").optionalArg("STATE")
                    .option("--node", "N", "new owner node")
                    .flag(AsJob.FLAG, AsJob.CLUSTER_HELP),
            Verb.of("network", "list | set NAME --metric M").arg("ACTION").optionalArg("NAME")
                    .option("--metric", "M", "new metric (AutoMetric becomes False)"),
            Verb.of("vm", "add NAME | remove NAME | refresh NAME (highly available VM roles)").arg("ACTION").arg("NAME"));

    /** The actions that run long enough to be jobs. */
    private static final List<String> AS_JOB_ACTIONS = List.of("group move", "node pause", "csv move");

    @Override
    public String name() {
        return "cluster";
    }

    @Override
    public String summary() {
        return "failover cluster, like the FailoverClusters cmdlets: node, group, csv, network, vm";
    }

    @Override
    public List<Verb> verbs() {
        return VERBS;
    }

    @Override
    public void run(Verb verb, ParsedArgs args, CommandContext ctx) {
        FailoverCluster c = ctx.hyperV().capability(FailoverCluster.class);
        String action = args.arg("ACTION").toLowerCase(Locale.ROOT);
        if (args.flag(AsJob.FLAG) && !AS_JOB_ACTIONS.contains(verb.name() + " " + action))
            throw new UsageException("--as-job goes with the long operations only: " + String.join(", ", AS_JOB_ACTIONS));
        switch (verb.name() + " " + action) {
            case "node list" -> nodes(ctx, c.nodes().stream().map(ClusterNode::info).toList());
            case "node pause" -> {
                ClusterNode n = c.node(name(args));
                boolean drain = args.flag("--drain");
                if (args.flag(AsJob.FLAG) && !drain) throw new UsageException("--as-job goes with --drain: a pause alone ends at once");
                Operation<NodeInfo> op = n.pause(drain ? DrainType.DRAIN : DrainType.NONE, args.option("--target").orElse(null));
                if (args.flag(AsJob.FLAG)) {
                    AsJob.started(ctx, ctx.clusterJobs().started(CliJob.Kind.ClusterNodeDrain, n.name(), args.option("--target").orElse(""),
                            AsJob.command("cluster node pause", n.name(), "--drain")));
                    return;
                }
                await(ctx, op, "Draining " + n.name());
                nodes(ctx, List.of(n.info()));
            }
            case "node resume" -> nodes(ctx, List.of(c.node(name(args)).resume(args.flag("--failback") ? FailbackType.IMMEDIATE : FailbackType.NONE)));
            case "group list" -> {
                groups(ctx, c.groups().stream().map(ClusterGroup::info).toList());
                Watch.follow(ctx, args, name(), "root\\MSCluster", "SELECT * FROM __InstanceModificationEvent WITHIN 1 WHERE TargetInstance ISA 'MSCluster_ResourceGroup'");
            }
            case "group move" -> {
                ClusterGroup g = c.group(name(args));
                String node = args.option("--node").orElseThrow(() -> new UsageException("group move needs --node N"));
                String type = args.option("--migration-type").orElse("live").toLowerCase(Locale.ROOT);
                MigrationType t = switch (type) {
                    case "live" -> MigrationType.LIVE;
                    case "quick" -> MigrationType.QUICK;
                    default -> throw new UsageException("--migration-type must be live or quick, not '" + type + "'");
                };
                Operation<GroupInfo> op = g.move(node, t);
                if (args.flag(AsJob.FLAG)) {
                    AsJob.started(ctx, ctx.clusterJobs().started(CliJob.Kind.ClusterGroupMove, g.name(), node,
                            AsJob.command("cluster group move", g.name(), "--node", node, "--migration-type", type)));
                    return;
                }
                await(ctx, op, (t == MigrationType.LIVE ? "Live migrating " : "Quick migrating ") + g.name());
                groups(ctx, List.of(g.info()));
            }
            case "csv list" -> volumes(ctx, c.sharedVolumes().stream().map(ClusterSharedVolume::info).toList());
            case "csv move" -> {
                String node = args.option("--node").orElseThrow(() -> new UsageException("csv move needs --node N"));
                CsvInfo moved = c.sharedVolume(name(args)).moveTo(node); // the cluster moves ownership before it answers
                if (args.flag(AsJob.FLAG))
                    AsJob.started(ctx, ctx.clusterJobs().started(CliJob.Kind.ClusterCsvMove, moved.name(), node,
                            AsJob.command("cluster csv move", moved.name(), "--node", node)));
                else volumes(ctx, List.of(moved));
            }
            case "csv redirect" -> {
                String state = args.optionalArg("STATE").orElseThrow(() -> new UsageException("csv redirect NAME on|off")).toLowerCase(Locale.ROOT);
                if (!state.equals("on") && !state.equals("off")) throw new UsageException("redirect takes on or off, not '" + state + "'");
                volumes(ctx, List.of(c.sharedVolume(name(args)).redirectedAccess(state.equals("on"))));
            }
            case "network list" -> networks(ctx, c.networks().stream().map(ClusterNetwork::info).toList());
            case "network set" -> {
                long metric = args.longOption("--metric", 0, 0xFFFFFFFFL).orElseThrow(() -> new UsageException("network set needs --metric M"));
                networks(ctx, List.of(c.network(name(args)).setMetric(metric)));
            }
            case "vm add" -> groups(ctx, List.of(c.addVirtualMachine(args.arg("NAME")).info()));
            case "vm remove" -> {
                ClusterGroup g = c.groupOfVm(args.arg("NAME"));
                g.remove();
                ctx.output().result(JsonNodeFactory.instance.objectNode().put("Name", g.name()).put("Removed", true),
                        "'" + g.name() + "' is no longer highly available");
            }
            case "vm refresh" -> groups(ctx, List.of(c.groupOfVm(args.arg("NAME")).refreshConfiguration()));
            default -> throw new UsageException("unknown action '" + action + "' for cluster " + verb.name() + ": " + verb.summary());
        }
    }

    private static String name(ParsedArgs args) {
        return args.optionalArg("NAME").orElseThrow(() -> new UsageException("this action needs NAME"));
    }

    private static void await(CommandContext ctx, Operation<?> op, String label) {
        ctx.progress(label).follow(op); // ends at 100% on success even when the job reported no progress
    }

    private static String word(Enum<?> e) {
        String s = e.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        StringBuilder b = new StringBuilder();
        for (String part : s.split(" ")) b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        return b.toString();
    }

    private static void nodes(CommandContext ctx, List<NodeInfo> list) {
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-16s %-4s %-8s %s%n", "Name", "ID", "State", "DrainStatus"));
        for (NodeInfo n : list) {
            json.addObject().put("Name", n.name()).put("Id", n.id()).put("State", word(n.state())).put("DrainStatus", word(n.drainStatus()))
                    .put("DrainTarget", n.drainTarget());
            text.append(String.format(Locale.ROOT, "%-16s %-4s %-8s %s%n", n.name(), n.id(), word(n.state()), word(n.drainStatus())));
        }
        ctx.output().result(json, text.toString().stripTrailing());
    }

    private static void groups(CommandContext ctx, List<GroupInfo> list) {
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-24s %-16s %-14s %s%n", "Name", "OwnerNode", "State", "GroupType"));
        for (GroupInfo g : list) {
            String type = g.isVirtualMachine() ? "VirtualMachine" : g.isCore() ? "Cluster" : "Unknown";
            ObjectNode o = json.addObject().put("Name", g.name()).put("OwnerNode", g.ownerNode()).put("State", word(g.state()))
                    .put("GroupType", type).put("FailoverThreshold", g.failoverThreshold()).put("FailoverPeriod", g.failoverPeriodHours())
                    .put("AutoFailbackType", g.autoFailbackType());
            if (g.isVirtualMachine()) o.put("VMId", g.vmId().toLowerCase(Locale.ROOT)).put("ConfigurationStale", g.configurationStale());
            text.append(String.format(Locale.ROOT, "%-24s %-16s %-14s %s%s%n", g.name(), g.ownerNode(), word(g.state()), type,
                    g.configurationStale() ? "  (configuration changed: refresh)" : ""));
        }
        ctx.output().result(json, text.toString().stripTrailing());
    }

    private static void volumes(CommandContext ctx, List<CsvInfo> list) {
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-20s %-10s %-12s %s%n", "Name", "State", "OwnerNode", "Path"));
        for (CsvInfo v : list) {
            String state = v.noAccess() ? "NoAccess" : v.inMaintenance() ? "Maintenance" : v.redirectedAccess() ? "Redirected" : "Online";
            json.addObject().put("Name", v.name()).put("State", state).put("OwnerNode", v.ownerNode()).put("FriendlyVolumeName", v.path())
                    .put("FaultState", v.faultState()).put("RedirectedAccess", v.redirectedAccess()).put("MaintenanceMode", v.inMaintenance())
                    .put("BackupState", v.backupInProgress() ? "InProgress" : "None");
            text.append(String.format(Locale.ROOT, "%-20s %-10s %-12s %s%n", v.name(), state, v.ownerNode(), v.path()));
        }
        ctx.output().result(json, text.toString().stripTrailing());
    }

    private static void networks(CommandContext ctx, List<NetworkInfo> list) {
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-16s %8s %-10s %-5s %s%n", "Name", "Metric", "AutoMetric", "Role", "State"));
        for (NetworkInfo n : list) {
            json.addObject().put("Name", n.name()).put("Metric", n.metric()).put("AutoMetric", n.autoMetric()).put("Role", n.role().code())
                    .put("State", word(n.state())).put("Address", n.address());
            text.append(String.format(Locale.ROOT, "%-16s %8d %-10s %-5d %s%n", n.name(), n.metric(), n.autoMetric() ? "True" : "False",
                    n.role().code(), word(n.state())));
        }
        ctx.output().result(json, text.toString().stripTrailing());
    }
}
