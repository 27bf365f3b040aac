package io.hyperv4j.scvmm.monitor.spi;

import io.hyperv4j.cluster.MigrationType;
import io.hyperv4j.job.Operation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the alarm table's actions run on: the management server's view of a VM's clustered role and
 * the operations it can start. {@link io.hyperv4j.scvmm.monitor.ClusterManagementServer} implements it
 * over a failover cluster (on Windows and on a simulated lab alike).
 */
public interface ManagementServer {
    /**
     * Whether the server manages a VM by that name.
     *
     * @param vm the VM's name
     * @return whether it exists
     */
    boolean hasVm(String vm);

    /**
     * The node that owns the VM's role now.
     *
     * @param vm the VM's name
     * @return the owner, empty when the VM is not clustered
     */
    Optional<String> owner(String vm);

    /**
     * Whether a move or failover of the VM's role is under way now.
     *
     * @param vm the VM's name
     * @return whether it is moving
     */
    boolean moving(String vm);

    /**
     * Owner changes of the VM's role the cluster logged at or after {@code since} (failovers and moves).
     *
     * @param vm    the VM's name
     * @param since the start of the window
     * @return the times of the changes, oldest first
     */
    List<Instant> ownerChangesSince(String vm, Instant since);

    /**
     * Fails the VM's role over to another node (a quick migration to the first other possible owner).
     *
     * @param vm the VM's name
     * @return the failover, yielding the new owner
     */
    Operation<?> failover(String vm);

    /**
     * Moves the VM's role to another node by {@code type}.
     *
     * @param vm   the VM's name
     * @param type live or quick
     * @return the move, yielding the new owner
     */
    Operation<?> migrate(String vm, MigrationType type);

    /**
     * Restarts the VM (turn off and start): the guest boots again.
     *
     * @param vm the VM's name
     * @return the restart, yielding the VM's node
     */
    Operation<?> restart(String vm);

    /**
     * Starts a service in the VM's guest (remote service control).
     *
     * @param vm      the VM's name
     * @param service the service's name
     * @return the start, yielding the service's name once it was asked to start
     */
    Operation<?> startService(String vm, String service);

    /**
     * Stops a service in the VM's guest gracefully (remote service control).
     *
     * @param vm      the VM's name
     * @param service the service's name
     * @return the stop, yielding the service's name once it was asked to stop
     */
    Operation<?> stopService(String vm, String service);

    /**
     * Runs a script on the management server; by default as a local process ({@link io.hyperv4j.scvmm.monitor.ScriptRun}).
     *
     * @param commandLine the command and its arguments
     * @param environment variables describing the alarm (HV_ALARM, HV_VM)
     * @return the run, yielding the exit code (a non-zero exit fails it)
     */
    default Operation<?> runScript(List<String> commandLine, java.util.Map<String, String> environment) {
        return io.hyperv4j.scvmm.monitor.ScriptRun.start(commandLine, environment);
    }
}
