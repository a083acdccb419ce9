package io.projectionist;

import io.projectionist.plex.login.LoginDefaults;
import io.projectionist.plex.login.LoginException;
import io.projectionist.plex.login.PinLogin;
import io.projectionist.plex.login.PinState;
import io.projectionist.plex.login.PlexTvClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code projectionist login}: gets the Plex server owner's token onto disk (mode 0600), verified against the
 * configured server, through plex.tv's PIN flow or from a token the user already has.
 */
@Command(name = "login", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Sign in to Plex and save the server owner's token (mode 0600) for the daemon.",
            "",
            "Two steps, each a plain `projectionist login`:",
            "  1. No login pending: create a plex.tv PIN, save it to",
            "     <data-dir>/plex-pin.json and print a link. Open it and sign in",
            "     with the Plex account that owns the server.",
            "  2. A login pending: wait for that sign-in (polling plex.tv politely),",
            "     check the token against the Plex server (its name and libraries",
            "     are shown) and save it to the token file.",
            "`login start` always begins a new login, `login finish` only waits;",
            "`login --wait` prints the link and waits in the same run.",
            "",
            "A token you already have: `login --token -` reads it from standard",
            "input (e.g. `printenv PLEX_TOKEN | projectionist login --token -`);",
            "it is checked and saved the same way.",
            "",
            "The token must be the server owner's: a shared user's token (Plex",
            "answers 403 on the owner's endpoints) is refused unless",
            "--allow-shared-token is given.",
            "",
            "The token is never printed. Point the daemon at the saved file with",
            "plex.token-file (application.properties) or PLEX_TOKEN_FILE.",
            ""},
        footer = {"", "Exit codes: 0 done (token saved, or link printed), 1 login failed,",
            "2 bad usage."})
public class LoginCommand implements Callable<Integer> {

