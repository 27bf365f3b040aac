package io.hyperv4j.scvmm.sim;

/** A controller's target port: an FC port (its WWPN) or an iSCSI port (its target IQN). */
public final class SimPort {
    final String id;
    final int controller;
    final String address;
    final boolean iscsi;
    final long bitsPerSecond;

    SimPort(String id, int controller, String address, boolean iscsi, long bitsPerSecond) {
        this.id = id;
        this.controller = controller;
        this.address = address;
        this.iscsi = iscsi;
        this.bitsPerSecond = bitsPerSecond;
    }

    public String id() { return id; }
    public int controller() { return controller; }
    public String address() { return address; }
    public boolean iscsi() { return iscsi; }
    public long bitsPerSecond() { return bitsPerSecond; }
}
