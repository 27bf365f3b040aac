package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.vm.DvdDrive;
import io.hyperv4j.vm.VirtualMachine;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code hyperv vm dvd VM [--insert ISO | --eject]}: Set-VMDvdDrive -Path (or -Path $null), then the
 * drive as Get-VMDvdDrive names it (VMName, Path; DvdMediaType ISO or None).
 */
final class VmDvdCommand {
    private VmDvdCommand() {}

    static final Verb VERB = Verb.of("dvd", "Show, insert or eject the DVD drive's ISO (Get-VMDvdDrive, Set-VMDvdDrive -Path)")
            .arg("NAME")
            .option("--insert", "ISO", "the ISO file to insert")
            .flag("--eject", "take the ISO out");

    static void run(ParsedArgs args, CommandContext ctx) {
        VirtualMachine vm = VmNoun.find(ctx, args.arg("NAME"));
        Optional<String> insert = args.option("--insert");
        if (insert.isPresent() && args.flag("--eject")) throw new UsageException("vm", "vm dvd: give --insert ISO or --eject, not both");
        DvdDrive dvd = vm.dvdDrive();
        insert.ifPresent(iso -> dvd.insert(Path.of(iso)));
        if (args.flag("--eject")) dvd.eject();
        Optional<String> media = dvd.media();
        ObjectNode j = JsonNodeFactory.instance.objectNode().put("ComputerName", ctx.computerName()).put("VMName", vm.lastKnownName());
        j.put("DvdMediaType", media.isPresent() ? "ISO" : "None");
        j.put("Path", media.orElse(null));
        ctx.output().result(j, vm.lastKnownName() + ": DVD drive " + media.map(p -> "holds " + p).orElse("is empty"));
    }
}
