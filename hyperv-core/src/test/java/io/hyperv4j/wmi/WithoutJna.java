package io.hyperv4j.wmi;

import java.io.File;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * The test class path without JNA, in a class loader of its own: what an application that leaves out
 * the optional JNA dependency runs with. Any JNA class a code path touches fails to load here, so a
 * test running that path proves it needs no JNA. Shared with hyperv-perf through the test jar.
 */
public final class WithoutJna extends URLClassLoader {

    public WithoutJna() {
        super(urls(), ClassLoader.getPlatformClassLoader());
    }

    private static URL[] urls() {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (new File(entry).getName().startsWith("jna")) continue;
            try {
                urls.add(new File(entry).toURI().toURL());
            } catch (MalformedURLException e) {
                throw new UncheckedIOException(e);
            }
        }
        return urls.toArray(URL[]::new);
    }

    /** True once a class of that name was loaded through this loader. */
    public boolean loaded(String name) {
        return findLoadedClass(name) != null;
    }

    /**
     * Calls a static method of a class loaded here and returns what it threw (null if nothing),
     * unwrapped from reflection.
     */
    public Throwable thrownBy(String className, String method, Class<?>[] types, Object... args) throws ReflectiveOperationException {
        try {
            var m = Class.forName(className, true, this).getDeclaredMethod(method, types);
            m.setAccessible(true); // package-private methods: this loader's package is not the caller's
            m.invoke(null, args);
            return null;
        } catch (InvocationTargetException e) {
            return e.getCause();
        }
    }
}
