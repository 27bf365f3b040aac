package io.hyperv4j.scvmm.monitor;

import java.time.Instant;

/**
 * An alarm of the table as it is now.
 *
 * @param name     its name
 * @param source   where its results come from
 * @param vm       the VM it watches ("" when it is not about one VM)
 * @param abnormal whether it is raised
 * @param since    when it last changed (null if never)
 */
public record Alarm(String name, Source source, String vm, boolean abnormal, Instant since) {
    /** Where an alarm's results come from. */
    public enum Source {
        /** A probe run every N seconds by the table. */
        PROBE,
        /** A threshold alarm of the perf module. */
        THRESHOLD
    }
}
