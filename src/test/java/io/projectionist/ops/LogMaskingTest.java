package io.projectionist.ops;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The masking rule of log4j2.properties, through the shipped text and JSON layouts: secrets in URLs never reach a
 * log line, what identifies the destination (scheme, host, port, parameter names) stays.
 */
class LogMaskingTest {

    static String format(String appender, String message, Throwable thrown) {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Layout<?> layout = ctx.getConfiguration().getAppender(appender).getLayout();
        Log4jLogEvent event = Log4jLogEvent.newBuilder().setLoggerName("test").setLevel(Level.INFO)
                .setMessage(new SimpleMessage(message)).setThrown(thrown).build();
        return String.valueOf(layout.toSerializable(event));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void webhookPathsUserinfoAndQueryValuesAreMasked(String appender) {
        assertThat(format(appender, "Executing http POST method: https://discord.com/api/webhooks/123456/s3cr3tT0k", null))
                .contains("https://discord.com/api/webhooks/***").doesNotContain("123456").doesNotContain("s3cr3tT0k");
        assertThat(format(appender, "projectionist.webhooks.s.url = https://hooks.slack.com/services/T0AB/B0CD/sL4ck", null))
                .contains("https://hooks.slack.com/***").doesNotContain("T0AB").doesNotContain("sL4ck");
        assertThat(format(appender, "http-outgoing-0 >> \"POST /api/webhooks/42/wIrEtOk HTTP/1.1[\\r][\\n]\"", null))
                .contains("POST /api/webhooks/*** HTTP/1.1").doesNotContain("wIrEtOk");
        assertThat(format(appender, "Producer[http://ops:pAsSwOrD@127.0.0.1:8080/hook?token=qToK&x=1]", null))
                .contains("Producer[http://***@127.0.0.1:8080/hook?token=***&x=***]").doesNotContain("pAsSwOrD")
                .doesNotContain("qToK");
        assertThat(format(appender, "executing POST /hook?token=qToK HTTP/1.1", null))
                .contains("POST /hook?token=*** HTTP/1.1").doesNotContain("qToK");
        assertThat(format(appender, "store jdbc:postgresql://db:5432/plays?user=me&password=pGpAsS", null))
                .contains("jdbc:postgresql://db:5432/plays?user=***&password=***").doesNotContain("pGpAsS");
        // no URL, nothing masked
        assertThat(format(appender, "Route tautulli:activity?scheduler=quartz started; 5 plays", null))
                .contains("tautulli:activity?scheduler=quartz started; 5 plays");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void exceptionsAreMaskedToo(String appender) {
        String line = format(appender, "delivery failed",
                new IOException("Connect to https://discord.com/api/webhooks/77/eXcEpTiOnToK failed"));
        assertThat(line).contains("delivery failed").contains("https://discord.com/api/webhooks/***")
                .contains("java.io.IOException").doesNotContain("eXcEpTiOnToK");
    }
}
