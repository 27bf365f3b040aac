package io.hyperv4j.cli;

import java.util.Locale;

/** Sizes as PowerShell writes them: {@code 512MB}, {@code 2GB}, {@code 1TB}, or plain bytes. Binary units. */
public final class Sizes {
    private Sizes() {}

    public static long parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        String digits = t;
        for (String[] u : new String[][] {{"KB", "10"}, {"MB", "20"}, {"GB", "30"}, {"TB", "40"}, {"B", "0"}}) {
            if (t.endsWith(u[0])) {
                unit = 1L << Integer.parseInt(u[1]);
                digits = t.substring(0, t.length() - u[0].length()).trim();
                break;
            }
        }
        if (!digits.matches("\\d{1,18}"))
            throw new IllegalArgumentException("'" + text + "' is not a size like 512MB, 2GB or a byte count");
        long n = Long.parseLong(digits);
        if (n > Long.MAX_VALUE / unit) throw new IllegalArgumentException("'" + text + "' is too large");
        return n * unit;
    }

    /** {@code 2147483648} as {@code 2GB}, {@code 1536MB}; exact, never rounded. */
    public static String format(long bytes) {
        String[] units = {"TB", "GB", "MB", "KB"};
        int[] shifts = {40, 30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            long u = 1L << shifts[i];
            if (bytes != 0 && bytes % u == 0) return bytes / u + units[i];
        }
        return bytes + "B";
    }
}
