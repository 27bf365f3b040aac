package io.hyperv4j.scvmm.storage.internal.vds;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A LUN's unmasking list as VDS keeps it (VDS_LUN_PROP.pwszUnmaskingList, IVdsLun::SetMask): the
 * initiators that see the LUN, separated by semicolons; an empty list masks it from everyone.
 * Addresses compare without case, colons or dashes.
 */
record UnmaskingList(List<String> initiators) {
    UnmaskingList {
        initiators = List.copyOf(initiators);
    }

    static UnmaskingList parse(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) for (String s : text.split(";")) if (!s.isBlank()) out.add(s.strip());
        return new UnmaskingList(out);
    }

    private static String key(String address) {
        return address.replace(":", "").replace("-", "").toUpperCase(Locale.ROOT);
    }

    UnmaskingList with(List<String> more) {
        Set<String> keys = new LinkedHashSet<>();
        List<String> out = new ArrayList<>();
        for (String s : initiators) if (keys.add(key(s))) out.add(s);
        for (String s : more) if (keys.add(key(s))) out.add(s);
        return new UnmaskingList(out);
    }

    UnmaskingList without(List<String> gone) {
        Set<String> drop = new LinkedHashSet<>();
        gone.forEach(g -> drop.add(key(g)));
        return new UnmaskingList(initiators.stream().filter(s -> !drop.contains(key(s))).toList());
    }

    String text() {
        return String.join(";", initiators);
    }
}
