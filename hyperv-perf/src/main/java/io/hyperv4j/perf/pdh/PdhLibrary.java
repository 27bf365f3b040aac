package io.hyperv4j.perf.pdh;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;

/**
 * The pdh.dll functions this package calls, by their exported (wide) names, so the binding is one
 * list the conformance test checks against pdh.h and tests can replace with a recording fake.
 * Handles (PDH_HQUERY, PDH_HCOUNTER) are pointers; strings are UTF-16 ({@link WString}, {@code char[]}
 * buffers); BOOL and DWORD are {@code int}.
 */
interface PdhLibrary extends StdCallLibrary {
    int PDH_MORE_DATA = 0x800007D2;
    /** PERF_DETAIL_WIZARD (winperf.h): every object and counter. */
    int PERF_DETAIL_WIZARD = 400;

    int PdhOpenQueryW(WString dataSource, Pointer userData, PointerByReference query);

    int PdhAddEnglishCounterW(Pointer query, WString path, Pointer userData, PointerByReference counter);

    int PdhCollectQueryDataWithTime(Pointer query, LongByReference timestamp);

    int PdhGetRawCounterValue(Pointer counter, IntByReference type, PdhStructures.RawCounter value);

    int PdhGetCounterTimeBase(Pointer counter, LongByReference timeBase);

    int PdhCloseQuery(Pointer query);

    int PdhEnumObjectsW(WString dataSource, WString machine, char[] objects, IntByReference length, int detail, int refresh);

    int PdhEnumObjectItemsW(WString dataSource, WString machine, WString object, char[] counters, IntByReference counterLength,
                            char[] instances, IntByReference instanceLength, int detail, int flags);

    /** pdh.dll, loaded on first use (Windows only). */
    static PdhLibrary windows() {
        return Holder.INSTANCE;
    }

    /** Defers loading until a Windows source asks. */
    final class Holder {
        static final PdhLibrary INSTANCE = Native.load("pdh", PdhLibrary.class);

        private Holder() {}
    }
}
