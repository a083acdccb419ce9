package io.projectionist.tautulli.model;

/** A row of {@code get_user_player_stats}; {@code totalTime} in seconds. */
public record PlayerStat(String playerName, String platform, String platformName, Long totalPlays, Long totalTime,
        Integer resultId) {
}
