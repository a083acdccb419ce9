package io.projectionist.history;

/**
 * Ends a history poll at a page that was parked because Plex failed, so the consumer keeps the watermark before
 * it and the next poll reads the page again. Expected while Plex is down: no stack trace (the park was logged).
 */
public class HistoryPageParkedException extends RuntimeException {

    public HistoryPageParkedException(String reason) {
        super("history page parked, Plex unavailable (" + (reason == null ? "unknown" : reason)
                + "); the watermark stays and the next poll reads the page again", null, false, false);
    }
}
