package io.hyperv4j.cluster.sim;

import java.time.Duration;

/** A cluster network (MSCluster_Network) with the physical traits migrations depend on. */
public final class SimNetwork {
    /** MSCluster_Network.Role. */
    public static final int ROLE_NONE = 0, ROLE_CLUSTER = 1, ROLE_BOTH = 3;

    final String name;
    final String id;
    int role;
    long metric;
    boolean autoMetric;
    String address;
    String mask = "255.255.255.0";
    double bitsPerSecond = 1e9;
    Duration roundTrip = Duration.ofNanos(200_000);
    boolean ipsec;
    boolean up = true;
    /** The nodes whose interface on this network failed (a dead adapter): the network is partitioned while any has. */
    final java.util.Set<String> failedOn = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    SimNetwork(String name, String id, int role, long metric, boolean autoMetric, String address) {
        this.name = name;
        this.id = id;
        this.role = role;
        this.metric = metric;
        this.autoMetric = autoMetric;
        this.address = address;
    }

    public String name() { return name; }
    public int role() { return role; }
    public long metric() { return metric; }
    public boolean autoMetric() { return autoMetric; }
    public double bitsPerSecond() { return bitsPerSecond; }
    public Duration roundTrip() { return roundTrip; }
    public boolean ipsec() { return ipsec; }
    public boolean isUp() { return up; }
}
