package io.hyperv4j.sim.v2;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.HostScope;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;

/**
 * More kinds of VM resources (disks, drives, network adapters, ...) for the simulated
 * Msvm_VirtualSystemManagementService. A {@link io.hyperv4j.sim.SimProvider} that also implements
 * this interface is handed the embedded resource settings of DefineSystem, AddResourceSettings,
 * ModifyResourceSettings and RemoveResourceSettings whose class it {@link #handles handles}, and
 * serves their instances itself. Every call is first checked for all resources of the request, then
 * applied: a refused request changes nothing. Checks return 0 or the method's return code
 * (4 Invalid Parameter, 5 Invalid State, ...). Called with the lab lock held.
 */
public interface ResourceExtension {

    /** Whether it handles resource settings of this class (e.g. Msvm_StorageAllocationSettingData). */
    boolean handles(String settingsClass);

    /**
     * A check's outcome: code 0, or the method's return code (CIM_METHOD family: 4 Invalid
     * Parameter, 5 Invalid State) with why, which the refusal's job reports as its ErrorDescription.
     */
    record Check(int code, String why) {
        /** Nothing against it. */
        public static final Check OK = new Check(0, null);

        public boolean ok() {
            return code == 0;
        }
    }

    /** Whether {@code settings} can be added to {@code vm}. */
    Check checkAddResource(HostScope scope, SimVm vm, CimInstance settings);

    /** Adds it (after {@link #checkAddResource} passed); returns the path of the resulting settings. */
    ObjectPath addResource(Txn txn, HostScope scope, SimVm vm, CimInstance settings);

    /** Whether the existing settings its InstanceID names can take these values. */
    Check checkModifyResource(HostScope scope, CimInstance settings);

    ObjectPath modifyResource(Txn txn, HostScope scope, CimInstance settings);

    Check checkRemoveResource(HostScope scope, ObjectPath settings);

    void removeResource(Txn txn, HostScope scope, ObjectPath settings);

    /**
     * Msvm_VirtualSystemManagementService's AddFeatureSettings, ModifyFeatureSettings or
     * RemoveFeatureSettings when the features belong to resources it handles (a connection's port
     * features); null when they do not. Checks everything before changing anything.
     */
    default io.hyperv4j.cim.MethodResult featureSettings(Txn txn, HostScope scope, String method,
                                                        java.util.Map<String, io.hyperv4j.cim.CimValue> params) {
        return null;
    }

    /** The VM was just defined (DefineSystem): give it the devices of its kind New-VM creates with it. */
    default void vmDefined(Txn txn, SimVm vm) {}

    /** The VM is gone (DestroySystem): drop what belonged to it. */
    default void vmDestroyed(Txn txn, SimVm vm) {}
}
