package io.texium.scheduler.servers.entity;

/** What the last health check found: {@code unknown} until a check has run (or after the check changed). */
public enum ServerStatus {
    unknown, up, down
}