    /** What to do; without one, step 1 or step 2 depending on whether a login is pending. */
    public enum Action { start, finish }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "start|finish",
            description = "start: begin a new login (prints the link); finish: wait for the pending one."
                    + " Default: finish when a login is pending, start otherwise.")
    Action action;

    @Option(names = "--plex-url", paramLabel = "URL",
            description = "Plex Media Server to verify the token against (default: plex.url / PLEX_URL).")
    String plexUrl;

    @Option(names = "--plextv-url", paramLabel = "URL",
            description = "plex.tv base URL (default: plextv.url / PLEXTV_URL, else " + PlexTvClient.DEFAULT_BASE_URL + ").")
    String plexTvUrl;

    @Option(names = "--token", paramLabel = "TOKEN|-",
            description = "Verify and save this token instead of the PIN login; `-` reads it from standard input"
                    + " (preferred: a token in the arguments ends up in shell history and process lists).")
    String token;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the pending login and the client id are kept (default: projectionist.data-dir, else data).")
    Path dataDir;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Where to save the token (default: plex.token-file / PLEX_TOKEN_FILE, else <data-dir>/plex-token).")
    Path tokenFile;

    @Option(names = "--poll-interval", paramLabel = "SECONDS", defaultValue = "2",
            description = "Seconds between polls of plex.tv (default ${DEFAULT-VALUE}; doubled on HTTP 429).")
    double pollIntervalSeconds;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Give up waiting for the sign-in after this many seconds (default ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Option(names = "--wait", description = "After printing the link, wait for the sign-in in the same run.")
    boolean waitAfterStart;

    @Option(names = "--allow-shared-token",
            description = "Save a shared user's token too (with a warning): it reads the shared libraries, but"
                    + " curation and ending streams through Plex need the server owner's token.")
    boolean allowSharedToken;

    private InputStream stdin = System.in;
    private Map<String, String> environment = System.getenv();
    private Path workingDirectory = Path.of("");
    private Clock clock = Clock.systemUTC();
    private PinLogin.Sleeper sleeper = PinLogin.Sleeper.REAL;

    /** Standard input for {@code --token -} (tests). */
    public LoginCommand withStdin(InputStream in) {
        this.stdin = in;
        return this;
    }

    /** The environment and working directory the defaults come from (tests). */
    public LoginCommand withEnvironment(Map<String, String> env, Path workDir) {
        this.environment = env;
        this.workingDirectory = workDir;
        return this;
    }

    /** How the command waits between polls (tests record the waits). */
    public LoginCommand withSleeper(PinLogin.Sleeper s) {
        this.sleeper = s;
        return this;
    }

    public LoginCommand withClock(Clock c) {
        this.clock = c;
        return this;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            PinLogin login = new PinLogin(settings(), out, err, clock, sleeper);
            if (token != null) {
                if (action != null || waitAfterStart) {
                    throw LoginException.usage("--token cannot be combined with start, finish or --wait");
                }
                String t = token;
                if (t.equals("-")) {
                    t = readStdin();
                } else {
                    err.println("note: a token given on the command line can end up in shell history and process"
                            + " lists; prefer `--token -` with the token on standard input");
                }
                login.useToken(t);
                noteEnvironmentToken(out);
                return 0;
            }
            if (waitAfterStart && action == Action.finish) {
                throw LoginException.usage("--wait goes with start (or no action), not finish");
            }
            Action what = action;
            if (what == null) {
                Optional<PinState> pending = login.pending();
                if (pending.isPresent() && pending.get().isExpired(clock.instant())) {
                    out.println("The pending login expired at "
                            + pending.get().expiresAt().truncatedTo(ChronoUnit.SECONDS) + "; starting a new one.");
                    what = Action.start;
                } else {
                    what = pending.isPresent() ? Action.finish : Action.start;
                }
            }
            if (what == Action.start) {
                login.start();
                if (!waitAfterStart) {
                    return 0;
                }
                out.println();
            }
            login.finish();
            noteEnvironmentToken(out);
            return 0;
        } catch (LoginException e) {
            err.println("projectionist login: " + e.getMessage());
            if (e.exitCode() == LoginException.USAGE) {
                err.println("See `projectionist login --help`.");
            }
            err.flush();
            return e.exitCode();
        } finally {
            out.flush();
            err.flush();
        }
    }

    private PinLogin.Settings settings() {
        LoginDefaults defaults = new LoginDefaults(environment, workingDirectory);
        if (!(pollIntervalSeconds > 0) || !(timeoutSeconds > 0)) {
            throw LoginException.usage("--poll-interval and --timeout must be positive numbers of seconds");
        }
        Path data = dataDir != null ? dataDir
                : Path.of(defaults.get("projectionist.data-dir").orElse("data"));
        Path tokens = tokenFile != null ? tokenFile
                : defaults.get("plex.token-file").map(Path::of).orElse(data.resolve(PinLogin.DEFAULT_TOKEN_FILE));
        String server = plexUrl != null ? plexUrl : defaults.get("plex.url").orElse(null);
        String plexTv = plexTvUrl != null ? plexTvUrl : defaults.get("plextv.url").orElse(PlexTvClient.DEFAULT_BASE_URL);
        return new PinLogin.Settings(server, plexTv, data, tokens, seconds(pollIntervalSeconds), seconds(timeoutSeconds),
                null, null, allowSharedToken);
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.max(1, Math.round(s * 1000)));
    }

    private String readStdin() {
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    return line.strip();
                }
            }
        } catch (IOException e) {
            throw LoginException.usage("could not read the token from standard input: " + e.getMessage());
        }
        throw LoginException.usage("--token - read nothing from standard input");
    }

    private void noteEnvironmentToken(PrintWriter out) {
        String env = environment.get("PLEX_TOKEN");
        if (env != null && !env.isBlank()) {
            out.println("Note: PLEX_TOKEN is set in this environment and wins over the token file; unset it to use the file.");
        }
    }
}
