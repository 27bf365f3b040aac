package io.hyperv4j.examples;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSecurity;
import io.hyperv4j.vm.VmSpec;
import java.net.URI;
import java.security.SecureRandom;

/**
 * A virtual TPM as Set-VMKeyProtector and Enable-VMTPM add it: a key protector set on a generation 2
 * VM, then the TPM enabled with its state and migration traffic encrypted. On a real host the key
 * protector is an HGS key protector's RawData; here any bytes do. Public API only: the embedded
 * simulator by default, a real host with {@code VmSecurityExample wmi://hv01}.
 */
public final class VmSecurityExample {
    private VmSecurityExample() {}

    public static void main(String[] args) {
        try (HyperVHost host = args.length > 0 ? HyperV.connect(URI.create(args[0])) : HyperV.simulator()) {
            VirtualMachine vm = host.vms().create(VmSpec.builder("shielded01").generation(2).build());
            VmSecurity security = vm.security();
            System.out.println("New VM: " + security.settings());
            byte[] protector = new byte[32];
            new SecureRandom().nextBytes(protector);
            security.setKeyProtector(protector);
            security.modify(security.settings().withTpm(true).withEncryptedStateAndMigrationTraffic(true));
            System.out.println("After Enable-VMTPM: TPM " + security.settings().tpmEnabled() + ", encrypted "
                    + security.settings().encryptStateAndMigrationTraffic() + ", key protector of " + security.keyProtector().length + " bytes");
            vm.remove().await();
        }
    }
}
