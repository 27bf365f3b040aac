package io.hyperv4j.wmi;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * A raw COM call: the function at slot {@code index} of the interface pointer's vtable, called with
 * the pointer as {@code this}. Shared by the native bindings (WMI here, VSS in hyperv-backup); each
 * checks its slots against the Windows headers. Not part of the library's API.
 */
public final class VtableCall {
    private VtableCall() {}

    /**
     * Calls slot {@code index} of {@code object}'s vtable.
     *
     * @param object the interface pointer
     * @param index  the vtable slot (IUnknown's three methods are 0..2)
     * @param args   the arguments after {@code this}
     * @return the HRESULT (or ULONG, for AddRef and Release)
     */
    public static int invoke(Pointer object, int index, Object[] args) {
        Pointer vtable = object.getPointer(0);
        Function f = Function.getFunction(vtable.getPointer((long) index * Native.POINTER_SIZE), Function.ALT_CONVENTION);
        Object[] withThis = new Object[args.length + 1];
        withThis[0] = object;
        System.arraycopy(args, 0, withThis, 1, args.length);
        return f.invokeInt(withThis);
    }
}
