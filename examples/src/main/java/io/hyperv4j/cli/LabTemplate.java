package io.hyperv4j.cli;

import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;

/**
 * A kind of lab {@code hyperv lab new --template NAME} can create. Found with
 * {@link java.util.ServiceLoader}: add a class and a line in
 * {@code META-INF/services/io.hyperv4j.cli.LabTemplate} (a cluster template, say).
 */
public interface LabTemplate {

    /** As typed after --template: lower case, no spaces. */
    String name();

    /** One line for {@code hyperv lab templates}. */
    String description();

    /** A fresh lab on {@code clock}, every random choice drawn from {@code seed}. */
    Lab create(long seed, SimClock clock);
}
