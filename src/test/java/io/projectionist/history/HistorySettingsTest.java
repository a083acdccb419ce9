package io.projectionist.history;

import io.projectionist.ops.ConfigurationException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** History reads its settings through the one reader: a typo is a configuration error, never a silent false. */
class HistorySettingsTest {

    @Test
    void aBooleanTypoInHistorySettingsIsAConfigurationError(@TempDir Path dir) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            Properties p = new Properties();
            p.setProperty("projectionist.data-dir", dir.resolve("data").toString());
            p.setProperty("projectionist.out-dir", dir.resolve("out").toString());
            p.setProperty("projectionist.history.csv", "yes");
            p.setProperty("projectionist.history.plex-batch-size", "fifty");
            context.getPropertiesComponent().setOverrideProperties(p);
            assertThatThrownBy(() -> new HistoryBeans().configure(context))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("projectionist.history.csv (PROJECTIONIST_HISTORY_CSV)")
                    .hasMessageContaining("'yes'")
                    .hasMessageContaining("projectionist.history.plex-batch-size (PROJECTIONIST_HISTORY_PLEX_BATCH_SIZE)");
        }
    }
}
