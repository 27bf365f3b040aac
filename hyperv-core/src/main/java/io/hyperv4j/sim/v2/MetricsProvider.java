package io.hyperv4j.sim.v2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.cim.CimDateTime;
import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.HostScope;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.LabJson;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimProvider;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Resource metering in root\virtualization\v2 as Measure-VM reads it: the host's
 * Msvm_MetricService with ControlMetrics, the aggregation metric definitions a VM can be measured
 * by (Msvm_MetricDefForME, with MetricCollectionEnabled), and, while collection is enabled, one
 * Msvm_AggregationMetricValue per VM and definition (Msvm_MetricForME from the VM,
 * Msvm_MetricInstance from the definition) aggregated over the interval since collection was
 * enabled or reset. Only what the model knows is measured: the memory a VM is given while it runs.
 */
public final class MetricsProvider implements SimProvider, SharedAssociations {
    static final String SERVICE = "Msvm_MetricService";
    static final String DEFINITION = "Msvm_AggregationMetricDefinition";
    static final String VALUE = "Msvm_AggregationMetricValue";
    static final String DEF_FOR_ME = "Msvm_MetricDefForME";
    static final String FOR_ME = "Msvm_MetricForME";
    static final String INSTANCE = "Msvm_MetricInstance";
    private static final Set<String> CLASSES = V2.classSet(SERVICE, DEFINITION, VALUE, DEF_FOR_ME, FOR_ME, INSTANCE);
    private static final String SERVICE_NAME = "metricsvc";
    private static final long SUCCESS = 0, FAILED = 2;
    private static final int ENABLE = 2, DISABLE = 3, RESET = 4;
    private static final int ENABLED = 2, DISABLED = 3;

    /** A metric the simulator measures: what the model knows of a VM. */
    enum Metric {
        AVERAGE_MEMORY("Aggregated Average Memory Utilization", "Megabytes", "byte*2^20");

        final String elementName;
        final String units;
        final String programmaticUnits;
        final String id;

        Metric(String elementName, String units, String programmaticUnits) {
            this.elementName = elementName;
            this.units = units;
            this.programmaticUnits = programmaticUnits;
            this.id = "Microsoft:" + NetworkRenderer.guid("metric:" + name());
        }

        /** The aggregated value over the interval: the memory assigned while the VM ran in it, 0 if it did not run. */
        long value(SimVm vm, Instant since) {
            boolean ran = vm.state().isActive() || vm.stateChanged().isAfter(since);
            return ran ? vm.memoryMb() : 0;
        }

        static Metric byId(Object id) {
            for (Metric m : values()) if (m.id.equalsIgnoreCase(String.valueOf(id))) return m;
            return null;
        }
    }

    /** Per VM id, the metrics being collected and when each interval began (enable or reset). */
    private final Map<String, Map<Metric, Instant>> collecting = new HashMap<>();

    @Override
    public String namespace() {
        return V2.NAMESPACE;
    }

    @Override
    public Set<String> classNames() {
        return CLASSES;
    }

    @Override
    public List<CimInstance> instances(HostScope s, String className) {
        SimHost h = s.host();
        List<CimInstance> out = new ArrayList<>();
        if (is(className, SERVICE)) out.add(service(h.name()));
        if (is(className, DEFINITION)) for (Metric m : Metric.values()) out.add(definition(h.name(), m));
        for (SimVm vm : h.vms()) perVm(s, className, vm, out);
        return out;
    }

    /** The instances of {@code className} that belong to one VM (none for a removed one). */
    private void perVm(HostScope s, String className, SimVm vm, List<CimInstance> out) {
        if (vm.removed()) return;
        SimHost h = s.host();
        ObjectPath system = V2.computerSystem(h.name(), vm.id());
        for (Metric m : Metric.values()) {
            Instant since = since(vm, m);
            if (is(className, DEF_FOR_ME))
                out.add(V2Renderer.start(V2.path(h.name(), DEF_FOR_ME, "Antecedent", system, "Dependent", definitionPath(h.name(), m)))
                        .put("MetricCollectionEnabled", CimValue.uint16(since == null ? DISABLED : ENABLED)).build());
            if (since == null) continue;
            ObjectPath value = valuePath(h.name(), vm, m);
            if (is(className, VALUE)) out.add(value(h.name(), vm, m, since, s.now()));
            if (is(className, FOR_ME)) out.add(V2Renderer.start(V2.path(h.name(), FOR_ME, "Antecedent", system, "Dependent", value)).build());
            if (is(className, INSTANCE))
                out.add(V2Renderer.start(V2.path(h.name(), INSTANCE, "Antecedent", definitionPath(h.name(), m), "Dependent", value)).build());
        }
    }

