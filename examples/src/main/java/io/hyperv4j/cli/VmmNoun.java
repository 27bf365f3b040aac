package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.job.Operation;
import io.hyperv4j.scvmm.HostRating;
import io.hyperv4j.scvmm.MethodAdvice;
import io.hyperv4j.scvmm.MigrationMethod;
import io.hyperv4j.scvmm.MoveAdvice;
import io.hyperv4j.scvmm.MoveResult;
import io.hyperv4j.scvmm.RatingReason;
import io.hyperv4j.scvmm.StorageQualification;
import io.hyperv4j.scvmm.ValidationReport;
import io.hyperv4j.scvmm.ValidationTest;
import io.hyperv4j.scvmm.VirtualMachineManager;
import io.hyperv4j.scvmm.VmmHost;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code hyperv vmm ...}: the management server of a lab, the way VMM's cmdlets show it
 * (Get-SCVMHost, Get-SCVMHostRating, Move-SCVirtualMachine); {@code --json} uses their property names.
 */
public final class VmmNoun implements NounCommand {
    private static final List<Verb> VERBS = List.of(
            Verb.of("host", "list | rating VM (Get-SCVMHost, Get-SCVMHostRating)").arg("ACTION").optionalArg("VM"),
            Verb.of("advise", "every migration method for VM to --host H: possible or why not, time and downtime").arg("VM")
                    .option("--host", "H", "the destination host"),
            Verb.of("move", "Move-SCVirtualMachine: VM to --host H by --method (default auto: the least downtime)").arg("VM")
                    .option("--host", "H", "the destination host")
                    .option("--method", "M", "auto | live | livevsm | quick | san | network")
                    .flag(AsJob.FLAG, AsJob.HELP),
            Verb.of("validate", "validate the Hyper-V cluster NODE is in (Test-Cluster's categories); storage judged by --qualify").arg("NODE")
                    .option("--qualify", "M,MODEL,FC,HV", "the vendor's statement: manufacturer, model, oldest firmware for failover / Hyper-V clusters"));

    @Override
    public String name() {
        return "vmm";
    }

    @Override
    public String summary() {
        return "the management server across the lab's hosts, like VMM: host list|rating, advise, move, validate";
    }

    @Override
    public List<Verb> verbs() {
        return VERBS;
    }

    @Override
    public void run(Verb verb, ParsedArgs args, CommandContext ctx) {
        VirtualMachineManager vmm = ctx.hyperV().capability(VirtualMachineManager.class);
        switch (verb.name()) {
            case "host" -> {
                String action = args.arg("ACTION").toLowerCase(Locale.ROOT);
                switch (action) {
                    case "list" -> hosts(ctx, vmm.hosts());
                    case "rating" -> ratings(ctx, args.optionalArg("VM").orElseThrow(() -> new UsageException("host rating needs VM")), vmm);
                    default -> throw new UsageException("unknown action '" + action + "' for vmm host: list | rating VM");
                }
            }
            case "advise" -> advice(ctx, vmm.advise(args.arg("VM"), destination(args)));
            case "move" -> move(ctx, args, vmm);
            case "validate" -> validate(ctx, vmm.validateCluster(args.arg("NODE"), qualifications(args)));
            default -> throw new UsageException("unknown verb " + verb.name());
        }
    }

    private static List<StorageQualification> qualifications(ParsedArgs args) {
        return args.option("--qualify").map(q -> {
            String[] f = q.split(",", -1);
            if (f.length != 4) throw new UsageException("--qualify takes MANUFACTURER,MODEL,FAILOVER_FIRMWARE,HYPERV_FIRMWARE, not '" + q + "'");
            return List.of(new StorageQualification(f[0].trim(), f[1].trim(), f[2].isBlank() ? null : f[2].trim(), f[3].isBlank() ? null : f[3].trim()));
        }).orElse(List.of());
    }

    private static void validate(CommandContext ctx, ValidationReport r) {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("Cluster", r.cluster()).put("Passed", r.passed());
        ArrayNode tests = json.putArray("Tests");
        StringBuilder text = new StringBuilder("Validation of cluster " + r.cluster() + ":\n");
        for (ValidationTest t : r.tests()) {
            ObjectNode o = tests.addObject().put("Category", t.category().title()).put("Title", t.name()).put("Result", t.result().name());
            t.messages().forEach(o.putArray("Messages")::add);
            text.append(String.format(Locale.ROOT, "  %-22s %-50s %s%n", t.category().title(), t.name(), t.result()));
            for (String m : t.messages()) text.append("      ").append(m).append('\n');
        }
        text.append(r.passed() ? "The configuration passed." : "The configuration failed: " + r.failures().size() + " test(s).");
        ctx.output().result(json, text.toString());
    }

