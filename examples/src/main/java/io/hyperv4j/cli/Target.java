package io.hyperv4j.cli;

import io.hyperv4j.cim.CimSession;

/**
 * What a command talks to: a host reached through a transport, or a simulated lab. Opened on first
 * use; {@link #close()} releases the session and, for a lab, saves it (state and clock) atomically.
 */
interface Target extends AutoCloseable {

    /** The session, opened on first call. */
    CimSession session();

    /** For messages: "lab labs/demo.json", "wmi://hv01". Never contains credentials. */
    String describe();

    /** The URI the typed API reports for this host (no credentials). */
    java.net.URI uri();

    @Override
    void close();
}
