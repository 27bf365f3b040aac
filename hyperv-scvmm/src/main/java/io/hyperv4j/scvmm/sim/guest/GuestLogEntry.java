package io.hyperv4j.scvmm.sim.guest;

import java.time.Instant;

/**
 * One record of a guest's System event log about a service (Service Control Manager events 7036
 * "entered the running/stopped state" and 7034 "terminated unexpectedly").
 *
 * @param time    when it was logged
 * @param vm      the guest's VM
 * @param eventId the event id
 * @param service the service
 * @param message the message
 */
public record GuestLogEntry(Instant time, String vm, int eventId, String service, String message) {
}
