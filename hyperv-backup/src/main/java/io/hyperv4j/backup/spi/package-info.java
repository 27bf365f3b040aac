/** What a binding implements behind {@link io.hyperv4j.backup.DataProtection}; users never call it. */
package io.hyperv4j.backup.spi;
