package io.hyperv4j.sim.v2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.cim.CimDateTime;
import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
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
import io.hyperv4j.sim.v2.storage.SimDrive;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Resource metering in root\virtualization\v2 as Measure-VM reads it: the host's
 * Msvm_MetricService (ControlMetrics, ControlMetricsByClass, ShowMetrics, ShowMetricsByClass,
 * GetMetricValues), the aggregation and base metric definitions a VM is measured by
 * (Msvm_MetricDefForME, with MetricCollectionEnabled), and, while collection is enabled, one
 * Msvm_AggregationMetricValue or Msvm_BaseMetricValue per VM and definition (Msvm_MetricForME from
 * the VM, Msvm_MetricInstance from the definition) over the interval since collection was enabled
 * or reset: processor, memory, disk and network use follow from how long the VM ran in the
 * interval and its guest's load ({@link MeteredUsage}).
 */
public final class MetricsProvider extends V2Provider implements SharedAssociations {
    static final String SERVICE = "Msvm_MetricService";
    static final String DEFINITION = "Msvm_AggregationMetricDefinition";
    static final String VALUE = "Msvm_AggregationMetricValue";
    static final String BASE_DEFINITION = "Msvm_BaseMetricDefinition";
    static final String BASE_VALUE = "Msvm_BaseMetricValue";
    static final String DEF_FOR_ME = "Msvm_MetricDefForME";
    static final String FOR_ME = "Msvm_MetricForME";
    static final String INSTANCE = "Msvm_MetricInstance";
    private static final Set<String> CLASSES = V2.classSet(SERVICE, DEFINITION, VALUE, BASE_DEFINITION, BASE_VALUE, DEF_FOR_ME, FOR_ME, INSTANCE);
    private static final String SERVICE_NAME = "metricsvc";
    private static final long SUCCESS = 0, FAILED = 2;
    private static final int ENABLE = 2, DISABLE = 3, RESET = 4;
    private static final int ENABLED = 2, DISABLED = 3;
    private static final int MINIMUM = 2, MAXIMUM = 3;

    /** One metric's current interval for a VM: when it began, and how long the VM had run by then. */
    private record Interval(Instant since, Duration ranBefore) {}

    /** Per VM id, the metrics being collected and their current interval. */
    private final Map<String, Map<MeteredMetric, Interval>> collecting = new HashMap<>();

    public MetricsProvider() {
        super(CLASSES);
    }

    @Override
    public List<CimInstance> instances(HostScope s, String className) {
        SimHost h = s.host();
        List<CimInstance> out = new ArrayList<>();
        if (is(className, SERVICE)) out.add(service(h.name()));
        for (MeteredMetric m : MeteredMetric.values())
            if (is(className, m.definitionClass())) out.add(definition(h.name(), m));
        for (SimVm vm : h.vms()) if (!vm.removed()) ofVm(s, vm, className, out);
        return out;
    }

    /** One VM's instances of {@code className}: its definition links, and its values with their links while collected. */
    private void ofVm(HostScope s, SimVm vm, String className, List<CimInstance> out) {
        String host = s.host().name();
        ObjectPath system = V2.computerSystem(host, vm.id());
        boolean values = is(className, VALUE) || is(className, BASE_VALUE);
        MeteredUsage usage = null;
        Interval usageOf = null;
        for (MeteredMetric m : MeteredMetric.values()) {
            Interval interval = interval(vm, m);
            if (is(className, DEF_FOR_ME))
                out.add(V2Renderer.start(V2.path(host, DEF_FOR_ME, "Antecedent", system, "Dependent", definitionPath(host, m)))
                        .put("MetricCollectionEnabled", CimValue.uint16(interval == null ? DISABLED : ENABLED)).build());
            if (interval == null) continue;
            ObjectPath value = valuePath(host, vm, m);
            if (values && is(className, m.valueClass())) {
                if (!interval.equals(usageOf)) { // metrics enabled together share one reading of the lab
                    usage = MeteredUsage.of(s.lab(), vm, interval.since(), interval.ranBefore(), s.now());
                    usageOf = interval;
                }
                out.add(value(host, vm, m, interval, usage, s.now()));
            }
            if (is(className, FOR_ME)) out.add(V2Renderer.start(V2.path(host, FOR_ME, "Antecedent", system, "Dependent", value)).build());
            if (is(className, INSTANCE))
                out.add(V2Renderer.start(V2.path(host, INSTANCE, "Antecedent", definitionPath(host, m), "Dependent", value)).build());
            if (m.perDisk() && (values && is(className, m.valueClass()) || is(className, FOR_ME) || is(className, INSTANCE))) {
                if (!interval.equals(usageOf)) {
                    usage = MeteredUsage.of(s.lab(), vm, interval.since(), interval.ranBefore(), s.now());
                    usageOf = interval;
                }
                perDisk(s, vm, m, interval, usage, className, out);
            }
            if (m.perPort() && (values && is(className, m.valueClass()) || is(className, FOR_ME) || is(className, INSTANCE))) {
                if (!interval.equals(usageOf)) {
                    usage = MeteredUsage.of(s.lab(), vm, interval.since(), interval.ranBefore(), s.now());
                    usageOf = interval;
                }
                perPort(s, vm, m, interval, usage, className, out);
            }
        }
    }

