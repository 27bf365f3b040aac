package io.hyperv4j.substrate;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** The numbers validation-at-the-door properties throw at a setting: NaN, infinities, zeros, negatives, huge and tiny values, and ordinary ones. */
public final class HostileNumbers {
    private HostileNumbers() {
    }

    /**
     * Hostile doubles.
     *
     * @return the arbitrary
     */
    public static Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, -1.0,
                        Double.MIN_VALUE, Double.MAX_VALUE, 1e-300, 1e300),
                Arbitraries.doubles().between(-1e15, 1e15));
    }
}
