package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.NotFoundException;
import io.hyperv4j.job.Operation;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code hyperv vm ...}: VMs the way the Hyper-V PowerShell cmdlets handle them (Get-VM, New-VM,
 * Start-VM, Stop-VM, Save-VM, Suspend-VM, Resume-VM, Restart-VM, Remove-VM, Set-VM). Long operations
 * are waited for, with progress on a terminal, unless --as-job.
 */
public final class VmNoun implements NounCommand {
    private static final String AS_JOB = AsJob.FLAG;
    private static final String AS_JOB_HELP = AsJob.HELP;

    /** The verbs' names, in the order usage lists them. */
    private static final List<String> VERB_NAMES = List.of("list", "get", "new", "start", "stop", "save", "suspend", "resume",
            "restart", "remove", "set", "disk", "startup", "move", "migration", "nic", "rct", "measure", "security", "boot", "dvd",
            "console");

    /**
     * The verb named {@code name}, declared when asked for: a command builds only its own verb and loads
     * no other verb's command class (the whole table cost vm list ~5 ms of its start).
     */
    @Override
    public Verb verb(String name) {
        return switch (name) {
            case "list" -> Watch.options(Verb.of("list", "List the VMs (Get-VM)"), "VMs created, changed (state, name...) and removed");
            case "get" -> Verb.of("get", "Show one VM (Get-VM -Name NAME); NAME may also be the VM's Id").arg("NAME");
            case "new" -> Verb.of("new", "Create a VM, off (New-VM)").arg("NAME")
                    .option("--cpu", "N", "virtual processors, default 1")
                    .option("--memory", "SIZE", "startup memory, e.g. 1024MB or 2GB; default 1GB")
                    .option("--generation", "N", "1 or 2, default 2")
                    .option("--notes", "TEXT", "notes kept with the VM");
            case "start" -> lifecycle("start", "Start the VM, or restore it from a saved state (Start-VM)");
            case "stop" -> lifecycle("stop", "Shut the guest down cleanly (Stop-VM)")
                    .flag("--turn-off", "turn it off at once, like pulling the plug (Stop-VM -TurnOff)")
                    .flag("--save", "save it instead (Stop-VM -Save)");
            case "save" -> lifecycle("save", "Save the VM's state and stop it (Save-VM)");
            case "suspend" -> lifecycle("suspend", "Pause the VM (Suspend-VM)");
            case "resume" -> lifecycle("resume", "Resume a paused VM (Resume-VM)");
            case "restart" -> lifecycle("restart", "Reset the VM, a hard restart (Restart-VM)");
            case "remove" -> lifecycle("remove", "Delete the VM and its configuration; disks are kept (Remove-VM)");
            case "set" -> Verb.of("set", "Change processors or memory (Set-VM)").arg("NAME")
                    .option("--cpu", "N", "virtual processors")
                    .option("--memory", "SIZE", "startup memory, e.g. 2GB")
                    .flag(AS_JOB, AS_JOB_HELP);
            case "disk" -> VmDiskCommand.VERB;
            case "startup" -> VmStartupCommand.VERB;
            case "move" -> VmMoveCommand.MOVE;
            case "migration" -> VmMoveCommand.MIGRATION;
            case "nic" -> VmNicCommand.VERB;
            case "rct" -> VmRctCommand.VERB;
            case "measure" -> VmMeasureCommand.VERB;
            case "security" -> VmSecurityCommand.VERB;
            case "boot" -> VmBootCommand.VERB;
            case "dvd" -> VmDvdCommand.VERB;
            case "console" -> VmConsoleCommand.VERB;
            default -> null;
        };
    }

    private static Verb lifecycle(String name, String summary) {
        return Verb.of(name, summary).arg("NAME").flag(AS_JOB, AS_JOB_HELP);
    }

    @Override
    public String name() {
        return "vm";
    }