    /**
     * A disk metric's value for each attached virtual hard disk, joined by Msvm_MetricForME to the
     * disk's Msvm_StorageAllocationSettingData (where os-win's metricsutils and Measure-VM's
     * per-disk figures read it) and by Msvm_MetricInstance to the definition.
     */
    private static void perDisk(HostScope s, SimVm vm, MeteredMetric m, Interval interval, MeteredUsage usage, String className, List<CimInstance> out) {
        String host = s.host().name();
        Map<SimDrive, Long> disks = MeteredUsage.disks(s.lab(), vm);
        for (Map.Entry<SimDrive, Long> d : disks.entrySet()) {
            ObjectPath disk = StorageRenderer.disk(host, vm.id(), d.getKey());
            ObjectPath value = diskValuePath(host, vm, d.getKey(), m);
            if (is(className, m.valueClass())) {
                CimInstance v = value(host, vm, m, interval, usage.forDisk(d.getValue(), disks.size()), s.now());
                out.add(v.toBuilder().path(value).put("InstanceID", CimValue.string(String.valueOf(value.key("InstanceID"))))
                        .put("MeasuredElementName", CimValue.string(d.getKey().current().getFileName().toString())).build());
            }
            if (is(className, FOR_ME)) out.add(V2Renderer.start(V2.path(host, FOR_ME, "Antecedent", disk, "Dependent", value)).build());
            if (is(className, INSTANCE))
                out.add(V2Renderer.start(V2.path(host, INSTANCE, "Antecedent", definitionPath(host, m), "Dependent", value)).build());
        }
    }

    /**
     * A network metric's value for each adapter connected to a switch, joined by Msvm_MetricForME to
     * the port's Msvm_EthernetPortAllocationSettingData (where os-win's metricsutils reads a vNIC's
     * rx/tx) and by Msvm_MetricInstance to the definition. The guest's one traffic stream is spread
     * over the connected ports: each gets the VM's whole megabytes divided evenly, the remainder one
     * each to the first ports, so the ports add up to the VM's value exactly.
     */
    private static void perPort(HostScope s, SimVm vm, MeteredMetric m, Interval interval, MeteredUsage usage, String className, List<CimInstance> out) {
        String host = s.host().name();
        NetworkModel net = NetworkModel.of(s.lab());
        List<NetworkModel.Nic> ports = net.nics(vm.id()).stream().filter(n -> n.switchName != null).toList();
        long total = m.value(usage);
        for (int i = 0; i < ports.size(); i++) {
            NetworkModel.Nic n = ports.get(i);
            ObjectPath port = NetworkRenderer.allocationPath(host, n);
            ObjectPath value = V2.path(host, m.valueClass(), "InstanceID", port.key("InstanceID") + "\\" + m.id.substring("Microsoft:".length()));
            if (is(className, m.valueClass())) {
                long share = total / ports.size() + (i < total % ports.size() ? 1 : 0);
                CimInstance v = value(host, vm, m, interval, usage, s.now());
                out.add(v.toBuilder().path(value).put("InstanceID", CimValue.string(String.valueOf(value.key("InstanceID"))))
                        .put("MeasuredElementName", CimValue.string(n.name)).put("MetricValue", CimValue.string(Long.toString(share))).build());
            }
            if (is(className, FOR_ME)) out.add(V2Renderer.start(V2.path(host, FOR_ME, "Antecedent", port, "Dependent", value)).build());
            if (is(className, INSTANCE))
                out.add(V2Renderer.start(V2.path(host, INSTANCE, "Antecedent", definitionPath(host, m), "Dependent", value)).build());
        }
    }

