package io.hyperv4j.contract;

import io.hyperv4j.disk.DiskImages;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The virtual disk contract against the local engine. */
class LocalVirtualHardDiskTest extends VirtualHardDiskContract {
    @TempDir
    Path dir;

    @Override
    protected DiskImages disks() {
        return DiskImages.local();
    }

    @Override
    protected Path dir() {
        return dir;
    }
}
