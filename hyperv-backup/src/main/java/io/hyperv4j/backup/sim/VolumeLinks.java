package io.hyperv4j.backup.sim;

import io.hyperv4j.scvmm.sim.SanLab;
import io.hyperv4j.scvmm.sim.SimLu;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimVm;
import java.util.ArrayList;
import java.util.List;

/**
 * The storage links a protection job's bytes cross on the lab's fabric where they are read or
 * written: a VM's volume as the cluster names it (its CSV or cluster disk, what its guests'
 * redirected I/O and its saves cross; the host's local disks for a VM on neither) and, when the
 * volume is an array's LU, that LU's link (what the LU's pair copies and a SAN transfer cross), so a
 * job shares the volume with every other move on it. Each link is created when no flow made it yet.
 */
final class VolumeLinks {
    private final Lab lab;

    VolumeLinks(Lab lab) {
        this.lab = lab;
    }

    /** The links of the volume holding the VM's files. */
    List<String> ofVm(SimVm vm) {
        List<String> links = new ArrayList<>(List.of(lab.fabric().vmStorageLink(vm)));
        String lu = luOf(vm.id());
        if (lu != null && !links.contains(lu)) links.add(lu);
        return List.copyOf(links);
    }

    /** The links of a deleted VM's volume: the array LU the SAN recorded its files on, else the host's local disks. */
    List<String> ofDeleted(String vmId, String host) {
        String lu = luOf(vmId);
        return lu != null ? List.of(lu) : local(host);
    }

    /** A host's local disks (a folder on the host). */
    List<String> local(String host) {
        return List.of(lab.fabric().localStorageLink(host));
    }

    /** The link of the array LU holding the VM's files, or null when they are on no LU (or the lab has no SAN). */
    private String luOf(String vmId) {
        SanLab san;
        try {
            san = SanLab.of(lab);
        } catch (IllegalStateException e) { // no SAN simulator in this lab
            return null;
        }
        return san.read(m -> {
            for (var a : m.arrays().values())
                for (SimLu l : a.lus().values())
                    if (l.vmFiles().contains(vmId)) return m.luLink(a, l.number());
            return null;
        });
    }
}
