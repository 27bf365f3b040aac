package io.hyperv4j.cim;

/** An active event subscription; closing it stops delivery. Never throws on close. Thread-safe. */
public interface Subscription extends AutoCloseable {
    /** Stops delivery; closing twice does nothing. */
    @Override
    void close();
}