    /** The host hosts the metric service (Msvm_HostedService, served by {@link VirtualizationProvider}). */
    @Override
    public List<CimInstance> associations(HostScope s, String className) {
        if (!is(className, V2.HOSTED_SERVICE)) return List.of();
        String host = s.host().name();
        return List.of(V2Renderer.start(V2.path(host, V2.HOSTED_SERVICE, "Antecedent", V2.computerSystem(host, host), "Dependent", servicePath(host))).build());
    }

    @Override
    public CimInstance instance(HostScope s, ObjectPath path) {
        if (!CLASSES.contains(path.className())) return null;
        for (CimInstance i : instances(s, path.className()))
            if (VirtualizationProvider.keysMatch(path, i.path())) return i;
        return null;
    }

    @Override
    public List<CimInstance> referencesTo(HostScope s, ObjectPath path) {
        List<CimInstance> out = new ArrayList<>();
        for (String cls : List.of(DEF_FOR_ME, FOR_ME, INSTANCE))
            for (CimInstance a : referencingCandidates(s, cls, path))
                for (CimValue v : a.properties().values())
                    if (v.value() instanceof ObjectPath ref && VirtualizationProvider.keysMatch(path, ref)) {
                        out.add(a);
                        break;
                    }
        for (CimInstance a : associations(s, V2.HOSTED_SERVICE))
            if (a.properties().values().stream().anyMatch(v -> v.value() instanceof ObjectPath ref && VirtualizationProvider.keysMatch(path, ref)))
                out.add(a);
        return out;
    }

    /**
     * The associations of {@code className} that may name {@code path}: for a computer system,
     * only those of that VM (none for the host), so asking each of thousands of VMs for its
     * references does not render every VM's each time; for anything else, all of them.
     */
    private List<CimInstance> referencingCandidates(HostScope s, String className, ObjectPath path) {
        if (!is(path.className(), V2.COMPUTER_SYSTEM) || !(path.key("Name") instanceof String name)) return instances(s, className);
        List<CimInstance> out = new ArrayList<>();
        SimVm vm = s.lab().vm(name);
        if (vm != null && vm.host() == s.host()) perVm(s, className, vm, out);
        return out;
    }

    /**
     * ControlMetrics as the page documents it: a null Subject means every element the Definition
     * applies to, a null Definition every definition of the Subject; it fails (2) when both are
     * null, when either names nothing this service meters, or for an unknown operation.
     */
    @Override
    public MethodResult invoke(Txn txn, HostScope s, ObjectPath target, String method, Map<String, CimValue> in) {
        if (!is(target.className(), SERVICE) || !is(method, "ControlMetrics"))
            throw new CimException(CimError.NOT_SUPPORTED, "the simulator does not implement " + target.className() + "." + method);
        ObjectPath subject = ref(in, "Subject");
        ObjectPath definition = ref(in, "Definition");
        CimValue op = in.get("MetricCollectionEnabled");
        int operation = op == null || op.value() == null ? -1 : ((Number) op.value()).intValue();
        if (subject == null && definition == null || operation < ENABLE || operation > RESET) return new MethodResult(FAILED, Map.of());
        List<SimVm> vms = new ArrayList<>();
        if (subject == null) {
            for (SimVm vm : s.host().vms()) if (!vm.removed()) vms.add(vm);
        } else {
            SimVm vm = meteredVm(s, subject);
            if (vm == null) return new MethodResult(FAILED, Map.of());
            vms.add(vm);
        }
        List<Metric> metrics = definition == null ? List.of(Metric.values()) : definitionOf(definition);
        if (metrics.isEmpty()) return new MethodResult(FAILED, Map.of());
        for (SimVm vm : vms) {
            Map<Metric, Instant> on = collecting.computeIfAbsent(vm.id(), k -> new HashMap<>());
            for (Metric m : metrics) {
                if (operation == ENABLE) on.putIfAbsent(m, txn.now());
                else if (operation == DISABLE) on.remove(m);
                else if (on.containsKey(m)) on.put(m, txn.now());
            }
            if (on.isEmpty()) collecting.remove(vm.id());
        }
        return new MethodResult(SUCCESS, Map.of());
    }

    @Override
    public List<CimInstance> render(Lab lab, Object entity, Instant now) {
        return List.of();
    }

    /** Which VMs' metrics are collected, and since when, so metering survives a lab file round trip (a CLI run each). */
    @Override
    public void save(Lab lab, ObjectNode into) {
        ArrayNode arr = into.putArray("collecting");
        collecting.forEach((vm, on) -> on.forEach((m, since) -> arr.addObject().put("vm", vm).put("metric", m.name()).put("since", since.toString())));
    }

