package io.hyperv4j.wmi;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.util.ArrayList;
import java.util.List;

/** An IEnumWbemClassObject pointer. */
final class NativeEnumerator implements WbemEnumerator {
    private final NativeCom.ComPtr ptr;

    NativeEnumerator(NativeCom.ComPtr ptr) {
        this.ptr = ptr;
    }

    @Override
    public Batch next(int max, long timeoutMillis) {
        Pointer[] objects = new Pointer[max];
        IntByReference returned = new IntByReference();
        int hr = ptr.com().checkWbem(ptr.call(ComMethod.NEXT, NativeNamespace.millis(timeoutMillis), max, objects, returned),
                "IEnumWbemClassObject::Next");
        List<WbemObject> out = new ArrayList<>(returned.getValue());
        for (int i = 0; i < returned.getValue(); i++) out.add(ptr.com().object(objects[i]));
        Status status = hr == WmiErrors.WBEM_S_TIMEDOUT ? Status.TIMED_OUT
                : hr == WmiErrors.WBEM_S_FALSE && out.size() < max ? Status.DONE : Status.MORE;
        return new Batch(out, status);
    }

    @Override
    public void close() {
        ptr.release();
    }
}
