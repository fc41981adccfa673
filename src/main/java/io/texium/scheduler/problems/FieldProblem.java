package io.texium.scheduler.problems;

/** One invalid field of a request: its JSON name and why it was refused. */
public record FieldProblem(String field, String message) {
}
