package io.hyperv4j.wmi;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Guid;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;

/**
 * The seam under the binding: the ole32 and oleaut32 functions it calls and raw vtable calls on
 * interface pointers. {@link #windows()} is the real thing; tests pass a recording fake, so the
 * binding's COM discipline (proxy security, every reference released once) is checked off Windows.
 * Every function declared here and every {@link ComMethod} is checked against Wine's headers by
 * the conformance test.
 */
interface ComNative {

    /** ole32.dll (objbase.h). */
    interface Ole32 extends StdCallLibrary {
        int CoInitializeEx(Pointer reserved, int coInit);

        int CoInitializeSecurity(Pointer securityDescriptor, int authServices, Pointer authServiceList, Pointer reserved1,
                                 int authnLevel, int impLevel, Pointer authList, int capabilities, Pointer reserved3);

        void CoUninitialize();

        int CoCreateInstance(Guid.GUID clsid, Pointer outer, int context, Guid.GUID iid, PointerByReference object);

        int CoSetProxyBlanket(Pointer proxy, int authnService, int authzService, Pointer serverPrincipal, int authnLevel,
                              int impLevel, Pointer authInfo, int capabilities);
    }

    /** oleaut32.dll (oleauto.h), declared on raw pointers so no JNA Structure re-syncs our memory. */
    interface OleAut32 extends StdCallLibrary {
        Pointer SysAllocStringLen(char[] chars, int length);

        void SysFreeString(Pointer bstr);

        int VariantClear(Pointer variant);

        Pointer SafeArrayCreateVector(short vt, int lowerBound, int count);

        int SafeArrayAccessData(Pointer array, PointerByReference data);

        int SafeArrayUnaccessData(Pointer array);

        int SafeArrayDestroy(Pointer array);

        int SafeArrayGetLBound(Pointer array, int dim, int[] bound);

        int SafeArrayGetUBound(Pointer array, int dim, int[] bound);

        int GetErrorInfo(int reserved, PointerByReference errorInfo);
    }

    Ole32 ole32();

    OleAut32 oleAut32();

    /** Calls {@code method} on the interface pointer {@code object}; {@code args} exclude {@code this}. */
    int invoke(Pointer object, ComMethod method, Object[] args);

    /** The Windows libraries, loaded on first use (not when a connector is created). */
    static ComNative windows() {
        return Windows.INSTANCE;
    }

    /** The real ole32 and oleaut32; the DLLs load when the COM thread first calls them. */
    final class Windows implements ComNative {
        static final Windows INSTANCE = new Windows();

        private Windows() {}

        /** Holder, so nothing native loads before a Windows session's COM thread asks. */
        private static final class Dlls {
            static final Ole32 OLE32 = Native.load("Ole32", Ole32.class);
            static final OleAut32 OLEAUT32 = Native.load("OleAut32", OleAut32.class);
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
        public int invoke(Pointer object, ComMethod method, Object[] args) {
            return VtableCall.invoke(object, method.index(), args);
        }
    }
}
