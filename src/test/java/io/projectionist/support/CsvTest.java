package io.projectionist.support;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTest {

    @Test
    void quotesOnlyTheCellsThatNeedItAndEndsEveryRowWithLf() {
        String csv = Csv.of(List.of(
                List.of("title", "plays"),
                Arrays.asList("Alien, Director's Cut", 3L),
                Arrays.asList("The \"Thing\"", null),
                Arrays.asList("two\nlines", 7)));
        assertThat(csv).isEqualTo("title,plays\n"
                + "\"Alien, Director's Cut\",3\n"
                + "\"The \"\"Thing\"\"\",\n"
                + "\"two\nlines\",7\n");
        assertThat(csv).doesNotContain("\r");
    }

    @Test
    void aCarriageReturnInsideACellIsQuotedToo() {
        StringBuilder sb = new StringBuilder();
        Csv.appendCell(sb, "a\rb");
        assertThat(sb).hasToString("\"a\rb\"");
    }
}
