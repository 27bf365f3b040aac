package io.hyperv4j.scvmm.monitor;

import java.time.Instant;

/**
 * One firing of an alarm, as its actions see it.
 *
 * @param alarm         the alarm's name
 * @param vm            the VM the binding acts on
 * @param firedAt       when the alarm fired
 * @param evidenceSince when the evidence began: the last good result before the failure (the fault lies after it)
 * @param owner         the node that owned the VM's role when the alarm fired ("" when not clustered)
 */
public record Firing(String alarm, String vm, Instant firedAt, Instant evidenceSince, String owner) {
}
