package io.hyperv4j.backup.vss.internal;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;

/**
 * The seam under the VSS requester: the vssapi, ole32 and oleaut32 functions it calls and raw vtable
 * calls on interface pointers. {@link #windows()} is the real thing; tests pass a recording fake, so
 * the requester's COM discipline (every interface released exactly once, every BSTR freed) is checked
 * off Windows. Every function declared here and every {@link VssMethod} is checked against the
 * Wine and mingw-w64 headers by the conformance test.
 */
interface VssNative {

    /** vssapi.dll (vsbackup.h): CreateVssBackupComponents and VssFreeSnapshotProperties are inline wrappers of these. */
    interface VssApi extends StdCallLibrary {
        int CreateVssBackupComponentsInternal(PointerByReference backup);

        void VssFreeSnapshotPropertiesInternal(Pointer prop);
    }

    /** ole32.dll (objbase.h). */
    interface Ole32 extends StdCallLibrary {
        int CoInitializeEx(Pointer reserved, int coInit);

        int CoInitializeSecurity(Pointer securityDescriptor, int authServices, Pointer authServiceList, Pointer reserved1,
                                 int authnLevel, int impLevel, Pointer authList, int capabilities, Pointer reserved3);

        void CoUninitialize();
    }

    /** oleaut32.dll (oleauto.h). */
    interface OleAut32 extends StdCallLibrary {
        Pointer SysAllocString(WString text);

        void SysFreeString(Pointer bstr);
    }

    VssApi vssapi();

    Ole32 ole32();

    OleAut32 oleAut32();

    /** Calls {@code method} on the interface pointer {@code object}; {@code args} exclude {@code this}. */
    int invoke(Pointer object, VssMethod method, Object[] args);

    /** The Windows libraries, loaded when the COM thread first calls them. */
    static VssNative windows() {
        return Windows.INSTANCE;
    }

    /** The real DLLs. */
    final class Windows implements VssNative {
        static final Windows INSTANCE = new Windows();

        private Windows() {}

        /** Holder, so nothing native loads before the COM thread asks. */
        private static final class Dlls {
            static final VssApi VSSAPI = Native.load("VssApi", VssApi.class);
            static final Ole32 OLE32 = Native.load("Ole32", Ole32.class);
            static final OleAut32 OLEAUT32 = Native.load("OleAut32", OleAut32.class);
        }

        @Override
        public VssApi vssapi() {
            return Dlls.VSSAPI;
        }

        @Override
        public Ole32 ole32() {
            return Dlls.OLE32;
        }

        @Override
        public OleAut32 oleAut32() {
            return Dlls.OLEAUT32;
        }

        @Override
        public int invoke(Pointer object, VssMethod method, Object[] args) {
            return io.hyperv4j.wmi.VtableCall.invoke(object, method.index(), args);
        }
    }
}
