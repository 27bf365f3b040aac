package io.hyperv4j.scvmm.monitor.spi;

import io.hyperv4j.job.CompletedOperation;
import io.hyperv4j.job.Operation;

/** Starts and stops a service inside a VM's guest from outside (remote service control, as {@code sc \\vm start|stop} does). */
public interface ServiceControl {
    /**
     * Asks the guest to start the service; returns once the request is accepted.
     *
     * @param vm      the VM's name
     * @param service the service's name
     * @throws io.hyperv4j.InvalidStateException when the guest cannot be reached or has no such service
     */
    void start(String vm, String service);

    /**
     * Asks the guest to stop the service gracefully (a stop control: the service goes through
     * Stopping to Stopped); returns once the request is accepted.
     *
     * @param vm      the VM's name
     * @param service the service's name
     * @throws io.hyperv4j.InvalidStateException when the guest cannot be reached or has no such service
     */
    void stop(String vm, String service);

    /**
     * {@link #start} as a management server's operation, done once the request is accepted.
     *
     * @param vm      the VM's name
     * @param service the service's name
     * @return the start, yielding the service's name
     */
    default Operation<String> started(String vm, String service) {
        start(vm, service);
        return new CompletedOperation<>("start of " + service + " in '" + vm + "'", service);
    }

    /**
     * {@link #stop} as a management server's operation, done once the request is accepted.
     *
     * @param vm      the VM's name
     * @param service the service's name
     * @return the stop, yielding the service's name
     */
    default Operation<String> stopped(String vm, String service) {
        stop(vm, service);
        return new CompletedOperation<>("stop of " + service + " in '" + vm + "'", service);
    }
}
