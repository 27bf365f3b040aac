package io.hyperv4j.sim.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.HostScope;
import io.hyperv4j.sim.LabJson;
import io.hyperv4j.sim.Txn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A switch's own features (Msvm_EthernetSwitchFeatureSettingData under its settings, through
 * Msvm_VirtualEthernetSwitchSettingDataComponent): the default flow's minimum bandwidth
 * (Msvm_VirtualEthernetSwitchBandwidthSettingData, Set-VMSwitch -DefaultFlowMinimumBandwidthAbsolute
 * / -Weight) and the default queue's offloads (Msvm_EthernetSwitchHardwareOffloadSettingData,
 * -DefaultQueueVrssEnabled / -DefaultQueueVmmqEnabled / -DefaultQueueVmmqQueuePairs), added,
 * modified and removed through the switch management service's feature methods. One feature of a
 * kind per switch; a request is checked whole (0, or 4 and nothing changes).
 */
final class SwitchFeatures {
    static final String BANDWIDTH = "Msvm_VirtualEthernetSwitchBandwidthSettingData";
    static final String OFFLOAD = "Msvm_EthernetSwitchHardwareOffloadSettingData";
    static final String COMPONENT = "Msvm_VirtualEthernetSwitchSettingDataComponent";
    /** The classes' UUID qualifiers, which name each feature in an InstanceID. */
    private static final String BANDWIDTH_ID = "3EB2B8E8-4ABF-4DBF-9071-16DD47481FBE";
    private static final String OFFLOAD_ID = "1550E863-4337-4917-A040-5A27DBC58B59";
    /** BandwidthReservationMode of the switch's settings: 0 Default, 1 Weight, 2 Absolute, 3 None. */
    static final int MODE_DEFAULT = 0, MODE_WEIGHT = 1, MODE_ABSOLUTE = 2, MODE_NONE = 3;
    /** Minimum-bandwidth weights are relative shares 0..100 (Set-VMSwitch -DefaultFlowMinimumBandwidthWeight). */
    private static final long MAX_WEIGHT = 100;
    private static final int OK = 0, INVALID = 4;

    /** The default flow's minimum bandwidth: bits per second (absolute mode) or a weight (weight mode). */
    record Bandwidth(long reservation, long weight) {}

    /** The default queue's virtual RSS and VMMQ (the writable properties; the others are the host's). */
    record Offload(boolean vrss, boolean vmmq, long queuePairs) {
        static final Offload DEFAULT = new Offload(true, false, 16);
    }

    private SwitchFeatures() {}

    static boolean isFeature(String cls) {
        return cls.equalsIgnoreCase(BANDWIDTH) || cls.equalsIgnoreCase(OFFLOAD);
    }

    private static String uuid(String cls) {
        return cls.equalsIgnoreCase(BANDWIDTH) ? BANDWIDTH_ID : OFFLOAD_ID;
    }

    static ObjectPath path(NetworkModel.Switch s, String cls) {
        String name = cls.equalsIgnoreCase(BANDWIDTH) ? BANDWIDTH : OFFLOAD;
        return V2.path(s.hostName, name, "InstanceID", "Microsoft:" + s.id + "\\" + uuid(cls));
    }

    // ---- instances

    /** The switch's features of {@code cls} (all of them when null). */
    static List<CimInstance> of(NetworkModel.Switch s, String cls) {
        List<CimInstance> out = new ArrayList<>();
        if (s.bandwidth != null && (cls == null || cls.equalsIgnoreCase(BANDWIDTH))) out.add(bandwidth(start(path(s, BANDWIDTH)), s.bandwidth));
        if (s.offload != null && (cls == null || cls.equalsIgnoreCase(OFFLOAD))) out.add(offload(start(path(s, OFFLOAD)), s.offload));
        return out;
    }

    /** The templates: {@code Microsoft:Definition\<UUID>\Default}. */
    static CimInstance template(String host, String cls) {
        CimInstance.Builder b = start(V2.path(host, cls, "InstanceID", "Microsoft:Definition\\" + uuid(cls) + "\\Default"));
        return cls.equalsIgnoreCase(BANDWIDTH) ? bandwidth(b, new Bandwidth(0, 0)) : offload(b, Offload.DEFAULT);
    }

    private static CimInstance.Builder start(ObjectPath p) {
        return CimInstance.builder(p.className()).path(p).put("InstanceID", CimValue.string(p.key("InstanceID").toString()));
    }

