package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.vm.AutomaticStartAction;
import io.hyperv4j.vm.AutomaticStopAction;
import io.hyperv4j.vm.BootDevice;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmStartupSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code hyperv vm startup VM [--start-action A] [--start-delay D] [--stop-action A] [--boot-order
 * D,D,D,D]}: Set-VM -AutomaticStartAction/-AutomaticStartDelay/-AutomaticStopAction and Set-VMBios
 * -StartupOrder, then the settings as Get-VM names them (AutomaticStartAction, AutomaticStartDelay in
 * seconds, AutomaticStopAction, StartupOrder). Without options it only shows them.
 */
final class VmStartupCommand {
    private VmStartupCommand() {}

    static final Verb VERB = Verb.of("startup", "Show or set the automatic start/stop actions and BIOS boot order (Set-VM, Set-VMBios)")
            .arg("NAME")
            .option("--start-action", "ACTION", "Nothing, StartIfRunning or Start")
            .option("--start-delay", "DURATION", "delay after the host starts, e.g. 90s")
            .option("--stop-action", "ACTION", "TurnOff, Save or ShutDown (only while the VM is off)")
            .option("--boot-order", "LIST", "four of Floppy, CD, IDE, LegacyNetworkAdapter, SCSI, comma-separated");

    static void run(ParsedArgs args, CommandContext ctx) {
        VirtualMachine vm = VmNoun.find(ctx, args.arg("NAME"));
        Optional<String> start = args.option("--start-action"), delay = args.option("--start-delay");
        if (start.isPresent() || delay.isPresent()) {
            AutomaticStartAction action = start.map(VmStartupCommand::startAction).orElse(vm.startupSettings().startAction());
            Duration d = delay.map(t -> Durations.parse("vm", "--start-delay", t)).orElse(vm.startupSettings().startDelay());
            VmNoun.await(ctx, vm.setAutomaticStart(action, d), "Setting the start action of " + vm.lastKnownName());
        }
        args.option("--stop-action").ifPresent(a ->
                VmNoun.await(ctx, vm.setAutomaticStop(stopAction(a)), "Setting the stop action of " + vm.lastKnownName()));
        args.option("--boot-order").ifPresent(o ->
                VmNoun.await(ctx, vm.setBootOrder(bootOrder(o)), "Setting the boot order of " + vm.lastKnownName()));
        VmStartupSettings s = vm.startupSettings();
        ObjectNode j = JsonNodeFactory.instance.objectNode().put("ComputerName", ctx.computerName()).put("VMName", vm.lastKnownName());
        j.put("AutomaticStartAction", camel(s.startAction().name()));
        j.put("AutomaticStartDelay", s.startDelay().toSeconds());
        j.put("AutomaticStopAction", camel(s.stopAction().name()));
        ArrayNode order = j.putArray("StartupOrder");
        s.bootOrder().forEach(b -> order.add(cmdletName(b)));
        ctx.output().result(j, String.format("%s on %s: start %s after %d s, stop %s, boot %s", vm.lastKnownName(), ctx.computerName(),
                camel(s.startAction().name()), s.startDelay().toSeconds(), camel(s.stopAction().name()),
                s.bootOrder().isEmpty() ? "(boot sources, generation 2)" : String.join(", ", s.bootOrder().stream().map(VmStartupCommand::cmdletName).toList())));
    }

    private static AutomaticStartAction startAction(String text) {
        for (AutomaticStartAction a : AutomaticStartAction.values()) if (camel(a.name()).equalsIgnoreCase(text)) return a;
        throw new UsageException("vm", "--start-action must be Nothing, StartIfRunning or Start, not '" + text + "'");
    }

    private static AutomaticStopAction stopAction(String text) {
        for (AutomaticStopAction a : AutomaticStopAction.values()) if (camel(a.name()).equalsIgnoreCase(text)) return a;
        throw new UsageException("vm", "--stop-action must be TurnOff, Save or ShutDown, not '" + text + "'");
    }

    static List<BootDevice> bootOrder(String text) {
        List<BootDevice> out = new ArrayList<>();
        for (String part : text.split(",")) {
            BootDevice found = null;
            for (BootDevice b : BootDevice.values()) if (cmdletName(b).equalsIgnoreCase(part.trim())) found = b;
            if (found == null) throw new UsageException("vm", "--boot-order: '" + part.trim() + "' is not Floppy, CD, IDE, LegacyNetworkAdapter or SCSI");
            out.add(found);
        }
        return out;
    }

    /** Set-VMBios's names for the boot devices. */
    static String cmdletName(BootDevice b) {
        return switch (b) {
            case FLOPPY -> "Floppy";
            case CD -> "CD";
            case IDE_HARD_DRIVE -> "IDE";
            case PXE -> "LegacyNetworkAdapter";
            case SCSI_HARD_DRIVE -> "SCSI";
        };
    }

    /** START_IF_RUNNING -> StartIfRunning, as the cmdlets spell their enums. */
    private static String camel(String constant) {
        StringBuilder sb = new StringBuilder();
        for (String w : constant.toLowerCase(Locale.ROOT).split("_")) sb.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
        return sb.toString();
    }
}
