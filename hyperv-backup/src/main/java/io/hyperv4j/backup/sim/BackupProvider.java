package io.hyperv4j.backup.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.HostScope;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimProvider;
import io.hyperv4j.sim.Txn;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Attaches the data-protection server to every lab (its job handlers registered from the start) and
 * saves it with the lab: groups, recovery points, events, pairs and profiles. It serves no CIM class:
 * DPM is not reached through WMI. A job running at a save resumes when the lab is loaded.
 */
public final class BackupProvider implements SimProvider {
    private volatile BackupLab backup;

    @Override public String namespace() { return "root\\virtualization\\v2"; }
    @Override public Set<String> classNames() { return Set.of(); }

    @Override
    public void attach(Lab lab) {
        backup = new BackupLab(lab);
    }

    BackupLab backup() {
        return backup;
    }

    @Override public List<CimInstance> instances(HostScope scope, String className) { return List.of(); }
    @Override public CimInstance instance(HostScope scope, ObjectPath path) { return null; }
    @Override public List<CimInstance> referencesTo(HostScope scope, ObjectPath path) { return List.of(); }
    @Override public List<CimInstance> render(Lab lab, Object entity, Instant now) { return List.of(); }

    @Override
    public MethodResult invoke(Txn txn, HostScope scope, ObjectPath target, String method, Map<String, CimValue> in) {
        throw new IllegalStateException("the data-protection server serves no CIM method");
    }

    @Override
    public void save(Lab lab, ObjectNode into) {
        backup.save(into.putObject("backup"));
    }

    @Override
    public boolean afterSave(Lab lab) {
        return backup.afterSave();
    }

    @Override
    public void load(Lab lab, JsonNode from) {
        JsonNode n = from.get("backup");
        if (n != null) backup.load(n);
    }
}
