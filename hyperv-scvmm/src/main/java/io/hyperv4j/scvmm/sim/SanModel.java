package io.hyperv4j.scvmm.sim;

import static io.hyperv4j.scvmm.sim.SanRefusal.*;

import io.hyperv4j.sim.Fabric;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.substrate.FlowNetwork;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A lab's SAN: its arrays and every host's attachment to them. All changes run under the lab lock
 * (inside {@link Lab#write}) and validate everything before changing anything, so a refused change
 * ({@link SanRefusedException}) leaves the model as it was. A host sees an LU's disk only while the
 * LU is in a host group that holds one of its initiators on a port it is linked to, and only from
 * its next rescan on; losing the last path removes the disk at once and logs Table 6-1's events.
 */
public final class SanModel {
    /** A pair copy's flow kind, followed by the array's and the pair's names. */
    public static final String PAIR_COPY = "san/pair-copy/";
    private static final int COPY_IO = 1 << 20;
    private static final Duration LOCK = Duration.ofMinutes(1);
    private static final Pattern WWN = Pattern.compile("[0-9A-F]{16}");
    private static final Pattern IQN = Pattern.compile("(iqn\\.\\d{4}-\\d{2}\\.[a-z0-9.-]+(:[^\\s]+)?|eui\\.[0-9A-Fa-f]{16})");

    final Lab lab;
    final Map<String, SimArray> arrays = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final Map<String, HostSan> hosts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    SanModel(Lab lab) {
        this.lab = lab;
    }

    public Map<String, SimArray> arrays() {
        return java.util.Collections.unmodifiableMap(arrays);
    }

    public Map<String, HostSan> hosts() {
        return java.util.Collections.unmodifiableMap(hosts);
    }

    public SimArray array(String name) {
        SimArray a = arrays.get(name);
        if (a == null) throw new IllegalArgumentException("the lab has no storage array named '" + name + "'");
        return a;
    }

    /** The host's SAN side, or null when it has none. */
    public HostSan host(String name) {
        return hosts.get(name);
    }

    HostSan requireHost(String name) {
        HostSan h = hosts.get(name);
        if (h == null) throw new IllegalArgumentException("host '" + name + "' has no SAN attachment");
        return h;
    }

    static String luKey(String array, int lu) {
        return array + "/" + lu;
    }

    // ---------------------------------------------------------------- addresses

    /** An FC WWPN as 16 upper-case hex digits (colons and dashes dropped), or an iSCSI name as given; null when neither. */
    public static String normalizeInitiator(String address) {
        if (address == null) return null;
        String a = address.strip();
        if (IQN.matcher(a).matches()) return a.toLowerCase(Locale.ROOT).startsWith("eui.") ? "eui." + a.substring(4).toUpperCase(Locale.ROOT) : a;
        String w = a.replace(":", "").replace("-", "").toUpperCase(Locale.ROOT);
        return WWN.matcher(w).matches() ? w : null;
    }

    static boolean isIscsi(String normalized) {
        return normalized.startsWith("iqn.") || normalized.startsWith("eui.");
    }

    // ---------------------------------------------------------------- building (the administrator's set-up)

    SimArray addArray(Txn txn, String name, String model, long serial, long pageBytes, long pairCopyBytesPerSecond, boolean vds) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("an array needs a name");
        if (arrays.containsKey(name)) throw new IllegalArgumentException("the lab already has an array named '" + name + "'");
        if (pageBytes <= 0 || pairCopyBytesPerSecond <= 0) throw new IllegalArgumentException("page size and copy rate must be positive");
        SimArray a = new SimArray(name, model, serial, pageBytes, pairCopyBytesPerSecond, vds);
        arrays.put(name, a);
        txn.created(a);
        return a;
    }

    void addPort(Txn txn, SimArray a, String id, int controller, String address, long bitsPerSecond) {
        String n = normalizeInitiator(address);
        if (n == null) throw new SanRefusedException(INVALID_TARGET_PORT_ADDRESS, "'" + address + "' is neither a WWPN nor an iSCSI name");
        if (a.ports.containsKey(id)) throw new IllegalArgumentException("array " + a.name + " already has port " + id);
        txn.touch(a);
        a.ports.put(id, new SimPort(id, controller, n, isIscsi(n), bitsPerSecond));
    }

    void addRaidGroup(Txn txn, SimArray a, int id, RaidLevel level, int drives, long driveBytes, Integer pool) {
        if (a.raidGroups.containsKey(id)) throw new IllegalArgumentException("array " + a.name + " already has RAID group " + id);
        if (drives < level.minDrives) throw new IllegalArgumentException(level + " needs at least " + level.minDrives + " drives, not " + drives);
        if (driveBytes <= 0) throw new IllegalArgumentException("drive size must be positive");
        if (pool != null && !a.pools.containsKey(pool)) throw new IllegalArgumentException("array " + a.name + " has no pool " + pool);
        txn.touch(a);
        a.raidGroups.put(id, new SimRaidGroup(id, level, drives, driveBytes, pool));
    }

    void addPool(Txn txn, SimArray a, int id, String name) {
        if (a.pools.containsKey(id)) throw new IllegalArgumentException("array " + a.name + " already has pool " + id);
        txn.touch(a);
        a.pools.put(id, name);
    }

    /** Adds drives to a RAID group: its capacity (and its pool's) grows. */
    public void addDrives(Txn txn, SimArray a, int rg, int drives) {
        SimRaidGroup g = a.raidGroups.get(rg);
        if (g == null) throw new SanRefusedException(INVALID_PARAMETER, "array " + a.name + " has no RAID group " + rg);
        if (drives <= 0) throw new SanRefusedException(INVALID_PARAMETER, "add at least one drive, not " + drives);
        txn.touch(a);
        g.drives += drives;
    }

    HostSan attachHost(Txn txn, String host, MpioDriver mpio) {
        if (lab.host(host) == null) throw new IllegalArgumentException("the lab has no host named '" + host + "'");
        HostSan h = hosts.computeIfAbsent(lab.host(host).name(), k -> new HostSan(k, mpio));
        txn.touch(h);
        h.mpio = mpio;
        return h;
    }

    void addInitiator(Txn txn, HostSan h, String address) {
        String n = normalizeInitiator(address);
        if (n == null) throw new SanRefusedException(INVALID_INITIATOR_ADDRESS, "'" + address + "' is neither a WWPN nor an iSCSI name");
        for (HostSan other : hosts.values())
            if (other != h && other.initiators.containsKey(n)) throw new IllegalArgumentException("initiator " + n + " already belongs to " + other.host);
        txn.touch(h);
        h.initiators.put(n, isIscsi(n));
    }

    /** Cables (and zones) one of the host's initiators to an array port; the host's paths follow. */
    void link(Txn txn, HostSan h, String initiator, SimArray a, String port, boolean linked) {
        String n = normalizeInitiator(initiator);
        if (n == null || !h.initiators.containsKey(n)) throw new IllegalArgumentException(h.host + " has no initiator " + initiator);
        if (!a.ports.containsKey(port)) throw new IllegalArgumentException("array " + a.name + " has no port " + port);
        txn.touch(h);
        String key = n + "|" + a.name + "|" + port;
        if (linked) h.links.add(key);
        else h.links.remove(key);
        reconcile(txn);
    }

    // ---------------------------------------------------------------- LUs and pools

    /**
     * Creates an LU: fixed on a RAID group that holds fixed LUs (its whole size taken now), or thin
     * in a pool (no pages taken until written). Thin sizes round up to whole pages.
     */
    SimLu createLu(Txn txn, SimArray a, String name, long bytes, boolean thin, int place) {
        if (bytes <= 0) throw new SanRefusedException(SIZE_REQUIRED, "size must be positive, not " + bytes);
        if (name == null || name.isBlank()) throw new SanRefusedException(INVALID_PARAMETER, "an LU needs a name");
        int rg = -1, pool = -1;
        long size = bytes;
        if (thin) {
            if (!a.pools.containsKey(place)) throw new SanRefusedException(NO_SUITABLE_POOL, "array " + a.name + " has no pool " + place);
            pool = place;
            size = (bytes + a.pageBytes - 1) / a.pageBytes * a.pageBytes;
        } else {
            SimRaidGroup g = a.raidGroups.get(place);
            if (g == null) throw new SanRefusedException(NO_SUITABLE_POOL, "array " + a.name + " has no RAID group " + place);
            if (g.pool != null)
                throw new SanRefusedException(PROVISIONING_TYPE_NOT_SUPPORTED, "RAID group " + place + " belongs to pool " + g.pool + ", which holds thin LUs only");
            long free = g.capacity() - a.raidGroupUsed(place);
            if (bytes > free) throw new SanRefusedException(NOT_ENOUGH_FREE_SPACE, "RAID group " + place + " has " + free + " bytes free, " + bytes + " asked");
            rg = place;
        }
        int number = a.lus.isEmpty() ? 0 : a.lus.lastKey() + 1;
        for (SimLu l : a.lus.values())
            if (l.name.equalsIgnoreCase(name)) throw new SanRefusedException(INVALID_PARAMETER, "array " + a.name + " already has an LU named '" + name + "'");
        txn.touch(a);
        SimLu lu = new SimLu(number, name, size, rg, pool);
        a.lus.put(number, lu);
        return lu;
    }

    /**
     * Writes {@code length} bytes at {@code offset} of an LU (what a host's I/O does to the array):
     * a thin LU takes the pages it has not written before from its pool, refused when the pool has
     * too few left; a pair's secondary is read-only until split; a split pair remembers the pages.
     */
    public void write(Txn txn, SimArray a, int luNumber, long offset, long length) {
        SimLu lu = a.lu(luNumber);
        if (offset < 0 || length <= 0 || offset > lu.bytes - length)
            throw new SanRefusedException(INVALID_PARAMETER, "write of " + length + " bytes at " + offset + " is outside LU " + luNumber + " (" + lu.bytes + " bytes)");
        SimPair pair = a.pairOf(luNumber);
        Instant now = txn.now();
        if (pair != null && pair.secondary == luNumber && pair.state(now) != PairState.SPLIT)
            throw new SanRefusedException(SECONDARY_READ_ONLY, "LU " + luNumber + " is the secondary of pair " + pair.name + " (" + pair.state(now) + ")");
        int first = (int) (offset / a.pageBytes), last = (int) ((offset + length - 1) / a.pageBytes);
        BitSet pages = new BitSet();
        pages.set(first, last + 1);
        boolean mirrored = pair != null && pair.primary == luNumber && pair.state(now) != PairState.SPLIT;
        Map<SimLu, BitSet> take = new java.util.LinkedHashMap<>();
        take.put(lu, pages);
        if (mirrored) take.put(a.lu(pair.secondary), pages);
        requireRoom(a, take);
        txn.touch(a);
        lu.written.or(pages);
        if (pair != null && pair.state(now) == PairState.SPLIT) lu.changedSinceSplit.or(pages);
        if (mirrored) a.lu(pair.secondary).written.or(pages);
    }

    /**
     * The VM's disk files live on the LU (a Cluster Shared Volume's or a volume of its own): its
     * guest's writes reach the LU from now, each drive's data in an extent of whole pages placed at
     * its first write.
     */
    void vmFilesOn(Txn txn, SimArray a, int lu, String vmId) {
        SimLu l = a.lu(lu);
        if (lab.vm(vmId) == null) throw new SanRefusedException(INVALID_PARAMETER, "the lab has no VM " + vmId);
        txn.touch(a);
        for (SimArray x : arrays.values()) for (SimLu y : x.lus.values()) y.vmFiles.remove(vmId);
        l.vmFiles.add(vmId);
    }

    /** The array and LU holding the VM's files (placed with {@link #vmFilesOn}, or run from with {@link #runVmFrom}), or null. */
    private Object[] luOfVm(String vmId) {
        for (SimArray a : arrays.values()) for (SimLu l : a.lus.values()) if (l.vmFiles.contains(vmId)) return new Object[] {a, l};
        for (HostSan h : hosts.values()) {
            String key = h.vmsOnLu.get(vmId.toUpperCase(Locale.ROOT));
            if (key == null) continue;
            int slash = key.lastIndexOf('/');
            SimArray a = arrays.get(key.substring(0, slash));
            if (a != null) return new Object[] {a, a.lu(Integer.parseInt(key.substring(slash + 1)))};
        }
        return null;
    }

    /**
     * A guest writes to a drive whose files are on an LU: the bytes reach the LU at the drive's
     * extent (placed after the LU's others at the drive's first write), so a thin LU takes the pages,
     * a paired primary mirrors them and a split one marks them changed. Refused (nothing written)
     * when the LU has no room for the extent or its pool none for the pages; nothing for a VM on no LU.
     */
    void guestWrite(Txn txn, String vmId, String driveId, java.util.function.LongSupplier driveBytes, long offset, long length) {
        Object[] at = luOfVm(vmId);
        if (at == null || length <= 0) return;
        SimArray a = (SimArray) at[0];
        SimLu lu = (SimLu) at[1];
        String key = vmId.toUpperCase(Locale.ROOT) + "/" + driveId;
        SimLu.Extent e = lu.extents.get(key);
        if (e == null) {
            long next = 0;
            for (SimLu.Extent x : lu.extents.values()) next = Math.max(next, x.offset() + x.bytes());
            long size = driveBytes.getAsLong();
            e = new SimLu.Extent(next, (size + a.pageBytes - 1) / a.pageBytes * a.pageBytes);
            if (e.bytes() > lu.bytes - next)
                throw new SanRefusedException(NOT_ENOUGH_FREE_SPACE, "LU " + lu.number + " of " + a.name + " has " + (lu.bytes - next)
                        + " bytes left for the disk of VM " + vmId + " (" + size + " bytes)");
        }
        if (offset < 0 || offset > e.bytes() - length)
            throw new SanRefusedException(INVALID_PARAMETER, "write of " + length + " bytes at " + offset + " is outside the disk of VM " + vmId);
        write(txn, a, lu.number, e.offset() + offset, length);
        lu.extents.putIfAbsent(key, e);
    }

    /** Refuses (POOL_CAPACITY_EXCEEDED) when writing these pages would take more from a thin pool than it has. */
    private static void requireRoom(SimArray a, Map<SimLu, BitSet> writes) {
        Map<Integer, Long> need = new TreeMap<>();
        for (var e : writes.entrySet()) {
            if (!e.getKey().thin()) continue;
            BitSet fresh = (BitSet) e.getValue().clone();
            fresh.andNot(e.getKey().written);
            need.merge(e.getKey().pool, fresh.cardinality() * a.pageBytes, Long::sum);
        }
        for (var e : need.entrySet()) {
            long free = a.poolCapacity(e.getKey()) - a.poolUsed(e.getKey());
            if (e.getValue() > free)
                throw new SanRefusedException(POOL_CAPACITY_EXCEEDED, "pool " + e.getKey() + " of " + a.name + " has " + free + " bytes left, the write needs " + e.getValue());
        }
    }

    // ---------------------------------------------------------------- masking (host groups)

    /** Validates and normalizes initiator addresses; refused as a whole on the first bad one. */
    static List<String> initiatorsOf(Collection<String> addresses) {
        List<String> out = new ArrayList<>();
        for (String s : addresses) {
            String n = normalizeInitiator(s);
            if (n == null) throw new SanRefusedException(INVALID_INITIATOR_ADDRESS, "'" + s + "' is neither a WWPN nor an iSCSI name");
            if (!out.contains(n)) out.add(n);
        }
        return out;
    }

    SimHostGroup createHostGroup(Txn txn, SimArray a, String friendlyName, List<String> portAddresses, List<String> initiators,
                                 int hostType, List<Integer> lus, List<Integer> hostLuns) {
        List<String> ports = portsOf(a, portAddresses);
        List<String> inits = initiatorsOf(initiators);
        checkLus(a, null, lus, hostLuns);
        int n = 1;
        while (a.hostGroups.containsKey(String.format("G%03d", n))) n++;
        txn.touch(a);
        SimHostGroup g = new SimHostGroup(String.format("G%03d", n), friendlyName, hostType);
        g.ports.addAll(ports);
        g.initiators.addAll(inits);
        a.hostGroups.put(g.name, g);
        putLus(g, lus, hostLuns);
        reconcile(txn);
        return g;
    }

    /** Target port ids from their addresses; every port of the array when none are given. */
    private static List<String> portsOf(SimArray a, List<String> addresses) {
        List<String> out = new ArrayList<>();
        if (addresses == null || addresses.isEmpty()) {
            out.addAll(a.ports.keySet());
            return out;
        }
        for (String address : addresses) {
            String n = normalizeInitiator(address);
            SimPort found = null;
            for (SimPort p : a.ports.values()) if (p.address.equals(n) || p.id.equalsIgnoreCase(address)) found = p;
            if (found == null) throw new SanRefusedException(INVALID_TARGET_PORT_ADDRESS, "array " + a.name + " has no target port " + address);
            if (!out.contains(found.id)) out.add(found.id);
        }
        return out;
    }

    /** Every LU exists, is not in the group yet, and the host LUN numbers (when given) are free and valid. */
    private static void checkLus(SimArray a, SimHostGroup g, List<Integer> lus, List<Integer> hostLuns) {
        if (hostLuns != null && !hostLuns.isEmpty() && hostLuns.size() != lus.size())
            throw new SanRefusedException(INVALID_DEVICE_NUMBER, lus.size() + " virtual disks but " + hostLuns.size() + " device numbers");
        java.util.Set<Integer> taken = new java.util.HashSet<>(g == null ? List.of() : g.lus.keySet());
        for (int i = 0; i < lus.size(); i++) {
            a.lu(lus.get(i));
            if (g != null && g.hostLunOf(lus.get(i)) != null)
                throw new SanRefusedException(INVALID_PARAMETER, "LU " + lus.get(i) + " is already in host group " + g.name);
            if (hostLuns != null && !hostLuns.isEmpty()) {
                int h = hostLuns.get(i);
                if (h < 0 || h > 255 || !taken.add(h)) throw new SanRefusedException(INVALID_DEVICE_NUMBER, "host LUN " + h + " is taken or outside 0..255");
            }
        }
    }

    private static void putLus(SimHostGroup g, List<Integer> lus, List<Integer> hostLuns) {
        for (int i = 0; i < lus.size(); i++) {
            int h;
            if (hostLuns != null && !hostLuns.isEmpty()) h = hostLuns.get(i);
            else {
                h = 0;
                while (g.lus.containsKey(h)) h++;
            }
            g.lus.put(h, lus.get(i));
        }
    }

    void addLus(Txn txn, SimArray a, SimHostGroup g, List<Integer> lus, List<Integer> hostLuns) {
        checkLus(a, g, lus, hostLuns);
        if (g.lus.size() + lus.size() > 256) throw new SanRefusedException(INVALID_DEVICE_NUMBER, "a host group holds at most 256 LUs");
        txn.touch(a);
        putLus(g, lus, hostLuns);
        reconcile(txn);
    }

    void removeLus(Txn txn, SimArray a, SimHostGroup g, List<Integer> lus) {
        for (int lu : lus)
            if (g.hostLunOf(a.lu(lu).number) == null) throw new SanRefusedException(VIRTUAL_DISK_NOT_FOUND, "LU " + lu + " is not in host group " + g.name);
        txn.touch(a);
        for (int lu : lus) g.lus.remove(g.hostLunOf(lu));
        reconcile(txn);
    }

    void addInitiators(Txn txn, SimArray a, SimHostGroup g, List<String> addresses, int hostType) {
        List<String> inits = initiatorsOf(addresses);
        txn.touch(a);
        g.initiators.addAll(inits);
        g.hostType = hostType;
        reconcile(txn);
    }

    void removeInitiators(Txn txn, SimArray a, SimHostGroup g, List<String> addresses) {
        List<String> inits = initiatorsOf(addresses);
        for (String i : inits) if (!g.initiators.contains(i)) throw new SanRefusedException(INVALID_INITIATOR_ADDRESS, i + " is not in host group " + g.name);
        txn.touch(a);
        inits.forEach(g.initiators::remove);
        reconcile(txn);
    }

    // ---------------------------------------------------------------- what hosts see

    /** One path from a host to an LU: its initiator, the array port, and the host LUN it is shown as. */
    public record LuPath(String initiator, String port, int hostLun) {}

    /** The host's paths to an LU now (empty: the LU is not shown to it). */
    public static List<LuPath> paths(HostSan h, SimArray a, int lu) {
        List<LuPath> out = new ArrayList<>();
        for (SimHostGroup g : a.hostGroups.values()) {
            Integer hostLun = g.hostLunOf(lu);
            if (hostLun == null) continue;
            for (String i : g.initiators)
                if (h.initiators.containsKey(i))
                    for (String p : g.ports) if (h.linked(i, a.name, p)) out.add(new LuPath(i, p, hostLun));
        }
        return out;
    }

    /** Whether the host is linked to at least one port of the array (it can see the array at all). */
    public static boolean connected(HostSan h, SimArray a) {
        for (String link : h.links) if (link.split("\\|")[1].equalsIgnoreCase(a.name)) return true;
        return false;
    }

    /** The host's rescan (Update-HostStorageCache): LUs newly shown to it become disks, online. */
    public void rescan(Txn txn, HostSan h) {
        for (SimArray a : arrays.values())
            for (SimLu lu : a.lus.values()) {
                String key = luKey(a.name, lu.number);
                if (h.disks.containsKey(key) || paths(h, a, lu.number).isEmpty()) continue;
                txn.touch(h);
                h.disks.put(key, new HostDisk(a.name, lu.number, h.nextDiskNumber(), true));
            }
    }

    /** After any masking or cabling change: disks whose last path is gone disappear, logging Table 6-1. */
    void reconcile(Txn txn) {
        for (HostSan h : hosts.values())
            for (HostDisk d : new ArrayList<>(h.disks.values())) {
                SimArray a = arrays.get(d.array);
                if (a != null && a.lus.containsKey(d.lu) && !paths(h, a, d.lu).isEmpty()) continue;
                txn.touch(h);
                h.disks.remove(luKey(d.array, d.lu));
                if (d.online) PathEvents.lost(h, d, a, txn.now());
                h.vmsOnLu.values().removeIf(k -> k.equals(luKey(d.array, d.lu)));
            }
    }

    // ---------------------------------------------------------------- VMs on LUs

    /**
     * Records that a VM registered on the host runs from the LU (its configuration and disks are on
     * it). Refused when the host does not see the LU online, or another host runs a VM from it:
     * an LU is never used by two hosts at once (seed 000: one VM per LU, moved by re-mapping).
     */
    public void runVmFrom(Txn txn, HostSan h, SimArray a, int lu, String vmId) {
        a.lu(lu);
        String key = luKey(a.name, lu);
        HostDisk d = h.disks.get(key);
        if (d == null || !d.online) throw new SanRefusedException(LU_NOT_VISIBLE, h.host + " has no online disk for LU " + lu + " of " + a.name + " (map it and rescan)");
        SimVm vm = lab.vm(vmId);
        if (vm == null || !vm.host().name().equalsIgnoreCase(h.host)) throw new SanRefusedException(INVALID_PARAMETER, "no VM " + vmId + " is registered on " + h.host);
        for (HostSan other : hosts.values())
            if (other != h && other.vmsOnLu.containsValue(key))
                throw new SanRefusedException(LU_IN_USE_ON_ANOTHER_HOST, other.host + " runs a VM from LU " + lu + " of " + a.name);
        txn.touch(h);
        h.vmsOnLu.put(vm.id(), key);
    }

    /** The VM no longer runs from its LU on this host (stopped, exported or moved away). */
    public void releaseVm(Txn txn, HostSan h, String vmId) {
        txn.touch(h);
        h.vmsOnLu.remove(vmId.toUpperCase(Locale.ROOT));
    }

    /** Hosts that run a VM from the LU now. */
    public List<String> hostsRunningFrom(SimArray a, int lu) {
        String key = luKey(a.name, lu);
        List<String> out = new ArrayList<>();
        for (HostSan h : hosts.values()) {
            boolean runs = false;
            for (var e : h.vmsOnLu.entrySet()) {
                SimVm vm = lab.vm(e.getKey());
                if (e.getValue().equals(key) && vm != null && vm.state() != PowerState.OFF) runs = true;
            }
            if (runs) out.add(h.host);
        }
        return out;
    }

    // ---------------------------------------------------------------- volume pairs

    SimPair createPair(Txn txn, SimArray a, String name, int primary, int secondary) {
        SimLu p = a.lu(primary), s = a.lu(secondary);
        if (name == null || name.isBlank() || a.pairs.containsKey(name)) throw new SanRefusedException(INVALID_PARAMETER, "pair name '" + name + "' is empty or taken");
        if (primary == secondary || a.pairOf(primary) != null || a.pairOf(secondary) != null)
            throw new SanRefusedException(PAIR_VOLUME_BUSY, "LU " + primary + " or LU " + secondary + " is already in a pair");
        if (p.bytes != s.bytes) throw new SanRefusedException(PAIR_SIZE_MISMATCH, "LU " + primary + " has " + p.bytes + " bytes, LU " + secondary + " " + s.bytes);
        requireRoom(a, Map.of(s, p.written));
        txn.touch(a);
        SimPair pair = new SimPair(name, primary, secondary, PairState.COPYING, txn.now());
        s.written.or(p.written);
        a.pairs.put(name, pair);
        long bytes = p.written.cardinality() * a.pageBytes;
        startCopy(txn, a, pair, PairState.COPYING, bytes, bytes);
        return pair;
    }

    void split(Txn txn, SimArray a, SimPair pair) {
        PairState st = pair.state(txn.now());
        if (st != PairState.PAIRED) throw new SanRefusedException(INVALID_PAIR_STATE, "pair " + pair.name + " is " + st + "; split needs PAIRED");
        txn.touch(a);
        pair.state = PairState.SPLIT;
        a.lu(pair.primary).changedSinceSplit.clear();
        a.lu(pair.secondary).changedSinceSplit.clear();
    }

    void resync(Txn txn, SimArray a, SimPair pair) {
        PairState st = pair.state(txn.now());
        if (st != PairState.SPLIT) throw new SanRefusedException(INVALID_PAIR_STATE, "pair " + pair.name + " is " + st + "; resync needs SPLIT");
        SimLu p = a.lu(pair.primary), s = a.lu(pair.secondary);
        BitSet diff = (BitSet) p.changedSinceSplit.clone();
        diff.or(s.changedSinceSplit);
        requireRoom(a, Map.of(s, p.written));
        txn.touch(a);
        s.written.or(p.written);
        p.changedSinceSplit.clear();
        s.changedSinceSplit.clear();
        long bytes = diff.cardinality() * a.pageBytes;
        startCopy(txn, a, pair, PairState.RESYNC, bytes, bytes);
    }

    /**
     * A pair's copy begins ({@code state} COPYING or RESYNC): {@code left} of its {@code bytes} as a
     * flow from the primary's link to the secondary's on the lab's fabric, wanting the array's pair
     * copy rate and sharing both LUs with their other I/O. The pair is Paired when the bytes are
     * through (at once when there are none).
     */
    void startCopy(Txn txn, SimArray a, SimPair pair, PairState state, long bytes, long left) {
        txn.touch(a);
        if (pair.flow != null) pair.flow.close();
        pair.flow = null;
        pair.resumeRate = -1;
        pair.copyBytes = bytes;
        pair.copyEnds = txn.now();
        pair.state = left > 0 ? state : PairState.PAIRED;
        if (left <= 0) return;
        Fabric.Flow[] self = new Fabric.Flow[1];
        self[0] = lab.fabric().start(new FlowNetwork.FlowSpec(PAIR_COPY + a.name + "/" + pair.name, left, a.pairCopyBytesPerSecond, COPY_IO,
                        List.of(luLink(a, pair.primary), luLink(a, pair.secondary))),
                at -> lab.write(LOCK, t -> {
                    if (pair.flow != self[0]) return null; // replaced or the lab moved on
                    t.touch(a);
                    pair.flow = null;
                    pair.state = PairState.PAIRED;
                    pair.copyEnds = at;
                    return null;
                }),
                f -> f.projectedEnd().ifPresent(end -> lab.write(LOCK, t -> {
                    if (pair.flow == null || pair.flow == f) pair.copyEnds = end;
                    return null;
                })));
        pair.flow = self[0];
    }

    /**
     * Takes up the copies a lab file had under way: what they had left at their rate then, less what
     * that rate moved while the lab's clock went on from the save (a loaded clock resumes from the saved
     * time plus the time since), so a copy alone ends when it would have; one that got nothing starts over.
     */
    void resumeCopies(Txn txn) {
        for (SimArray a : arrays.values())
            for (SimPair p : a.pairs.values()) {
                if (p.resumeRate < 0 || (p.state != PairState.COPYING && p.state != PairState.RESYNC)) continue;
                double seconds = Math.max(0, Duration.between(txn.now(), p.copyEnds).toNanos() / 1e9);
                long left = p.resumeRate > 0 ? Math.min(p.copyBytes, (long) Math.ceil(p.resumeRate * seconds)) : p.copyBytes;
                startCopy(txn, a, p, p.state, p.copyBytes, left);
            }
    }

    /**
     * An LU's link on the lab's fabric (its throughput and IOPS), created or brought up to date: the
     * one link every move that reads or writes the LU crosses.
     *
     * @param a  the array
     * @param lu the LU's number
     * @return the link's name
     */
    public String luLink(SimArray a, int lu) {
        SimLu l = a.lu(lu);
        String link = Fabric.storage(a.name + "/" + lu);
        lab.fabric().link(link, l.bytesPerSecond, l.iops);
        return link;
    }
}
