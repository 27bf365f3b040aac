package io.hyperv4j.sim.v2;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.sim.HostScope;
import java.util.List;

/**
 * A provider whose objects take part in association classes another provider serves
 * (Msvm_SystemDevice, Msvm_SettingsDefineState, Msvm_VirtualSystemSettingDataComponent,
 * Msvm_HostedService belong to {@link VirtualizationProvider}): a query of such a class lists its
 * instances too. Called with the lab lock held.
 */
interface SharedAssociations {
    /**
     * Its instances of an association class served elsewhere.
     *
     * @param scope     the host and time of the query
     * @param className the association class
     * @return the instances, possibly none
     */
    List<CimInstance> associations(HostScope scope, String className);
}