    @Override
    public void load(Lab lab, LabJson from) {
        collecting.clear();
        for (LabJson o : from.objectsIfPresent("collecting"))
            collecting.computeIfAbsent(o.string("vm", LabJson.GUID, "VM id"), k -> new HashMap<>())
                    .put(o.constant("metric", Metric.class), o.instant("since"));
    }

    private Instant since(SimVm vm, Metric m) {
        Map<Metric, Instant> on = collecting.get(vm.id());
        return on == null ? null : on.get(m);
    }

    private static SimVm meteredVm(HostScope s, ObjectPath subject) {
        if (!is(subject.className(), V2.COMPUTER_SYSTEM)) return null;
        Object name = subject.key("Name");
        SimVm vm = name == null ? null : s.lab().vm(name.toString());
        return vm != null && !vm.removed() && vm.host() == s.host() ? vm : null;
    }

    private static List<Metric> definitionOf(ObjectPath definition) {
        Metric m = is(definition.className(), DEFINITION) ? Metric.byId(definition.key("Id")) : null;
        return m == null ? List.of() : List.of(m);
    }

    private static ObjectPath ref(Map<String, CimValue> in, String name) {
        CimValue v = in.get(name);
        return v == null ? null : (ObjectPath) v.value();
    }

    static ObjectPath servicePath(String host) {
        return V2.path(host, SERVICE, "SystemCreationClassName", V2.COMPUTER_SYSTEM, "SystemName", host,
                "CreationClassName", SERVICE, "Name", SERVICE_NAME);
    }

    static ObjectPath definitionPath(String host, Metric m) {
        return V2.path(host, DEFINITION, "Id", m.id);
    }

    private static ObjectPath valuePath(String host, SimVm vm, Metric m) {
        return V2.path(host, VALUE, "InstanceID", "Microsoft:" + vm.id() + "\\" + m.id.substring("Microsoft:".length()));
    }

    /** The values the Msvm_MetricService page gives as always set. */
    private static CimInstance service(String host) {
        return V2Renderer.start(servicePath(host))
                .put("Caption", CimValue.string("Hyper-V Metric Service"))
                .put("Description", CimValue.string("Provides Hyper-V Metric WMI management"))
                .put("ElementName", CimValue.string("Hyper-V Metric Service"))
                .put("OperationalStatus", V2Renderer.u16s(2))
                .put("StatusDescriptions", CimValue.strings(List.of("OK")))
                .put("Status", CimValue.string("OK"))
                .put("HealthState", CimValue.uint16(5))
                .put("EnabledState", CimValue.string("2"))
                .put("RequestedState", CimValue.uint16(12))
                .put("EnabledDefault", CimValue.uint16(2))
                .put("Started", CimValue.bool(true))
                .build();
    }

    private static CimInstance definition(String host, Metric m) {
        return V2Renderer.start(definitionPath(host, m))
                .put("ElementName", CimValue.string(m.elementName))
                .put("Name", CimValue.string(m.elementName))
                .put("DataType", CimValue.uint16(13)) // uint64
                .put("Calculable", CimValue.uint16(3)) // an average cannot be summed
                .put("Units", CimValue.string(m.units))
                .put("ProgrammaticUnits", CimValue.string(m.programmaticUnits))
                .put("IsContinuous", CimValue.bool(true))
                .put("ChangeType", CimValue.uint16(4)) // gauge
                .put("TimeScope", CimValue.uint16(3)) // interval
                .put("GatheringType", CimValue.uint16(4)) // computed when read
                .put("SimpleFunction", CimValue.uint16(4)) // average
                .build();
    }

    private static CimInstance value(String host, SimVm vm, Metric m, Instant since, Instant now) {
        CimValue at = CimValue.datetime(CimDateTime.of(now));
        CimValue interval = CimValue.datetime(CimDateTime.interval(Duration.between(since, now)));
        return V2Renderer.start(valuePath(host, vm, m))
                .put("ElementName", CimValue.string(m.elementName))
                .put("MetricDefinitionId", CimValue.string(m.id))
                .put("MeasuredElementName", CimValue.string(vm.name()))
                .put("TimeStamp", at)
                .put("Duration", interval)
                .put("MetricValue", CimValue.string(Long.toString(m.value(vm, since))))
                .put("Volatile", CimValue.bool(true))
                .put("AggregationTimeStamp", at)
                .put("AggregationDuration", interval)
                .build();
    }

    private static boolean is(String a, String b) {
        return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }
}
