package io.hyperv4j.scvmm.storage;

import io.hyperv4j.AmbiguousNameException;
import io.hyperv4j.InvalidParameterException;
import io.hyperv4j.NotFoundException;
import io.hyperv4j.job.Operation;
import io.hyperv4j.scvmm.storage.internal.LuMappingBinding;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * SAN storage as one host reaches it: the arrays its storage provider shows, their LUs, pools and
 * masking sets, and LU mapping (show an LU to a host's initiators, hide it), plus the host's own
 * side: its initiators, its disks, its rescan. {@code host.capability(SanStorage.class)}.
 *
 * <p>A SAN transfer moves an LU between two hosts in a few calls:
 * <pre>{@code
 * SanStorage from = host1.capability(SanStorage.class), to = host2.capability(SanStorage.class);
 * from.unmap("LU1", from.initiators());      // host1 loses the disk (its MPIO logs the path failure)
 * to.map("LU1", to.initiators());
 * HostDisk disk = to.rescanFor("LU1");       // host2 sees it
 * }</pre>
 * Thread-safety: as safe as the host's session; each call is a few CIM (or COM) calls.
 */
public final class SanStorage {
    private final String host;
    private final LuMappingBinding binding;
    private final java.time.Duration operationTimeout;

    public SanStorage(String host, LuMappingBinding binding, java.time.Duration operationTimeout) {
        this.host = Objects.requireNonNull(host, "host");
        this.binding = Objects.requireNonNull(binding, "binding");
        this.operationTimeout = Objects.requireNonNull(operationTimeout, "operationTimeout");
    }

    /**
     * LU mapping on this Windows machine through the Virtual Disk Service and the array vendor's
     * hardware provider (Windows Server 2008 R2, what SCVMM 2008 R2 used); every call bounded by
     * {@code timeout}. LUs, map, unmap and rescan work; masking sets, pools and the host's disk
     * list need the Storage Management API.
     *
     * @throws NotSupportedException off Windows
     */
    public static SanStorage virtualDiskService(java.time.Duration timeout) {
        if (!System.getProperty("os.name", "").startsWith("Windows"))
            throw new io.hyperv4j.NotSupportedException("the Virtual Disk Service exists on Windows only, not on " + System.getProperty("os.name"));
        return new SanStorage("localhost", new io.hyperv4j.scvmm.storage.internal.vds.VdsBinding(timeout), timeout);
    }

    /** Which Windows interface this instance maps LUs through. */
    public MappingBinding binding() {
        return binding.kind();
    }

    public List<StorageArray> arrays() {
        return binding.arrays();
    }

    public List<Lun> luns() {
        return binding.luns();
    }

    /**
     * The LU called {@code name}: its array name (as masking sets list it, e.g. LU1), its friendly
     * name, or its ObjectId.
     *
     * @throws NotFoundException naming the LUs there are
     * @throws AmbiguousNameException when two arrays have an LU of that name
     */
    public Lun lun(String name) {
        Objects.requireNonNull(name, "name");
        List<Lun> all = luns(), found = new ArrayList<>();
        for (Lun l : all) if (l.objectId().equals(name) || l.name().equalsIgnoreCase(name)) found.add(l);
        if (found.isEmpty()) for (Lun l : all) if (l.friendlyName().equalsIgnoreCase(name)) found.add(l);
        if (found.size() > 1) throw new AmbiguousNameException("LU '" + name + "' names " + found.size() + " LUs seen from " + host + "; use its ObjectId", found.stream().map(Lun::objectId).toList());
        if (found.isEmpty())
            throw new NotFoundException("no LU '" + name + "' is visible from " + host + "; there are: "
                    + String.join(", ", all.stream().map(Lun::name).toList()));
        return found.get(0);
    }

    public List<MaskingSet> maskingSets() {
        return binding.maskingSets();
    }

    public List<InitiatorId> initiatorIds() {
        return binding.initiatorIds();
    }

    public List<TargetPort> targetPorts() {
        return binding.targetPorts();
    }

    public List<StoragePool> pools() {
        return binding.pools();
    }

    /**
     * Creates an LU in a pool (by friendly name or ObjectId): thin in a Dynamic Provisioning pool
     * (ready at once), fixed in a RAID group (formatted first: the operation follows the host's
     * storage job). Await it for the new LU.
     */
    public Operation<Lun> createLun(String pool, String friendlyName, long sizeBytes) {
        if (sizeBytes <= 0) throw new InvalidParameterException("an LU's size must be positive, not " + sizeBytes);
        if (friendlyName == null || friendlyName.isBlank()) throw new InvalidParameterException("an LU needs a friendly name");
        StoragePool p = null;
        for (StoragePool x : pools()) if (x.objectId().equals(pool) || x.friendlyName().equalsIgnoreCase(pool)) p = x;
        if (p == null) throw new NotFoundException("no storage pool '" + pool + "' is visible from " + host);
        return binding.createLun(p, friendlyName, sizeBytes, operationTimeout);
    }

    /** Shows the LU to these initiators (WWPNs or iSCSI names); those that already see it keep it. */
    public void map(String lun, Collection<String> initiators) {
        binding.map(lun(lun), checked(initiators));
    }

    /** Hides the LU from these initiators: a host using it loses the disk at once. */
    public void unmap(String lun, Collection<String> initiators) {
        binding.unmap(lun(lun), checked(initiators));
    }

    private static List<String> checked(Collection<String> initiators) {
        if (initiators == null || initiators.isEmpty()) throw new InvalidParameterException("give at least one initiator address");
        for (String i : initiators) if (i == null || i.isBlank()) throw new InvalidParameterException("an initiator address is empty");
        return List.copyOf(initiators);
    }

    /** This host's initiators (its HBA ports' WWPNs and its iSCSI initiator name). */
    public List<String> initiators() {
        return binding.localInitiators();
    }

    /** This host's disks as of its last rescan. */
    public List<HostDisk> disks() {
        return binding.disks();
    }

    /** Rescans (Update-HostStorageCache) and returns the disks found. */
    public List<HostDisk> rescan() {
        binding.rescan();
        return disks();
    }

    /** The host's disk backed by this LU, if the host sees it. */
    public Optional<HostDisk> diskOf(Lun lun) {
        for (HostDisk d : disks()) if (d.uniqueId().equalsIgnoreCase(lun.uniqueId())) return Optional.of(d);
        return Optional.empty();
    }

    /** Rescans, then the disk of the LU; NotFoundException when the host still does not see it (not mapped, not cabled). */
    public HostDisk rescanFor(String lun) {
        Lun l = lun(lun);
        binding.rescan();
        return diskOf(l).orElseThrow(() -> new NotFoundException(host + " does not see " + l.name() + " after a rescan: it is not mapped to "
                + "its initiators, or the host is not cabled to the array's ports"));
    }

    @Override
    public String toString() {
        return "SanStorage[" + host + ", " + binding.kind() + "]";
    }
}