    private static ObjectPath diskValuePath(String host, SimVm vm, SimDrive d, MeteredMetric m) {
        return V2.path(host, m.valueClass(), "InstanceID", "Microsoft:" + vm.id() + "\\" + d.controllerId() + "\\" + d.address() + "\\L\\"
                + m.id.substring("Microsoft:".length()));
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
        return VirtualizationProvider.find(instances(s, path.className()), path);
    }

    /** Rendered from the element named: a VM's links come from that VM alone, a value's from its VM, a definition's from every VM. */
    @Override
    public List<CimInstance> referencesTo(HostScope s, ObjectPath path) {
        List<CimInstance> candidates = new ArrayList<>();
        String cls = path.className();
        if (is(cls, V2.COMPUTER_SYSTEM) || is(cls, VALUE) || is(cls, BASE_VALUE) || is(cls, StorageRenderer.SASD)
                || is(cls, NetworkRenderer.PORT_ALLOCATION)) {
            SimVm vm = is(cls, V2.COMPUTER_SYSTEM) ? meteredVm(s, path) : vmOfValue(s, path);
            if (vm != null) for (String c : List.of(DEF_FOR_ME, FOR_ME, INSTANCE)) ofVm(s, vm, c, candidates);
            if (is(cls, V2.COMPUTER_SYSTEM)) candidates.addAll(associations(s, V2.HOSTED_SERVICE));
        } else if (is(cls, DEFINITION) || is(cls, BASE_DEFINITION)) {
            for (String c : List.of(DEF_FOR_ME, INSTANCE)) candidates.addAll(instances(s, c));
        } else if (is(cls, SERVICE)) {
            candidates.addAll(associations(s, V2.HOSTED_SERVICE));
        }
        List<CimInstance> out = new ArrayList<>();
        for (CimInstance a : candidates) if (refers(a, path)) out.add(a);
        return out;
    }

    /** The VM a value's InstanceID ({@code Microsoft:<VM>\<metric>}) names, on this host. */
    private static SimVm vmOfValue(HostScope s, ObjectPath value) {
        String id = V2.vmIdOf(String.valueOf(value.key("InstanceID")));
        SimVm vm = id == null ? null : s.lab().vm(id);
        return vm != null && !vm.removed() && vm.host() == s.host() ? vm : null;
    }

    private static boolean refers(CimInstance association, ObjectPath path) {
        return association.properties().values().stream()
                .anyMatch(v -> v.value() instanceof ObjectPath ref && VirtualizationProvider.keysMatch(path, ref));
    }

    @Override
    public MethodResult invoke(Txn txn, HostScope s, ObjectPath target, String method, Map<String, CimValue> in) {
        if (is(target.className(), SERVICE)) {
            if (is(method, "ControlMetrics")) return controlMetrics(txn, s, in);
            if (is(method, "ControlMetricsByClass")) return controlMetricsByClass(txn, s, in);
            if (is(method, "ShowMetrics")) return showMetrics(s, in);
            if (is(method, "ShowMetricsByClass")) return showMetricsByClass(s, in);
            if (is(method, "GetMetricValues")) return getMetricValues(s, in);
            if (is(method, "ControlSampleTimes")) return controlSampleTimes(txn, s, in);
        }
        throw new CimException(CimError.NOT_SUPPORTED, "the simulator does not implement " + target.className() + "." + method);
    }

    /**
     * ControlMetrics as the page documents it: a null Subject means every element the Definition
     * applies to, a null Definition every definition of the Subject; it fails (2) when both are
     * null, when either names nothing this service meters, or for an unknown operation.
     */
    private MethodResult controlMetrics(Txn txn, HostScope s, Map<String, CimValue> in) {
        ObjectPath subject = ref(in, "Subject");
        ObjectPath definition = ref(in, "Definition");
        int operation = operation(in);
        if (subject == null && definition == null || operation < 0) return failed();
        List<SimVm> vms = subject == null ? meteredVms(s) : optional(meteredVm(s, subject));
        List<MeteredMetric> metrics = definition == null ? List.of(MeteredMetric.values()) : definitionOf(definition);
        if (vms.isEmpty() || metrics.isEmpty()) return failed();
        control(txn, vms, metrics, operation);
        return new MethodResult(SUCCESS, Map.of());
    }