    @Override
    public String summary() {
        return "virtual machines, like the Hyper-V cmdlets: list, get, new, start, stop, save, suspend, resume, restart, remove, set, disk, startup, move, migration, nic, rct";
    }

    @Override
    public List<Verb> verbs() {
        List<Verb> verbs = new ArrayList<>(VERB_NAMES.size());
        for (String name : VERB_NAMES) verbs.add(verb(name));
        return verbs;
    }

    @Override
    public void run(Verb verb, ParsedArgs args, CommandContext ctx) {
        switch (verb.name()) {
            case "list" -> {
                list(ctx);
                Watch.follow(ctx, args, name(), "root\\virtualization\\v2",
                        "SELECT * FROM __InstanceOperationEvent WITHIN 1 WHERE TargetInstance ISA 'Msvm_ComputerSystem' AND TargetInstance.Caption = 'Virtual Machine'");
            }
            case "get" -> show(ctx, find(ctx, args.arg("NAME")));
            case "new" -> create(args, ctx);
            case "start" -> lifecycle(args, ctx, "Starting", VirtualMachine::start);
            case "stop" -> stop(args, ctx);
            case "save" -> lifecycle(args, ctx, "Saving", VirtualMachine::save);
            case "suspend" -> lifecycle(args, ctx, "Pausing", VirtualMachine::pause);
            case "resume" -> lifecycle(args, ctx, "Resuming", VirtualMachine::resume);
            case "restart" -> lifecycle(args, ctx, "Restarting", VirtualMachine::reset);
            case "remove" -> remove(args, ctx);
            case "set" -> set(args, ctx);
            case "disk" -> VmDiskCommand.run(args, ctx);
            case "startup" -> VmStartupCommand.run(args, ctx);
            case "move" -> VmMoveCommand.move(args, ctx);
            case "migration" -> VmMoveCommand.migration(args, ctx);
            case "nic" -> VmNicCommand.run(args, ctx);
            case "rct" -> VmRctCommand.run(args, ctx);
            case "measure" -> VmMeasureCommand.run(args, ctx);
            case "security" -> VmSecurityCommand.run(args, ctx);
            case "boot" -> VmBootCommand.run(args, ctx);
            case "dvd" -> VmDvdCommand.run(args, ctx);
            case "console" -> VmConsoleCommand.run(args, ctx);
            default -> throw new IllegalStateException(verb.name());
        }
    }

    private static void list(CommandContext ctx) {
        HyperVHost host = ctx.hyperV();
        Map<String, VmView.Usage> usage = VmView.usage(host.session());
        List<VmView.Vm> vms = new ArrayList<>();
        for (VirtualMachine vm : host.vms().list()) {
            try {
                vms.add(VmView.of(vm, host.session(), usage));
            } catch (NotFoundException e) {
                // removed between listing and reading it: not on the host any more, so not listed
            }
        }
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        vms.forEach(v -> json.add(VmView.json(v)));
        ctx.output().result(json, vms.isEmpty() ? "" : VmView.table(vms));
    }

    private static void show(CommandContext ctx, VirtualMachine vm) {
        VmView.Vm v = VmView.of(vm, ctx.hyperV().session(), VmView.usage(ctx.hyperV().session()));
        ctx.output().result(VmView.json(v), VmView.text(v));
    }

    /** Compiled when a command first names a VM, not when the noun is made (vm list needs none; ~1 ms of start). */
    private static final class Guid {
        static final Pattern PATTERN = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    }

    /** By Id when NAME is a GUID, else by name (exactly one VM must have it). */
    static VirtualMachine find(CommandContext ctx, String nameOrId) {
        if (Guid.PATTERN.matcher(nameOrId).matches()) {
            var byId = ctx.hyperV().vms().findById(nameOrId);
            if (byId.isPresent()) return byId.get();
        }
        return ctx.hyperV().vms().get(nameOrId);
    }

