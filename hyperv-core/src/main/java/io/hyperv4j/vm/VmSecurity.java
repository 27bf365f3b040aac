package io.hyperv4j.vm;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.job.MethodCall;
import io.hyperv4j.job.ReturnCodes;
import java.util.ArrayList;
import java.util.List;

/**
 * A VM's security through Msvm_SecurityService (Set-VMKeyProtector, Get-VMKeyProtector,
 * Enable-VMTPM / Disable-VMTPM, Set-VMSecurity): each call sends the VM's Msvm_SecuritySettingData
 * as an embedded instance, as Windows clients do.
 * <p>Thread-safety: thread-safe (no mutable state).
 */
public final class VmSecurity {
    static final String SERVICE = "Msvm_SecurityService";
    static final String SETTINGS = "Msvm_SecuritySettingData";

    private final VirtualMachine vm;
    private final VirtualMachines vms;
    private final CimSession session;

    VmSecurity(VirtualMachine vm, VirtualMachines vms) {
        this.vm = vm;
        this.vms = vms;
        this.session = vms.session();
    }

    /**
     * The VM's security settings, read now.
     *
     * @return the settings
     */
    public VmSecuritySettings settings() {
        CimInstance s = instance();
        return new VmSecuritySettings(s.booleanOr("TpmEnabled", false), s.booleanOr("KsdEnabled", false), s.booleanOr("ShieldingRequested", false),
                s.booleanOr("DataProtectionRequested", false), s.booleanOr("EncryptStateAndVmMigrationTraffic", false),
                s.booleanOr("VirtualizationBasedSecurityOptOut", false));
    }

    /**
     * Applies settings (ModifySecuritySettings): a TPM is added or removed only while the VM is off,
     * and needs a key protector set first and a generation 2 VM.
     *
     * @param settings the settings to apply
     * @throws io.hyperv4j.MethodFailedException when the host refuses (5 Invalid State, 6 Incompatible Parameters)
     */
    public void modify(VmSecuritySettings settings) {
        CimInstance s = instance().toBuilder()
                .put("TpmEnabled", CimValue.bool(settings.tpmEnabled())).put("KsdEnabled", CimValue.bool(settings.ksdEnabled()))
                .put("ShieldingRequested", CimValue.bool(settings.shieldingRequested()))
                .put("DataProtectionRequested", CimValue.bool(settings.dataProtection()))
                .put("EncryptStateAndVmMigrationTraffic", CimValue.bool(settings.encryptStateAndMigrationTraffic()))
                .put("VirtualizationBasedSecurityOptOut", CimValue.bool(settings.vbsOptOut())).build();
        call("ModifySecuritySettings", ReturnCodes.Family.CIM_METHOD, "modify the security settings of " + vm.name(), s, null, null);
    }

    /**
     * Sets the key protector (Set-VMKeyProtector); the one it replaces becomes the last known good one.
     *
     * @param keyProtector the protector's bytes (for example an HGS key protector's RawData)
     * @throws IllegalArgumentException when it is empty
     * @throws io.hyperv4j.MethodFailedException when the host refuses
     */
    public void setKeyProtector(byte[] keyProtector) {
        if (keyProtector == null || keyProtector.length == 0) throw new IllegalArgumentException("a key protector needs at least one byte");
        call("SetKeyProtector", ReturnCodes.Family.MSVM, "set the key protector of " + vm.name(), instance(), "KeyProtector", keyProtector);
    }

    /**
     * The key protector in use (Get-VMKeyProtector).
     *
     * @return its bytes, empty when none was set
     * @throws io.hyperv4j.MethodFailedException when the host refuses
     */
    public byte[] keyProtector() {
        MethodResult r = MethodCall.on(session, VirtualMachines.withNamespace(service()), "GetKeyProtector", ReturnCodes.Family.MSVM)
                .with("SecuritySettingData", CimValue.string(instance().toString()))
                .attempting("read the key protector of " + vm.name()).timeout(vms.operationTimeout())
                .invoke(x -> x).await();
        CimValue v = r.out().get("KeyProtector");
        List<Object> l = v == null || v.isNull() ? List.of() : v.asList();
        byte[] out = new byte[l.size()];
        for (int i = 0; i < out.length; i++) out[i] = (byte) ((Number) l.get(i)).intValue();
        return out;
    }

    /**
     * Swaps back to the key protector set before the current one (RestoreLastKnownGoodKeyProtector).
     *
     * @throws io.hyperv4j.MethodFailedException when there is none (32775)
     */
    public void restoreLastKnownGoodKeyProtector() {
        call("RestoreLastKnownGoodKeyProtector", ReturnCodes.Family.MSVM, "restore the last known good key protector of " + vm.name(),
                instance(), null, null);
    }

    private void call(String method, ReturnCodes.Family family, String attempted, CimInstance settings, String bytesName, byte[] bytes) {
        MethodCall c = MethodCall.on(session, VirtualMachines.withNamespace(service()), method, family)
                .with("SecuritySettingData", CimValue.string(settings.toString()));
        if (bytesName != null) {
            List<Long> l = new ArrayList<>(bytes.length);
            for (byte b : bytes) l.add((long) (b & 0xff));
            c.with(bytesName, CimValue.array(CimType.UINT8, l));
        }
        c.attempting(attempted).timeout(vms.operationTimeout()).invoke(r -> null).await();
    }

    private ObjectPath service() {
        return session.query(Msvm.NAMESPACE, "SELECT * FROM " + SERVICE).get(0).path();
    }

    private CimInstance instance() {
        List<CimInstance> all = session.query(Msvm.NAMESPACE, "SELECT * FROM " + SETTINGS + " WHERE InstanceID LIKE 'Microsoft:" + vm.id() + "%'");
        if (all.isEmpty()) throw new IllegalStateException("no " + SETTINGS + " for " + vm.name() + " (" + vm.id() + ")");
        return all.get(0);
    }
}
