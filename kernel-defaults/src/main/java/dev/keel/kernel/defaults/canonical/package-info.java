/**
 * Canonical text of rows: the one JSON-lines rendering that the shared conformance cases, the
 * {@code keel} tool and the connectors' tests compare results in. Not part of the kernel's API; it
 * lives with the default engine because it renders what the engine reads.
 */
package dev.keel.kernel.defaults.canonical;
