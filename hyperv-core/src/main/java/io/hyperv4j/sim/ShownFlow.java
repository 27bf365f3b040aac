package io.hyperv4j.sim;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Shows a flow of the lab's {@link Fabric} on its {@link ActivityLog} as one kind of work: each
 * time the flow's rate changes (its start included) the activity shown so far ends and a new one
 * runs from then to the flow's projected end at the new rate, so counter models follow the bytes
 * as the fabric shares them. Pass it as the flow's rate listener; {@link #end} when the flow stops early.
 */
public final class ShownFlow implements Consumer<Fabric.Flow> {
    private final Lab lab;
    private final String kind, vmId, fromHost, toHost, network;
    private SimActivity shown;

    /**
     * Shows a flow as {@code kind} work.
     *
     * @param lab      the lab whose log shows it
     * @param kind     the activity's kind, e.g. {@link SimActivity#STATE_SAVE}
     * @param vmId     the VM the work is for, or null
     * @param fromHost the host doing the work, or sending
     * @param toHost   the receiving host, or null
     * @param network  the network or storage link the bytes cross, or null
     */
    public ShownFlow(Lab lab, String kind, String vmId, String fromHost, String toHost, String network) {
        this.lab = lab;
        this.kind = kind;
        this.vmId = vmId;
        this.fromHost = fromHost;
        this.toHost = toHost;
        this.network = network;
    }

    /**
     * The flow's rate changed: the work is shown at the new rate from now to its projected end.
     *
     * @param flow the flow
     */
    @Override
    public synchronized void accept(Fabric.Flow flow) {
        Instant now = lab.clock().now();
        end(now);
        flow.projectedEnd().filter(e -> e.isAfter(now)).ifPresent(e ->
                shown = lab.activities().publish(kind, vmId, fromHost, toHost, network, flow.rate(), now, e));
    }

    /** Ends the work shown now (the flow was stopped); nothing when none is shown. */
    public void end() {
        end(lab.clock().now());
    }

    /**
     * Ends the work shown at {@code at} (the flow was stopped); nothing when none is shown.
     *
     * @param at when it stopped
     */
    public synchronized void end(Instant at) {
        if (shown != null) lab.activities().end(shown.id(), at);
        shown = null;
    }
}