    private static void create(ParsedArgs args, CommandContext ctx) {
        VmSpec.Builder spec = VmSpec.builder(args.arg("NAME"));
        args.longOption("--cpu", 1, VmSpec.MAX_PROCESSORS).ifPresent(n -> spec.processors(n.intValue()));
        args.sizeOption("--memory").ifPresent(bytes -> spec.memoryMb(megabytes("--memory", bytes)));
        args.longOption("--generation", 1, 2).ifPresent(g -> spec.generation(g.intValue()));
        args.option("--notes").ifPresent(spec::notes);
        VmSpec built;
        try {
            built = spec.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException("vm", e.getMessage());
        }
        VirtualMachine vm = ctx.hyperV().vms().create(built);
        show(ctx, vm);
    }

    static long megabytes(String option, long bytes) {
        if (bytes % (1L << 20) != 0) throw new UsageException("vm", option + " must be a whole number of MB, got " + bytes + " bytes");
        return bytes >> 20;
    }

    private static void stop(ParsedArgs args, CommandContext ctx) {
        boolean turnOff = args.flag("--turn-off");
        boolean save = args.flag("--save");
        if (turnOff && save) throw new UsageException("vm", "give --turn-off or --save, not both");
        if (turnOff) lifecycle(args, ctx, "Turning off", VirtualMachine::turnOff);
        else if (save) lifecycle(args, ctx, "Saving", VirtualMachine::save);
        else lifecycle(args, ctx, "Shutting down", VirtualMachine::stop);
    }

    private static void lifecycle(ParsedArgs args, CommandContext ctx, String doing, Function<VirtualMachine, Operation<?>> action) {
        VirtualMachine vm = find(ctx, args.arg("NAME"));
        Operation<?> op = action.apply(vm);
        if (args.flag(AS_JOB)) {
            AsJob.started(ctx, vm.lastKnownName(), vm.id(), op);
            return;
        }
        await(ctx, op, doing + " " + vm.lastKnownName());
        show(ctx, vm);
    }

    private static void remove(ParsedArgs args, CommandContext ctx) {
        VirtualMachine vm = find(ctx, args.arg("NAME"));
        String name = vm.lastKnownName();
        Operation<?> op = vm.remove();
        if (args.flag(AS_JOB)) {
            AsJob.started(ctx, vm.lastKnownName(), vm.id(), op);
            return;
        }
        await(ctx, op, "Removing " + name);
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("Name", name).put("Id", vm.id().toLowerCase(Locale.ROOT))
                .put("Removed", true);
        ctx.output().result(json, "Removed VM '" + name + "' (" + vm.id() + ")");
    }

    private static void set(ParsedArgs args, CommandContext ctx) {
        var cpu = args.longOption("--cpu", 1, VmSpec.MAX_PROCESSORS);
        var memory = args.sizeOption("--memory");
        if (cpu.isEmpty() && memory.isEmpty()) throw new UsageException("vm", "give --cpu and/or --memory");
        VirtualMachine vm = find(ctx, args.arg("NAME"));
        // Both changes travel in one ModifyResourceSettings call: they apply together or not at all.
        Operation<?> op = cpu.isPresent() && memory.isPresent()
                ? vm.setProcessorsAndMemory(cpu.get().intValue(), megabytes("--memory", memory.get()))
                : cpu.isPresent() ? vm.setProcessorCount(cpu.get().intValue())
                : vm.setMemory(megabytes("--memory", memory.get()));
        if (args.flag(AS_JOB)) {
            AsJob.started(ctx, vm.lastKnownName(), vm.id(), op);
            return;
        }
        await(ctx, op, "Changing " + vm.lastKnownName());
        show(ctx, vm);
    }

    /** Waits for {@code op}, showing its progress; failures surface as the API's typed exceptions. */
    static void await(CommandContext ctx, Operation<?> op, String label) {
        ctx.progress(label).follow(op);
    }
}
