package io.hyperv4j.cluster;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.NotFoundException;
import io.hyperv4j.cluster.sim.ClusterRefusal;
import io.hyperv4j.cluster.sim.MigrationRefusedException;
import java.util.List;
import java.util.Map;

/** Names of root\MSCluster and the calls the typed API makes through a {@link CimSession}. */
final class MsCluster {
    static final String NAMESPACE = "root\\MSCluster";
    static final String CLUSTER = "MSCluster_Cluster", NODE = "MSCluster_Node", GROUP = "MSCluster_ResourceGroup",
            RESOURCE = "MSCluster_Resource", CSV = "MSCluster_ClusterSharedVolume", NETWORK = "MSCluster_Network";

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
    static Map<String, CimValue> invoke(CimSession s, ObjectPath target, String method, Map<String, CimValue> in, String what) {
        try {
            return s.invoke(target, method, in).out();
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
        ClusterRefusal reason = e instanceof MigrationRefusedException m ? m.reason() : MigrationRefusedException.reasonIn(e.getMessage());
        if (reason == ClusterRefusal.VM_NOT_FOUND) return new NotFoundException(what + ": " + e.getMessage(), e);
        if (reason != null || e.error() == CimError.INVALID_OPERATION || e.error() == CimError.INVALID_PARAMETER)
            return new ClusterRefusedException(reason, what + " refused: " + e.getMessage(), e);
        if (e.error() == CimError.NOT_FOUND) return new NotFoundException(what + ": " + e.getMessage(), e);
        return new ClusterException(what + " failed: " + e.getMessage(), e);
    }

    static String str(CimInstance i, String p) {
        CimValue v = i.get(p);
        return v == null || v.isNull() ? "" : v.asString();
    }

    static long num(CimInstance i, String p, long dflt) {
        CimValue v = i.get(p);
        return v == null || v.isNull() ? dflt : v.asLong();
    }

    static boolean bool(CimInstance i, String p) {
        CimValue v = i.get(p);
        return v != null && !v.isNull() && v.asBoolean();
    }

    static List<String> strings(CimValue v) {
        if (v == null || v.isNull()) return List.of();
        return v.asList().stream().map(String::valueOf).toList();
    }

    static CimInstance priv(CimInstance i) {
        CimValue v = i.get("PrivateProperties");
        return v == null || v.isNull() ? null : v.asInstance();
    }
}
