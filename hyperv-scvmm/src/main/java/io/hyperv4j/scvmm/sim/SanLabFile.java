package io.hyperv4j.scvmm.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.sim.LabJson;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The SAN in the lab file (inside the lab's atomic save). Loading checks every field and every
 * reference (a LU's RAID group or pool, a host group's ports and LUs, a pair's halves and sizes, a
 * host's links and disks) and refuses the file naming the JSON path at fault; the model is only
 * filled once everything read is valid. Read with core's {@link LabJson}, like the rest of the file.
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
                    .put("pairCopyBytesPerSecond", a.pairCopyBytesPerSecond).put("vdsHardwareProvider", a.vdsHardwareProvider)
                    .put("firmware", a.firmware);
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
                ObjectNode ln = lus.addObject().put("number", l.number).put("name", l.name).put("bytes", l.bytes)
                        .put("bytesPerSecond", l.bytesPerSecond).put("iops", Double.isInfinite(l.iops) ? null : l.iops);
                if (l.thin()) ln.put("pool", l.pool);
                else ln.put("raidGroup", l.raidGroup);
                pages(ln.putArray("written"), l.written);
                pages(ln.putArray("changedSinceSplit"), l.changedSinceSplit);
                l.vmFiles.forEach(ln.putArray("vmFiles")::add);
                ArrayNode ex = ln.putArray("extents");
                l.extents.forEach((k, e) -> ex.addObject().put("drive", k).put("offset", e.offset()).put("bytes", e.bytes()));
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
                    .put("state", p.state.name()).put("copyEnds", micros(p.copyEnds).toString())
                    .put("copyBytes", p.copyBytes).put("copyRate", p.copyRate()));
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

    /** To the microsecond: a copy's projected end, recomputed from its rate after a load, reads the same. */
    private static java.time.Instant micros(java.time.Instant t) {
        return java.time.Instant.ofEpochSecond(t.getEpochSecond(), Math.round(t.getNano() / 1000.0) * 1000);
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
        LabJson root = LabJson.root(from);
        for (LabJson an : opt(root, "arrays")) {
            SimArray a = new SimArray(an.string("name"), an.string("model"), an.integer("serial", 0, 0xFFFFFFFFL),
                    an.integer("pageBytes", 1, MAX), an.integer("pairCopyBytesPerSecond", 1, MAX), an.bool("vdsHardwareProvider", true));
            a.firmware = an.string("firmware", SimArray.DEFAULT_FIRMWARE);
            if (fresh.arrays.put(a.name, a) != null) throw an.invalid("name", "a second array named " + a.name);
            for (LabJson pn : opt(an, "ports")) {
                String address = SanModel.normalizeInitiator(pn.string("address"));
                if (address == null) throw pn.invalid("address", "not a WWPN or iSCSI name");
                String id = pn.string("id");
                if (a.ports.put(id, new SimPort(id, (int) pn.integer("controller", 0, 7), address, SanModel.isIscsi(address), pn.integer("bitsPerSecond", 1, MAX))) != null)
                    throw pn.invalid("id", "a second port " + id);
            }
            for (LabJson pn : opt(an, "pools")) a.pools.put((int) pn.integer("id", 0, 4095), pn.string("name"));
            for (LabJson gn : opt(an, "raidGroups")) {
                RaidLevel level = gn.constant("level", RaidLevel.class);
                int drives = (int) gn.integer("drives", level.minDrives, 1000);
                Integer pool = gn.has("pool") ? (int) gn.integer("pool", 0, 4095) : null;
                if (pool != null && !a.pools.containsKey(pool)) throw gn.invalid("pool", "no pool " + pool);
                int id = (int) gn.integer("id", 0, 4095);
                if (a.raidGroups.put(id, new SimRaidGroup(id, level, drives, gn.integer("driveBytes", 1, MAX), pool)) != null) throw gn.invalid("id", "a second RAID group " + id);
            }
            for (LabJson ln : opt(an, "lus")) {
                int number = (int) ln.integer("number", 0, 4095);
                int rg = ln.has("raidGroup") ? (int) ln.integer("raidGroup", 0, 4095) : -1;
                int pool = ln.has("pool") ? (int) ln.integer("pool", 0, 4095) : -1;
                if ((rg < 0) == (pool < 0)) throw ln.invalid("raidGroup", "an LU has either a raidGroup (fixed) or a pool (thin)");
                if (rg >= 0 && (!a.raidGroups.containsKey(rg) || a.raidGroups.get(rg).pool != null)) throw ln.invalid("raidGroup", "no RAID group " + rg + " for fixed LUs");
                if (pool >= 0 && !a.pools.containsKey(pool)) throw ln.invalid("pool", "no pool " + pool);
                SimLu lu = new SimLu(number, ln.string("name"), ln.integer("bytes", 1, MAX), rg, pool);
                if (ln.has("bytesPerSecond")) lu.bytesPerSecond = ln.number("bytesPerSecond", 1, 1e13);
                if (ln.has("iops") && !ln.node().path("iops").isNull()) lu.iops = ln.number("iops", 1e-3, 1e12);
                long pages = (lu.bytes + a.pageBytes - 1) / a.pageBytes;
                readPages(ln, "written", lu.written, pages);
                readPages(ln, "changedSinceSplit", lu.changedSinceSplit, pages);
                lu.vmFiles.addAll(texts(ln, "vmFiles"));
                for (LabJson en : opt(ln, "extents")) {
                    SimLu.Extent e = new SimLu.Extent(en.integer("offset", 0, lu.bytes), en.integer("bytes", 1, lu.bytes));
                    if (e.offset() > lu.bytes - e.bytes()) throw en.invalid("bytes", "the extent ends past the LU's " + lu.bytes + " bytes");
                    if (lu.extents.put(en.string("drive"), e) != null) throw en.invalid("drive", "a second extent for " + en.string("drive"));
                }
                if (a.lus.put(number, lu) != null) throw ln.invalid("number", "a second LU " + number);
            }
            for (int p : a.pools.keySet())
                if (a.poolUsed(p) > a.poolCapacity(p)) throw an.invalid("lus", "pool " + p + " uses " + a.poolUsed(p) + " bytes of " + a.poolCapacity(p));
            for (int rg : a.raidGroups.keySet())
                if (a.raidGroupUsed(rg) > a.raidGroups.get(rg).capacity()) throw an.invalid("lus", "RAID group " + rg + " holds more than its capacity");
            for (LabJson gn : opt(an, "hostGroups")) {
                SimHostGroup g = new SimHostGroup(gn.string("name"), gn.string("friendlyName"), (int) gn.integer("hostType", 0, 65535));
                for (String p : texts(gn, "ports")) if (!a.ports.containsKey(p)) throw gn.invalid("ports", "no port " + p); else g.ports.add(p);
                for (String i : texts(gn, "initiators")) {
                    String n = SanModel.normalizeInitiator(i);
                    if (n == null) throw gn.invalid("initiators", "'" + i + "' is not a WWPN or iSCSI name");
                    g.initiators.add(n);
                }
                for (LabJson ln : opt(gn, "lus")) {
                    int lu = (int) ln.integer("lu", 0, 4095);
                    if (!a.lus.containsKey(lu)) throw ln.invalid("lu", "no LU " + lu);
                    if (g.lus.put((int) ln.integer("hostLun", 0, 255), lu) != null) throw ln.invalid("hostLun", "taken twice");
                }
                if (a.hostGroups.put(g.name, g) != null) throw gn.invalid("name", "a second host group " + g.name);
            }
            for (LabJson pn : opt(an, "pairs")) {
                int p = (int) pn.integer("primary", 0, 4095), s = (int) pn.integer("secondary", 0, 4095);
                if (!a.lus.containsKey(p) || !a.lus.containsKey(s) || p == s) throw pn.invalid("primary", "the pair's LUs must be two existing LUs");
                if (a.lus.get(p).bytes != a.lus.get(s).bytes) throw pn.invalid("secondary", "differs in size from the primary");
                if (a.pairOf(p) != null || a.pairOf(s) != null) throw pn.invalid("primary", "an LU in two pairs");
                SimPair pair = new SimPair(pn.string("name"), p, s, pn.constant("state", PairState.class), pn.instant("copyEnds"));
                if (pn.has("copyBytes")) { // a lab saved before copies were flows goes on by copyEnds
                    pair.copyBytes = pn.integer("copyBytes", 0, MAX);
                    if (pair.state == PairState.COPYING || pair.state == PairState.RESYNC) pair.resumeRate = pn.number("copyRate", 0, 1e13);
                }
                a.pairs.put(pair.name, pair);
            }
        }
        for (LabJson hn : opt(root, "hosts")) {
            String name = hn.string("host");
            if (m.lab.host(name) == null) throw hn.invalid("host", "the lab has no host " + name);
            HostSan h = new HostSan(m.lab.host(name).name(), hn.constant("mpio", MpioDriver.class));
            for (String i : texts(hn, "initiators")) {
                String n = SanModel.normalizeInitiator(i);
                if (n == null) throw hn.invalid("initiators", "'" + i + "' is not a WWPN or iSCSI name");
                h.initiators.put(n, SanModel.isIscsi(n));
            }
            for (String link : texts(hn, "links")) {
                String[] parts = link.split("\\|");
                if (parts.length != 3 || !h.initiators.containsKey(parts[0]) || !fresh.arrays.containsKey(parts[1])
                        || !fresh.arrays.get(parts[1]).ports.containsKey(parts[2]))
                    throw hn.invalid("links", "'" + link + "' is not initiator|array|port of this host and a known array");
                h.links.add(link);
            }
            for (LabJson dn : opt(hn, "disks")) {
                String array = dn.string("array");
                int lu = (int) dn.integer("lu", 0, 4095);
                if (!fresh.arrays.containsKey(array) || !fresh.arrays.get(array).lus.containsKey(lu)) throw dn.invalid("lu", "no LU " + lu + " on array " + array);
                h.disks.put(SanModel.luKey(array, lu), new HostDisk(fresh.arrays.get(array).name, lu, (int) dn.integer("number", 1, 9999), dn.bool("online", true)));
            }
            if (hn.has("vmsOnLu")) hn.strings("vmsOnLu").forEach(h.vmsOnLu::put);
            for (LabJson en : opt(hn, "events"))
                h.events.add(new HostEvent(en.instant("time"), en.string("log"), en.string("level"), en.string("source"),
                        (int) en.integer("eventId", 0, 65535), en.string("message")));
            if (fresh.hosts.put(h.host, h) != null) throw hn.invalid("host", "a second entry for " + h.host);
        }
        m.arrays.clear();
        m.arrays.putAll(fresh.arrays);
        m.hosts.clear();
        m.hosts.putAll(fresh.hosts);
    }

    private static void readPages(LabJson ln, String field, BitSet into, long pages) {
        for (long[] run : runs(ln, field, pages)) into.set((int) run[0], (int) run[1]);
    }

    /** An optional array of objects: empty when absent. */
    private static List<LabJson> opt(LabJson n, String f) {
        return n.has(f) ? n.objects(f) : List.of();
    }

    /** An optional array of strings. */
    private static List<String> texts(LabJson n, String f) {
        List<String> out = new ArrayList<>();
        if (!n.has(f)) return out;
        for (LabJson e : n.array(f)) {
            if (!e.node().isTextual()) throw new IllegalArgumentException(e.path() + ": expected a string");
            out.add(e.node().textValue());
        }
        return out;
    }

    /** [from, to) runs of page numbers within {@code max} pages. */
    private static List<long[]> runs(LabJson n, String f, long max) {
        List<long[]> out = new ArrayList<>();
        if (!n.has(f)) return out;
        for (LabJson e : n.array(f)) {
            JsonNode r = e.node();
            if (!r.isArray() || r.size() != 2 || !r.get(0).isIntegralNumber() || !r.get(1).isIntegralNumber()
                    || r.get(0).longValue() < 0 || r.get(1).longValue() <= r.get(0).longValue() || r.get(1).longValue() > max)
                throw new IllegalArgumentException(e.path() + ": expected [from, to] with 0 <= from < to <= " + max);
            out.add(new long[] {r.get(0).longValue(), r.get(1).longValue()});
        }
        return out;
    }
}