    /**
     * ControlMetricsByClass: the Subject names a class (a path without keys, or any instance of it);
     * every VM of the host is an instance of Msvm_ComputerSystem that is metered, so the operation
     * applies to all of them. Fails (2) when the class is not one this service meters.
     */
    private MethodResult controlMetricsByClass(Txn txn, HostScope s, Map<String, CimValue> in) {
        ObjectPath subject = ref(in, "Subject");
        ObjectPath definition = ref(in, "Definition");
        int operation = operation(in);
        if (subject == null || operation < 0 || !is(subject.className(), V2.COMPUTER_SYSTEM)) return failed();
        List<MeteredMetric> metrics = definition == null ? List.of(MeteredMetric.values()) : definitionOf(definition);
        if (metrics.isEmpty()) return failed();
        control(txn, meteredVms(s), metrics, operation);
        return new MethodResult(SUCCESS, Map.of());
    }

    /**
     * ControlSampleTimes: the page leaves honoring the interval to the implementation, and Hyper-V's
     * metric definitions carry no SampleInterval to show one, so the interval is taken and not
     * honored (values are computed for the moment they are read); RestartGathering True restarts
     * the gathering of every metric being collected, as a Reset of all. Fails (2) when
     * StartSampleTime is not a point in time or PreferredSampleInterval not an interval.
     */
    private MethodResult controlSampleTimes(Txn txn, HostScope s, Map<String, CimValue> in) {
        CimValue start = in.get("StartSampleTime"), interval = in.get("PreferredSampleInterval");
        if (start != null && start.value() != null && start.asDateTime().isInterval()) return failed();
        if (interval != null && interval.value() != null && !interval.asDateTime().isInterval()) return failed();
        CimValue restart = in.get("RestartGathering");
        if (restart != null && restart.value() != null && restart.asBoolean())
            control(txn, meteredVms(s), List.of(MeteredMetric.values()), RESET);
        return new MethodResult(SUCCESS, Map.of());
    }

    private void control(Txn txn, List<SimVm> vms, List<MeteredMetric> metrics, int operation) {
        for (SimVm vm : vms) {
            Map<MeteredMetric, Interval> on = collecting.computeIfAbsent(vm.id(), k -> new EnumMap<>(MeteredMetric.class));
            Interval fresh = new Interval(txn.now(), vm.ran(txn.now()));
            for (MeteredMetric m : metrics) {
                if (operation == ENABLE) on.putIfAbsent(m, fresh);
                else if (operation == DISABLE) on.remove(m);
                else if (on.containsKey(m)) on.put(m, fresh);
            }
            if (on.isEmpty()) collecting.remove(vm.id());
        }
    }

    /**
     * ShowMetrics: for a Subject, the definitions available for it (DefinitionList, MetricNames,
     * MetricCollectionEnabled 2 or 3 each), narrowed to the Definition when one is given; for a
     * Definition alone, the elements it is available for (ManagedElements) with their state.
     */
    private MethodResult showMetrics(HostScope s, Map<String, CimValue> in) {
        ObjectPath subject = ref(in, "Subject");
        ObjectPath definition = ref(in, "Definition");
        if (subject == null && definition == null) return failed();
        String host = s.host().name();
        List<MeteredMetric> metrics = definition == null ? List.of(MeteredMetric.values()) : definitionOf(definition);
        if (metrics.isEmpty()) return failed();
        if (subject != null) {
            SimVm vm = meteredVm(s, subject);
            if (vm == null) return failed();
            List<Long> states = new ArrayList<>();
            for (MeteredMetric m : metrics) states.add((long) (interval(vm, m) == null ? DISABLED : ENABLED));
            return definitionsResult(host, metrics, states);
        }
        MeteredMetric m = metrics.get(0);
        List<ObjectPath> elements = new ArrayList<>();
        List<Long> states = new ArrayList<>();
        for (SimVm vm : meteredVms(s)) {
            elements.add(V2.computerSystem(host, vm.id()));
            states.add((long) (interval(vm, m) == null ? DISABLED : ENABLED));
        }
        return new MethodResult(SUCCESS, Map.of("ManagedElements", CimValue.array(CimType.REFERENCE, elements),
                "MetricCollectionEnabled", CimValue.array(CimType.UINT16, states)));
    }

