package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSecurity;
import io.hyperv4j.vm.VmSecuritySettings;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code hyperv vm security VM [--key-protector FILE] [--tpm on|off] [--encrypt on|off]}: Get-VMSecurity,
 * after Set-VMKeyProtector (the file's bytes) and Enable-/Disable-VMTPM or Set-VMSecurity when asked.
 */
final class VmSecurityCommand {
    private VmSecurityCommand() {}

    static final Verb VERB = Verb.of("security", "VM [--key-protector FILE] [--tpm on|off] [--encrypt on|off] (Get-VMSecurity, Set-VMKeyProtector, Enable-VMTPM)")
            .arg("NAME")
            .option("--key-protector", "FILE", "set the key protector to the file's bytes first")
            .option("--tpm", "on|off", "add or remove the virtual TPM (the VM must be off)")
            .option("--encrypt", "on|off", "encrypt state and migration traffic");

    static void run(ParsedArgs args, CommandContext ctx) {
        VirtualMachine vm = VmNoun.find(ctx, args.arg("NAME"));
        VmSecurity security = vm.security();
        if (args.option("--key-protector").isPresent()) security.setKeyProtector(read(args.option("--key-protector").get()));
        VmSecuritySettings s = security.settings();
        if (args.option("--tpm").isPresent()) s = s.withTpm(onOff(args.option("--tpm").get(), "--tpm"));
        if (args.option("--encrypt").isPresent()) s = s.withEncryptedStateAndMigrationTraffic(onOff(args.option("--encrypt").get(), "--encrypt"));
        if (!s.equals(security.settings())) security.modify(s);
        VmSecuritySettings now = security.settings();
        int keyBytes = security.keyProtector().length;
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("VMName", vm.lastKnownName()).put("TpmEnabled", now.tpmEnabled())
                .put("KsdEnabled", now.ksdEnabled()).put("Shielded", now.shieldingRequested())
                .put("EncryptStateAndVmMigrationTraffic", now.encryptStateAndMigrationTraffic())
                .put("VirtualizationBasedSecurityOptOut", now.vbsOptOut()).put("KeyProtectorBytes", keyBytes);
        StringBuilder text = new StringBuilder();
        o.fields().forEachRemaining(e -> text.append(String.format("%-34s: %s%n", e.getKey(), e.getValue().asText())));
        ctx.output().result(o, text.toString().stripTrailing());
    }

    private static byte[] read(String file) {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
            throw new UsageException("cannot read the key protector file '" + file + "': " + e.getMessage());
        }
    }

    private static boolean onOff(String v, String option) {
        if (v.equalsIgnoreCase("on")) return true;
        if (v.equalsIgnoreCase("off")) return false;
        throw new UsageException(option + " takes on or off, not '" + v + "'");
    }
}
