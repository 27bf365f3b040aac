package io.hyperv4j.sim;

import java.time.Instant;

/** What a provider call sees: the lab, the host the session speaks to, and the time of the call. */
public record HostScope(Lab lab, SimHost host, Instant now) {
}
