package io.hyperv4j.winapi;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Guid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The compiled classes of a binding package, found on disk next to an anchor class, so a
 * conformance test sees every binding class, including one added tomorrow.
 */
public final class BindingClasses {
    private BindingClasses() {}

    /** Every top-level and nested class compiled into the package of {@code anchor} (main classes only). */
    public static List<Class<?>> inPackageOf(Class<?> anchor) {
        try {
            Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            String pkg = anchor.getPackageName();
            Path dir = root.resolve(pkg.replace('.', '/'));
            List<Class<?>> out = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (!name.endsWith(".class") || name.equals("package-info.class")) continue;
                    out.add(Class.forName(pkg + "." + name.substring(0, name.length() - 6), false, anchor.getClassLoader()));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Every constant that could be a Windows value: static final int, long, short, {@link Pointer}
     * or {@link Guid.GUID} fields with UPPER_CASE names (or IID_x / CLSID_x), keyed {@code SimpleClass.FIELD} (nested
     * classes as {@code Outer$Inner}).
     */
    public static Map<String, Object> constants(List<Class<?>> classes) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Class<?> c : classes) {
            for (Field f : c.getDeclaredFields()) {
                int m = f.getModifiers();
                if (!Modifier.isStatic(m) || !Modifier.isFinal(m) || f.isSynthetic() || !f.getName().matches("[A-Z][A-Z0-9_]*|(?:IID|CLSID)_\\w+")) continue;
                Class<?> t = f.getType();
                if (t != int.class && t != long.class && t != short.class && !Pointer.class.isAssignableFrom(t)
                        && !Guid.GUID.class.isAssignableFrom(t)) continue;
                try {
                    f.setAccessible(true);
                    out.put(c.getName().substring(c.getPackageName().length() + 1) + "." + f.getName(), f.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return out;
    }
}
