package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.scvmm.sim.PairState;
import io.hyperv4j.scvmm.sim.SanLab;
import io.hyperv4j.scvmm.sim.SanRefusedException;
import io.hyperv4j.scvmm.sim.SimArray;
import io.hyperv4j.scvmm.sim.SimPair;
import io.hyperv4j.scvmm.storage.HostDisk;
import io.hyperv4j.scvmm.storage.Lun;
import io.hyperv4j.scvmm.storage.MaskingSet;
import io.hyperv4j.scvmm.storage.SanStorage;
import io.hyperv4j.scvmm.storage.StorageArray;
import io.hyperv4j.scvmm.storage.StoragePool;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code hyperv storage ...}: SAN storage and LU mapping the way the Storage cmdlets show it
 * (Get-StorageSubSystem, Get-VirtualDisk, Get-MaskingSet, Add-/Remove-VirtualDiskFromMaskingSet,
 * Get-StoragePool, Get-Disk, Update-HostStorageCache); {@code --json} uses their property names.
 * Volume pairs are the array's own (its management tool's), so {@code storage pair} needs a lab.
 */
public final class StorageNoun implements NounCommand {
    private static final String ON = "--on";
    private static final String ON_HELP = "the lab host to work from (default: the lab's first host)";
    private static final List<Verb> VERBS = List.of(
            Verb.of("array", "list (Get-StorageSubSystem)").arg("ACTION").option(ON, "HOST", ON_HELP),
            Verb.of("lun", "list | map LU [--initiator ADDR]... | unmap LU [--initiator ADDR]... (default: the host's own initiators)")
                    .arg("ACTION").optionalArg("LU").option(ON, "HOST", ON_HELP)
                    .repeatableOption("--initiator", "ADDR", "an initiator WWPN or iSCSI name"),
            Verb.of("pool", "list (Get-StoragePool)").arg("ACTION").option(ON, "HOST", ON_HELP),
            Verb.of("disk", "list | rescan (Get-Disk, Update-HostStorageCache)").arg("ACTION").option(ON, "HOST", ON_HELP),
            Verb.of("pair", "list | split NAME | resync NAME (the array's volume pairs; lab only)").arg("ACTION").optionalArg("NAME")
                    .option("--array", "NAME", "the array (default: the lab's only array)"));

    @Override
    public String name() {
        return "storage";
    }

    @Override
    public String summary() {
        return "SAN storage and LU mapping, like the Storage cmdlets: array, lun, pool, disk, pair";
    }

    @Override
    public List<Verb> verbs() {
        return VERBS;
    }

    @Override
    public void run(Verb verb, ParsedArgs args, CommandContext ctx) {
        String action = args.arg("ACTION").toLowerCase(Locale.ROOT);
        if (verb.name().equals("pair")) {
            pairs(ctx, args, action);
            return;
        }
        withStorage(ctx, args, s -> {
            switch (verb.name() + " " + action) {
                case "array list" -> arrays(ctx, s.arrays());
                case "lun list" -> luns(ctx, s.luns());
                case "lun map", "lun unmap" -> {
                    String lu = args.optionalArg("LU").orElseThrow(() -> new UsageException("lun " + action + " needs LU"));
                    List<String> initiators = args.options("--initiator").isEmpty() ? s.initiators() : args.options("--initiator");
                    if (action.equals("map")) s.map(lu, initiators);
                    else s.unmap(lu, initiators);
                    Lun l = s.lun(lu);
                    maskingSets(ctx, s.maskingSets().stream().filter(m -> m.arrayObjectId().equals(l.arrayObjectId())).toList());
                }
                case "pool list" -> pools(ctx, s.pools());
                case "disk list" -> disks(ctx, s.disks());
                case "disk rescan" -> disks(ctx, s.rescan());
                default -> throw new UsageException("unknown action '" + action + "' for storage " + verb.name() + ": " + verb.summary());
            }
        });
    }

