package io.hyperv4j.cluster;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.vm.SwitchType;
import io.hyperv4j.vm.VmState;
import io.hyperv4j.vm.VmSwitch;
import io.hyperv4j.vm.VmSwitches;
import java.util.Optional;

/**
 * Seed 003's network sizing rule (Dell best practice 9): one dedicated Gigabit Ethernet port for the
 * guests per 4 VMs, on top of the ports for the parent partition, the cluster heartbeat and iSCSI.
 * A guest port is a host adapter bound to an external virtual switch (Msvm_ExternalEthernetPort);
 * the other ports carry no switch. Thread-safe; each call reads the host now.
 */
public final class GuestPortSizing {
    /** VMs one dedicated GbE guest port serves. */
    public static final int VMS_PER_PORT = 4;
    /** The warning's code. */
    public static final String CODE = "GUEST_NIC_PORTS";

    private GuestPortSizing() {
    }

    /**
     * The dedicated guest ports {@code runningVms} need: one per {@link #VMS_PER_PORT}, rounded up.
     *
     * @param runningVms running VMs on the host, not negative
     * @return the ports needed
     * @throws IllegalArgumentException when {@code runningVms} is negative
     */
    public static int portsNeeded(int runningVms) {
        if (runningVms < 0) throw new IllegalArgumentException("running VMs must not be negative, got " + runningVms);
        return (runningVms + VMS_PER_PORT - 1) / VMS_PER_PORT;
    }

    /**
     * The warning for {@code host}: its running VMs need more dedicated guest ports than its external
     * switches bind.
     *
     * @param host the Hyper-V host
     * @return the warning, or empty when the host has enough guest ports
     */
    public static Optional<ValidationWarning> check(HyperVHost host) {
        int running = (int) host.vms().list().stream().filter(vm -> vm.state() == VmState.RUNNING).count();
        VmSwitches switches = host.switches();
        int ports = (int) switches.list().stream().map(VmSwitch::type).filter(t -> t == SwitchType.EXTERNAL).count();
        int needed = portsNeeded(running);
        if (ports >= needed) return Optional.empty();
        return Optional.of(new ValidationWarning(CODE, "host " + host.name() + " runs " + running + " VMs on " + ports
                + " dedicated GbE guest port(s): " + needed + " needed at 1 per " + VMS_PER_PORT
                + " VMs, on top of the parent-partition, cluster heartbeat and iSCSI ports"));
    }
}
