package io.hyperv4j.scvmm.sim;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.NotSupportedException;
import io.hyperv4j.scvmm.VirtualMachineManager;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.spi.HostCapability;

/**
 * Gives a simulated host the lab's management server ({@code host.capability(VirtualMachineManager.class)});
 * found by {@link java.util.ServiceLoader}. A real host has none here: SCVMM is reached through its
 * own PowerShell module, which this library does not bind.
 */
public final class SimVmmCapability implements HostCapability<VirtualMachineManager> {
    @Override
    public Class<VirtualMachineManager> type() {
        return VirtualMachineManager.class;
    }

    @Override
    public VirtualMachineManager open(HyperVHost host) {
        Lab lab = Lab.of(host.session()).orElseThrow(() -> new NotSupportedException("host " + host.name()
                + " has no management server binding: only a simulated lab's server is bound (SCVMM's PowerShell module is not)"));
        VmmLab vmm = VmmLab.of(lab);
        if (!vmm.read(VmmModel::server))
            throw new NotSupportedException("no management server manages host " + host.name() + " in this lab: SAN and network transfers need one; "
                    + "a cluster still moves its VMs (host.capability(FailoverCluster.class))");
        return new VirtualMachineManager(new SimVmmBackend(lab, vmm.provider()), host.options().operationTimeout());
    }
}
