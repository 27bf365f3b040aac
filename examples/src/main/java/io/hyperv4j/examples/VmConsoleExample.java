package io.hyperv4j.examples;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmConsole;
import io.hyperv4j.vm.VmSpec;

/**
 * Driving a running VM's keyboard and mouse, as Virtual Machine Connection does: Ctrl+Alt+Del at
 * the logon screen, a password typed, Enter, then a click on the taskbar. Public API only: the
 * embedded simulator by default, a real host with {@code VmConsoleExample wmi://hv01 VMNAME}.
 */
public final class VmConsoleExample {
    private static final int VK_RETURN = 0x0D, VK_SHIFT = 0x10;

    private VmConsoleExample() {}

    public static void main(String[] args) {
        try (HyperVHost host = args.length > 0 ? HyperV.connect(java.net.URI.create(args[0])) : HyperV.simulator()) {
            boolean own = args.length < 2;
            VirtualMachine vm = own ? host.vms().create(VmSpec.builder("console01").build()) : host.vms().get(args[1]);
            if (own) vm.start().await();
            VmConsole console = vm.console();
            console.typeCtrlAltDel();
            console.typeText("correct horse battery staple");
            console.typeKey(VK_RETURN);
            console.pressKey(VK_SHIFT);
            System.out.println("Shift held (as the left-hand key): " + console.isKeyPressed(0xA0));
            console.releaseKey(VK_SHIFT);
            console.moveMouse(20, 760);
            console.click(1);
            int[] at = console.mousePosition();
            System.out.println("Clicked at " + at[0] + "," + at[1]);
            if (own) {
                vm.stop().await();
                vm.remove().await();
            }
        }
    }
}