    /** ShowMetricsByClass: the definitions available for a class, Enabled (2) only where every instance collects it. */
    private MethodResult showMetricsByClass(HostScope s, Map<String, CimValue> in) {
        ObjectPath subject = ref(in, "Subject");
        ObjectPath definition = ref(in, "Definition");
        if (subject == null || !is(subject.className(), V2.COMPUTER_SYSTEM)) return failed();
        List<MeteredMetric> metrics = definition == null ? List.of(MeteredMetric.values()) : definitionOf(definition);
        if (metrics.isEmpty()) return failed();
        List<SimVm> vms = meteredVms(s);
        List<Long> states = new ArrayList<>();
        for (MeteredMetric m : metrics) {
            boolean all = !vms.isEmpty() && vms.stream().allMatch(vm -> interval(vm, m) != null);
            states.add((long) (all ? ENABLED : DISABLED));
        }
        return definitionsResult(s.host().name(), metrics, states);
    }

    private static MethodResult definitionsResult(String host, List<MeteredMetric> metrics, List<Long> states) {
        List<ObjectPath> defs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (MeteredMetric m : metrics) {
            defs.add(definitionPath(host, m));
            names.add(m.elementName);
        }
        return new MethodResult(SUCCESS, Map.of("DefinitionList", CimValue.array(CimType.REFERENCE, defs),
                "MetricNames", CimValue.strings(names), "MetricCollectionEnabled", CimValue.array(CimType.UINT16, states)));
    }

    /** GetMetricValues: up to Count values of the Definition, the smallest first (Range 2) or the largest first (3). */
    private MethodResult getMetricValues(HostScope s, Map<String, CimValue> in) {
        ObjectPath definition = ref(in, "Definition");
        List<MeteredMetric> metrics = definition == null ? List.of() : definitionOf(definition);
        long range = number(in, "Range");
        long count = number(in, "Count");
        if (metrics.isEmpty() || (range != MINIMUM && range != MAXIMUM) || count < 0) return failed();
        MeteredMetric m = metrics.get(0);
        List<CimInstance> values = new ArrayList<>();
        for (CimInstance v : instances(s, m.valueClass()))
            if (m.id.equals(v.getString("MetricDefinitionId"))) values.add(v);
        Comparator<CimInstance> byValue = Comparator.comparingLong(v -> Long.parseLong(v.getString("MetricValue")));
        values.sort(range == MINIMUM ? byValue : byValue.reversed());
        List<ObjectPath> refs = values.stream().limit(count).map(CimInstance::path).toList();
        return new MethodResult(SUCCESS, Map.of("Values", CimValue.array(CimType.REFERENCE, refs)));
    }

    @Override
    public List<CimInstance> render(Lab lab, Object entity, Instant now) {
        return List.of();
    }

    /** Which VMs' metrics are collected, and since when, so metering survives a lab file round trip (a CLI run each). */
    @Override
    public void save(Lab lab, ObjectNode into) {
        ArrayNode arr = into.putArray("collecting");
        collecting.forEach((vm, on) -> on.forEach((m, i) -> arr.addObject().put("vm", vm).put("metric", m.name())
                .put("since", i.since().toString()).put("ranBefore", i.ranBefore().toString())));
    }

    @Override
    public void load(Lab lab, LabJson from) {
        collecting.clear();
        for (LabJson o : from.objectsIfPresent("collecting")) {
            Interval i = new Interval(o.instant("since"), o.has("ranBefore") ? o.duration("ranBefore") : Duration.ZERO);
            collecting.computeIfAbsent(o.string("vm", LabJson.GUID, "VM id"), k -> new EnumMap<>(MeteredMetric.class))
                    .put(o.constant("metric", MeteredMetric.class), i);
        }
    }

    private Interval interval(SimVm vm, MeteredMetric m) {
        Map<MeteredMetric, Interval> on = collecting.get(vm.id());
        return on == null ? null : on.get(m);
    }

