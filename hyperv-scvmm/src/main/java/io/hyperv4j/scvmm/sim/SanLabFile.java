package io.hyperv4j.scvmm.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.BitSet;

/**
 * The SAN in the lab file (inside the lab's atomic save). Loading checks every field and every
 * reference (a LU's RAID group or pool, a host group's ports and LUs, a pair's halves and sizes, a
 * host's links and disks) and refuses the file naming the JSON path at fault; the model is only
 * filled once everything read is valid.
 */
final class SanLabFile {
    private static final long MAX = Long.MAX_VALUE / 4;

    private SanLabFile() {
    }

    static void save(SanModel m, ObjectNode into) {
        if (m.arrays.isEmpty() && m.hosts.isEmpty()) return;
        ArrayNode arrays = into.putArray("arrays");
        for (SimArray a : m.arrays.values()) {
            ObjectNode an = arrays.addObject().put("name", a.name).put("model", a.model).put("serial", a.serial).put("pageBytes", a.pageBytes)
                    .put("pairCopyBytesPerSecond", a.pairCopyBytesPerSecond).put("vdsHardwareProvider", a.vdsHardwareProvider);
            ArrayNode ports = an.putArray("ports");
            a.ports.values().forEach(p -> ports.addObject().put("id", p.id).put("controller", p.controller).put("address", p.address).put("bitsPerSecond", p.bitsPerSecond));
            ArrayNode pools = an.putArray("pools");
            a.pools.forEach((id, name) -> pools.addObject().put("id", id).put("name", name));
            ArrayNode rgs = an.putArray("raidGroups");
            for (SimRaidGroup g : a.raidGroups.values()) {
                ObjectNode gn = rgs.addObject().put("id", g.id).put("level", g.level.name()).put("drives", g.drives).put("driveBytes", g.driveBytes);
                if (g.pool != null) gn.put("pool", g.pool);
            }
            ArrayNode lus = an.putArray("lus");
            for (SimLu l : a.lus.values()) {
                ObjectNode ln = lus.addObject().put("number", l.number).put("name", l.name).put("bytes", l.bytes);
                if (l.thin()) ln.put("pool", l.pool);
                else ln.put("raidGroup", l.raidGroup);
                pages(ln.putArray("written"), l.written);
                pages(ln.putArray("changedSinceSplit"), l.changedSinceSplit);
            }
            ArrayNode hgs = an.putArray("hostGroups");
            for (SimHostGroup g : a.hostGroups.values()) {
                ObjectNode gn = hgs.addObject().put("name", g.name).put("friendlyName", g.friendlyName).put("hostType", g.hostType);
                g.ports.forEach(gn.putArray("ports")::add);
                g.initiators.forEach(gn.putArray("initiators")::add);
                ArrayNode ln = gn.putArray("lus");
                g.lus.forEach((h, lu) -> ln.addObject().put("hostLun", h).put("lu", lu));
            }
            ArrayNode pairs = an.putArray("pairs");
            a.pairs.values().forEach(p -> pairs.addObject().put("name", p.name).put("primary", p.primary).put("secondary", p.secondary)
                    .put("state", p.state.name()).put("copyEnds", p.copyEnds.toString()));
        }
        ArrayNode hosts = into.putArray("hosts");
        for (HostSan h : m.hosts.values()) {
            ObjectNode hn = hosts.addObject().put("host", h.host).put("mpio", h.mpio.name());
            h.initiators.keySet().forEach(hn.putArray("initiators")::add);
            h.links.forEach(hn.putArray("links")::add);
            ArrayNode disks = hn.putArray("disks");
            h.disks.values().forEach(d -> disks.addObject().put("array", d.array).put("lu", d.lu).put("number", d.number).put("online", d.online));
            ObjectNode vms = hn.putObject("vmsOnLu");
            h.vmsOnLu.forEach(vms::put);
            ArrayNode ev = hn.putArray("events");
            h.events.forEach(e -> ev.addObject().put("time", e.time().toString()).put("log", e.log()).put("level", e.level())
                    .put("source", e.source()).put("eventId", e.eventId()).put("message", e.message()));
        }
    }

