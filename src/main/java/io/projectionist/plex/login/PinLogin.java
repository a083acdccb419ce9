package io.projectionist.plex.login;

import io.projectionist.plex.PlexClient;
import io.projectionist.plex.PlexException;
import io.projectionist.plex.model.PlexSection;
import io.projectionist.plex.model.PlexServer;
import io.projectionist.support.SecretFiles;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.Locale;

/**
 * Gets a Plex token onto disk, verified against the configured server, without the token ever being printed.
 * <ol>
 *   <li>{@link #start()}: creates a plex.tv PIN, saves it as {@code <data-dir>/plex-pin.json} (0600) and prints the
 *       auth URL the user opens to sign in.</li>
 *   <li>{@link #finish()}: polls the PIN (every {@code pollInterval}; on 429 the interval doubles and a
 *       {@code Retry-After} is never cut short) until it carries a token, the PIN expires or {@code timeout} passes;
 *       then verifies the token against the Plex server ({@code GET /}, {@code GET /library/sections}) and writes it
 *       to the token file with mode 0600.</li>
 * </ol>
 * {@link #useToken(String)} verifies and saves a token the user already has. Failures throw {@link LoginException}.
 */
public final class PinLogin {

    public static final String CLIENT_ID_FILE = "plex-client-id";
    public static final String DEFAULT_TOKEN_FILE = "plex-token";

    /** Waits between polls; tests record or shorten it. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;

        Sleeper REAL = d -> Thread.sleep(Math.max(0, d.toMillis()));
    }

    /** What a login needs. {@code plexUrl} is the Plex Media Server the token is verified against. */
    public record Settings(String plexUrl, String plexTvUrl, Path dataDir, Path tokenFile, Duration pollInterval,
            Duration timeout, Duration maxBackoff, Duration requestTimeout, boolean allowSharedToken) {

        public Settings {
            Objects.requireNonNull(dataDir, "dataDir");
            plexTvUrl = plexTvUrl == null || plexTvUrl.isBlank() ? PlexTvClient.DEFAULT_BASE_URL : plexTvUrl.strip();
            tokenFile = tokenFile == null ? dataDir.resolve(DEFAULT_TOKEN_FILE) : tokenFile;
            pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
            timeout = timeout == null ? Duration.ofSeconds(120) : timeout;
            maxBackoff = maxBackoff == null ? Duration.ofSeconds(60) : maxBackoff;
            requestTimeout = requestTimeout == null ? Duration.ofSeconds(20) : requestTimeout;
            if (pollInterval.isNegative() || pollInterval.isZero()) {
                throw new IllegalArgumentException("the poll interval must be positive");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the timeout must be positive");
            }
        }

        public Path pinFile() {
            return dataDir.resolve(PinState.FILE_NAME);
        }

        public Path clientIdFile() {
            return dataDir.resolve(CLIENT_ID_FILE);
        }
    }

    /** A token that Plex accepted, and where it was saved. */
    public record Verified(String serverName, String serverVersion, List<PlexSection> sections, Path tokenFile) {
    }

    private final Settings settings;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Clock clock;
    private final Sleeper sleeper;

