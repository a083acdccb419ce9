package io.projectionist.tautulli.model;

/**
 * The answer of a command whose useful part is the envelope's message, e.g. {@code terminate_session}
 * ("Session terminated.") or {@code status} ("Ok").
 */
public record CommandResult(String command, String message) {
}