    /** Page runs as [from, to) pairs, so a 2 TB LU with a few writes stays small in the file. */
    private static void pages(ArrayNode out, BitSet bits) {
        for (int i = bits.nextSetBit(0); i >= 0; ) {
            int end = bits.nextClearBit(i);
            out.addArray().add(i).add(end);
            i = bits.nextSetBit(end);
        }
    }

    static void load(SanModel m, JsonNode from) {
        SanModel fresh = new SanModel(m.lab);
        SanJson root = new SanJson(from, "$.providers['" + WindowsStorageProvider.class.getName() + "']");
        for (SanJson an : root.objects("arrays")) {
            SimArray a = new SimArray(an.string("name"), an.string("model"), an.integer("serial", 0, 0xFFFFFFFFL),
                    an.integer("pageBytes", 1, MAX), an.integer("pairCopyBytesPerSecond", 1, MAX), an.bool("vdsHardwareProvider", true));
            if (fresh.arrays.put(a.name, a) != null) throw an.invalid("name", "a second array named " + a.name);
            for (SanJson pn : an.objects("ports")) {
                String address = SanModel.normalizeInitiator(pn.string("address"));
                if (address == null) throw pn.invalid("address", "not a WWPN or iSCSI name");
                String id = pn.string("id");
                if (a.ports.put(id, new SimPort(id, (int) pn.integer("controller", 0, 7), address, SanModel.isIscsi(address), pn.integer("bitsPerSecond", 1, MAX))) != null)
                    throw pn.invalid("id", "a second port " + id);
            }
            for (SanJson pn : an.objects("pools")) a.pools.put((int) pn.integer("id", 0, 4095), pn.string("name"));
            for (SanJson gn : an.objects("raidGroups")) {
                RaidLevel level = gn.constant("level", RaidLevel.class);
                int drives = (int) gn.integer("drives", level.minDrives, 1000);
                Integer pool = gn.has("pool") ? (int) gn.integer("pool", 0, 4095) : null;
                if (pool != null && !a.pools.containsKey(pool)) throw gn.invalid("pool", "no pool " + pool);
                int id = (int) gn.integer("id", 0, 4095);
                if (a.raidGroups.put(id, new SimRaidGroup(id, level, drives, gn.integer("driveBytes", 1, MAX), pool)) != null) throw gn.invalid("id", "a second RAID group " + id);
            }
            for (SanJson ln : an.objects("lus")) {
                int number = (int) ln.integer("number", 0, 4095);
                int rg = ln.has("raidGroup") ? (int) ln.integer("raidGroup", 0, 4095) : -1;
                int pool = ln.has("pool") ? (int) ln.integer("pool", 0, 4095) : -1;
                if ((rg < 0) == (pool < 0)) throw ln.invalid("raidGroup", "an LU has either a raidGroup (fixed) or a pool (thin)");
                if (rg >= 0 && (!a.raidGroups.containsKey(rg) || a.raidGroups.get(rg).pool != null)) throw ln.invalid("raidGroup", "no RAID group " + rg + " for fixed LUs");
                if (pool >= 0 && !a.pools.containsKey(pool)) throw ln.invalid("pool", "no pool " + pool);
                SimLu lu = new SimLu(number, ln.string("name"), ln.integer("bytes", 1, MAX), rg, pool);
                long pages = (lu.bytes + a.pageBytes - 1) / a.pageBytes;
                readPages(ln, "written", lu.written, pages);
                readPages(ln, "changedSinceSplit", lu.changedSinceSplit, pages);
                if (a.lus.put(number, lu) != null) throw ln.invalid("number", "a second LU " + number);
            }
            for (int p : a.pools.keySet())
                if (a.poolUsed(p) > a.poolCapacity(p)) throw an.invalid("lus", "pool " + p + " uses " + a.poolUsed(p) + " bytes of " + a.poolCapacity(p));
            for (int rg : a.raidGroups.keySet())
                if (a.raidGroupUsed(rg) > a.raidGroups.get(rg).capacity()) throw an.invalid("lus", "RAID group " + rg + " holds more than its capacity");
            for (SanJson gn : an.objects("hostGroups")) {
                SimHostGroup g = new SimHostGroup(gn.string("name"), gn.string("friendlyName"), (int) gn.integer("hostType", 0, 65535));
                for (String p : gn.strings("ports")) if (!a.ports.containsKey(p)) throw gn.invalid("ports", "no port " + p); else g.ports.add(p);
                for (String i : gn.strings("initiators")) {
                    String n = SanModel.normalizeInitiator(i);
                    if (n == null) throw gn.invalid("initiators", "'" + i + "' is not a WWPN or iSCSI name");
                    g.initiators.add(n);
                }
                for (SanJson ln : gn.objects("lus")) {
                    int lu = (int) ln.integer("lu", 0, 4095);
                    if (!a.lus.containsKey(lu)) throw ln.invalid("lu", "no LU " + lu);
                    if (g.lus.put((int) ln.integer("hostLun", 0, 255), lu) != null) throw ln.invalid("hostLun", "taken twice");
                }
                if (a.hostGroups.put(g.name, g) != null) throw gn.invalid("name", "a second host group " + g.name);
            }
            for (SanJson pn : an.objects("pairs")) {
                int p = (int) pn.integer("primary", 0, 4095), s = (int) pn.integer("secondary", 0, 4095);
                if (!a.lus.containsKey(p) || !a.lus.containsKey(s) || p == s) throw pn.invalid("primary", "the pair's LUs must be two existing LUs");
                if (a.lus.get(p).bytes != a.lus.get(s).bytes) throw pn.invalid("secondary", "differs in size from the primary");
                if (a.pairOf(p) != null || a.pairOf(s) != null) throw pn.invalid("primary", "an LU in two pairs");
                SimPair pair = new SimPair(pn.string("name"), p, s, pn.constant("state", PairState.class), instant(pn, "copyEnds"));
                a.pairs.put(pair.name, pair);
            }
        }
        for (SanJson hn : root.objects("hosts")) {
            String name = hn.string("host");
            if (m.lab.host(name) == null) throw hn.invalid("host", "the lab has no host " + name);
            HostSan h = new HostSan(m.lab.host(name).name(), hn.constant("mpio", MpioDriver.class));
            for (String i : hn.strings("initiators")) {
                String n = SanModel.normalizeInitiator(i);
                if (n == null) throw hn.invalid("initiators", "'" + i + "' is not a WWPN or iSCSI name");
                h.initiators.put(n, SanModel.isIscsi(n));
            }
            for (String link : hn.strings("links")) {
                String[] parts = link.split("\\|");
                if (parts.length != 3 || !h.initiators.containsKey(parts[0]) || !fresh.arrays.containsKey(parts[1])
                        || !fresh.arrays.get(parts[1]).ports.containsKey(parts[2]))
                    throw hn.invalid("links", "'" + link + "' is not initiator|array|port of this host and a known array");
                h.links.add(link);
            }
            for (SanJson dn : hn.objects("disks")) {
                String array = dn.string("array");
                int lu = (int) dn.integer("lu", 0, 4095);
                if (!fresh.arrays.containsKey(array) || !fresh.arrays.get(array).lus.containsKey(lu)) throw dn.invalid("lu", "no LU " + lu + " on array " + array);
                h.disks.put(SanModel.luKey(array, lu), new HostDisk(fresh.arrays.get(array).name, lu, (int) dn.integer("number", 1, 9999), dn.bool("online", true)));
            }
            if (hn.has("vmsOnLu")) hn.objectFields("vmsOnLu").forEach(h.vmsOnLu::put);
            for (SanJson en : hn.objects("events"))
                h.events.add(new HostEvent(instant(en, "time"), en.string("log"), en.string("level"), en.string("source"),
                        (int) en.integer("eventId", 0, 65535), en.string("message")));
            if (fresh.hosts.put(h.host, h) != null) throw hn.invalid("host", "a second entry for " + h.host);
        }
        m.arrays.clear();
        m.arrays.putAll(fresh.arrays);
        m.hosts.clear();
        m.hosts.putAll(fresh.hosts);
    }

    private static void readPages(SanJson ln, String field, BitSet into, long pages) {
        for (long[] run : ln.runs(field, pages)) into.set((int) run[0], (int) run[1]);
    }

    private static Instant instant(SanJson n, String f) {
        try {
            return Instant.parse(n.string(f));
        } catch (DateTimeParseException e) {
            throw n.invalid(f, "expected a timestamp such as 2025-01-06T09:00:00Z");
        }
    }
}
