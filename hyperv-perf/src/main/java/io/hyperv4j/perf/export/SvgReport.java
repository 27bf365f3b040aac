package io.hyperv4j.perf.export;

import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.judge.HostFacts;
import io.hyperv4j.perf.judge.ThresholdRule;
import io.hyperv4j.perf.judge.ThresholdRules;
import io.hyperv4j.perf.sampler.Statistics;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A report of a sampled window as one SVG document: a chart per counter (object and counter name),
 * one line per host and instance, with axes, tick labels, a title, a legend carrying each line's
 * mean, min, max and 95th percentile, and the threshold as a dashed line when a rule applies.
 * Unavailable samples leave gaps. Stateless and thread-safe.
 */
public final class SvgReport {
    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f"};
    private static final int WIDTH = 860, CHART_H = 250, LEFT = 90, RIGHT = 240, TOP = 40, BOTTOM = 40;

    private SvgReport() {
    }

    /**
     * Renders the report.
     *
     * @param title  the document title
     * @param series the lines; series of the same object and counter share a chart
     * @param rules  the threshold rules, or null for no threshold lines
     * @param facts  the host facts a rule's limit needs, by machine name, or null for no threshold lines
     * @param zone   the zone of the time axis
     * @return the SVG document
     */
    public static String render(String title, List<Series> series, ThresholdRules rules, Function<String, HostFacts> facts, ZoneId zone) {
        Map<String, List<Series>> charts = new LinkedHashMap<>();
        for (Series s : series) {
            charts.computeIfAbsent(s.path().object() + "\\" + s.path().counter(), k -> new ArrayList<>()).add(s);
        }
        int height = 50 + charts.size() * (CHART_H + TOP + BOTTOM);
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n");
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        b.append("<text x=\"").append(WIDTH / 2).append("\" y=\"28\" font-size=\"18\" text-anchor=\"middle\" font-weight=\"bold\">")
                .append(xml(title)).append("</text>\n");
        int y0 = 50;
        for (Map.Entry<String, List<Series>> e : charts.entrySet()) {
            chart(b, e.getKey(), e.getValue(), rules, facts, zone, y0);
            y0 += CHART_H + TOP + BOTTOM;
        }
        return b.append("</svg>\n").toString();
    }