    private static CimInstance bandwidth(CimInstance.Builder b, Bandwidth v) {
        b.put("Caption", CimValue.string("Ethernet Switch Bandwidth Settings"));
        b.put("Description", CimValue.string("Represents the switch bandwidth settings."));
        b.put("ElementName", CimValue.string("Ethernet Switch Bandwidth Settings"));
        b.put("DefaultFlowReservation", CimValue.uint64(v.reservation()));
        b.put("DefaultFlowWeight", CimValue.uint64(v.weight()));
        return b.build();
    }

    private static CimInstance offload(CimInstance.Builder b, Offload v) {
        b.put("ElementName", CimValue.string("Ethernet Switch Hardware Offload Settings")); // the class's DisplayName
        b.put("DefaultQueueVrssEnabled", CimValue.bool(v.vrss()));
        b.put("DefaultQueueVmmqEnabled", CimValue.bool(v.vmmq()));
        b.put("DefaultQueueVmmqQueuePairs", CimValue.uint32(v.queuePairs()));
        b.put("DefaultQueueVrssIndependentHostSpreading", CimValue.bool(true));
        b.put("DefaultQueueVrssExcludePrimaryProcessor", CimValue.bool(false));
        b.put("DefaultQueueVrssQueueSchedulingMode", CimValue.uint32(2));
        b.put("DefaultQueueVrssMinQueuePairs", CimValue.uint32(1));
        return b.build();
    }

    // ---- methods

    /** Whether a feature call is about a switch's own features rather than a VM port's. */
    static boolean concerns(String method, Map<String, CimValue> p) {
        return switch (method.toLowerCase(Locale.ROOT)) {
            case "addfeaturesettings" -> {
                ObjectPath conf = Embedded.ref(p.get("AffectedConfiguration"));
                yield conf != null && conf.className().equalsIgnoreCase(NetworkRenderer.SWITCH_SETTINGS);
            }
            case "modifyfeaturesettings" -> Embedded.instances(p.get("FeatureSettings")).stream().anyMatch(f -> isFeature(f.className()));
            case "removefeaturesettings" -> Embedded.refs(p.get("FeatureSettings")).stream().anyMatch(r -> isFeature(r.className()));
            default -> false;
        };
    }

    static MethodResult invoke(Txn txn, HostScope s, NetworkModel m, NetworkModel.Switch affected, String method, Map<String, CimValue> p) {
        String host = s.host().name();
        return switch (method.toLowerCase(Locale.ROOT)) {
            case "addfeaturesettings" -> {
                List<CimInstance> list = Embedded.instances(p.get("FeatureSettings"));
                if (affected == null || list.isEmpty()) yield code(INVALID);
                List<String> kinds = new ArrayList<>();
                for (CimInstance f : list) {
                    if (!isFeature(f.className()) || kinds.contains(f.className().toLowerCase(Locale.ROOT)) || !of(affected, f.className()).isEmpty()
                            || refusal(affected, f) != null) yield code(INVALID); // one of a kind per switch: modify it instead
                    kinds.add(f.className().toLowerCase(Locale.ROOT));
                }
                yield apply(txn, affected, list);
            }
            case "modifyfeaturesettings" -> {
                List<CimInstance> list = Embedded.instances(p.get("FeatureSettings"));
                NetworkModel.Switch sw = list.isEmpty() ? null : owner(host, m, list.get(0).className(), Embedded.string(list.get(0), "InstanceID"));
                if (sw == null) yield code(INVALID);
                for (CimInstance f : list)
                    if (owner(host, m, f.className(), Embedded.string(f, "InstanceID")) != sw || refusal(sw, f) != null) yield code(INVALID);
                yield apply(txn, sw, list);
            }
            case "removefeaturesettings" -> {
                List<ObjectPath> refs = Embedded.refs(p.get("FeatureSettings"));
                List<NetworkModel.Switch> owners = new ArrayList<>();
                for (ObjectPath r : refs) {
                    NetworkModel.Switch sw = owner(host, m, r.className(), r.key("InstanceID"));
                    if (sw == null) yield code(INVALID);
                    owners.add(sw);
                }
                if (owners.isEmpty()) yield code(INVALID);
                for (int i = 0; i < refs.size(); i++) {
                    txn.touch(owners.get(i));
                    if (refs.get(i).className().equalsIgnoreCase(BANDWIDTH)) owners.get(i).bandwidth = null;
                    else owners.get(i).offload = null;
                }
                yield code(OK);
            }
            default -> null;
        };
    }

