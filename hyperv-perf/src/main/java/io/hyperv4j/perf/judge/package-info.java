/**
 * API: judging counters against thresholds: rules ({@link io.hyperv4j.perf.judge.ThresholdRules},
 * including the seed papers' sets), a window's findings ({@link io.hyperv4j.perf.judge.ThresholdEvaluator})
 * and live alarms over a sampler's stream ({@link io.hyperv4j.perf.judge.AlarmManager}).
 */
package io.hyperv4j.perf.judge;
