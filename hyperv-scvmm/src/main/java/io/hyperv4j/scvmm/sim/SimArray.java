package io.hyperv4j.scvmm.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** A storage array (seed 000's Hitachi AMS2300): controllers' ports, RAID groups, pools, LUs, host groups, pairs. */
public final class SimArray {
    /** Hitachi's NAA company identifier, the start of every LU's identifier. */
    static final String NAA_PREFIX = "60060E80";
    /** The AMS2300 microcode of seed 000's array. */
    static final String DEFAULT_FIRMWARE = "0890/A-M";

    final String name;
    final String model;
    final long serial;
    final long pageBytes;
    final long pairCopyBytesPerSecond;
    boolean vdsHardwareProvider;
    /** The controllers' microcode, as MSFT_StorageSubSystem.FirmwareVersion reports it. */
    String firmware = DEFAULT_FIRMWARE;
    final Map<String, SimPort> ports = new LinkedHashMap<>();
    final TreeMap<Integer, SimRaidGroup> raidGroups = new TreeMap<>();
    final TreeMap<Integer, String> pools = new TreeMap<>();
    final TreeMap<Integer, SimLu> lus = new TreeMap<>();
    final Map<String, SimHostGroup> hostGroups = new LinkedHashMap<>();
    final Map<String, SimPair> pairs = new LinkedHashMap<>();

    SimArray(String name, String model, long serial, long pageBytes, long pairCopyBytesPerSecond, boolean vdsHardwareProvider) {
        this.name = name;
        this.model = model;
        this.serial = serial;
        this.pageBytes = pageBytes;
        this.pairCopyBytesPerSecond = pairCopyBytesPerSecond;
        this.vdsHardwareProvider = vdsHardwareProvider;
    }

    public String name() { return name; }
    public String model() { return model; }
    public long serial() { return serial; }
    public long pageBytes() { return pageBytes; }
    public long pairCopyBytesPerSecond() { return pairCopyBytesPerSecond; }
    public boolean vdsHardwareProvider() { return vdsHardwareProvider; }
    public String firmware() { return firmware; }
    public Map<String, SimPort> ports() { return java.util.Collections.unmodifiableMap(ports); }
    public Map<Integer, SimRaidGroup> raidGroups() { return java.util.Collections.unmodifiableMap(raidGroups); }
    public Map<Integer, String> pools() { return java.util.Collections.unmodifiableMap(pools); }
    public Map<Integer, SimLu> lus() { return java.util.Collections.unmodifiableMap(lus); }
    public Map<String, SimHostGroup> hostGroups() { return java.util.Collections.unmodifiableMap(hostGroups); }
    public Map<String, SimPair> pairs() { return java.util.Collections.unmodifiableMap(pairs); }

    /** The LU's NAA-6 identifier (32 hex digits): vendor, array serial, LU number. */
    public String naa(int lu) {
        return NAA_PREFIX + String.format("%08X", serial) + "00000000" + String.format("%08X", lu);
    }

    public SimLu lu(int number) {
        SimLu l = lus.get(number);
        if (l == null) throw new SanRefusedException(SanRefusal.VIRTUAL_DISK_NOT_FOUND, "array " + name + " has no LU " + number);
        return l;
    }

    /** Physical bytes of a thin pool: the usable capacity of its RAID groups. */
    public long poolCapacity(int pool) {
        long c = 0;
        for (SimRaidGroup g : raidGroups.values()) if (g.pool != null && g.pool == pool) c += g.capacity();
        return c;
    }

    /** Bytes of a thin pool's pages in use. */
    public long poolUsed(int pool) {
        long pages = 0;
        for (SimLu l : lus.values()) if (l.pool == pool) pages += l.written.cardinality();
        return pages * pageBytes;
    }

    /** Bytes of thin LUs' promised sizes in a pool (may exceed its capacity: over-commitment). */
    public long poolSubscribed(int pool) {
        long b = 0;
        for (SimLu l : lus.values()) if (l.pool == pool) b += l.bytes;
        return b;
    }

    /** Bytes of a RAID group taken by fixed LUs. */
    public long raidGroupUsed(int rg) {
        long b = 0;
        for (SimLu l : lus.values()) if (l.raidGroup == rg) b += l.bytes;
        return b;
    }

    SimPair pairOf(int lu) {
        for (SimPair p : pairs.values()) if (p.primary == lu || p.secondary == lu) return p;
        return null;
    }
}