    public PinLogin(Settings settings, PrintWriter out, PrintWriter err, Clock clock, Sleeper sleeper) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.out = out;
        this.err = err;
        this.clock = clock == null ? Clock.systemUTC() : clock;
        this.sleeper = sleeper == null ? Sleeper.REAL : sleeper;
    }

    public Settings settings() {
        return settings;
    }

    /** The login started by {@link #start()} and not finished yet, if any. */
    public Optional<PinState> pending() {
        return PinState.load(settings.pinFile());
    }

    // ---- step 1 ------------------------------------------------------------------------------------------------

    /** Creates a PIN, saves it and prints the auth URL. */
    public PinState start() {
        requirePlexUrl();
        PlexTvClient client = plexTv(settings.plexTvUrl(), clientIdentifier());
        Pin pin;
        try {
            pin = client.createPin();
        } catch (PlexTvException e) {
            throw LoginException.failed("could not start the Plex login: " + e.getMessage());
        }
        PinState state = PinState.of(pin, client.baseUrl(), clock.instant());
        try {
            state.save(settings.pinFile());
        } catch (IOException e) {
            throw LoginException.failed("could not save the pending login to " + settings.pinFile() + ": " + e.getMessage());
        }
        out.println("Open this link in a browser and sign in with the Plex account that owns the server:");
        out.println();
        out.println("  " + client.authUrl(pin.code()));
        out.println();
        if (state.expiresAt() != null) {
            out.println("The link works until " + state.expiresAt().truncatedTo(ChronoUnit.SECONDS) + " ("
                    + human(Duration.between(clock.instant(), state.expiresAt())) + ").");
        }
        out.println("Pending login saved to " + settings.pinFile() + ".");
        out.println("After signing in, run `projectionist login` again to finish.");
        out.flush();
        return state;
    }

    // ---- step 2 ------------------------------------------------------------------------------------------------

    /** Waits for the pending PIN to be authorised, then verifies and saves the token. */
    public Verified finish() {
        requirePlexUrl();
        PinState state = pending().orElseThrow(() -> LoginException.failed(
                "no pending login in " + settings.pinFile() + "; run `projectionist login` (or `login start`) first"));
        if (state.isExpired(clock.instant())) {
            discard(state);
            throw LoginException.failed(expiredMessage(state.expiresAt()));
        }
        String plexTvUrl = state.plexTvUrl() == null ? settings.plexTvUrl() : state.plexTvUrl();
        PlexTvClient client = plexTv(plexTvUrl, state.clientIdentifier());
        if (state.code() != null) {
            out.println("Not signed in yet? Open: " + client.authUrl(state.code()));
        }
        String token = poll(client, state);
        out.println("Signed in at plex.tv.");
        Verified v;
        try {
            v = verifyAndSave(token, state.clientIdentifier());
        } catch (LoginException e) {
            if (e.getCause() instanceof PlexException pe
                    && (pe.getKind() == PlexException.Kind.UNAUTHORIZED || pe.getKind() == PlexException.Kind.FORBIDDEN)) {
                discard(state); // the wrong account signed in: only a new PIN helps
            }
            throw e;
        }
        discard(state);
        return v;
    }

    private String poll(PlexTvClient client, PinState state) {
        Instant deadline = clock.instant().plus(settings.timeout());
        Instant expiry = state.expiresAt();
        Duration interval = settings.pollInterval();
        int transientFailures = 0;
        Duration lastRetryAfter = null;
        out.println("Waiting for the sign-in at " + client.baseUrl() + " (up to " + human(settings.timeout())
                + ", polling every " + human(interval) + ")...");
        out.flush();
        while (true) {
            Duration wait;
            try {
                Pin pin = client.checkPin(state.id());
                if (pin.isAuthorized()) {
                    return pin.authToken();
                }
                if (pin.expiresAt() != null) {
                    expiry = pin.expiresAt();
                }
                transientFailures = 0;
                lastRetryAfter = null;
                wait = interval;
            } catch (PlexTvException e) {
                switch (e.getKind()) {
                    case RATE_LIMITED -> {
                        // slow down for good: the interval that drew a 429 would draw more. Double it, and take
                        // a Retry-After as the pace plex.tv wants (never waiting less than it asked)
                        lastRetryAfter = e.getRetryAfter();
                        Duration doubled = interval.multipliedBy(2);
                        interval = min(settings.maxBackoff(), lastRetryAfter != null
                                && lastRetryAfter.compareTo(doubled) > 0 ? lastRetryAfter : doubled);
                        wait = lastRetryAfter != null && lastRetryAfter.compareTo(interval) > 0 ? lastRetryAfter : interval;
                        err.println("plex.tv is rate limiting the polls (HTTP 429"
                                + (lastRetryAfter == null ? "" : ", Retry-After " + human(lastRetryAfter))
                                + "); waiting " + human(wait) + ", then polling every " + human(interval));
                        err.flush();
                    }
                    case NOT_FOUND -> {
                        discard(state);
                        throw LoginException.failed(expiredMessage(expiry));
                    }
                    case SERVER_ERROR, CONNECTION -> {
                        transientFailures++;
                        Duration backoff = min(settings.maxBackoff(),
                                interval.multipliedBy(1L << Math.min(transientFailures, 10)));
                        wait = e.getRetryAfter() != null && e.getRetryAfter().compareTo(backoff) > 0
                                ? e.getRetryAfter() : backoff;
                        err.println(e.getMessage() + "; trying again in " + human(wait));
                        err.flush();
                    }
                    default -> throw LoginException.failed("could not check the Plex login: " + e.getMessage());
                }
            }
            Instant now = clock.instant();
            if (expiry != null && !now.isBefore(expiry)) {
                discard(state);
                throw LoginException.failed(expiredMessage(expiry));
            }
            Instant next = now.plus(wait);
            if (expiry != null && !expiry.isAfter(deadline) && !next.isBefore(expiry)) {
                // the next poll would come too late: nobody signs in to an expired PIN
                sleep(Duration.between(now, expiry));
                discard(state);
                throw LoginException.failed(expiredMessage(expiry));
            }
            if (next.isAfter(deadline)) {
                throw LoginException.failed("not signed in within " + human(settings.timeout())
                        + (lastRetryAfter != null && lastRetryAfter.compareTo(wait) >= 0
                                ? " (plex.tv asked to wait " + human(lastRetryAfter) + " before the next poll)" : "")
                        + "; the link stays valid"
                        + (expiry == null ? "" : " until " + expiry.truncatedTo(ChronoUnit.SECONDS))
                        + ": open it, sign in, then run `projectionist login` again (or raise --timeout)");
            }
            sleep(wait);
        }
    }

    private void sleep(Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LoginException.failed("interrupted while waiting for the sign-in; run `projectionist login` to go on");
        }
    }

    private String expiredMessage(Instant expiry) {
        return "the login PIN expired" + (expiry == null ? "" : " at " + expiry.truncatedTo(ChronoUnit.SECONDS))
                + " before anyone signed in; run `projectionist login` for a new link";
    }

    // ---- direct token ------------------------------------------------------------------------------------------

    /** Verifies a token the user already has against the Plex server, then saves it. */
    public Verified useToken(String token) {
        requirePlexUrl();
        String t = token == null ? "" : token.strip();
        if (t.isEmpty()) {
            throw LoginException.usage("the token is empty");
        }
        if (!t.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw LoginException.usage("that does not look like a Plex token (it has spaces or control characters)");
        }
        return verifyAndSave(t, clientIdentifier());
    }

    // ---- verification ------------------------------------------------------------------------------------------

    private Verified verifyAndSave(String token, String clientId) {
        out.println("Checking the token against the Plex server at " + settings.plexUrl() + "...");
        out.flush();
        PlexClient plex = PlexClient.builder().baseUrl(settings.plexUrl()).token(token).clientIdentifier(clientId)
                .requestTimeout(settings.requestTimeout()).build();
        PlexServer server;
        List<PlexSection> sections;
        try {
            server = plex.server();
            sections = plex.sections();
        } catch (PlexException e) {
            String msg = switch (e.getKind()) {
                case UNAUTHORIZED -> "token rejected by the server: Plex at " + settings.plexUrl()
                        + " answered HTTP 401 (the account that signed in has no access to this server, or the token"
                        + " is wrong or revoked); the token was not saved";
                case FORBIDDEN -> "not the server owner: Plex at " + settings.plexUrl() + " answered HTTP 403; sign in"
                        + " with the account that owns the server; the token was not saved";
                default -> "could not verify the token against Plex at " + settings.plexUrl() + ": " + e.getMessage()
                        + "; the token was not saved";
            };
            throw new LoginException(msg, LoginException.FAILED, e);
        } catch (IllegalArgumentException e) {
            throw LoginException.usage("the Plex server URL '" + settings.plexUrl() + "' is not usable: " + e.getMessage());
        }
        PlexException notOwner = ownerRefusal(plex, sections);
        if (notOwner != null && !settings.allowSharedToken()) {
            throw new LoginException("not the server owner: Plex at " + settings.plexUrl() + " lets this token read"
                    + " the libraries shared with it but answered HTTP " + notOwner.getStatusCode() + " to the owner's"
                    + " endpoints, so it is a shared user's token; the daemon needs the server owner's token (sign in"
                    + " with the account that owns the server); the token was not saved. To save it anyway, pass"
                    + " --allow-shared-token", LoginException.FAILED, notOwner);
        }
        out.println("Plex server: " + nz(server.friendlyName(), "(unnamed)")
                + (server.version() == null ? "" : " (version " + server.version() + ")"));
        out.println(sections.isEmpty() ? "Libraries: none"
                : "Libraries (" + sections.size() + "): " + sections.stream()
                        .map(s -> nz(s.title(), "(untitled)") + (s.type() == null ? "" : " (" + s.type() + ")"))
                        .collect(Collectors.joining(", ")));
        Path file = settings.tokenFile();
        try {
            SecretFiles.write(file, token);
        } catch (IOException e) {
            throw LoginException.failed("the token is good but could not be saved to " + file + ": " + e.getMessage());
        }
        Path abs = file.toAbsolutePath().normalize();
        if (notOwner != null) {
            err.println("warning: saved a shared user's token (--allow-shared-token): Plex answers HTTP "
                    + notOwner.getStatusCode() + " to it on the owner's endpoints, so curation, policies ending streams"
                    + " through Plex and Plex health details will fail; only reads of the shared libraries work");
            err.flush();
        }
        out.println("Saved the Plex token to " + abs + " (mode 0600; the token itself is not shown).");
        out.println("To use it, set plex.token-file = " + abs + " in application.properties,");
        out.println("or export PLEX_TOKEN_FILE=" + abs + " before `projectionist run`.");
        out.flush();
        return new Verified(server.friendlyName(), server.version(), sections, file);
    }

    /**
     * Whether the token is refused on an owner-only endpoint. A shared user's token reads {@code /} and the shared
     * sections like the owner's, so those prove nothing; hub management ({@code GET /hubs/sections/{id}/manage},
     * read-only) is the server owner's alone and answers 403 to anyone else. Null when the owner's endpoint
     * answered, or when it cannot be asked (no section) or failed for another reason (that is not a refusal).
     */
    private static PlexException ownerRefusal(PlexClient plex, List<PlexSection> sections) {
        if (sections.isEmpty()) {
            return null;
        }
        try {
            plex.managedHubs(sections.get(0).id());
            return null;
        } catch (PlexException e) {
            return e.getKind() == PlexException.Kind.FORBIDDEN || e.getKind() == PlexException.Kind.UNAUTHORIZED
                    ? e : null;
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** The persisted client identifier ({@code <data-dir>/plex-client-id}), created on first use. */
    public String clientIdentifier() {
        Path file = settings.clientIdFile();
        try {
            if (Files.isRegularFile(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!id.isEmpty()) {
                    return id;
                }
            }
            String id = "projectionist-" + UUID.randomUUID();
            SecretFiles.write(file, id);
            return id;
        } catch (IOException e) {
            throw LoginException.failed("could not read or create the client identifier " + file + ": " + e.getMessage());
        }
    }

    private PlexTvClient plexTv(String baseUrl, String clientId) {
        try {
            return PlexTvClient.builder().baseUrl(baseUrl).clientIdentifier(clientId)
                    .requestTimeout(settings.requestTimeout()).clock(clock).build();
        } catch (IllegalArgumentException e) {
            throw LoginException.usage("the plex.tv URL '" + baseUrl + "' is not usable: " + e.getMessage());
        }
    }

    private void requirePlexUrl() {
        String url = settings.plexUrl();
        if (url == null || url.isBlank()) {
            throw LoginException.usage("no Plex server to verify the token against: pass --plex-url or set PLEX_URL"
                    + " (plex.url in application.properties)");
        }
        if (!url.strip().matches("(?i)https?://[^/\\s]+.*")) {
            throw LoginException.usage("the Plex server URL '" + url + "' is not an http(s) URL");
        }
    }

    private void discard(PinState state) {
        try {
            Files.deleteIfExists(settings.pinFile());
        } catch (IOException e) {
            err.println("could not delete " + settings.pinFile() + ": " + e.getMessage());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String nz(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }

    /** 2 s, 1 min 30 s, 500 ms. */
    static String human(Duration d) {
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        long ms = d.toMillis();
        if (ms < 1000 && ms % 1000 != 0) {
            return ms + " ms";
        }
        if (ms % 1000 != 0 && ms < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = (ms + 500) / 1000;
        if (s < 120) {
            return s + " s";
        }
        long m = s / 60;
        return m + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
    }
}
