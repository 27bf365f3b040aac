package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.HostScope;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimProvider;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A provider that is also a ResourceExtension adds a kind of VM resource to the management service's methods. */
class ResourceExtensionTest {

    /** "I/O devices" (ResourceType 13) attached to VMs, under a RASD class no other provider serves (storage serves Msvm_ResourceAllocationSettingData). */
    static final class IoDevices implements SimProvider, ResourceExtension {
        record Device(String vmId, String host, int n, String name) {
            String id() {
                return "Microsoft:" + vmId + "\\IODEVICE\\" + n;
            }
        }

        final List<Device> devices = new ArrayList<>();
        private int next;

        @Override public String namespace() { return V2.NAMESPACE; }

        @Override public Set<String> classNames() { return Set.of("Msvm_FcPortAllocationSettingData"); }

        @Override
        public List<CimInstance> instances(HostScope s, String c) {
            return devices.stream().filter(d -> d.host().equals(s.host().name())).map(IoDevices::render).toList();
        }

        @Override
        public CimInstance instance(HostScope s, ObjectPath p) {
            Device d = find(p);
            return d == null ? null : render(d);
        }

        @Override public List<CimInstance> referencesTo(HostScope s, ObjectPath p) { return List.of(); }

        @Override
        public MethodResult invoke(Txn t, HostScope s, ObjectPath target, String m, Map<String, CimValue> in) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<CimInstance> render(Lab lab, Object e, Instant now) {
            return e instanceof Device d && devices.contains(d) ? List.of(render(d)) : List.of();
        }

        @Override public boolean handles(String c) { return c.equalsIgnoreCase("Msvm_FcPortAllocationSettingData"); }

        @Override
        public Check checkAddResource(HostScope s, SimVm vm, CimInstance rasd) {
            return rasd.longOr("ResourceType", 0) == 13 ? Check.OK : new Check(4, null);
        }

        @Override
        public ObjectPath addResource(Txn txn, HostScope s, SimVm vm, CimInstance rasd) {
            Device d = new Device(vm.id(), s.host().name(), next++, rasd.getString("ElementName"));
            devices.add(d);
            txn.created(d);
            return render(d).path();
        }

        @Override
        public Check checkModifyResource(HostScope s, CimInstance rasd) {
            return find(rasd.getString("InstanceID")) == null ? new Check(4, null) : Check.OK;
        }

        @Override
        public ObjectPath modifyResource(Txn txn, HostScope s, CimInstance rasd) {
            Device d = find(rasd.getString("InstanceID"));
            txn.touch(d);
            Device renamed = new Device(d.vmId(), d.host(), d.n(), rasd.getString("ElementName"));
            devices.set(devices.indexOf(d), renamed);
            txn.created(renamed);
            return render(renamed).path();
        }

        @Override public Check checkRemoveResource(HostScope s, ObjectPath p) { return find(p) == null ? new Check(4, null) : Check.OK; }

        @Override
        public void removeResource(Txn txn, HostScope s, ObjectPath p) {
            Device d = find(p);
            txn.touch(d);
            devices.remove(d);
        }

        @Override
        public void vmDestroyed(Txn txn, SimVm vm) {
            for (Device d : List.copyOf(devices)) if (d.vmId().equals(vm.id())) {
                txn.touch(d);
                devices.remove(d);
            }
        }

        private Device find(ObjectPath p) {
            return find(String.valueOf(p.key("InstanceID")));
        }

        private Device find(String id) {
            return devices.stream().filter(d -> d.id().equalsIgnoreCase(id)).findFirst().orElse(null);
        }

        private static CimInstance render(Device d) {
            ObjectPath p = new ObjectPath(d.host(), V2.NAMESPACE, "Msvm_FcPortAllocationSettingData", Map.of("InstanceID", d.id()));
            return CimInstance.builder(p.className()).path(p).put("InstanceID", CimValue.string(d.id()))
                    .put("ElementName", CimValue.string(d.name())).put("ResourceType", CimValue.uint16(13)).build();
        }
    }

