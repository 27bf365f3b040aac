package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.vm.NetworkAdapter;
import io.hyperv4j.vm.NetworkAdapters;
import io.hyperv4j.vm.VirtualMachine;
import java.util.Locale;

/**
 * {@code hyperv vm nic add|remove|list|connect|disconnect VM}: Add-, Remove-, Get-, Connect-,
 * Disconnect-VMNetworkAdapter, with {@code --vlan} as Set-VMNetworkAdapterVlan -Access. JSON uses
 * Get-VMNetworkAdapter's names: VMName, Name, MacAddress, DynamicMacAddressEnabled, SwitchName,
 * IsLegacy, and AccessVlanId from Get-VMNetworkAdapterVlan.
 */
final class VmNicCommand {
    private VmNicCommand() {}

    static final Verb VERB = Verb.of("nic", "add|remove|list|connect|disconnect VM [--name N] [--switch S] [--vlan ID] (Add-/Remove-/Get-/Connect-VMNetworkAdapter)")
            .arg("ACTION").arg("NAME")
            .option("--name", "ADAPTER", "the adapter's name, default \"Network Adapter\"")
            .option("--switch", "SWITCH", "the switch to connect it to (add, connect)")
            .option("--mac", "MAC", "a static MAC address (add); default dynamic from the host's pool")
            .option("--vlan", "ID", "access VLAN 1..4094, 0 untagged (add, connect)")
            .flag("--legacy", "an emulated (legacy) adapter, generation 1 only (add)");

    static void run(ParsedArgs args, CommandContext ctx) {
        String action = args.arg("ACTION");
        VirtualMachine vm = VmNoun.find(ctx, args.arg("NAME"));
        NetworkAdapters nics = vm.networkAdapters();
        String name = args.option("--name").orElse("Network Adapter");
        switch (action) {
            case "list" -> {
                ArrayNode arr = JsonNodeFactory.instance.arrayNode();
                StringBuilder text = new StringBuilder(String.format("%-12s %-8s %-20s %-13s %-16s %s%n",
                        "ComputerName", "VMName", "Name", "MacAddress", "SwitchName", "AccessVlanId"));
                for (NetworkAdapter n : nics.list()) {
                    arr.add(json(ctx, vm, n));
                    text.append(String.format("%-12s %-8s %-20s %-13s %-16s %s%n", ctx.computerName(), vm.lastKnownName(), n.name(),
                            n.macAddress(), n.switchName() == null ? "" : n.switchName(), n.accessVlanId() == 0 ? "" : n.accessVlanId()));
                }
                ctx.output().result(arr, text.toString().stripTrailing());
            }
            case "add" -> {
                NetworkAdapter n = nics.add(name, args.flag("--legacy"), args.option("--mac").orElse(null));
                n = connectAndTag(args, nics, n);
                ctx.output().result(json(ctx, vm, n), "Added " + describe(n) + " to " + vm.lastKnownName() + " on " + ctx.computerName());
            }
            case "connect" -> {
                String sw = args.option("--switch").orElseThrow(() -> new UsageException("vm", "vm nic connect: --switch SWITCH is required"));
                NetworkAdapter n = nics.connect(name, sw);
                n = connectAndTag(args, nics, n);
                ctx.output().result(json(ctx, vm, n), "Connected " + describe(n) + " of " + vm.lastKnownName());
            }
            case "disconnect" -> {
                nics.disconnect(name);
                NetworkAdapter n = nics.list().stream().filter(x -> x.name().equalsIgnoreCase(name)).findFirst().orElseThrow();
                ctx.output().result(json(ctx, vm, n), "Disconnected " + name + " of " + vm.lastKnownName());
            }
            case "remove" -> {
                nics.remove(name);
                ctx.output().result(JsonNodeFactory.instance.objectNode().put("ComputerName", ctx.computerName())
                        .put("VMName", vm.lastKnownName()).put("Name", name), "Removed " + name + " from " + vm.lastKnownName());
            }
            default -> throw new UsageException("vm", "vm nic: ACTION must be add, remove, list, connect or disconnect, not '" + action + "'");
        }
    }

    private static NetworkAdapter connectAndTag(ParsedArgs args, NetworkAdapters nics, NetworkAdapter n) {
        if (args.option("--switch").isPresent() && n.switchName() == null) n = nics.connect(n.name(), args.option("--switch").get());
        if (args.option("--vlan").isPresent()) n = nics.setVlan(n.name(), args.longOption("--vlan", 0, 4094).orElseThrow().intValue());
        return n;
    }

    private static String describe(NetworkAdapter n) {
        return (n.legacy() ? "legacy adapter " : "adapter ") + n.name() + " (" + n.macAddress() + ")"
                + (n.switchName() == null ? "" : " on " + n.switchName()) + (n.accessVlanId() == 0 ? "" : " VLAN " + n.accessVlanId());
    }

    private static ObjectNode json(CommandContext ctx, VirtualMachine vm, NetworkAdapter n) {
        ObjectNode j = JsonNodeFactory.instance.objectNode();
        j.put("ComputerName", ctx.computerName());
        j.put("VMName", vm.lastKnownName());
        j.put("VMId", vm.id().toLowerCase(Locale.ROOT));
        j.put("Name", n.name());
        j.put("Id", n.id());
        j.put("IsLegacy", n.legacy());
        j.put("MacAddress", n.macAddress());
        j.put("DynamicMacAddressEnabled", !n.staticMac());
        j.put("SwitchName", n.switchName());
        j.put("AccessVlanId", n.accessVlanId());
        return j;
    }
}
