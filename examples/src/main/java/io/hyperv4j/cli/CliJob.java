package io.hyperv4j.cli;

import java.time.Instant;
import java.util.Objects;

/**
 * A cluster operation started with {@code --as-job}, as the tool's job table keeps it (PowerShell
 * keeps such jobs in its session; the tool keeps them with the lab, so a later command follows
 * them). Root\MSCluster has no job object: the operation's state is read from the cluster each time;
 * the record says what was asked, where, and when.
 *
 * @param computerName the host whose session started it
 * @param target       the group, node or volume acted on
 * @param destination  the node it goes to; empty when the cluster chooses
 * @param end          when it was seen to end (the last change of its object seen by a command), or null
 * @param state        Running, Completed, Failed or Stopped (PowerShell's JobState names)
 */
record CliJob(String id, Kind kind, String computerName, String target, String destination, String command,
              Instant begin, Instant end, String state, String error) {
    static final String RUNNING = "Running";
    static final String COMPLETED = "Completed";
    static final String FAILED = "Failed";
    static final String STOPPED = "Stopped";

    /** What the operation is; the name is the job's JobType in the tool's output. */
    enum Kind { ClusterGroupMove, ClusterNodeDrain, ClusterCsvMove }

    CliJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(begin, "begin");
        destination = destination == null ? "" : destination;
        error = error == null ? "" : error;
    }

    boolean running() {
        return state.equals(RUNNING);
    }

    CliJob ended(String newState, Instant at, String why) {
        return new CliJob(id, kind, computerName, target, destination, command, begin, at, newState, why);
    }
}
