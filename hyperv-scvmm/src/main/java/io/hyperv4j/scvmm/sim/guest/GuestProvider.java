package io.hyperv4j.scvmm.sim.guest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.sim.HostScope;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.LabJson;
import io.hyperv4j.sim.SimProvider;
import io.hyperv4j.sim.Txn;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps a lab's guests (services, faults, guest clusters) and its monitoring station (probes,
 * alarms, bindings, history) in the lab file, inside the lab's atomic save. It serves no CIM class:
 * what runs inside guests is seen from outside only. A lab file's section is read completely, every
 * reference checked, before anything of it is used.
 * <p>Thread-safety: thread-safe.
 */
public final class GuestProvider implements SimProvider {
    private Lab lab;
    private GuestWorld world;
    private MonitorStation station;

    /**
     * The provider of a lab.
     *
     * @param lab the lab
     * @return its provider
     * @throws IllegalStateException when the provider is not on the class path
     */
    static GuestProvider of(Lab lab) {
        for (SimProvider p : lab.providers().all()) if (p instanceof GuestProvider g) return g;
        throw new IllegalStateException("the guest simulator provider (" + GuestProvider.class.getName() + ") is not on the class path");
    }

    @Override public String namespace() { return "root\\virtualization\\v2"; }
    @Override public Set<String> classNames() { return Set.of(); }
    @Override public void attach(Lab lab) { this.lab = lab; }
    @Override public List<CimInstance> instances(HostScope scope, String className) { return List.of(); }
    @Override public CimInstance instance(HostScope scope, ObjectPath path) { return null; }
    @Override public List<CimInstance> referencesTo(HostScope scope, ObjectPath path) { return List.of(); }
    @Override public List<CimInstance> render(Lab lab, Object entity, Instant now) { return List.of(); }

    @Override
    public MethodResult invoke(Txn txn, HostScope scope, ObjectPath target, String method, Map<String, CimValue> in) {
        throw new IllegalStateException("the guests serve no CIM method");
    }

    /** The lab's guests, watched from the first call on. */
    synchronized GuestWorld world() {
        if (world == null) {
            world = GuestWorld.create(lab, ClusterLab.of(lab));
            world.watch();
        }
        return world;
    }

    /** The lab's monitoring station, made on first use. */
    synchronized MonitorStation station() {
        if (station == null) station = MonitorStation.create(world(), null);
        return station;
    }

    @Override
    public synchronized void save(Lab lab, ObjectNode into) {
        if (world == null) return;
        GuestLabFile.save(world, into);
        if (station != null) GuestLabFile.save(station.saved(), into.putObject("monitor"));
    }

    @Override
    public synchronized void load(Lab lab, LabJson from) {
        GuestWorld w = GuestWorld.create(lab, ClusterLab.of(lab));
        GuestLabFile.load(from, w);
        MonitorStation.Saved saved = from.has("monitor") ? GuestLabFile.station(from.object("monitor"), w) : null;
        world = w;
        world.watch();
        // the station talks to the cluster through its typed API: restored once every provider is loaded
        if (saved != null) lab.clock().scheduleAt(lab.clock().now(), t -> {
            synchronized (this) {
                station = MonitorStation.create(world, saved);
            }
        });
    }
}
