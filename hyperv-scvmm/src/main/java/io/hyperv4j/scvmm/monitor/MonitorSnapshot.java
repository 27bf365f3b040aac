package io.hyperv4j.scvmm.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An alarm table's whole state at one instant, for saving it with a lab and restoring it
 * ({@link AlarmTable#snapshot()}, {@link AlarmTable#restore}): the alarms with their state and next
 * poll, the bindings, the history, and the work scheduled but not done yet (results on their way to
 * the alarm, actions waiting for their dispatch, actions running). Probes and threshold feeds are
 * code, so they are not in it: the restorer supplies the probes again.
 *
 * @param alarms   the alarms, in the order they were added
 * @param bindings the bindings, in the order they were made
 * @param history  the history, oldest first
 * @param reports  probe results not yet reported to their alarm
 * @param pending  actions waiting for their turn or running
 */
public record MonitorSnapshot(List<AlarmState> alarms, List<BindingState> bindings, List<MonitorEvent> history, List<Report> reports,
                              List<PendingAction> pending) {
    /**
     * Copies the lists.
     *
     * @param alarms   the alarms
     * @param bindings the bindings
     * @param history  the history
     * @param reports  probe results on their way
     * @param pending  actions waiting or running
     */
    public MonitorSnapshot {
        alarms = List.copyOf(alarms);
        bindings = List.copyOf(bindings);
        history = List.copyOf(history);
        reports = List.copyOf(reports);
        pending = List.copyOf(pending);
    }

    /**
     * One alarm.
     *
     * @param name     its name
     * @param source   where its results come from
     * @param vm       the VM it watches
     * @param abnormal whether it is raised
     * @param since    when it last changed (null if never)
     * @param lastGood when the last good result was observed
     * @param interval a probe's pause between attempts (null for a threshold alarm)
     * @param timeout  a probe's longest attempt (null for a threshold alarm)
     * @param nextPoll when a probe's next attempt starts (null for a threshold alarm)
     */
    public record AlarmState(String name, Alarm.Source source, String vm, boolean abnormal, Instant since, Instant lastGood,
                             Duration interval, Duration timeout, Instant nextPoll) {
        /**
         * Checks the values.
         *
         * @param name     its name
         * @param source   where its results come from
         * @param vm       the VM it watches
         * @param abnormal whether it is raised
         * @param since    when it last changed
         * @param lastGood when the last good result was observed
         * @param interval a probe's pause between attempts
         * @param timeout  a probe's longest attempt
         * @param nextPoll when a probe's next attempt starts
         */
        public AlarmState {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(lastGood, "lastGood");
            if (source == Alarm.Source.PROBE && (interval == null || timeout == null || nextPoll == null))
                throw new IllegalArgumentException("probe alarm " + name + " needs its interval, timeout and next poll");
        }
    }

    /**
     * One binding.
     *
     * @param alarm   the alarm's name
     * @param vm      the VM the action acts on
     * @param action  the action
     * @param guarded whether a role move is guarded
     */
    public record BindingState(String alarm, String vm, MonitorAction action, boolean guarded) {
    }

    /**
     * A probe result on its way to its alarm.
     *
     * @param at         when it reaches the alarm
     * @param alarm      the alarm's name
     * @param ok         whether the probe succeeded
     * @param observedAt when the attempt started
     * @param detail     the probe's detail
     */
    public record Report(Instant at, String alarm, boolean ok, Instant observedAt, String detail) {
    }

    /**
     * An action of a firing that has not ended: waiting for its dispatch, or running the step at
     * {@code step}, the path of indices into nested {@link MonitorAction.Sequence}
     * and {@link MonitorAction.Fallback} actions.
     *
     * @param binding     the binding's index in {@link #bindings()}
     * @param firing      the firing it reacts to
     * @param at          when a waiting action starts; when a running step started
     * @param running     whether a step runs (else the action waits for its dispatch)
     * @param step        the running step's path (empty for an action that is one step, or while waiting)
     * @param carried     a failed fallback's reason, by the fallback's path joined with '.', while its alternative runs
     * @param ownerBefore the role's owner when a running move started ("" otherwise)
     */
    public record PendingAction(int binding, Firing firing, Instant at, boolean running, List<Integer> step, Map<String, String> carried, String ownerBefore) {
        /**
         * Copies the collections.
         *
         * @param binding     the binding's index
         * @param firing      the firing
         * @param at          when it starts or started
         * @param running     whether a step runs
         * @param step        the running step's path
         * @param carried     failed fallbacks' reasons
         * @param ownerBefore the role's owner before a running move
         */
        public PendingAction {
            Objects.requireNonNull(firing, "firing");
            Objects.requireNonNull(at, "at");
            step = List.copyOf(step);
            carried = Map.copyOf(carried);
            ownerBefore = ownerBefore == null ? "" : ownerBefore;
        }
    }
}