    private static List<SimVm> meteredVms(HostScope s) {
        List<SimVm> out = new ArrayList<>();
        for (SimVm vm : s.host().vms()) if (!vm.removed()) out.add(vm);
        return out;
    }

    private static SimVm meteredVm(HostScope s, ObjectPath subject) {
        if (!is(subject.className(), V2.COMPUTER_SYSTEM)) return null;
        Object name = subject.key("Name");
        SimVm vm = name == null ? null : s.lab().vm(name.toString());
        return vm != null && !vm.removed() && vm.host() == s.host() ? vm : null;
    }

    private static List<SimVm> optional(SimVm vm) {
        return vm == null ? List.of() : List.of(vm);
    }

    private static List<MeteredMetric> definitionOf(ObjectPath definition) {
        MeteredMetric m = MeteredMetric.byId(definition.key("Id"));
        return m != null && is(definition.className(), m.definitionClass()) ? List.of(m) : List.of();
    }

    /** The requested operation (2 Enable, 3 Disable, 4 Reset), or -1 when missing or any other value. */
    private static int operation(Map<String, CimValue> in) {
        long op = number(in, "MetricCollectionEnabled");
        return op >= ENABLE && op <= RESET ? (int) op : -1;
    }

    private static long number(Map<String, CimValue> in, String name) {
        CimValue v = in.get(name);
        return v == null || v.value() == null ? -1 : ((Number) v.value()).longValue();
    }

    private static MethodResult failed() {
        return new MethodResult(FAILED, Map.of());
    }

    private static ObjectPath ref(Map<String, CimValue> in, String name) {
        CimValue v = in.get(name);
        return v == null ? null : (ObjectPath) v.value();
    }

    static ObjectPath servicePath(String host) {
        return V2.path(host, SERVICE, "SystemCreationClassName", V2.COMPUTER_SYSTEM, "SystemName", host,
                "CreationClassName", SERVICE, "Name", SERVICE_NAME);
    }

    static ObjectPath definitionPath(String host, MeteredMetric m) {
        return V2.path(host, m.definitionClass(), "Id", m.id);
    }

    private static ObjectPath valuePath(String host, SimVm vm, MeteredMetric m) {
        return V2.path(host, m.valueClass(), "InstanceID", "Microsoft:" + vm.id() + "\\" + m.id.substring("Microsoft:".length()));
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

    private static CimInstance definition(String host, MeteredMetric m) {
        CimInstance.Builder b = V2Renderer.start(definitionPath(host, m))
                .put("ElementName", CimValue.string(m.elementName))
                .put("Name", CimValue.string(m.elementName))
                .put("DataType", CimValue.uint16(13)) // uint64
                .put("Calculable", CimValue.uint16(m.calculable()))
                .put("Units", CimValue.string(m.units))
                .put("ProgrammaticUnits", CimValue.string(m.programmaticUnits))
                .put("IsContinuous", CimValue.bool(true))
                .put("ChangeType", CimValue.uint16(m.aggregation ? 4 : 3)) // a gauge; a base metric counts up
                .put("TimeScope", CimValue.uint16(3)) // interval
                .put("GatheringType", CimValue.uint16(4)); // computed when read
        if (m.aggregation) b.put("SimpleFunction", CimValue.uint16(m.simpleFunction));
        return b.build();
    }

    private static CimInstance value(String host, SimVm vm, MeteredMetric m, Interval interval, MeteredUsage usage, Instant now) {
        CimValue at = CimValue.datetime(CimDateTime.of(now));
        CimValue duration = CimValue.datetime(CimDateTime.interval(Duration.between(interval.since(), now)));
        CimInstance.Builder b = V2Renderer.start(valuePath(host, vm, m))
                .put("ElementName", CimValue.string(m.elementName))
                .put("MetricDefinitionId", CimValue.string(m.id))
                .put("MeasuredElementName", CimValue.string(vm.name()))
                .put("TimeStamp", at)
                .put("Duration", duration)
                .put("MetricValue", CimValue.string(Long.toString(m.value(usage))))
                .put("Volatile", CimValue.bool(true));
        if (m.aggregation) b.put("AggregationTimeStamp", at).put("AggregationDuration", duration);
        return b.build();
    }

    private static boolean is(String a, String b) {
        return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }
}
