package io.hyperv4j.sim.v2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.sim.LabJson;
import java.util.ArrayList;
import java.util.List;

/**
 * A connection's Msvm_EthernetSwitchPortVlanSettingData, kept as it was sent: OperationMode 1
 * Access (AccessVlanId), 2 Trunk (NativeVlanId and the allowed TrunkVlanIdArray; PruneVlanIdArray)
 * or 3 Private (PvlanMode 1 Isolated or 2 Community with PrimaryVlanId and SecondaryVlanId, 3
 * Promiscuous with PrimaryVlanId and SecondaryVlanIdArray), as Set-VMNetworkAdapterVlan's
 * -Access, -Trunk, -Isolated, -Community and -Promiscuous send them.
 */
record PortVlan(int mode, int access, int nativeId, int pvlanMode, int primary, int secondary,
                List<Integer> trunk, List<Integer> prune, List<Integer> secondaries) {
    static final int ACCESS = 1, TRUNK = 2, PRIVATE = 3;
    static final int ISOLATED = 1, COMMUNITY = 2, PROMISCUOUS = 3;
    /** VLAN identifiers a port can carry: 1..4094 (0 untagged and 4095 reserved). */
    static final int MIN_ID = 1, MAX_ID = 4094;
    private static final List<String> INTEGERS = List.of("OperationMode", "AccessVlanId", "NativeVlanId", "PvlanMode", "PrimaryVlanId", "SecondaryVlanId");

    PortVlan {
        trunk = List.copyOf(trunk);
        prune = List.copyOf(prune);
        secondaries = List.copyOf(secondaries);
    }

    /** Access mode on one VLAN (the typed API's and the CLI's --vlan). */
    static PortVlan access(int id) {
        return new PortVlan(ACCESS, id, 0, 0, 0, 0, List.of(), List.of(), List.of());
    }

    /** What a VLAN feature sent through Add/ModifyFeatureSettings asks for, or why it cannot be. */
    record Parsed(PortVlan vlan, String refusal) {}

    static Parsed parse(CimInstance f) {
        int[] v = new int[INTEGERS.size()];
        for (int i = 0; i < v.length; i++) {
            Long n = Embedded.integer(f, INTEGERS.get(i));
            v[i] = n == null ? 0 : (int) Math.min(n, Integer.MAX_VALUE);
        }
        PortVlan p = new PortVlan(v[0], v[1], v[2], v[3], v[4], v[5],
                integers(f, "TrunkVlanIdArray"), integers(f, "PruneVlanIdArray"), integers(f, "SecondaryVlanIdArray"));
        return new Parsed(p, p.refusal());
    }

    /** Null when the settings are whole for their mode; else what is wrong, naming the property. */
    private String refusal() {
        return switch (mode) {
            case ACCESS -> inRange("AccessVlanId", access);
            case TRUNK -> {
                if (nativeId < 0 || nativeId > MAX_ID) yield "NativeVlanId " + nativeId + " is not 0.." + MAX_ID;
                if (trunk.isEmpty()) yield "trunk mode needs the allowed VLANs in TrunkVlanIdArray";
                yield firstBad("TrunkVlanIdArray", trunk, 0, -1);
            }
            case PRIVATE -> {
                String primaryBad = inRange("PrimaryVlanId", primary);
                if (primaryBad != null) yield primaryBad;
                if (pvlanMode == ISOLATED || pvlanMode == COMMUNITY) {
                    String bad = inRange("SecondaryVlanId", secondary);
                    if (bad != null) yield bad;
                    yield secondary == primary ? "SecondaryVlanId " + secondary + " is the PrimaryVlanId" : null;
                }
                if (pvlanMode == PROMISCUOUS) {
                    if (secondaries.isEmpty()) yield "promiscuous mode needs the secondary VLANs in SecondaryVlanIdArray";
                    yield firstBad("SecondaryVlanIdArray", secondaries, MIN_ID, primary);
                }
                yield "PvlanMode " + pvlanMode + " is not 1 Isolated, 2 Community or 3 Promiscuous";
            }
            default -> "OperationMode " + mode + " is not 1 Access, 2 Trunk or 3 Private";
        };
    }

    private static String inRange(String property, int id) {
        return id < MIN_ID || id > MAX_ID ? property + " " + id + " is not a VLAN " + MIN_ID + ".." + MAX_ID : null;
    }

    private static String firstBad(String property, List<Integer> ids, int min, int notThis) {
        for (int id : ids) {
            if (id < min || id > MAX_ID) return property + " holds " + id + ", not a VLAN " + min + ".." + MAX_ID;
            if (id == notThis) return property + " holds the PrimaryVlanId " + id;
        }
        return null;
    }

    private static List<Integer> integers(CimInstance f, String property) {
        CimValue v = f.get(property);
        List<Integer> out = new ArrayList<>();
        if (Embedded.isNull(v)) return out;
        List<?> elements = v.array() ? v.asList() : List.of(v.asString());
        for (Object e : elements) {
            String s = String.valueOf(e).trim();
            try {
                out.add((int) Math.min(Long.parseLong(s), Integer.MAX_VALUE));
            } catch (NumberFormatException x) {
                throw new IllegalArgumentException(f.className() + "." + property + " holds '" + s + "', not an integer");
            }
        }
        return out;
    }

    /** The feature's values, in the class's types. */
    void render(CimInstance.Builder b) {
        b.put("OperationMode", CimValue.uint32(mode));
        b.put("AccessVlanId", CimValue.uint16(access));
        b.put("NativeVlanId", CimValue.uint16(nativeId));
        b.put("PvlanMode", CimValue.uint32(pvlanMode));
        b.put("PrimaryVlanId", CimValue.uint16(primary));
        b.put("SecondaryVlanId", CimValue.uint16(secondary));
        b.put("PruneVlanIdArray", u16s(prune));
        b.put("TrunkVlanIdArray", u16s(trunk));
        b.put("SecondaryVlanIdArray", u16s(secondaries));
    }

    private static CimValue u16s(List<Integer> ids) {
        return CimValue.array(CimType.UINT16, ids.stream().map(Integer::longValue).toList());
    }

    void save(ObjectNode o) {
        o.put("mode", mode).put("access", access).put("native", nativeId).put("pvlanMode", pvlanMode).put("primary", primary).put("secondary", secondary);
        ids(o.putArray("trunk"), trunk);
        ids(o.putArray("prune"), prune);
        ids(o.putArray("secondaries"), secondaries);
    }

    private static void ids(ArrayNode a, List<Integer> ids) {
        ids.forEach(a::add);
    }

    /** Read back from the lab file, checked as a client's request is. */
    static PortVlan load(LabJson o) {
        PortVlan p = new PortVlan((int) o.integer("mode", 1, 3), (int) o.integer("access", 0, MAX_ID, 0), (int) o.integer("native", 0, MAX_ID, 0),
                (int) o.integer("pvlanMode", 0, 3, 0), (int) o.integer("primary", 0, MAX_ID, 0), (int) o.integer("secondary", 0, MAX_ID, 0),
                ids(o, "trunk"), ids(o, "prune"), ids(o, "secondaries"));
        String bad = p.refusal();
        if (bad != null) throw o.invalid("mode", bad);
        return p;
    }

    private static List<Integer> ids(LabJson o, String field) {
        List<Integer> out = new ArrayList<>();
        if (!o.has(field)) return out;
        for (LabJson e : o.array(field)) {
            if (!e.node().canConvertToInt() || e.node().asInt() < 0 || e.node().asInt() > MAX_ID)
                throw o.invalid(field, "holds " + e.node() + ", not a VLAN 0.." + MAX_ID);
            out.add(e.node().asInt());
        }
        return out;
    }
}
