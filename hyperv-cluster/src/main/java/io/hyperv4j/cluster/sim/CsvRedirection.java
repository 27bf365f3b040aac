package io.hyperv4j.cluster.sim;

import io.hyperv4j.sim.Fabric;
import io.hyperv4j.substrate.FlowNetwork;
import io.hyperv4j.substrate.FlowNetwork.FlowSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Redirected I/O on a Cluster Shared Volume while it lasts (a backup of the volume, a client's
 * TurnOnRedirectedAccess): the volume's FaultState shows redirected access, and I/O from a node
 * that does not own (coordinate) the volume crosses the cluster network to the coordinator before
 * it reaches the storage, so it shares that node's and the coordinator's adapters with every other
 * move on the network and the volume's throughput and IOPS with every other I/O on it. I/O from
 * the coordinator goes straight to the storage.
 *
 * <p>Start one with {@link ClusterLab#redirectCsvIo}; {@link #io} starts a flow of bytes through it
 * on the lab's {@link Fabric}; {@link #close()} stops its flows and, once no redirection is left
 * and no client has turned redirected access on (TurnOnRedirectedAccess), the bit goes off again. The links are chosen when
 * a flow starts (the coordinator then, the cluster network with the lowest metric); a flow keeps
 * them if the coordinator moves. While any redirection is open, the running guests on the volume
 * whose node does not coordinate it do their own storage I/O ({@link VmTraits#storageIo}) over the
 * network too. Redirections are saved with the lab; a loaded lab has handles for them again
 * ({@link ClusterLab#csvRedirections}), their guests' I/O flowing, and the {@link #io} flows that
 * were under way going on with the bytes they had left at the rates they had ({@link #flows()}; the
 * caller's end callback is not saved: a loaded lab's caller watches the flow). Thread-safe.
 */
public final class CsvRedirection implements AutoCloseable {
    private static final String KIND = "cluster/csv-redirected-io";
    private final ClusterEngine engine;
    private final String cluster, volume;
    private final List<Fabric.Flow> flows = new ArrayList<>();
    private boolean closed;

    CsvRedirection(ClusterEngine engine, String cluster, String volume) {
        this.engine = engine;
        this.cluster = cluster;
        this.volume = volume;
    }

    /**
     * The cluster disk (a CSV) this redirection is on.
     *
     * @return the disk's resource name
     */
    public String volume() {
        return volume;
    }

    /**
     * The links I/O from {@code node} crosses now: its adapter and the coordinator's on the cluster
     * network, then the volume; just the volume from the coordinator itself.
     *
     * @param node a node of the cluster
     * @return the link names on the lab's fabric (they exist once this returns)
     * @throws IllegalArgumentException when the node is not in the cluster or the volume has no coordinator
     */
    public List<String> links(String node) {
        return engine.lab.read(ClusterLab.LOCK, () -> engine.storage().redirectedLinks(engine.cluster(cluster), volume, node));
    }

    /**
     * Starts I/O of {@code bytes} from {@code node} to the volume through this redirection.
     *
     * @param node                 the node doing the I/O (a backup's reader, the host of a VM on the volume)
     * @param bytes                how much ({@link io.hyperv4j.substrate.FlowNetwork#OPEN_ENDED} until closed)
     * @param demandBytesPerSecond the most it would do on its own ({@link Double#POSITIVE_INFINITY} for as much as it gets)
     * @param ioBytes              the size of one I/O, for the volume's IOPS limit
     * @param onEnd                called with the instant the bytes are through (not when closed first)
     * @return the flow; close it to stop the I/O early
     * @throws IllegalStateException    when the redirection is closed
     * @throws IllegalArgumentException when the node is not in the cluster or a value is out of range
     */
    public Fabric.Flow io(String node, long bytes, double demandBytesPerSecond, int ioBytes, Consumer<Instant> onEnd) {
        List<String> links = links(node);
        synchronized (this) {
            if (closed) throw new IllegalStateException("the redirection of " + volume + " is closed");
            Fabric.Flow f = engine.lab.fabric().start(new FlowSpec(KIND, bytes, demandBytesPerSecond, ioBytes, links), onEnd);
            flows.add(f);
            return f;
        }
    }

    /**
     * The I/O flows this redirection started that still run (a loaded lab's among them).
     *
     * @return the running flows, oldest first
     */
    public synchronized List<Fabric.Flow> flows() {
        flows.removeIf(f -> !f.isRunning());
        return List.copyOf(flows);
    }

    /** An {@link #io} flow under way as a lab file keeps it: its links, the bytes it had left, what it asked for. */
    record SavedIo(List<FlowNetwork.Link> links, long bytesLeft, double demandBytesPerSecond, int ioBytes) {}

    /** Its flows under way, to save with the lab. */
    synchronized List<SavedIo> saved() {
        return flows().stream().map(f -> new SavedIo(f.spec().links().stream().map(engine.lab.fabric()::link).toList(), f.spec().bytes() == FlowNetwork.OPEN_ENDED
                ? f.spec().bytes() : Math.max(1, (long) Math.ceil(f.spec().bytes() - f.moved())), f.spec().demandBytesPerSecond(), f.spec().ioBytes())).toList();
    }

    /** Takes up a flow a saved lab had under way, on the links it had (made again where the lab has not made them yet). */
    synchronized void resume(SavedIo saved) {
        Fabric fabric = engine.lab.fabric();
        for (var l : saved.links()) if (fabric.link(l.name()) == null) fabric.link(l.name(), l.bytesPerSecond(), l.iops());
        List<String> links = saved.links().stream().map(FlowNetwork.Link::name).toList();
        flows.add(fabric.start(new FlowSpec(KIND, saved.bytesLeft(), saved.demandBytesPerSecond(), saved.ioBytes(), links), at -> { }));
    }

    /** Stops the I/O still running through it and ends the redirection; nothing the second time. Throws nothing. */
    @Override
    public void close() {
        List<Fabric.Flow> running;
        synchronized (this) {
            if (closed) return;
            closed = true;
            running = List.copyOf(flows);
            flows.clear();
        }
        running.forEach(Fabric.Flow::close);
        engine.storage().endRedirection(this, cluster, volume);
    }
}
