package io.hyperv4j.scvmm.monitor.spi;

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
}
