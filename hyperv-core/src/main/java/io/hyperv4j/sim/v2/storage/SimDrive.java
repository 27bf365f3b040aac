package io.hyperv4j.sim.v2.storage;

import java.nio.file.Path;

/**
 * A synthetic disk drive with its virtual hard disk: drive RASD {@code id}, disk SASD
 * {@code diskId}, the controller it sits on and its slot, and the file the guest writes to now
 * ({@code current}: the attached file, or the newest differencing disk after a checkpoint).
 */
public final class SimDrive {
    private final String id;
    private final String diskId;
    private final String controllerId;
    private final int address;
    private Path current;

    public SimDrive(String id, String diskId, String controllerId, int address, Path current) {
        this.id = id;
        this.diskId = diskId;
        this.controllerId = controllerId;
        this.address = address;
        this.current = current;
    }

    public String id() { return id; }
    public String diskId() { return diskId; }
    public String controllerId() { return controllerId; }
    public int address() { return address; }
    public Path current() { return current; }
    void current(Path p) { this.current = p; }
}