    private final IoDevices io = new IoDevices();
    private final Lab lab = Lab.builder().host("HV01", 16, 65536).provider(io).build();
    private final CimSession s = lab.session("HV01");
    private final ObjectPath svc = V2.managementService("HV01");

    @AfterEach
    void close() {
        s.close();
    }

    private static CimInstance device(String name, long type) {
        return CimInstance.builder("Msvm_FcPortAllocationSettingData")
                .put("ElementName", CimValue.string(name)).put("ResourceType", CimValue.uint16(type)).build();
    }

    private static CimValue objects(CimInstance... i) {
        return CimValue.array(CimType.OBJECT, List.of(i));
    }

    @Test
    void defineAddModifyRemoveAndDestroy() {
        MethodResult def = s.invoke(svc, "DefineSystem", Map.of(
                "SystemSettings", CimValue.object(CimInstance.builder(V2.VSSD).put("ElementName", CimValue.string("io")).build()),
                "ResourceSettings", objects(V2Fixture.processors(2), device("console", 13))));
        assertEquals(4096, def.returnValue());
        ObjectPath vm = def.get("ResultingSystem").asPath();
        String id = (String) vm.key("Name");
        assertEquals(1, io.devices.size());
        assertEquals(id, io.devices.get(0).vmId());

        MethodResult add = s.invoke(svc, "AddResourceSettings", Map.of(
                "AffectedConfiguration", CimValue.ref(V2.settings("HV01", id)), "ResourceSettings", objects(device("serial", 13))));
        assertEquals(0, add.returnValue());
        ObjectPath added = (ObjectPath) add.get("ResultingResourceSettings").asList().get(0);
        assertEquals("serial", s.get(added).getString("ElementName"));

        CimInstance renamed = s.get(added).toBuilder().put("ElementName", CimValue.string("com1")).build();
        assertEquals(0, s.invoke(svc, "ModifyResourceSettings", Map.of("ResourceSettings", objects(renamed))).returnValue());
        assertEquals("com1", s.get(added).getString("ElementName"));

        assertEquals(0, s.invoke(svc, "RemoveResourceSettings", Map.of("ResourceSettings",
                CimValue.array(CimType.REFERENCE, List.of(added)))).returnValue());
        assertEquals(1, io.devices.size());

        lab.clock().advance(Duration.ofMinutes(1));
        assertEquals(4096, s.invoke(svc, "DestroySystem", Map.of("AffectedSystem", CimValue.ref(vm))).returnValue());
        lab.clock().advance(Duration.ofMinutes(1));
        assertTrue(io.devices.isEmpty(), "the VM's devices went with it");
    }

    @Test
    void aRefusedResourceRefusesTheWholeCall() {
        MethodResult def = s.invoke(svc, "DefineSystem", Map.of("ResourceSettings", objects(device("ok", 13), device("bad", 99))));
        assertEquals(4, def.returnValue());
        assertEquals(0, lab.vmCount());
        assertTrue(io.devices.isEmpty());
        ObjectPath vm = s.invoke(svc, "DefineSystem", Map.of()).get("ResultingSystem").asPath();
        MethodResult add = s.invoke(svc, "AddResourceSettings", Map.of(
                "AffectedConfiguration", CimValue.ref(V2.settings("HV01", (String) vm.key("Name"))),
                "ResourceSettings", objects(device("ok", 13), device("bad", 99))));
        assertEquals(4, add.returnValue());
        assertTrue(io.devices.isEmpty());
        assertEquals(4, s.invoke(svc, "AddResourceSettings", Map.of(
                "AffectedConfiguration", CimValue.ref(V2.settings("HV01", (String) vm.key("Name"))),
                "ResourceSettings", objects(V2Fixture.processors(2)))).returnValue(), "a second processor setting cannot be added");
    }
}
