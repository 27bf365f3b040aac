package io.hyperv4j.cli;

import io.hyperv4j.cim.CimSession;
import java.nio.file.Path;

/** A simulated lab. (Wired to io.hyperv4j.sim once it lands.) */
final class LabTarget implements Target {
    static LabTarget open(Path file, Environment env) {
        throw new CommandFailedException("the simulator is not available in this build");
    }

    static LabTarget ephemeral(Environment env) {
        throw new CommandFailedException("the simulator is not available in this build");
    }

    @Override public CimSession session() { throw new IllegalStateException(); }
    @Override public String describe() { return "lab"; }
    @Override public void close() {}
}
