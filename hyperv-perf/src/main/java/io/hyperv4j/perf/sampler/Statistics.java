package io.hyperv4j.perf.sampler;

import java.util.Arrays;

/**
 * Statistics of one counter over a window, as the papers report them: the arithmetic mean of the
 * values sampled in the window, with min, max and percentiles. Unavailable samples are counted,
 * never averaged in as zeros. Percentiles interpolate between closest ranks (Excel PERCENTILE.INC,
 * R type 7). Immutable.
 *
 * @param count       valid samples
 * @param unavailable unavailable samples
 * @param mean        arithmetic mean of the valid samples (NaN when there are none, as every statistic)
 * @param min         smallest valid sample
 * @param max         largest valid sample
 * @param p50         median
 * @param p90         90th percentile
 * @param p95         95th percentile
 * @param p99         99th percentile
 */
public record Statistics(int count, int unavailable, double mean, double min, double max,
                         double p50, double p90, double p95, double p99) {

    /**
     * Statistics of {@code values[0..n)}, skipping NaN (unavailable) entries.
     *
     * @param values the samples
     * @param n      how many of them count
     * @return the statistics
     */
    public static Statistics of(double[] values, int n) {
        double[] v = new double[n];
        int k = 0;
        for (int i = 0; i < n; i++) if (!Double.isNaN(values[i])) v[k++] = values[i];
        int missing = n - k;
        if (k == 0) return new Statistics(0, missing, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        Arrays.sort(v, 0, k);
        double sum = 0;
        for (int i = 0; i < k; i++) sum += v[i];
        return new Statistics(k, missing, sum / k, v[0], v[k - 1],
                percentile(v, k, 50), percentile(v, k, 90), percentile(v, k, 95), percentile(v, k, 99));
    }

    /**
     * Statistics of all of {@code values}, skipping NaN entries.
     *
     * @param values the samples
     * @return the statistics
     */
    public static Statistics of(double... values) {
        return of(values, values.length);
    }

    /**
     * The p-th percentile (0..100) of sorted {@code sorted[0..k)}.
     *
     * @param sorted values in ascending order
     * @param k      how many of them count (at least 1)
     * @param p      the percentile, 0 to 100
     * @return the interpolated value
     * @throws IllegalArgumentException if {@code p} is outside 0..100
     */
    public static double percentile(double[] sorted, int k, double p) {
        if (p < 0 || p > 100) throw new IllegalArgumentException("percentile must be within 0..100, was " + p);
        double rank = p / 100.0 * (k - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(lo + 1, k - 1);
        return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * Whether any sample was valid.
     *
     * @return true when count is positive
     */
    public boolean hasValues() {
        return count > 0;
    }
}
