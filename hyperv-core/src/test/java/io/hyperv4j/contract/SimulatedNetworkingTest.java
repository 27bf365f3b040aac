package io.hyperv4j.contract;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;

/** The networking contract against the embedded simulated standalone host. Runs on every machine. */
class SimulatedNetworkingTest extends NetworkingContract {
    @Override
    protected HyperVHost openHost() {
        return HyperV.simulator();
    }
}
