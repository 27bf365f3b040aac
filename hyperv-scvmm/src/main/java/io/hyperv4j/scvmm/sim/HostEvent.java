package io.hyperv4j.scvmm.sim;

import java.time.Instant;

/** One entry of a host's Windows event log (System or Application), as Event Viewer shows it. */
public record HostEvent(Instant time, String log, String level, String source, int eventId, String message) {
}
