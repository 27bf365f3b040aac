package io.hyperv4j.sim.v2;

import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The simulated hosts' virtual switches and VM connections, for other simulator modules (the
 * cluster's live-migration checks, lab templates). The same model the switch management service
 * and the VM management service change; call under the lab lock (inside {@code lab.read} or
 * {@code lab.write}).
 */
public final class VirtualSwitches {
    private VirtualSwitches() {}

    /**
     * The names of a host's virtual switches.
     *
     * @param lab  the lab
     * @param host the host's name
     * @return the names, in the order of the switches' ids
     */
    public static List<String> names(Lab lab, String host) {
        List<String> out = new ArrayList<>();
        for (NetworkModel.Switch s : NetworkModel.of(lab).switches(host)) out.add(s.name);
        return out;
    }

    /**
     * The names of the switches a VM's network adapters are connected to (on the host it is on).
     *
     * @param lab the lab
     * @param vm  the VM
     * @return the names, each once
     */
    public static List<String> connectedTo(Lab lab, SimVm vm) {
        NetworkModel m = NetworkModel.of(lab);
        List<String> out = new ArrayList<>();
        for (NetworkModel.Nic n : m.nics(vm.id()))
            if (n.switchName != null && !out.contains(n.switchName)) out.add(n.switchName);
        return out;
    }

    /**
     * Gives a host a private switch of this name unless it has one (a lab template's set-up).
     *
     * @param txn  the change under way
     * @param host the host's name
     * @param name the switch's name
     */
    public static void ensure(Txn txn, String host, String name) {
        NetworkModel m = NetworkModel.of(txn.lab());
        if (m.named(host, name) != null) return;
        NetworkModel.Switch s = new NetworkModel.Switch(txn.lab().random().nextGuid().toUpperCase(Locale.ROOT), host, name);
        m.add(s);
        txn.created(s);
    }

    /**
     * Makes a host's switches exactly these (a lab template's set-up): defines the missing ones as
     * private switches, removes the others (adapters connected to a removed one stay, disconnected).
     *
     * @param txn   the change under way
     * @param host  the host's name
     * @param names the switches' names
     */
    public static void setExactly(Txn txn, String host, List<String> names) {
        NetworkModel m = NetworkModel.of(txn.lab());
        for (NetworkModel.Switch s : m.switches(host))
            if (names.stream().noneMatch(s.name::equalsIgnoreCase)) {
                txn.touch(s);
                m.remove(s);
            }
        for (String name : names) ensure(txn, host, name);
    }

    /**
     * Gives a VM a network adapter connected to the switch of this name (whether or not its host has
     * one yet), unless an adapter of the VM is connected to it already.
     *
     * @param txn        the change under way
     * @param vm         the VM
     * @param switchName the switch's name
     */
    public static void connect(Txn txn, SimVm vm, String switchName) {
        NetworkModel m = NetworkModel.of(txn.lab());
        if (connectedTo(txn.lab(), vm).stream().anyMatch(switchName::equalsIgnoreCase)) return;
        txn.touch(vm);
        NetworkModel.Nic n = new NetworkModel.Nic(vm.id(), txn.lab().random().nextGuid().toUpperCase(Locale.ROOT), true,
                "Network Adapter", m.nextMac(vm.host().name()), false);
        n.connection = true;
        n.switchName = switchName;
        n.lastSwitchName = switchName;
        m.add(n);
    }
}
