package io.hyperv4j.cim;

/** An active event subscription; closing it stops delivery. Never throws on close. */
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
