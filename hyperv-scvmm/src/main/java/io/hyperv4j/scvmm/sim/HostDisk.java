package io.hyperv4j.scvmm.sim;

/** A SAN disk as a host's disk management shows it: its number and the LU behind it. */
public final class HostDisk {
    final String array;
    final int lu;
    final int number;
    boolean online;

    HostDisk(String array, int lu, int number, boolean online) {
        this.array = array;
        this.lu = lu;
        this.number = number;
        this.online = online;
    }

    public String array() { return array; }
    public int lu() { return lu; }
    public int number() { return number; }
    public boolean online() { return online; }
}
