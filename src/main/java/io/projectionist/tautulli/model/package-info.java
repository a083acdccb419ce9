/**
 * Immutable records for Tautulli API v2 responses. Field names are Tautulli's (bound through the snake_case
 * mapper in {@link io.projectionist.support.Json}); rating keys are Strings because Plex does not guarantee they
 * are numeric; numbers are wrapper types because Tautulli sends {@code ""} or {@code null} where a value is absent.
 */
package io.projectionist.tautulli.model;
