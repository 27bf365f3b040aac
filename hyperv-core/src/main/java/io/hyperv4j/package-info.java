/**
 * API: the entry point ({@link io.hyperv4j.HyperV}), the connected host ({@link io.hyperv4j.HyperVHost})
 * from which every capability is reached, connection options, and the exception hierarchy rooted at
 * {@link io.hyperv4j.HyperVException}. Typed Hyper-V objects live in the subpackages
 * ({@code vm}, {@code disk}, {@code job}); transports plug in through {@code spi}.
 */
package io.hyperv4j;
