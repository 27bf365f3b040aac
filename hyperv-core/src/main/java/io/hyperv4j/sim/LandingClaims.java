package io.hyperv4j.sim;

import io.hyperv4j.cim.Subscription;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The lab's one ledger of memory that moves under way have claimed on their destination hosts:
 * every provider that lands VMs (the cluster's migrations, failovers and drains; the management
 * server's transfers) registers what its moves claim, and every capacity check
 * ({@link HostCapacity#shortfall(Lab, SimHost, String, long, int)}) counts all of them, so two
 * kinds of move cannot both land on a host's last free memory.
 */
public final class LandingClaims {
    /** What one provider's moves under way have claimed. */
    @FunctionalInterface
    public interface Source {
        /**
         * Memory claimed on {@code host} by this provider's moves whose VM has not reached it yet
         * (once there, the VM counts as the host's own). Called under the lab lock.
         *
         * @param host the host's name (any case)
         * @return MB, not negative
         */
        long claimedMb(String host);
    }

    private final List<Source> sources = new CopyOnWriteArrayList<>();

    LandingClaims() {
    }

    /**
     * Adds a provider's claims to the ledger.
     *
     * @param source what its moves claim
     * @return a handle whose close removes them
     */
    public Subscription register(Source source) {
        sources.add(java.util.Objects.requireNonNull(source, "source"));
        return () -> sources.remove(source);
    }

    /**
     * Memory every provider's moves under way have claimed on {@code host}. Call under the lab lock.
     *
     * @param host the host's name (any case)
     * @return MB
     */
    public long claimedMb(String host) {
        long mb = 0;
        for (Source s : sources) mb += s.claimedMb(host);
        return mb;
    }
}
