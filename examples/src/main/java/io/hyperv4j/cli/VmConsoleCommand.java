package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmConsole;
import java.util.Optional;

/**
 * {@code hyperv vm console VM [--type TEXT] [--key VK] [--ctrl-alt-del] [--move X,Y] [--click N]}:
 * input to a running VM's keyboard and mouse, in that order, as Virtual Machine Connection sends it;
 * then where the cursor is.
 */
final class VmConsoleCommand {
    private VmConsoleCommand() {}

    static final Verb VERB = Verb.of("console", "Type text or keys, send Ctrl+Alt+Del, move and click the mouse of a running VM")
            .arg("NAME")
            .option("--type", "TEXT", "text to type (at most 512 characters)")
            .option("--key", "VK", "a virtual-key code to press and release (1..254)")
            .flag("--ctrl-alt-del", "send Ctrl+Alt+Del")
            .option("--move", "X,Y", "move the cursor to pixel X,Y")
            .option("--click", "N", "click button N (1-based) where the cursor is");

    static void run(ParsedArgs args, CommandContext ctx) {
        VirtualMachine vm = VmNoun.find(ctx, args.arg("NAME"));
        VmConsole console = vm.console();
        args.option("--type").ifPresent(console::typeText);
        integer(args.option("--key"), "--key").ifPresent(console::typeKey);
        if (args.flag("--ctrl-alt-del")) console.typeCtrlAltDel();
        args.option("--move").ifPresent(xy -> {
            String[] p = xy.split(",", -1);
            if (p.length != 2) throw new UsageException("vm", "vm console: --move takes X,Y, not '" + xy + "'");
            console.moveMouse(integer(Optional.of(p[0]), "--move X").orElseThrow(), integer(Optional.of(p[1]), "--move Y").orElseThrow());
        });
        integer(args.option("--click"), "--click").ifPresent(console::click);
        int[] at = console.mousePosition();
        ObjectNode j = JsonNodeFactory.instance.objectNode().put("VMName", vm.lastKnownName()).put("MouseX", at[0]).put("MouseY", at[1]);
        ctx.output().result(j, vm.lastKnownName() + ": input sent; the cursor is at " + at[0] + "," + at[1]);
    }

    private static Optional<Integer> integer(Optional<String> v, String what) {
        try {
            return v.map(s -> Integer.parseInt(s.trim()));
        } catch (NumberFormatException e) {
            throw new UsageException("vm", "vm console: " + what + " takes a whole number, not '" + v.orElse("") + "'");
        }
    }
}
