package io.hyperv4j.cluster;

/**
 * A non-fatal finding about a planned live migration (seed 002, section 5.3 warnings).
 *
 * @param code e.g. LM_NETWORK_IS_CSV_NETWORK, LM_NETWORK_SLOW, LM_NETWORK_IPSEC, PASS_THROUGH_DISKS
 */
public record ValidationWarning(String code, String message) {
}
