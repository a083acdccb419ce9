package io.projectionist.tautulli.model;

/** One window of a watch-time command; {@code queryDays} 0 means all time, {@code totalTime} is seconds. */
public record WatchTimeStat(Integer queryDays, Long totalTime, Long totalPlays) {
}
