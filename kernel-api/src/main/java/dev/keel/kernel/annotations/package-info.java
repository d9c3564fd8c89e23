/**
 * Markers of how stable a public type is: {@link dev.keel.kernel.annotations.Stable} or {@link
 * dev.keel.kernel.annotations.Evolving}. Every public type of Keel's public packages carries one of
 * them (a test checks).
 */
package dev.keel.kernel.annotations;
