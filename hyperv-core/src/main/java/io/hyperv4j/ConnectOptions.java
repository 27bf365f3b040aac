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
 */
public record ConnectOptions(Optional<Credentials> credentials, Duration callTimeout, Duration operationTimeout) {
    /** Default wait for a long operation (job) before {@link HyperVTimeoutException}. */
    public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofMinutes(15);

    public ConnectOptions {
        credentials = credentials == null ? Optional.empty() : credentials;
        callTimeout = positive(callTimeout, "callTimeout");
        operationTimeout = positive(operationTimeout, "operationTimeout");
    }

    public static ConnectOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    private static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(what + " must be positive, got " + d);
        return d;
    }

    public static final class Builder {
        private Credentials credentials;
        private Duration callTimeout = CimSession.DEFAULT_TIMEOUT;
        private Duration operationTimeout = DEFAULT_OPERATION_TIMEOUT;

        private Builder() {}

        public Builder credentials(Credentials credentials) { this.credentials = credentials; return this; }
        /** The bound on each single CIM call (query, get, invoke). */
        public Builder callTimeout(Duration callTimeout) { this.callTimeout = callTimeout; return this; }
        /** The default wait of {@code Operation.await()} and of blocking helpers such as {@code vms().create}. */
        public Builder operationTimeout(Duration operationTimeout) { this.operationTimeout = operationTimeout; return this; }

        public ConnectOptions build() {
            return new ConnectOptions(Optional.ofNullable(credentials), callTimeout, operationTimeout);
        }
    }
}
