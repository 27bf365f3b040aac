package io.hyperv4j.cluster.sim;

import java.time.Duration;
import java.time.Instant;

/**
 * What one finished move did, for tests and reports: outcome, timing, outage, and the guest
 * memory digests on the source at the pause and on the destination at the resume.
 *
 * @param outcome COMPLETED, CANCELLED, FAILED or FAILOVER
 * @param network the live-migration network used, or empty
 */
public record MigrationRecord(String group, String vmId, String kind, String source, String destination,
                              Instant started, Instant ended, Duration outage, String outcome, String detail,
                              long sourceDigest, long destinationDigest, String network) {
    public Duration duration() {
        return Duration.between(started, ended);
    }
}