    private static void withStorage(CommandContext ctx, ParsedArgs args, Consumer<SanStorage> body) {
        if (args.option(ON).isEmpty()) {
            body.accept(ctx.hyperV().capability(SanStorage.class));
            return;
        }
        try (HyperVHost h = ctx.lab().connect(args.option(ON).get())) {
            body.accept(h.capability(SanStorage.class));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static String health(int code) {
        return switch (code) {
            case 0 -> "Healthy";
            case 1 -> "Warning";
            case 2 -> "Unhealthy";
            default -> "Unknown";
        };
    }

    /** Decimal units, as Get-VirtualDisk and Get-Disk print sizes. */
    private static String size(long bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
        double v = bytes;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return (v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v)) + " " + units[u];
    }

    private static String word(Enum<?> e) {
        String s = e.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static void arrays(CommandContext ctx, List<StorageArray> list) {
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-16s %-10s %-12s %s%n", "FriendlyName", "Model", "SerialNumber", "HealthStatus"));
        for (StorageArray a : list) {
            json.addObject().put("FriendlyName", a.friendlyName()).put("Model", a.model()).put("Manufacturer", a.manufacturer())
                    .put("SerialNumber", a.serialNumber()).put("HealthStatus", health(a.healthStatus())).put("ObjectId", a.objectId());
            text.append(String.format(Locale.ROOT, "%-16s %-10s %-12s %s%n", a.friendlyName(), a.model(), a.serialNumber(), health(a.healthStatus())));
        }
        ctx.output().result(json, text.toString().stripTrailing());
    }

    private static void luns(CommandContext ctx, List<Lun> list) {
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-8s %-16s %-8s %10s %10s %s%n", "Name", "FriendlyName", "Type", "Size", "Allocated", "UniqueId"));
        for (Lun l : list) {
            json.addObject().put("FriendlyName", l.friendlyName()).put("Name", l.name()).put("HealthStatus", health(l.healthStatus()))
                    .put("ProvisioningType", word(l.provisioning())).put("Size", l.sizeBytes()).put("AllocatedSize", l.allocatedBytes())
                    .put("UniqueId", l.uniqueId()).put("ObjectId", l.objectId());
            text.append(String.format(Locale.ROOT, "%-8s %-16s %-8s %10s %10s %s%n", l.name(), l.friendlyName(), word(l.provisioning()),
                    size(l.sizeBytes()), size(l.allocatedBytes()), l.uniqueId()));
        }
        ctx.output().result(json, text.toString().stripTrailing());
    }

    private static void maskingSets(CommandContext ctx, List<MaskingSet> list) {
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-6s %-12s %-20s %s%n", "Name", "FriendlyName", "VirtualDiskNames", "InitiatorAddresses"));
        for (MaskingSet m : list) {
            ObjectNode o = json.addObject().put("FriendlyName", m.friendlyName()).put("Name", m.name()).put("HostType", m.hostType())
                    .put("ObjectId", m.objectId());
            m.virtualDiskNames().forEach(o.putArray("VirtualDiskNames")::add);
            m.initiatorAddresses().forEach(o.putArray("InitiatorAddresses")::add);
            m.targetPortAddresses().forEach(o.putArray("TargetPortAddresses")::add);
            text.append(String.format(Locale.ROOT, "%-6s %-12s %-20s %s%n", m.name(), m.friendlyName(), String.join(",", m.virtualDiskNames()),
                    String.join(",", m.initiatorAddresses())));
        }
        ctx.output().result(json, text.toString().stripTrailing());
    }

    private static void pools(CommandContext ctx, List<StoragePool> list) {
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-14s %-8s %10s %10s%n", "FriendlyName", "Type", "Size", "Allocated"));
        for (StoragePool p : list) {
            json.addObject().put("FriendlyName", p.friendlyName()).put("IsPrimordial", false).put("Size", p.sizeBytes())
                    .put("AllocatedSize", p.allocatedBytes()).put("ProvisioningTypeDefault", word(p.provisioningDefault())).put("ObjectId", p.objectId());
            text.append(String.format(Locale.ROOT, "%-14s %-8s %10s %10s%n", p.friendlyName(), word(p.provisioningDefault()),
                    size(p.sizeBytes()), size(p.allocatedBytes())));
        }
        ctx.output().result(json, text.toString().stripTrailing());
    }

    private static void disks(CommandContext ctx, List<HostDisk> list) {
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-6s %-40s %-14s %s%n", "Number", "FriendlyName", "OperationalStatus", "Size"));
        for (HostDisk d : list) {
            String status = d.online() ? "Online" : "Offline";
            json.addObject().put("Number", d.number()).put("FriendlyName", d.friendlyName()).put("UniqueId", d.uniqueId())
                    .put("OperationalStatus", status).put("Size", d.sizeBytes()).put("IsBoot", d.boot());
            text.append(String.format(Locale.ROOT, "%-6d %-40s %-14s %s%n", d.number(), d.friendlyName(), status, size(d.sizeBytes())));
        }
        ctx.output().result(json, text.toString().stripTrailing());
    }

    private static void pairs(CommandContext ctx, ParsedArgs args, String action) {
        SanLab san = SanLab.of(ctx.lab());
        String array = args.option("--array").orElseGet(() -> san.read(m -> {
            if (m.arrays().size() != 1) throw new UsageException("the lab has " + m.arrays().size() + " arrays: name one with --array");
            return m.arrays().keySet().iterator().next();
        }));
        try {
            switch (action) {
                case "list" -> { }
                case "split" -> san.split(array, name(args));
                case "resync" -> san.resync(array, name(args));
                default -> throw new UsageException("unknown action '" + action + "' for storage pair: list | split NAME | resync NAME");
            }
        } catch (SanRefusedException e) {
            throw new CommandFailedException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-12s %-8s %-10s %s%n", "Name", "Primary", "Secondary", "State"));
        List<Object[]> rows = san.read(m -> {
            SimArray a = m.array(array);
            List<Object[]> out = new ArrayList<>();
            for (SimPair p : a.pairs().values()) out.add(new Object[] {p.name(), p.primary(), p.secondary(), p.state(san.lab().clock().now())});
            return out;
        });
        for (Object[] r : rows) {
            json.addObject().put("Name", (String) r[0]).put("Primary", "LU" + r[1]).put("Secondary", "LU" + r[2]).put("State", word((PairState) r[3]));
            text.append(String.format(Locale.ROOT, "%-12s %-8s %-10s %s%n", r[0], "LU" + r[1], "LU" + r[2], word((PairState) r[3])));
        }
        ctx.output().result(json, text.toString().stripTrailing());
    }

    private static String name(ParsedArgs args) {
        return args.optionalArg("NAME").orElseThrow(() -> new UsageException("this action needs NAME"));
    }
}