    /** The switch whose feature of {@code cls} an InstanceID names (it must exist), or null. */
    private static NetworkModel.Switch owner(String host, NetworkModel m, String cls, Object instanceId) {
        if (instanceId == null || !isFeature(cls)) return null;
        for (NetworkModel.Switch sw : m.switches(host))
            if (path(sw, cls).key("InstanceID").toString().equalsIgnoreCase(instanceId.toString())) return of(sw, cls).isEmpty() ? null : sw;
        return null;
    }

    /** Null when the feature's values can apply to the switch; else why not. */
    static String refusal(NetworkModel.Switch sw, CimInstance f) {
        if (f.className().equalsIgnoreCase(BANDWIDTH)) {
            long reservation = value(f, "DefaultFlowReservation"), weight = value(f, "DefaultFlowWeight");
            if (weight > MAX_WEIGHT) return "DefaultFlowWeight " + weight + " is not 0.." + MAX_WEIGHT;
            if (weight != 0 && sw.bandwidthMode != MODE_WEIGHT) return "DefaultFlowWeight needs a switch in weight mode";
            if (reservation != 0 && sw.bandwidthMode != MODE_ABSOLUTE && sw.bandwidthMode != MODE_DEFAULT)
                return "DefaultFlowReservation needs a switch in absolute mode";
            return null;
        }
        Long pairs = Embedded.integer(f, "DefaultQueueVmmqQueuePairs");
        return pairs != null && pairs < 1 ? "DefaultQueueVmmqQueuePairs must be at least 1" : null;
    }

    private static long value(CimInstance f, String property) {
        Long v = Embedded.integer(f, property);
        return v == null ? 0 : v;
    }

    private static MethodResult apply(Txn txn, NetworkModel.Switch sw, List<CimInstance> list) {
        txn.touch(sw);
        List<ObjectPath> out = new ArrayList<>();
        for (CimInstance f : list) {
            if (f.className().equalsIgnoreCase(BANDWIDTH)) {
                sw.bandwidth = new Bandwidth(value(f, "DefaultFlowReservation"), value(f, "DefaultFlowWeight"));
            } else {
                Offload old = sw.offload == null ? Offload.DEFAULT : sw.offload;
                Boolean vrss = Embedded.bool(f, "DefaultQueueVrssEnabled"), vmmq = Embedded.bool(f, "DefaultQueueVmmqEnabled");
                Long pairs = Embedded.integer(f, "DefaultQueueVmmqQueuePairs");
                sw.offload = new Offload(vrss == null ? old.vrss() : vrss, vmmq == null ? old.vmmq() : vmmq, pairs == null ? old.queuePairs() : pairs);
            }
            out.add(path(sw, f.className()));
        }
        return new MethodResult(OK, Map.of("ResultingFeatureSettings", CimValue.array(CimType.REFERENCE, out)));
    }

    private static MethodResult code(int code) {
        return ManagementService.code(code);
    }

    // ---- lab file

    static void save(NetworkModel.Switch s, ObjectNode o) {
        if (s.bandwidthMode != MODE_DEFAULT) o.put("bandwidthMode", s.bandwidthMode);
        if (s.bandwidth != null) o.putObject("bandwidth").put("reservation", s.bandwidth.reservation()).put("weight", s.bandwidth.weight());
        if (s.offload != null)
            o.putObject("offload").put("vrss", s.offload.vrss()).put("vmmq", s.offload.vmmq()).put("queuePairs", s.offload.queuePairs());
    }

    static void load(NetworkModel.Switch s, LabJson o) {
        s.bandwidthMode = (int) o.integer("bandwidthMode", 0, MODE_NONE, MODE_DEFAULT);
        if (o.has("bandwidth")) {
            LabJson b = o.object("bandwidth");
            s.bandwidth = new Bandwidth(b.integer("reservation", 0, Long.MAX_VALUE), b.integer("weight", 0, MAX_WEIGHT));
        }
        if (o.has("offload")) {
            LabJson b = o.object("offload");
            s.offload = new Offload(b.bool("vrss", true), b.bool("vmmq", false), b.integer("queuePairs", 1, 0xFFFF_FFFFL));
        }
    }
}
