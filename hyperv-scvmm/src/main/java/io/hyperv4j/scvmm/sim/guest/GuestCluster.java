package io.hyperv4j.scvmm.sim.guest;

import io.hyperv4j.InvalidParameterException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A failover cluster inside two guests (seed 001's guest cluster): VMs on different hosts,
 * active/passive, a clustered address clients use, and a shared disk reached only over iSCSI (the
 * guests connect to it themselves; FC or SAS disks belong to the host). The active guest's resource
 * monitor sees its service fail; the passive guest sees the active's heartbeats stop and challenges
 * for the disk, which it wins only when the active's cluster service is no longer there to defend it
 * (a guest whose host lost its LAN board still defends it, so nothing fails over).
 * <p>A failover's steps, from the failure being seen (calibrated to the paper's Table 4-1): the
 * resources go offline ({@link #IP_OFFLINE} after the start), the disk is arbitrated and the service
 * starts on the other guest ({@link #SERVICE_START}), the clustered address comes online there
 * ({@link #IP_ONLINE}) and the role is online after {@link #ROLE_ONLINE}: 60 s failover, 22 s ping
 * loss, 55 s from the service's stop to its start.
 */
public final class GuestCluster {
    /** How long the cluster takes to see a failure (resource monitor poll, missed heartbeats). */
    public static final Duration DETECTION = Duration.ofSeconds(5);
    /** From the failover's start to the clustered address going offline. */
    public static final Duration IP_OFFLINE = Duration.ofSeconds(10);
    /** From the failover's start to the service being started on the other guest (after the disk's arbitration). */
    public static final Duration SERVICE_START = Duration.ofSeconds(30);
    /** From the failover's start to the clustered address answering on the other guest. */
    public static final Duration IP_ONLINE = Duration.ofSeconds(32);
    /** From the failover's start to the role being online (every resource, the service's agent last). */
    public static final Duration ROLE_ONLINE = Duration.ofSeconds(60);

    /** The guest OSes with a cluster service, as seed 003 lists them (later Windows Server releases begin with the last). */
    public static final List<String> CLUSTER_CAPABLE_OS = List.of("Windows 2000 Server", "Windows 2000 Advanced Server",
            "Windows Server 2003", "Windows Server 2008");

    /**
     * Whether a guest OS, by caption, has a cluster service.
     *
     * @param caption the guest OS's caption
     * @return whether it begins with one of {@link #CLUSTER_CAPABLE_OS}
     */
    public static boolean clusterCapable(String caption) {
        return CLUSTER_CAPABLE_OS.stream().anyMatch(os -> caption.regionMatches(true, 0, os, 0, os.length()));
    }

    /**
     * The services Windows Server 2003's cluster service has a resource type for (seed 003's
     * "cluster-aware application"): SQL Server, the Exchange information store, the Distributed
     * Transaction Coordinator, Message Queuing, the print spooler, DHCP, WINS and the file server.
     * Another service is cluster-aware once declared so ({@link GuestWorld#clusterAware(String)}, a
     * Generic Service resource).
     */
    public static final List<String> CLUSTER_AWARE_SERVICES = List.of("MSSQLSERVER", "MSExchangeIS", "MSDTC", "MSMQ",
            "Spooler", "DHCPServer", "WINS", "LanmanServer");

    /** How a shared disk is attached. */
    public enum DiskBus {
        /** iSCSI, which a guest connects to itself. */
        ISCSI,
        /** Fibre Channel, attached to the host. */
        FC,
        /** Serial Attached SCSI, attached to the host. */
        SAS
    }

    /**
     * A failover of the clustered role, as the cluster console shows it.
     *
     * @param from     the guest it left
     * @param to       the guest it went to
     * @param started  when the failover started
     * @param duration how long until the role was online
     */
    public record Failover(String from, String to, Instant started, Duration duration) {
    }

    private final GuestWorld world;
    final String name;
    final String address;
    final String[] nodes;
    final List<Failover> failovers = new ArrayList<>();
    private final List<PingRecord> pings = new ArrayList<>();
    int active;
    boolean addressOnline = true;
    Instant failingSince;
    Instant failoverStart;
    int failoverFrom;

    /** A cluster as the lab file holds it (its guests' services already installed). */
    GuestCluster(GuestWorld world, String name, String address, String active, String passive) {
        this.world = world;
        this.name = name;
        this.address = address;
        this.nodes = new String[] {active, passive};
    }

    /**
     * Forms a guest cluster; the service runs on {@code active} and is installed stopped on {@code passive}.
     *
     * @param world   the guests
     * @param name    the cluster's name
     * @param address the clustered address
     * @param active  the VM that runs the service
     * @param passive the VM that takes over
     * @param service the clustered service
     * @param bus     how the shared disk is attached
     * @return the cluster
     * @throws InvalidParameterException when the disk is not iSCSI, a guest's OS has no cluster service, or the VMs share a host
     */
    public static GuestCluster create(GuestWorld world, String name, String address, String active, String passive, String service, DiskBus bus) {
        if (bus != DiskBus.ISCSI)
            throw new InvalidParameterException("guest cluster " + name + ": its shared disk is " + bus + ", but a guest can reach only an iSCSI disk itself;"
                    + " FC and SAS disks are attached to the host");
        for (String vm : List.of(active, passive))
            if (!clusterCapable(world.guestOs(vm)))
                throw new InvalidParameterException("guest cluster " + name + ": " + vm + " runs '" + world.guestOs(vm) + "', which has no cluster service;"
                        + " guests must run " + String.join(", ", CLUSTER_CAPABLE_OS));
        if (!world.isClusterAware(service))
            throw new InvalidParameterException("guest cluster " + name + ": '" + service + "' is not a cluster-aware application (the cluster"
                    + " service has no resource type for it); cluster one of " + String.join(", ", CLUSTER_AWARE_SERVICES) + ", or declare it a Generic Service");
        String h1 = world.simVm(active).host().name(), h2 = world.simVm(passive).host().name();
        if (h1.equalsIgnoreCase(h2))
            throw new InvalidParameterException("guest cluster " + name + ": " + active + " and " + passive + " are both on " + h1
                    + "; put them on different hosts");
        for (GuestCluster other : world.guestClusters)
            if (other.name.equalsIgnoreCase(name)) throw new InvalidParameterException("the lab already has a guest cluster " + name);
        world.install(active, service);
        world.installStopped(passive, service);
        GuestCluster c = new GuestCluster(world, name, address, active, passive);
        world.add(c);
        return c;
    }

    /**
     * Refuses a host migration of one of the cluster's VMs: the shared disk is not virtualized.
     *
     * @param vm the VM to move
     * @throws InvalidParameterException when the VM is a node of this cluster
     */
    public void refuseHostMigration(String vm) {
        for (String n : nodes)
            if (n.equalsIgnoreCase(vm))
                throw new InvalidParameterException(vm + " is a node of guest cluster " + name + ": its iSCSI shared disk is not virtualized,"
                        + " so the VM cannot move between hosts");
    }

    /**
     * The guest that runs the role now.
     *
     * @return the VM's name
     */
    public String activeNode() {
        return nodes[active];
    }

    /**
     * The cluster's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The clustered address.
     *
     * @return the address
     */
    public String address() {
        return address;
    }

    /**
     * The failovers so far.
     *
     * @return each failover
     */
    public List<Failover> failovers() {
        return List.copyOf(failovers);
    }

    /**
     * Whether a client reaches the clustered service now.
     *
     * @return whether it answers
     */
    public boolean serviceAnswers() {
        return addressOnline && world.serviceAnswers(nodes[active]);
    }

    /**
     * Starts recording a continuous ping of the clustered address.
     *
     * @return the ping's record
     */
    public PingRecord ping() {
        PingRecord p = new PingRecord(address);
        pings.add(p);
        return p;
    }

    void look(Instant now) {
        String from = nodes[active], to = nodes[1 - active];
        for (PingRecord p : pings) p.sample(now, addressOnline && world.answersPing(from));
        if (failoverStart != null) {
            step(now, nodes[failoverFrom], nodes[1 - failoverFrom]);
            return;
        }
        if (!failing(from, to)) {
            failingSince = null;
            return;
        }
        if (failingSince == null) failingSince = now;
        if (!now.isBefore(failingSince.plus(DETECTION))) {
            failoverStart = now;
            failoverFrom = active;
        }
    }

    /** Whether the cluster would fail over: the active guest's service failed, or its heartbeats stopped and the passive wins the disk. */
    private boolean failing(String from, String to) {
        boolean activeAlive = world.clusterServiceRuns(from);
        ServiceState s = world.serviceState(from);
        if (activeAlive && world.reachable(world.simVm(from).host().name())) return s == ServiceState.STOPPED;
        // heartbeats lost: the passive challenges for the disk, and wins only if nobody defends it
        return world.clusterServiceRuns(to) && !activeAlive;
    }

    private void step(Instant now, String from, String to) {
        Duration in = Duration.between(failoverStart, now);
        if (in.compareTo(IP_OFFLINE) >= 0 && addressOnline && in.compareTo(IP_ONLINE) < 0) {
            addressOnline = false;
            world.clusterControls(from, false);
        }
        if (in.compareTo(SERVICE_START) >= 0 && world.serviceState(to) == ServiceState.STOPPED) world.clusterControls(to, true);
        if (in.compareTo(IP_ONLINE) >= 0 && !addressOnline) {
            addressOnline = true;
            active = 1 - failoverFrom;
        }
        if (in.compareTo(ROLE_ONLINE) >= 0) {
            failovers.add(new Failover(from, to, failoverStart, in));
            failoverStart = null;
            failingSince = null;
        }
    }
}
