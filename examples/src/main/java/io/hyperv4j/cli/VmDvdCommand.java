package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.vm.DvdDrive;
import io.hyperv4j.vm.VirtualMachine;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code hyperv vm dvd VM [--add] [--insert ISO | --eject] [--remove]}: Add-VMDvdDrive (generation 2),
 * Set-VMDvdDrive -Path (or -Path $null), Remove-VMDvdDrive, then the drive as Get-VMDvdDrive names it
 * (VMName, Path; DvdMediaType ISO or None).
 */
final class VmDvdCommand {
    private VmDvdCommand() {}

    static final Verb VERB = Verb.of("dvd", "Show, insert or eject the DVD drive's ISO (Get-VMDvdDrive, Set-VMDvdDrive -Path)")
            .arg("NAME")
            .option("--insert", "ISO", "the ISO file to insert")
            .flag("--eject", "take the ISO out")
            .flag("--add", "first add a DVD drive on a free SCSI slot (Add-VMDvdDrive, generation 2, VM off)")
            .flag("--remove", "remove the DVD drive (Remove-VMDvdDrive, VM off)");

    static void run(ParsedArgs args, CommandContext ctx) {
        VirtualMachine vm = VmNoun.find(ctx, args.arg("NAME"));
        Optional<String> insert = args.option("--insert");
        if (insert.isPresent() && args.flag("--eject")) throw new UsageException("vm", "vm dvd: give --insert ISO or --eject, not both");
        DvdDrive dvd = vm.dvdDrive();
        if (args.flag("--add")) dvd.add();
        insert.ifPresent(iso -> dvd.insert(Path.of(iso)));
        if (args.flag("--eject")) dvd.eject();
        if (args.flag("--remove")) {
            dvd.remove();
            ctx.output().result(JsonNodeFactory.instance.objectNode().put("ComputerName", ctx.computerName()).put("VMName", vm.lastKnownName())
                    .put("Removed", true), vm.lastKnownName() + ": DVD drive removed");
            return;
        }
        Optional<String> media = dvd.media();
        ObjectNode j = JsonNodeFactory.instance.objectNode().put("ComputerName", ctx.computerName()).put("VMName", vm.lastKnownName());
        j.put("DvdMediaType", media.isPresent() ? "ISO" : "None");
        j.put("Path", media.orElse(null));
        ctx.output().result(j, vm.lastKnownName() + ": DVD drive " + media.map(p -> "holds " + p).orElse("is empty"));
    }
}
