package io.hyperv4j.perf.pdh;

import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A recording pdh.dll as its documentation describes it: machine names must be null (this
 * computer) or carry their leading backslashes, PdhEnumObjectItems answers from a per-machine
 * cache that only PdhEnumObjects with bRefresh rereads, and buffers follow the size-query protocol
 * (PDH_MORE_DATA with the sizes in characters, MULTI_SZ lists).
 */
final class FakePdh implements PdhLibrary {
    static final int PDH_CSTATUS_NO_MACHINE = 0x800007D0;
    static final int PDH_CSTATUS_NO_OBJECT = 0xC0000BB8;

    /** What the machines have now, by machine name as PDH spells it (null: this computer). */
    final Map<String, Map<String, List<String>>> live = new HashMap<>();
    /** What PDH last read, per machine. */
    private final Map<String, Map<String, List<String>>> cache = new HashMap<>();
    final List<String> calls = new ArrayList<>();

    void set(String machine, String object, String... instances) {
        live.computeIfAbsent(machine, m -> new HashMap<>()).put(object, List.of(instances));
    }

    private String machine(WString m) {
        String name = m == null ? null : m.toString();
        if (name != null && !name.startsWith("\\\\")) return "bad"; // "Include the leading slashes in the computer name"
        return name;
    }

    @Override
    public int PdhEnumObjectsW(WString dataSource, WString machine, char[] objects, IntByReference length, int detail, int refresh) {
        String m = machine(machine);
        calls.add("PdhEnumObjectsW " + m + " refresh=" + refresh);
        if (!live.containsKey(m)) return PDH_CSTATUS_NO_MACHINE;
        if (refresh != 0 || !cache.containsKey(m)) cache.put(m, copy(live.get(m)));
        char[] list = multiSz(new ArrayList<>(cache.get(m).keySet()));
        return fill(list, objects, length);
    }

    @Override
    public int PdhEnumObjectItemsW(WString dataSource, WString machine, WString object, char[] counters, IntByReference counterLength,
                                   char[] instances, IntByReference instanceLength, int detail, int flags) {
        String m = machine(machine);
        calls.add("PdhEnumObjectItemsW " + m + " " + object);
        if (!live.containsKey(m)) return PDH_CSTATUS_NO_MACHINE;
        cache.computeIfAbsent(m, k -> copy(live.get(k))); // a machine seen for the first time is read once
        List<String> items = cache.get(m).get(object.toString());
        if (items == null) return PDH_CSTATUS_NO_OBJECT;
        char[] counterList = multiSz(List.of("% Guest Run Time"));
        char[] instanceList = multiSz(items);
        boolean fits = counters != null && counters.length >= counterList.length && instances != null && instances.length >= instanceList.length;
        counterLength.setValue(counterList.length);
        instanceLength.setValue(instanceList.length);
        if (!fits) return PDH_MORE_DATA;
        System.arraycopy(counterList, 0, counters, 0, counterList.length);
        System.arraycopy(instanceList, 0, instances, 0, instanceList.length);
        return 0;
    }

    private static int fill(char[] list, char[] buffer, IntByReference length) {
        boolean fits = buffer != null && length.getValue() >= list.length;
        length.setValue(list.length);
        if (!fits) return PDH_MORE_DATA;
        System.arraycopy(list, 0, buffer, 0, list.length);
        return 0;
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> m) {
        Map<String, List<String>> c = new HashMap<>();
        m.forEach((k, v) -> c.put(k, List.copyOf(v)));
        return c;
    }

    private static char[] multiSz(List<String> items) {
        StringBuilder b = new StringBuilder();
        for (String i : items) b.append(i).append('\0');
        return b.append('\0').toString().toCharArray();
    }

    // Query functions are not scripted here: PdhCounterSourceTest covers paths, the Windows test the reads.

    @Override
    public int PdhOpenQueryW(WString dataSource, Pointer userData, PointerByReference query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int PdhAddEnglishCounterW(Pointer query, WString path, Pointer userData, PointerByReference counter) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int PdhCollectQueryDataWithTime(Pointer query, LongByReference timestamp) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int PdhGetRawCounterValue(Pointer counter, IntByReference type, PdhStructures.RawCounter value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int PdhGetCounterTimeBase(Pointer counter, LongByReference timeBase) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int PdhCloseQuery(Pointer query) {
        throw new UnsupportedOperationException();
    }
}