    private static String destination(ParsedArgs args) {
        return args.option("--host").orElseThrow(() -> new UsageException("give the destination with --host H"));
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static void hosts(CommandContext ctx, List<VmmHost> hosts) {
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-10s %-12s %-10s %-24s %4s %9s %9s %5s%n",
                "Name", "VMHostGroup", "HostCluster", "OperatingSystem", "CPUs", "MemoryMB", "FreeMB", "CPU%"));
        for (VmmHost h : hosts) {
            json.addObject().put("Name", h.name()).put("ComputerName", h.name()).put("VMHostGroup", h.hostGroup())
                    .put("HostCluster", h.cluster().orElse(null)).put("OperatingSystem", h.os().caption())
                    .put("OverallState", h.responding() ? "OK" : "NotResponding").put("LogicalProcessorCount", h.logicalProcessors())
                    .put("TotalMemory", h.totalMemoryMb() << 20).put("AvailableMemory", h.availableMemoryMb())
                    .put("CpuUtilization", Math.round(h.cpuUtilization() * 100)).put("AvailableStorageCapacity", h.freeDiskBytes());
            text.append(String.format(Locale.ROOT, "%-10s %-12s %-10s %-24s %4d %9d %9d %5d%n", h.name(), h.hostGroup(), h.cluster().orElse("-"),
                    h.os().caption(), h.logicalProcessors(), h.totalMemoryMb(), h.availableMemoryMb(), Math.round(h.cpuUtilization() * 100)));
        }
        ctx.output().result(json, text.toString().stripTrailing());
    }

    private static void ratings(CommandContext ctx, String vm, VirtualMachineManager vmm) {
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-10s %6s  %s%n", "VMHost", "Rating", "ZeroRatingReasonList"));
        for (HostRating r : vmm.rate(vm)) {
            ObjectNode o = json.addObject().put("VMHost", r.host()).put("Rating", r.stars());
            ArrayNode reasons = o.putArray("ZeroRatingReasonList");
            r.zeroReasons().forEach(z -> reasons.add(z.text()));
            text.append(String.format(Locale.ROOT, "%-10s %6.1f  %s%n", r.host(), r.stars(),
                    String.join("; ", r.zeroReasons().stream().map(RatingReason::text).toList())));
        }
        ctx.output().result(json, text.toString().stripTrailing());
    }

    private static void advice(CommandContext ctx, MoveAdvice a) {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("VM", a.vm()).put("SourceVMHost", a.from()).put("VMHost", a.to());
        json.put("Recommended", a.recommended().map(m -> m.method().transferType()).orElse(null));
        ArrayNode methods = json.putArray("TransferTypes");
        StringBuilder text = new StringBuilder("Moving '" + a.vm() + "' from " + a.from() + " to " + a.to() + ":\n");
        text.append(String.format(Locale.ROOT, "  %-8s %-9s %9s %9s  %s%n", "Method", "Possible", "Time s", "Outage s", "Why"));
        for (MethodAdvice m : a.methods()) {
            methods.addObject().put("TransferType", m.method().transferType()).put("Possible", m.possible())
                    .put("Reason", m.refusal().map(Enum::name).orElse(null)).put("Detail", m.detail())
                    .put("ExpectedSeconds", seconds(m.expectedTotal())).put("ExpectedDowntimeSeconds", seconds(m.expectedDowntime()));
            text.append(String.format(Locale.ROOT, "  %-8s %-9s %9.1f %9.1f  %s%n", m.method().transferType(), m.possible() ? "yes" : "no",
                    seconds(m.expectedTotal()), seconds(m.expectedDowntime()), m.detail()));
        }
        text.append("Recommended: ").append(a.recommended().map(m -> m.method().transferType()).orElse("none"));
        ctx.output().result(json, text.toString());
    }

    private static void move(CommandContext ctx, ParsedArgs args, VirtualMachineManager vmm) {
        String method = args.option("--method").orElse("auto");
        MigrationMethod m;
        try {
            m = method.equalsIgnoreCase("auto") ? null : MigrationMethod.parse(method);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Operation<MoveResult> op = m == null ? vmm.move(args.arg("VM"), destination(args)) : vmm.move(args.arg("VM"), destination(args), m);
        if (args.flag(AsJob.FLAG)) {
            AsJob.started(ctx, args.arg("VM"), vmm.vm(args.arg("VM")).id(), op);
            return;
        }
        MoveResult r = ctx.progress(op.description()).follow(op);
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("Name", r.vm()).put("SourceVMHost", r.from()).put("VMHost", r.to())
                .put("TransferType", r.method().transferType()).put("Reason", r.reason()).put("StartTime", r.started().toString())
                .put("EndTime", r.ended().toString()).put("DurationSeconds", seconds(r.total())).put("OutageSeconds", seconds(r.outage()));
        ctx.output().result(json, String.format(Locale.ROOT, "'%s' moved from %s to %s by %s in %.1f s (%.1f s unreachable)%nWhy %s: %s",
                r.vm(), r.from(), r.to(), r.method().transferType(), seconds(r.total()), seconds(r.outage()), r.method().transferType(), r.reason()));
    }
}
