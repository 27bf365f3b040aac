package io.hyperv4j.cluster;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Names of root\MSCluster and the calls the typed API makes through a {@link CimSession}. */
final class MsCluster {
    static final String NAMESPACE = "root\\MSCluster";
    static final String CLUSTER = "MSCluster_Cluster", NODE = "MSCluster_Node", GROUP = "MSCluster_ResourceGroup",
            RESOURCE = "MSCluster_Resource", CSV = "MSCluster_ClusterSharedVolume", NETWORK = "MSCluster_Network",
            PARTITION = "MSCluster_DiskPartition";

    private MsCluster() {
    }

    static ObjectPath path(String cls, String name) {
        return ObjectPath.of(NAMESPACE, cls, Map.of("Name", name));
    }

    static List<CimInstance> all(CimSession s, String cls) {
        return s.query(NAMESPACE, "SELECT * FROM " + cls);
    }

    static CimInstance get(CimSession s, String cls, String name, String what) {
        try {
            return s.get(path(cls, name));
        } catch (CimException e) {
            if (e.error() == CimError.NOT_FOUND) throw new NotFoundException(what + " '" + name + "' not found in the cluster", e);
            throw e;
        }
    }

    /** Invokes a void MSCluster method; a WBEM error becomes a typed exception. */
    static MethodResult invoke(CimSession s, ObjectPath target, String method, Map<String, CimValue> in, String what) {
        try {
            return s.invoke(target, method, in);
        } catch (CimException e) {
            throw translate(e, what);
        }
    }

    static void modify(CimSession s, CimInstance changed, String what) {
        try {
            s.modify(changed);
        } catch (CimException e) {
            throw translate(e, what);
        }
    }

    static RuntimeException translate(CimException e, String what) {
        OptionalInt win32 = e.win32Error(); // the cluster's reason, on Windows and on the simulator alike
        if (ClusterRefusal.of(win32) == ClusterRefusal.NOT_FOUND) return new NotFoundException(what + ": " + e.getMessage(), e);
        if (win32.isPresent() || e.error() == CimError.INVALID_OPERATION || e.error() == CimError.INVALID_PARAMETER)
            return new ClusterRefusedException(win32, what + " refused: " + e.getMessage(), e);
        if (e.error() == CimError.NOT_FOUND) return new NotFoundException(what + ": " + e.getMessage(), e);
        return new ClusterException(what + " failed: " + e.getMessage(), e);
    }

    static String str(CimInstance i, String p) {
        return i.stringOr(p, "");
    }

    /** An integer property, also as text (private properties over WS-Management, {@link CimInstance#numberOr}). */
    static long num(CimInstance i, String p, long dflt) {
        return i.numberOr(p, dflt);
    }

    /** A boolean property, also as text (as {@link #num}). */
    static boolean bool(CimInstance i, String p) {
        CimValue v = i.find(p).orElse(null);
        if (v == null || v.isNull() || v.array() || v.type() != CimType.STRING) return i.booleanOr(p, false);
        return Boolean.parseBoolean(v.asString().trim());
    }

    /** A string array's elements; empty when absent or null. */
    static List<String> strings(Optional<CimValue> v) {
        return v.map(x -> x.asList().stream().map(String::valueOf).toList()).orElse(List.of());
    }

    static CimInstance priv(CimInstance i) {
        return i.find("PrivateProperties").map(CimValue::asInstance).orElse(null);
    }
}
