/**
 * Backups of the store and their restore: every Texium collection written as MongoDB Extended JSON lines into a
 * gzip file kept in {@link io.texium.scheduler.files.control.StoredFiles} (so every instance lists and serves it),
 * with a manifest of counts and a SHA-256; a restore merges or replaces and makes every instance re-read what it
 * keeps in memory (timers, the job index, the inactive users).
 */
package io.texium.scheduler.backups;
