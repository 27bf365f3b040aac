package io.hyperv4j.scvmm.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.HostScope;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimProvider;
import io.hyperv4j.sim.Txn;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the simulated management server in the lab: its model, its transfer engine (whose jobs
 * live on the hosts' root\virtualization\v2), and its part of the lab file. VMM has no WMI
 * namespace of its own, so this provider serves no class.
 */
public final class VmmProvider implements SimProvider {
    private Lab lab;
    private VmmModel model;
    private VmmEngine engine;

    @Override
    public String namespace() {
        return "root\\virtualization\\v2";
    }

    @Override
    public Set<String> classNames() {
        return Set.of();
    }

    @Override
    public void attach(Lab lab) {
        this.lab = lab;
        this.model = new VmmModel(lab);
        // registered now, so a transfer saved with the lab completes after a load; the engine is made on first use
        for (String op : List.of(VmmEngine.SAN_JOB, VmmEngine.NETWORK_JOB))
            lab.jobs().register(op, new io.hyperv4j.sim.JobHandler() {
                @Override public void complete(Txn txn, io.hyperv4j.sim.SimJob job) { engine().completed(txn, job); }
                @Override public void cancelled(Txn txn, io.hyperv4j.sim.SimJob job) { engine().cancel(txn, job); }
            });
    }

    VmmModel model() {
        return model;
    }

    /** The engine, made on first use (the SAN provider is attached by then). */
    synchronized VmmEngine engine() {
        if (engine == null) {
            SanModel san = null;
            for (SimProvider p : lab.providers().all()) if (p instanceof WindowsStorageProvider w) san = w.model();
            if (san == null) throw new IllegalStateException("the root\\Microsoft\\Windows\\Storage simulator provider is not on the class path");
            engine = new VmmEngine(lab, model, san);
        }
        return engine;
    }

    @Override public List<CimInstance> instances(HostScope scope, String className) { return List.of(); }
    @Override public CimInstance instance(HostScope scope, ObjectPath path) { return null; }
    @Override public List<CimInstance> referencesTo(HostScope scope, ObjectPath path) { return List.of(); }
    @Override public List<CimInstance> render(Lab lab, Object entity, Instant now) { return List.of(); }

    @Override
    public MethodResult invoke(Txn txn, HostScope scope, ObjectPath target, String method, Map<String, CimValue> in) {
        throw new IllegalStateException("the management server serves no CIM method");
    }

    @Override
    public void save(Lab lab, ObjectNode into) {
        ObjectNode n = into.putObject("vmm").put("server", model.server).put("hardwareProvider", model.hardwareProvider).put("luMapping", model.luMapping);
        ObjectNode hosts = n.putObject("hosts");
        Set<String> names = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.addAll(model.hostGroup.keySet());
        names.addAll(model.os.keySet());
        names.addAll(model.folder.keySet());
        names.addAll(model.capacity.keySet());
        for (String h : names) {
            ObjectNode hn = hosts.putObject(h);
            if (model.hostGroup.containsKey(h)) hn.put("hostGroup", model.hostGroup.get(h));
            if (model.os.containsKey(h)) hn.put("os", model.os.get(h));
            if (model.folder.containsKey(h)) hn.put("folder", model.folder.get(h).toString());
            if (model.capacity.containsKey(h)) hn.put("capacity", model.capacity.get(h));
        }
        saveTransfers(engine == null ? List.of() : engine.inFlight(), n);
        ObjectNode vms = n.putObject("vms");
        model.files.forEach((id, f) -> {
            ObjectNode vn = vms.putObject(id).put("dir", String.valueOf(f.dir())).put("configBytes", f.configBytes());
            ArrayNode files = vn.putArray("files");
            f.files().forEach(x -> files.addObject().put("name", x.name()).put("nominalBytes", x.nominalBytes()));
        });
    }

    /** A lab saved to its first file takes the VM files out of its temporary folder, to beside the file; then it is saved again. */
    @Override
    public boolean afterSave(Lab lab) {
        return lab.write(java.time.Duration.ofMinutes(1), txn -> {
            var moved = model.adoptScratch();
            if (moved.isEmpty()) return false;
            for (VmmEngine.Transfer t : engine == null ? List.<VmmEngine.Transfer>of() : engine.inFlight()) t.sourceDir = moved.get().apply(t.sourceDir);
            return true;
        });
    }

    private static void saveTransfers(List<VmmEngine.Transfer> transfers, ObjectNode n) {
        ArrayNode out = n.putArray("transfers");
        for (VmmEngine.Transfer t : transfers) {
            ObjectNode tn = out.addObject().put("job", t.jobId).put("vm", t.vmId).put("from", t.from).put("to", t.to).put("kind", t.kind)
                    .put("start", t.start.toString()).put("wasRunning", t.wasRunning).put("entered", t.entered)
                    .put("realTotal", t.realTotal).put("realAtStart", t.realAtStart).put("shiftNanos", t.shift.toNanos())
                    .put("onFabric", t.onFabric).put("copiedThrough", t.copiedThrough).put("copyDone", VmmEngine.copyDone(t));
            if (t.downFrom != null) tn.put("downFrom", t.downFrom.toString());
            if (t.array != null) tn.put("array", t.array).put("lu", t.lu);
            if (t.sourceDir != null) tn.put("sourceDir", t.sourceDir.toString());
            ArrayNode phases = tn.putArray("phases");
            t.plan.phases().forEach(p -> phases.addObject().put("name", p.name()).put("nanos", p.duration().toNanos()).put("down", p.down()).put("bytes", p.bytes()));
        }
    }

    private void loadTransfers(JsonNode n) {
        for (JsonNode tn : n.path("transfers")) {
            List<io.hyperv4j.scvmm.transfer.TransferPlan.Phase> phases = new ArrayList<>();
            tn.path("phases").forEach(p -> phases.add(new io.hyperv4j.scvmm.transfer.TransferPlan.Phase(p.path("name").asText(),
                    java.time.Duration.ofNanos(p.path("nanos").asLong()), p.path("down").asBoolean(), p.path("bytes").asLong())));
            VmmEngine.Transfer t = new VmmEngine.Transfer(tn.path("job").asText(), tn.path("vm").asText(), tn.path("from").asText(),
                    tn.path("to").asText(), tn.path("kind").asText(), new io.hyperv4j.scvmm.transfer.TransferPlan(phases),
                    Instant.parse(tn.path("start").asText()), tn.path("wasRunning").asBoolean(), tn.has("array") ? tn.get("array").asText() : null,
                    tn.path("lu").asInt(-1));
            t.entered = tn.path("entered").asInt(-1);
            t.realTotal = tn.path("realTotal").asLong();
            t.realAtStart = tn.path("realAtStart").asLong();
            t.shift = java.time.Duration.ofNanos(tn.path("shiftNanos").asLong()); // how late its copies ran
            t.onFabric = tn.path("onFabric").asBoolean(false); // a lab saved before transfers ran on the fabric: it goes on by its plan
            t.copiedThrough = tn.path("copiedThrough").asInt(-1);
            t.copyDone = tn.path("copyDone").asLong();
            if (tn.has("downFrom")) t.downFrom = Instant.parse(tn.get("downFrom").asText());
            if (tn.has("sourceDir")) t.sourceDir = Path.of(tn.get("sourceDir").asText());
            engine().resume(t);
        }
    }

    @Override
    public void load(Lab lab, JsonNode from) {
        JsonNode n = from.get("vmm");
        if (n == null) return;
        model.server = n.path("server").asBoolean(true);
        model.hardwareProvider = n.path("hardwareProvider").asBoolean(true);
        model.luMapping = n.path("luMapping").asBoolean(true);
        n.path("hosts").fields().forEachRemaining(e -> {
            JsonNode h = e.getValue();
            if (h.has("hostGroup")) model.hostGroup.put(e.getKey(), h.get("hostGroup").asText());
            if (h.has("os")) model.os.put(e.getKey(), h.get("os").asText());
            if (h.has("folder")) model.folder.put(e.getKey(), Path.of(h.get("folder").asText()));
            if (h.has("capacity")) model.capacity.put(e.getKey(), h.get("capacity").asLong());
        });
        n.path("vms").fields().forEachRemaining(e -> {
            List<VmmModel.VmFile> files = new ArrayList<>();
            e.getValue().path("files").forEach(f -> files.add(new VmmModel.VmFile(f.path("name").asText(), f.path("nominalBytes").asLong())));
            String dir = e.getValue().path("dir").asText("null");
            model.files.put(e.getKey(), new VmmModel.VmFiles(dir.equals("null") ? null : Path.of(dir), files, e.getValue().path("configBytes").asLong()));
        });
        loadTransfers(n);
    }
}
