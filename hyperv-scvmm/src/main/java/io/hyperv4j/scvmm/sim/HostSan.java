package io.hyperv4j.scvmm.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One lab host's side of the SAN: its initiators (HBA ports, iSCSI initiator), which array ports
 * each is cabled and zoned to, its multipath software, the SAN disks it has found (at its last
 * rescan, minus those it has since lost), the VMs it runs from them, and its event log.
 */
public final class HostSan {
    /** Events kept per host; older ones fall off, as a full Windows log overwrites. */
    static final int EVENTS_KEPT = 2000;

    final String host;
    MpioDriver mpio;
    /** Initiator address to whether it is an iSCSI initiator (else an FC port WWPN). */
    final Map<String, Boolean> initiators = new LinkedHashMap<>();
    /** "initiator|array|port": physical connectivity (cabled and zoned). */
    final Set<String> links = new LinkedHashSet<>();
    /** LU key ("array/lu") to disk. */
    final Map<String, HostDisk> disks = new LinkedHashMap<>();
    /** VM id to the LU key it runs from. */
    final Map<String, String> vmsOnLu = new TreeMap<>();
    final List<HostEvent> events = new ArrayList<>();

    HostSan(String host, MpioDriver mpio) {
        this.host = host;
        this.mpio = mpio;
    }

    public String host() { return host; }
    public MpioDriver mpio() { return mpio; }
    public Map<String, Boolean> initiators() { return java.util.Collections.unmodifiableMap(initiators); }
    public Set<String> links() { return java.util.Collections.unmodifiableSet(links); }
    public Map<String, HostDisk> disks() { return java.util.Collections.unmodifiableMap(disks); }
    public Map<String, String> vmsOnLu() { return java.util.Collections.unmodifiableMap(vmsOnLu); }
    public List<HostEvent> events() { return java.util.Collections.unmodifiableList(events); }

    boolean linked(String initiator, String array, String port) {
        return links.contains(initiator + "|" + array + "|" + port);
    }

    int nextDiskNumber() {
        int n = 1; // disk 0 is the host's boot disk
        Set<Integer> used = new java.util.HashSet<>();
        for (HostDisk d : disks.values()) used.add(d.number);
        while (used.contains(n)) n++;
        return n;
    }

    void log(HostEvent e) {
        events.add(e);
        if (events.size() > EVENTS_KEPT) events.subList(0, events.size() - EVENTS_KEPT).clear();
    }
}
