package io.hyperv4j.wmi;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.util.ArrayList;
import java.util.List;

/** An IEnumWbemClassObject pointer (Next is vtable index 4). */
final class NativeEnumerator implements WbemEnumerator {
    private static final int NEXT = 4;
    private final NativeCom.ComPtr ptr;

    NativeEnumerator(NativeCom.ComPtr ptr) {
        this.ptr = ptr;
    }

    @Override
    public Batch next(int max, long timeoutMillis) {
        Pointer[] objects = new Pointer[max];
        IntByReference returned = new IntByReference();
        int timeout = (int) Math.min(Integer.MAX_VALUE, Math.max(0, timeoutMillis));
        int hr = NativeCom.checkWbem(ptr.call(NEXT, timeout, max, objects, returned), "IEnumWbemClassObject::Next");
        List<WbemObject> out = new ArrayList<>(returned.getValue());
        for (int i = 0; i < returned.getValue(); i++) out.add(NativeWbemObject.wrap(objects[i]));
        Status status = hr == WmiErrors.WBEM_S_TIMEDOUT ? Status.TIMED_OUT
                : hr == WmiErrors.WBEM_S_FALSE && out.size() < max ? Status.DONE : Status.MORE;
        return new Batch(out, status);
    }

    @Override
    public void close() {
        ptr.release();
    }
}
