package io.hyperv4j.perf.judge;

/** How bad a breached threshold is. */
public enum Severity {
    INFORMATION,
    WARNING,
    CRITICAL
}
