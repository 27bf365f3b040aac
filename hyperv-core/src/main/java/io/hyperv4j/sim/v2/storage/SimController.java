package io.hyperv4j.sim.v2.storage;

/** A disk controller of a simulated VM: its resource GUID, kind and index among controllers of that kind. */
public record SimController(String id, ControllerKind kind, int index) {
}
