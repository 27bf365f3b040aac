package io.hyperv4j;

import io.hyperv4j.cim.CimSession;
import io.hyperv4j.spi.Credentials;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to connect: credentials (none = the current identity), the bound on each CIM call, and the
 * default wait for long operations. Every default is finite.
 *
 * <pre>{@code HyperV.connect(uri, ConnectOptions.builder().callTimeout(Duration.ofSeconds(30)).build());}</pre>
 *
 * @param credentials      whom to connect as; empty for the current identity
 * @param callTimeout      the bound on each single CIM call (query, get, invoke)
 * @param operationTimeout the default wait for a long operation (job) before {@link HyperVTimeoutException}
 */
public record ConnectOptions(Optional<Credentials> credentials, Duration callTimeout, Duration operationTimeout) {
    /** Default wait for a long operation (job) before {@link HyperVTimeoutException}. */
    public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofMinutes(15);

    /**
     * Validates: a null {@code credentials} means none; both timeouts must be positive.
     *
     * @param credentials      whom to connect as; empty or null for the current identity
     * @param callTimeout      the bound on each single CIM call
     * @param operationTimeout the default wait for a long operation
     * @throws IllegalArgumentException when a timeout is zero or negative
     * @throws NullPointerException     when a timeout is null
     */
    public ConnectOptions {
        credentials = credentials == null ? Optional.empty() : credentials;
        callTimeout = positive(callTimeout, "callTimeout");
        operationTimeout = positive(operationTimeout, "operationTimeout");
    }

    /**
     * The current identity, {@link CimSession#DEFAULT_TIMEOUT} per call and
     * {@link #DEFAULT_OPERATION_TIMEOUT} per operation.
     *
     * @return the default options
     */
    public static ConnectOptions defaults() {
        return builder().build();
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    private static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(what + " must be positive, got " + d);
        return d;
    }

    /** Builds {@link ConnectOptions}; not thread-safe (use one per thread). */
    public static final class Builder {
        private Credentials credentials;
        private Duration callTimeout = CimSession.DEFAULT_TIMEOUT;
        private Duration operationTimeout = DEFAULT_OPERATION_TIMEOUT;

        private Builder() {}

        /**
         * Whom to connect as (default: the current identity).
         *
         * @param credentials the credentials, or null for the current identity
         * @return this builder
         */
        public Builder credentials(Credentials credentials) { this.credentials = credentials; return this; }

        /**
         * The bound on each single CIM call (query, get, invoke); default {@link CimSession#DEFAULT_TIMEOUT}.
         *
         * @param callTimeout a positive duration (checked by {@link #build()})
         * @return this builder
         */
        public Builder callTimeout(Duration callTimeout) { this.callTimeout = callTimeout; return this; }

        /**
         * The default wait of {@code Operation.await()} and of blocking helpers such as
         * {@code vms().create}; default {@link ConnectOptions#DEFAULT_OPERATION_TIMEOUT}.
         *
         * @param operationTimeout a positive duration (checked by {@link #build()})
         * @return this builder
         */
        public Builder operationTimeout(Duration operationTimeout) { this.operationTimeout = operationTimeout; return this; }

        /**
         * The options set so far.
         *
         * @return the options
         * @throws IllegalArgumentException when a timeout is zero or negative
         */
        public ConnectOptions build() {
            return new ConnectOptions(Optional.ofNullable(credentials), callTimeout, operationTimeout);
        }
    }
}
