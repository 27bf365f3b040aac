package io.hyperv4j.backup.sim;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.NotSupportedException;
import io.hyperv4j.backup.DataProtection;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.spi.HostCapability;

/**
 * Gives a simulated host the lab's data-protection server ({@code host.capability(DataProtection.class)});
 * found by {@link java.util.ServiceLoader}. A real host has none here: DPM is reached through its own
 * PowerShell module, which this library does not bind.
 */
public final class SimProtectionCapability implements HostCapability<DataProtection> {
    @Override
    public Class<DataProtection> type() {
        return DataProtection.class;
    }

    @Override
    public DataProtection open(HyperVHost host) {
        Lab lab = Lab.of(host.session()).orElseThrow(() -> new NotSupportedException("host " + host.name()
                + " has no data-protection server binding: only a simulated lab's server is bound (DPM's PowerShell module is not)"));
        return new DataProtection(new SimProtectionBackend(BackupLab.of(lab), host.name()), host.session(), host.options().operationTimeout());
    }
}
