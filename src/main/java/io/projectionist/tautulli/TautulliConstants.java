package io.projectionist.tautulli;

import org.apache.camel.spi.Metadata;

/** Message headers read and written by the {@code tautulli:} component. */
public final class TautulliConstants {

    @Metadata(label = "producer", description = "The API command to call instead of the endpoint's (consumed by the call,"
              + " so a later tautulli: producer in the route runs its own command)", javaType = "String")
    public static final String COMMAND = "CamelTautulliCommand";

    @Metadata(description = "The API command that produced the body (set on every result)", javaType = "String")
    public static final String RESULT_COMMAND = "CamelTautulliResultCommand";

    @Metadata(label = "producer", description = "API parameters (name to value) merged over the endpoint's options",
              javaType = "java.util.Map<String, Object>")
    public static final String PARAMS = "CamelTautulliParams";

    /** Prefix of single-parameter headers: {@code CamelTautulliParam.rating_key = 5006}. */
    @Metadata(label = "producer", description = "Prefix of headers that each set one API parameter, e.g. CamelTautulliParam.rating_key",
              javaType = "String")
    public static final String PARAM_PREFIX = "CamelTautulliParam.";

    @Metadata(description = "The envelope's message (e.g. 'Session terminated.'), when Tautulli sent one", javaType = "String")
    public static final String MESSAGE = "CamelTautulliMessage";

    @Metadata(label = "consumer", description = "When the poll was made (epoch milliseconds)", javaType = "long")
    public static final String POLLED_AT = "CamelTautulliPolledAt";

    @Metadata(label = "consumer", description = "tautulli:history: the row offset of this page", javaType = "int")
    public static final String HISTORY_START = "CamelTautulliHistoryStart";

    @Metadata(label = "consumer", description = "tautulli:history: rows this poll reads in all (Tautulli's recordsFiltered)",
              javaType = "Long")
    public static final String HISTORY_TOTAL = "CamelTautulliHistoryTotal";

    @Metadata(label = "consumer", description = "tautulli:history: true when more pages of this poll follow (false on"
              + " the poll's last page), so a sink can keep the last day open until it is complete",
              javaType = "Boolean")
    public static final String HISTORY_MORE = "CamelTautulliHistoryMore";

    private TautulliConstants() {
    }
}
