package io.hyperv4j.vhd.block;

import io.hyperv4j.vhd.VirtualDisk;
import java.util.List;

/** Opens a differencing disk's parent from its locator's candidate paths, best first. */
@FunctionalInterface
public interface ParentOpener {
    VirtualDisk open(List<String> candidates);
}
