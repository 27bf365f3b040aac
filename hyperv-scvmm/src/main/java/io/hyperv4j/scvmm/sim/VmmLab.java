package io.hyperv4j.scvmm.sim;

import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimProvider;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.VirtualDisk;
import io.hyperv4j.vhd.VirtualDisks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The simulator-side handle on a lab's management server: what its administrator sets up (host
 * groups, each host's OS profile and VM folder, the VDS hardware provider) and the VMs' files.
 * Every change runs under the lab lock.
 */
public final class VmmLab {
    private static final Duration LOCK = Duration.ofMinutes(1);
    private final Lab lab;
    private final VmmProvider provider;

    private VmmLab(Lab lab, VmmProvider provider) {
        this.lab = lab;
        this.provider = provider;
    }

    public static VmmLab of(Lab lab) {
        for (SimProvider p : lab.providers().all())
            if (p instanceof VmmProvider v) return new VmmLab(lab, v);
        throw new IllegalStateException("the management server's simulator provider is not on the class path");
    }

    public Lab lab() {
        return lab;
    }

    VmmProvider provider() {
        return provider;
    }

    public <R> R read(Function<VmmModel, R> body) {
        return lab.read(LOCK, () -> body.apply(provider.model()));
    }

    private void write(java.util.function.Consumer<VmmModel> body) {
        lab.write(LOCK, txn -> {
            body.accept(provider.model());
            return null;
        });
    }

    private void requireHost(String host) {
        if (lab.host(host) == null) throw new IllegalArgumentException("the lab has no host '" + host + "'");
    }

    public VmmLab hostGroup(String group, String... hosts) {
        if (group == null || group.isBlank()) throw new IllegalArgumentException("a host group needs a name");
        for (String h : hosts) requireHost(h);
        write(m -> { for (String h : hosts) m.hostGroup.put(h, group); });
        return this;
    }

    /** The OS profile of a host in no cluster: WS2008, WS2008_R2 or WS2012 (a cluster node runs its cluster profile's). */
    public VmmLab os(String host, String os) {
        requireHost(host);
        if (!List.of("WS2008", "WS2008_R2", "WS2012").contains(os)) throw new IllegalArgumentException("unknown OS profile '" + os + "'");
        write(m -> m.os.put(host, os));
        return this;
    }

    public VmmLab folder(String host, Path folder, long capacityBytes) {
        requireHost(host);
        if (capacityBytes <= 0) throw new IllegalArgumentException("a VM folder's capacity must be positive");
        write(m -> {
            m.folder.put(host, folder.toAbsolutePath().normalize());
            m.capacity.put(host, capacityBytes);
        });
        return this;
    }

    /** Whether the server has a VDS hardware provider installed (SAN transfer needs one that supports the array). */
    public VmmLab hardwareProvider(boolean installed) {
        write(m -> m.hardwareProvider = installed);
        return this;
    }

    /** Whether a management server manages the lab's hosts (without one, {@code host.capability(VirtualMachineManager.class)} is refused). */
    public VmmLab server(boolean present) {
        write(m -> m.server = present);
        return this;
    }

    /** Whether the server can re-map LUs at all. */
    public VmmLab luMapping(boolean available) {
        write(m -> m.luMapping = available);
        return this;
    }

    /**
     * Gives a VM a file in its folder (its LU's when it runs from one, else its host's): a dynamic
     * VHDX of {@code vhdxBytes} virtual size with {@code dataBytes} of pseudo-random data written by
     * the VHD engine (the bytes a network transfer really copies), standing for {@code nominalBytes}
     * of disk; the VM's configuration is {@code configBytes}.
     */
    public Path vmDisk(String vmId, String fileName, long vhdxBytes, int dataBytes, long nominalBytes, long configBytes) {
        return addFile(vmId, fileName, nominalBytes, configBytes, file -> {
            try (VirtualDisk d = VirtualDisks.create(file, DiskSpec.dynamic(io.hyperv4j.vhd.VhdFormat.VHDX, vhdxBytes))) {
                byte[] data = new byte[dataBytes];
                new java.util.Random(vmId.hashCode() ^ fileName.hashCode()).nextBytes(data);
                d.write(ByteBuffer.wrap(data), 0);
                d.flush();
            }
        });
    }

    /** Gives a VM a plain file of {@code bytes} pseudo-random bytes (written 1 MiB at a time), standing for itself: what a benchmark copies. */
    public Path vmFile(String vmId, String fileName, long bytes) {
        return addFile(vmId, fileName, bytes, -1, file -> {
            java.util.Random random = new java.util.Random(bytes);
            byte[] chunk = new byte[1 << 20];
            try (java.io.OutputStream out = Files.newOutputStream(file)) {
                for (long left = bytes; left > 0; left -= chunk.length) {
                    random.nextBytes(chunk);
                    out.write(chunk, 0, (int) Math.min(chunk.length, left));
                }
            }
        });
    }

    private interface FileWriter {
        void write(Path file) throws IOException;
    }

    /** Writes one of the VM's files into its folder and records it ({@code configBytes} below 0: keep the VM's). */
    private Path addFile(String vmId, String fileName, long nominalBytes, long configBytes, FileWriter writer) {
        SimVm vm = lab.read(LOCK, () -> lab.vm(vmId));
        if (vm == null) throw new IllegalArgumentException("the lab has no VM " + vmId);
        Path dir = lab.read(LOCK, () -> {
            VmmModel m = provider.model();
            if (m.filesOf(vm.id()).dir() != null) return m.filesOf(vm.id()).dir();
            HostSan h = provider.engine().san().host(vm.host().name());
            String lu = h == null ? null : h.vmsOnLu.get(vm.id());
            return lu != null ? m.luDir(lu, vm.id()) : m.vmDir(vm.host().name(), vm.id());
        });
        Path file = dir.resolve(fileName);
        try {
            Files.createDirectories(dir);
            writer.write(file);
        } catch (IOException e) {
            throw new UncheckedIOException("creating " + file + ": " + e.getMessage(), e);
        }
        write(m -> {
            String key = vm.id().toUpperCase(Locale.ROOT);
            List<VmmModel.VmFile> files = new ArrayList<>(m.filesOf(key).files());
            files.removeIf(f -> f.name().equals(fileName));
            files.add(new VmmModel.VmFile(fileName, nominalBytes));
            m.files.put(key, new VmmModel.VmFiles(dir, files, configBytes < 0 ? m.filesOf(key).configBytes() : configBytes));
        });
        return file;
    }

    /** The VM's files where they are now, by name. */
    public List<Path> vmFiles(String vmId) {
        return read(m -> m.filesOf(vmId).dir() == null ? List.<Path>of() : m.filesOf(vmId).paths());
    }

    /** The management server's state as text (compare two to prove a refusal changed nothing). */
    public String snapshot() {
        return lab.read(LOCK, () -> {
            com.fasterxml.jackson.databind.node.ObjectNode n = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            provider.save(lab, n);
            return n.toString();
        });
    }
}
