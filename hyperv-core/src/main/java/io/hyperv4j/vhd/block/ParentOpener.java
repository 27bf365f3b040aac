package io.hyperv4j.vhd.block;

import io.hyperv4j.vhd.VirtualDisk;
import java.util.List;

/** Opens a differencing disk's parent from its locator's candidate paths, best first. */
@FunctionalInterface
public interface ParentOpener {
    /**
     * Opens the first candidate that may be opened and exists.
     *
     * @param candidates the paths the child records, best first
     * @return the open parent; the child closes it
     * @throws io.hyperv4j.vhd.VhdException when no candidate can be opened
     */
    VirtualDisk open(List<String> candidates);
}
