package io.hyperv4j.vm;

import io.hyperv4j.cim.ElementName;
import java.util.Objects;

/**
 * What to create: an immutable description checked on construction against Hyper-V's documented
 * limits, so a bad spec fails with {@link IllegalArgumentException} before anything reaches the host.
 *
 * <pre>{@code VmSpec spec = VmSpec.builder("web01").processors(2).memoryMb(2048).generation(2).build();}</pre>
 *
 * @param name       the VM's ElementName: 1..100 characters, no control characters (not unique in Hyper-V)
 * @param processors virtual processors, 1..240
 * @param memoryMb   startup memory in MB, at least 32 and a multiple of 2
 * @param generation 1 or 2
 * @param notes      free text shown in Hyper-V Manager, may be empty
 */
public record VmSpec(String name, int processors, long memoryMb, int generation, String notes) {
    public static final int MAX_NAME_LENGTH = ElementName.MAX_LENGTH;
    public static final int MAX_PROCESSORS = 240;
    public static final long MIN_MEMORY_MB = 32;

    public VmSpec {
        checkName(name);
        checkProcessors(processors);
        checkMemory(memoryMb);
        if (generation != 1 && generation != 2)
            throw new IllegalArgumentException("VM generation must be 1 or 2, got " + generation);
        notes = notes == null ? "" : notes;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    static void checkName(String name) {
        ElementName.problem("VM name", name).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
    }

    static void checkProcessors(int processors) {
        if (processors < 1 || processors > MAX_PROCESSORS)
            throw new IllegalArgumentException("processor count must be 1.." + MAX_PROCESSORS + ", got " + processors);
    }

    static void checkMemory(long memoryMb) {
        if (memoryMb < MIN_MEMORY_MB || memoryMb % 2 != 0)
            throw new IllegalArgumentException("memory must be at least " + MIN_MEMORY_MB + " MB and a multiple of 2 MB, got " + memoryMb + " MB");
    }

    public static final class Builder {
        private final String name;
        private int processors = 1;
        private long memoryMb = 1024;
        private int generation = 2;
        private String notes = "";

        private Builder(String name) {
            this.name = name;
        }

        public Builder processors(int processors) { this.processors = processors; return this; }
        public Builder memoryMb(long memoryMb) { this.memoryMb = memoryMb; return this; }
        public Builder generation(int generation) { this.generation = generation; return this; }
        public Builder notes(String notes) { this.notes = Objects.requireNonNullElse(notes, ""); return this; }

        public VmSpec build() {
            return new VmSpec(name, processors, memoryMb, generation, notes);
        }
    }
}
