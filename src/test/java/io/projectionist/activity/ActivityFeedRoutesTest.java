package io.projectionist.activity;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The poller's settings: the cron keys of the former per-capability pollers. */
class ActivityFeedRoutesTest {

    @Test
    void theFormerPollerCronsWarnWhenTheyDifferFromTheFeeds() {
        Map<String, String> set = Map.of("projectionist.events.cron", "0/10 * * * * ?",
                "projectionist.policy.cron", "0/30 * * * * ?");
        List<String> warnings = ActivityFeedRoutes.formerCronWarnings(k -> Optional.ofNullable(set.get(k)),
                "0/10 * * * * ?");
        assertThat(warnings).singleElement().asString().startsWith("projectionist.policy.cron = '0/30 * * * * ?'")
                .contains("projectionist.activity.cron");
        assertThat(ActivityFeedRoutes.formerCronWarnings(k -> Optional.empty(), "0/10 * * * * ?")).isEmpty();
    }
}
