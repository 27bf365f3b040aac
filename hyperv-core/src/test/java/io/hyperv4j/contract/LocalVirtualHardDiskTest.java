package io.hyperv4j.contract;

import io.hyperv4j.disk.VirtualHardDisks;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The virtual disk contract against the local engine. */
class LocalVirtualHardDiskTest extends VirtualHardDiskContract {
    @TempDir
    Path dir;

    @Override
    protected VirtualHardDisks disks() {
        return VirtualHardDisks.local();
    }

    @Override
    protected Path dir() {
        return dir;
    }
}
