package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.vm.SwitchType;
import io.hyperv4j.vm.VmSwitch;
import io.hyperv4j.vm.VmSwitches;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code hyperv switch list|new|remove}: Get-VMSwitch, New-VMSwitch, Remove-VMSwitch. JSON uses
 * Get-VMSwitch's property names: Name, Id, SwitchType, NetAdapterInterfaceDescription.
 */
public final class SwitchNoun implements NounCommand {
    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private static final List<Verb> VERBS = List.of(
            Verb.of("list", "List the host's virtual switches (Get-VMSwitch)"),
            Verb.of("new", "Create a virtual switch (New-VMSwitch)").arg("NAME")
                    .option("--type", "TYPE", "private (default), internal or external")
                    .option("--adapter", "DESCRIPTION", "the host adapter an external switch binds (its InterfaceDescription)"),
            Verb.of("remove", "Remove a virtual switch; connected adapters stay, disconnected (Remove-VMSwitch)").arg("NAME"));

    @Override
    public String name() {
        return "switch";
    }

    @Override
    public String summary() {
        return "virtual switches, like Get-VMSwitch, New-VMSwitch, Remove-VMSwitch: list, new, remove";
    }

    @Override
    public List<Verb> verbs() {
        return VERBS;
    }

    @Override
    public void run(Verb verb, ParsedArgs args, CommandContext ctx) {
        VmSwitches switches = new VmSwitches(ctx.session(), TIMEOUT);
        switch (verb.name()) {
            case "list" -> {
                ArrayNode arr = JsonNodeFactory.instance.arrayNode();
                StringBuilder text = new StringBuilder(String.format("%-12s %-20s %-10s %s%n", "ComputerName", "Name", "SwitchType", "NetAdapterInterfaceDescription"));
                for (VmSwitch s : switches.list()) {
                    arr.add(json(ctx, s));
                    text.append(String.format("%-12s %-20s %-10s %s", ctx.computerName(), s.name(), typeName(s.type()),
                            s.netAdapterDescription() == null ? "" : s.netAdapterDescription()).stripTrailing()).append('\n');
                }
                ctx.output().result(arr, text.toString().stripTrailing());
            }
            case "new" -> {
                SwitchType type = type(args.option("--type").orElse("private"));
                VmSwitch s = switches.create(args.arg("NAME"), type, args.option("--adapter").orElse(null));
                ctx.output().result(json(ctx, s), "Created " + typeName(s.type()).toLowerCase(Locale.ROOT) + " switch " + s.name() + " on " + ctx.computerName());
            }
            case "remove" -> {
                switches.remove(args.arg("NAME"));
                ctx.output().result(JsonNodeFactory.instance.objectNode().put("ComputerName", ctx.computerName()).put("Name", args.arg("NAME")),
                        "Removed switch " + args.arg("NAME") + " from " + ctx.computerName());
            }
            default -> throw new IllegalStateException(verb.name());
        }
    }

    private static SwitchType type(String text) {
        try {
            return SwitchType.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("switch", "switch new: --type must be private, internal or external, not '" + text + "'");
        }
    }

    /** Get-VMSwitch's spelling: Private, Internal, External. */
    static String typeName(SwitchType t) {
        String n = t.name();
        return n.charAt(0) + n.substring(1).toLowerCase(Locale.ROOT);
    }

    private static ObjectNode json(CommandContext ctx, VmSwitch s) {
        return JsonNodeFactory.instance.objectNode().put("ComputerName", ctx.computerName()).put("Name", s.name())
                .put("Id", s.id().toLowerCase(Locale.ROOT)).put("SwitchType", typeName(s.type()))
                .put("NetAdapterInterfaceDescription", s.netAdapterDescription());
    }
}
