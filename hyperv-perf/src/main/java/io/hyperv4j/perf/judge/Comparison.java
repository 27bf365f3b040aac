package io.hyperv4j.perf.judge;

/** How a value is compared with its limit. */
public enum Comparison {
    /** Breached when the value is at least the limit ({@code >=}). */
    AT_LEAST(">="),
    /** Breached when the value is above the limit ({@code >}). */
    ABOVE(">"),
    /** Breached when the value is at most the limit ({@code <=}). */
    AT_MOST("<="),
    /** Breached when the value is below the limit ({@code <}). */
    BELOW("<");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    /**
     * The operator as rules are written.
     *
     * @return {@code >=}, {@code >}, {@code <=} or {@code <}
     */
    public String symbol() {
        return symbol;
    }

    /**
     * Whether {@code value} breaches {@code limit}.
     *
     * @param value the counter's value
     * @param limit the limit
     * @return whether it is on the wrong side
     */
    public boolean breached(double value, double limit) {
        return switch (this) {
            case AT_LEAST -> value >= limit;
            case ABOVE -> value > limit;
            case AT_MOST -> value <= limit;
            case BELOW -> value < limit;
        };
    }

    /**
     * Whether the value is back on the safe side by more than {@code band} (hysteresis).
     *
     * @param value the counter's value
     * @param limit the limit
     * @param band  the hysteresis band, in the value's unit
     * @return whether the alarm may clear
     */
    public boolean cleared(double value, double limit, double band) {
        return switch (this) {
            case AT_LEAST, ABOVE -> value < limit - band;
            case AT_MOST, BELOW -> value > limit + band;
        };
    }

    /**
     * The comparison written as {@code s}.
     *
     * @param s {@code >=}, {@code >}, {@code <=} or {@code <}
     * @return the comparison
     * @throws IllegalArgumentException for any other text
     */
    public static Comparison parse(String s) {
        for (Comparison c : values()) if (c.symbol.equals(s)) return c;
        throw new IllegalArgumentException("unknown comparison '" + s + "'; use >=, >, <= or <");
    }
}
