package io.hyperv4j.vhd;

import io.hyperv4j.vhd.block.BlockDisk;
import io.hyperv4j.vhd.io.FileStorage;
import io.hyperv4j.vhd.io.Storage;
import io.hyperv4j.vhd.vhd.VhdDisk;
import io.hyperv4j.vhd.vhdx.VhdxDisk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Merge a child into its parent, and re-point a child at another parent. */
final class Merger {
    private Merger() {
    }

    static Path merge(Path child) {
        Path parentPath;
        try (VirtualDisk c = VirtualDisks.open(child, OpenMode.READ_ONLY)) {
            if (c.type() != VhdType.DIFFERENCING) {
                throw new VhdException(child + ": only a differencing disk can be merged into its parent");
            }
            parentPath = c.parent().orElseThrow().path();
        }
        try (VirtualDisk c = VirtualDisks.open(child, OpenMode.READ_ONLY);
                VirtualDisk p = VirtualDisks.open(parentPath, OpenOptions.of(OpenMode.READ_WRITE)
                        .withParentRoots(parentPath.getParent()))) {
            Converter.copyLayer((BlockDisk) c, p);
        }
        try {
            Files.delete(child);
        } catch (IOException e) {
            throw new VhdException(child + ": merged into " + parentPath + " but could not be deleted: "
                    + e.getMessage(), e);
        }
        return parentPath;
    }

    static void setParent(Path child, Path newParent, OpenOptions options) {
        Path childReal;
        Path parentReal;
        try {
            childReal = child.toRealPath();
            parentReal = newParent.toRealPath();
        } catch (IOException e) {
            throw new VhdException("cannot resolve " + child + " or " + newParent + ": " + e.getMessage(), e);
        }
        // The new parent's own chain must not lead back to the child.
        try (VirtualDisk p = VirtualDisks.open(parentReal, OpenOptions.of(OpenMode.READ_ONLY)
                .withParentRoots(options.parentRoots().toArray(Path[]::new)))) {
            for (VirtualDisk d = p; d != null; d = d.parent().orElse(null)) {
                if (d.path().equals(childReal)) {
                    throw new VhdFormatException(childReal.toString(), "parent locator", "", -1, "new parent "
                            + parentReal + " descends from this disk: the chain would loop");
                }
            }
        }
        Storage storage;
        try {
            storage = FileStorage.open(childReal, false);
        } catch (IOException e) {
            throw new VhdException(child + ": cannot open: " + e.getMessage(), e);
        }
        VhdFormat format = VirtualDisks.detect(childReal);
        if (format == VhdFormat.VHDX) {
            try (VhdxDisk c = VhdxDisk.open(storage, true, candidates -> VirtualDisks.open(parentReal,
                    OpenMode.READ_ONLY), false);
                    VirtualDisk p = VirtualDisks.open(parentReal, OpenMode.READ_ONLY)) {
                c.setParentLocator(VirtualDisks.vhdxLocator(childReal, (VhdxDisk) p));
            }
        } else if (format == VhdFormat.VHD) {
            try (VhdDisk c = VhdDisk.open(storage, true, candidates -> VirtualDisks.open(parentReal,
                    OpenMode.READ_ONLY), false);
                    VirtualDisk p = VirtualDisks.open(parentReal, OpenMode.READ_ONLY)) {
                c.setParent(VirtualDisks.vhdLink(childReal, (VhdDisk) p));
            }
        } else {
            try {
                storage.close();
            } catch (IOException ignored) {
                // nothing was changed
            }
            throw new VhdException(child + ": a raw image has no parent");
        }
    }
}
