package io.hyperv4j.contract;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;

/** The lifecycle contract against the embedded simulated standalone host. Runs on every machine. */
class SimulatedVmLifecycleTest extends VmLifecycleContract {
    @Override
    protected HyperVHost openHost() {
        return HyperV.connect();
    }
}
