package io.hyperv4j.scvmm.sim.guest;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A client running long transaction units against a service, one after another: a unit commits when
 * the service answered for its whole length; a unit the service dropped is rolled back and a new one
 * starts once the service answers again.
 */
public final class LoadClient {
    private final BooleanSupplier answers;
    private final Duration unit;
    private Duration progress = Duration.ZERO;
    private int commits;
    private int rolledBack;

    LoadClient(BooleanSupplier answers, Duration unit) {
        if (unit.isZero() || unit.isNegative()) throw new IllegalArgumentException("a transaction unit must take a positive time, got " + unit);
        this.answers = answers;
        this.unit = unit;
    }

    void tick(Duration step) {
        if (answers.getAsBoolean()) {
            progress = progress.plus(step);
            if (progress.compareTo(unit) >= 0) {
                commits++;
                progress = Duration.ZERO;
            }
        } else if (!progress.isZero()) {
            rolledBack++;
            progress = Duration.ZERO;
        }
    }

    /**
     * Units committed so far.
     *
     * @return the count
     */
    public int commits() {
        return commits;
    }

    /**
     * Units in flight when the service went away (rolled back).
     *
     * @return the count
     */
    public int rolledBack() {
        return rolledBack;
    }
}
