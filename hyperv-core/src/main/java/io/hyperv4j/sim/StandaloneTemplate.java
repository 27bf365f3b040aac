package io.hyperv4j.sim;

/** One Hyper-V host, {@value Lab#DEFAULT_HOST}, with 16 logical processors and 64 GB, no VMs. */
public final class StandaloneTemplate implements LabTemplate {
    public static final int LOGICAL_PROCESSORS = 16;
    public static final long MEMORY_MB = 65536;

    @Override
    public String name() {
        return "standalone";
    }

    @Override
    public String description() {
        return "one Hyper-V host " + Lab.DEFAULT_HOST + " (" + LOGICAL_PROCESSORS + " logical processors, "
                + MEMORY_MB / 1024 + " GB), no VMs";
    }

    @Override
    public Lab create(long seed, SimClock clock) {
        return Lab.builder().seed(seed).clock(clock).host(Lab.DEFAULT_HOST, LOGICAL_PROCESSORS, MEMORY_MB).build();
    }
}
