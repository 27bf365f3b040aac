package io.hyperv4j.sim;

/**
 * A kind of lab {@link Lab#fromTemplate(String, long)}, the {@code sim:template:NAME} URI and
 * {@code hyperv lab new --template NAME} can create. Found with {@link java.util.ServiceLoader}:
 * a module adds a class and a line in {@code META-INF/services/io.hyperv4j.sim.LabTemplate}
 * (hyperv-cluster registers the seed papers' clusters this way).
 */
public interface LabTemplate {

    /** As typed after --template: lower case, no spaces. */
    String name();

    /** One line for {@code hyperv lab templates}. */
    String description();

    /** A fresh lab on {@code clock}, every random choice drawn from {@code seed}: the same lab for the same seed. */
    Lab create(long seed, SimClock clock);
}
