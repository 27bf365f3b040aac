/**
 * Long-running Hyper-V work as handles. {@link io.hyperv4j.job.MethodCall} invokes a method and
 * reads its return value (0 done, 4096 job, anything else a typed exception per
 * {@link io.hyperv4j.job.ReturnCodes}); {@link io.hyperv4j.job.Operation} is what callers hold:
 * progress, await with a finite timeout, cancel, a CompletableFuture. Job completion is pushed by
 * {@code __InstanceModificationEvent} subscriptions, never polled.
 */
package io.hyperv4j.job;