    private static void chart(StringBuilder b, String name, List<Series> lines, ThresholdRules rules, Function<String, HostFacts> facts,
                              ZoneId zone, int y0) {
        int plotW = WIDTH - LEFT - RIGHT;
        int top = y0 + TOP;
        long tMin = Long.MAX_VALUE, tMax = Long.MIN_VALUE;
        double vMax = 0, vMin = 0;
        for (Series s : lines) {
            for (int i = 0; i < s.values().length; i++) {
                tMin = Math.min(tMin, s.timesMillis()[i]);
                tMax = Math.max(tMax, s.timesMillis()[i]);
                if (!Double.isNaN(s.values()[i])) {
                    vMax = Math.max(vMax, s.values()[i]);
                    vMin = Math.min(vMin, s.values()[i]);
                }
            }
        }
        Double threshold = null;
        if (rules != null && !lines.isEmpty()) {
            CounterPath p = lines.get(0).path();
            for (ThresholdRule r : rules.applicableTo(p)) {
                HostFacts f = facts == null ? null : facts.apply(p.machine());
                if (f != null) {
                    threshold = r.limit().value(f);
                    break;
                }
            }
        }
        if (threshold != null && threshold <= Math.max(vMax, 1e-12) * 3) vMax = Math.max(vMax, threshold);
        double step = niceStep((vMax - vMin) / 5);
        double yTop = step * Math.ceil(vMax / step);
        double yBottom = step * Math.floor(vMin / step);
        if (yTop <= yBottom) yTop = yBottom + step;
        if (tMin == Long.MAX_VALUE) {
            tMin = 0;
            tMax = 1;
        }
        if (tMax == tMin) tMax = tMin + 1;
        final long t0 = tMin, t1 = tMax;
        final double lo = yBottom, hi = yTop;
        java.util.function.LongToDoubleFunction x = t -> LEFT + (double) (t - t0) / (t1 - t0) * plotW;
        java.util.function.DoubleUnaryOperator y = v -> top + CHART_H - (v - lo) / (hi - lo) * CHART_H;

        b.append("<g>\n<text x=\"").append(LEFT).append("\" y=\"").append(y0 + 24).append("\" font-size=\"14\" font-weight=\"bold\">")
                .append(xml("\\" + name)).append("</text>\n");
        // grid and y axis labels
        for (double v = yBottom; v <= yTop + step / 2; v += step) {
            double yy = y.applyAsDouble(v);
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>\n", LEFT, yy, LEFT + plotW, yy));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>\n", LEFT - 6, yy + 4, xml(label(v))));
        }
        // x axis ticks
        DateTimeFormatter hms = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
        for (int i = 0; i <= 5; i++) {
            long t = t0 + (t1 - t0) * i / 5;
            double xx = x.applyAsDouble(t);
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#000\"/>\n", xx, top + CHART_H, xx, top + CHART_H + 5));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>\n", xx, top + CHART_H + 18,
                    hms.format(Instant.ofEpochMilli(t).atZone(zone))));
        }
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>\n", LEFT, top, LEFT, top + CHART_H));
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>\n", LEFT, top + CHART_H, LEFT + plotW, top + CHART_H));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">time (%s)</text>\n",
                LEFT + plotW / 2, top + CHART_H + 34, xml(zone.getId())));
        if (threshold != null && threshold >= yBottom && threshold <= yTop) {
            double ty = y.applyAsDouble(threshold);
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#d62728\" stroke-dasharray=\"6,4\"/>\n",
                    LEFT, ty, LEFT + plotW, ty));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" fill=\"#d62728\" text-anchor=\"end\">threshold %s</text>\n",
                    LEFT + plotW - 4, ty - 4, xml(label(threshold))));
        }
        // lines and legend
        for (int k = 0; k < lines.size(); k++) {
            Series s = lines.get(k);
            String color = COLORS[k % COLORS.length];
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i <= s.values().length; i++) {
                boolean gap = i == s.values().length || Double.isNaN(s.values()[i]);
                if (gap) {
                    if (pts.length() > 0) {
                        b.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"1.5\" points=\"").append(pts.toString().trim()).append("\"/>\n");
                        pts.setLength(0);
                    }
                    continue;
                }
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.applyAsDouble(s.timesMillis()[i]), y.applyAsDouble(s.values()[i])));
            }
            Statistics st = Statistics.of(s.values(), s.values().length);
            int ly = top + 8 + k * 46;
            int lx = LEFT + plotW + 14;
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>\n", lx, ly - 10, color));
            String who = (s.path().machine() == null ? "" : s.path().machine()) + (s.path().instance() == null ? "" : " (" + s.path().instance() + ")");
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>\n", lx + 18, ly, xml(who)));
            String stats = st.hasValues() ? "mean " + label(st.mean()) + "  p95 " + label(st.p95()) : "no values";
            String range = st.hasValues() ? "min " + label(st.min()) + "  max " + label(st.max()) : st.unavailable() + " unavailable";
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"#444\">%s</text>\n", lx + 18, ly + 14, xml(stats)));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"#444\">%s</text>\n", lx + 18, ly + 27, xml(range)));
        }
        b.append("</g>\n");
    }

    static double niceStep(double raw) {
        if (!(raw > 0)) return 1;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return nice * mag;
    }

    static String label(double v) {
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a >= 1e9) return String.format(Locale.ROOT, "%.2fG", v / 1e9);
        if (a >= 1e6) return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        if (a >= 1e4) return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        if (a >= 100) return String.format(Locale.ROOT, "%.1f", v);
        if (a >= 1) return String.format(Locale.ROOT, "%.2f", v);
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
