package io.hyperv4j.cluster.migration;

import java.time.Duration;
import java.util.Objects;

/**
 * Unplanned failover: the surviving nodes notice the lost heartbeats, arbitrate the failed node's
 * groups, and start each VM afresh on a possible owner. Nothing of the guest's memory survives;
 * the outage includes a full boot.
 */
public final class FailoverModel {
    private final Parameters p;

    /**
     * A model with these constants.
     *
     * @param parameters the constants
     */
    public FailoverModel(Parameters parameters) {
        this.p = Objects.requireNonNull(parameters, "parameters");
    }

    /**
     * The model with {@link Parameters#CALIBRATED}.
     *
     * @return the model
     */
    public static FailoverModel calibrated() {
        return new FailoverModel(Parameters.CALIBRATED);
    }

    /**
     * The model's constants.
     *
     * @return the parameters
     */
    public Parameters parameters() {
        return p;
    }

    /**
     * From the node's failure until the cluster declares it down (SameSubnetDelay x SameSubnetThreshold).
     *
     * @return the detection time
     */
    public Duration detection() {
        return p.heartbeatDelay().multipliedBy(p.heartbeatThreshold());
    }

    /**
     * From the failure until the VM runs again on another node.
     *
     * @return detection, arbitration and the guest's boot
     */
    public Duration outage() {
        return detection().plus(p.arbitration()).plus(p.guestBoot());
    }

    /**
     * The cold boot of a guest: a Server Core guest boots faster than a full installation (seed 003,
     * section 2.11: Server Core VMs "fail over considerably faster").
     *
     * @param serverCore whether the guest is a Server Core installation
     * @return the boot time of that guest
     */
    public Duration guestBoot(boolean serverCore) {
        return serverCore ? p.serverCoreBoot() : p.guestBoot();
    }

    /**
     * @param heartbeatDelay     interval between heartbeats (the cluster's SameSubnetDelay, 1 s by default)
     * @param heartbeatThreshold missed heartbeats before a node is down (SameSubnetThreshold, 5 by default)
     * @param arbitration        regrouping and bringing the failed node's groups online elsewhere
     * @param guestBoot          cold boot of a full-installation guest to a running state
     * @param serverCoreBoot     cold boot of a Server Core guest, no longer than {@code guestBoot}
     */
    public record Parameters(Duration heartbeatDelay, int heartbeatThreshold, Duration arbitration, Duration guestBoot,
                             Duration serverCoreBoot) {
        /**
         * A 1 s heartbeat, 5 missed beats, 10 s arbitration, a 60 s boot and a 40 s Server Core boot
         * (seed 003 gives no figure, only "considerably faster"; two thirds is this model's choice).
         */
        public static final Parameters CALIBRATED = new Parameters(Duration.ofSeconds(1), 5, Duration.ofSeconds(10),
                Duration.ofSeconds(60), Duration.ofSeconds(40));

        /**
         * Validates the threshold.
         *
         * @param heartbeatDelay     interval between heartbeats
         * @param heartbeatThreshold missed heartbeats before a node is down, at least 1
         * @param arbitration        regrouping and bringing the groups online elsewhere
         * @param guestBoot          cold boot of a full-installation guest
         * @param serverCoreBoot     cold boot of a Server Core guest
         * @throws IllegalArgumentException when the threshold is below 1, or Server Core boots slower than a full installation
         */
        public Parameters {
            Limits.positive("heartbeat delay", Limits.step("heartbeat delay", heartbeatDelay));
            Limits.within("heartbeat threshold", heartbeatThreshold, 1, 1000);
            Limits.step("arbitration", arbitration);
            Limits.step("guest boot", guestBoot);
            Limits.step("Server Core boot", serverCoreBoot);
            if (serverCoreBoot.compareTo(guestBoot) > 0)
                throw new IllegalArgumentException("Server Core boot " + serverCoreBoot + " is longer than the full installation's " + guestBoot);
        }
    }
}
