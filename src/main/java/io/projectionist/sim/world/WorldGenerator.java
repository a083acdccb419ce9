package io.projectionist.sim.world;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds a {@link World}. Every random choice comes from {@link Rng} streams salted per concern, so changing, say,
 * the number of plays does not reshuffle the catalogue.
 */
final class WorldGenerator {

    private static final int MOVIES = 240;
    private static final int SHOWS = 36;
    private static final int ARTISTS = 40;
    private static final long YEAR = 365L * 86400;

    private final long seed;
    private final int plays;
    private final int historyDays;
    private final Instant anchor;
    private final ZoneId zone;
    private final long anchorEpoch;
    private final long base;

    private final List<Item> items = new ArrayList<>();
    private final List<Item> movies = new ArrayList<>();
    private final List<Item> shows = new ArrayList<>();
    private final List<List<Item>> showEpisodes = new ArrayList<>();
    private final List<Item> artists = new ArrayList<>();
    private final List<List<List<Item>>> artistAlbumTracks = new ArrayList<>();
    private int mediaId = 80_000;
    private int partId = 90_000;
    private int streamId = 200_000;

    WorldGenerator(long seed, int plays, int historyDays, Instant anchor, ZoneId zone) {
        this.seed = seed;
        this.plays = plays;
        this.historyDays = historyDays;
        this.anchor = anchor;
        this.zone = zone;
        this.anchorEpoch = anchor.getEpochSecond();
        this.base = anchorEpoch - historyDays * 86400L;
        // keeps ids strictly ascending with started: at most one play per 4 seconds on average
        if ((long) plays * 4 > historyDays * 86400L) {
            throw new IllegalArgumentException("too many plays (" + plays + ") for " + historyDays
                    + " days of history; at most " + historyDays * 86400L / 4);
        }
    }

    World generate() {
        ServerIdentity server = server();
        List<Library> libraries = libraries();
        List<User> users = users();
        List<Device> devices = devices(users);
        movies();
        shows();
        music();
        World world = new World(seed, anchor, zone, historyDays, server, users, devices, libraries, items);
        History history = new History(world, base, plays + 64);
        world.history = history;
        new PlayGenerator(world, history).run();
        return world;
    }

    // ---------------------------------------------------------------- identity, users, devices

    private ServerIdentity server() {
        Rng r = Rng.of(seed, "server");
        String name = r.pick(new String[] {"Basement", "Attic", "Den", "Garage", "Cellar", "Studio"}) + "-PMS";
        return new ServerIdentity(name, r.hex(40), "1.41.3.9314-a0bfb8370", "Linux", "6.8.0", "192.168.1.10",
                32400);
    }

    private List<Library> libraries() {
        Rng r = Rng.of(seed, "libraries");
        long created = anchorEpoch - 4 * YEAR;
        return List.of(
                new Library(1, "Movies", "movie", "tv.plex.agents.movie", "Plex Movie", uuid(r), "/data/media/movies",
                        created),
                new Library(2, "TV Shows", "show", "tv.plex.agents.series", "Plex TV Series", uuid(r),
                        "/data/media/tv", created + 60),
                new Library(3, "Music", "artist", "tv.plex.agents.music", "Plex Music", uuid(r),
                        "/data/media/music", created + 120));
    }

    private static String uuid(Rng r) {
        String h = r.hex(32);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20);
    }

    private static final String[][] PEOPLE = {
        {"Alice", "admin_alice"}, {"Bob", "bob_b"}, {"Carol", "carol_c"}, {"Dave", "dave_d"}, {"Erin", "erin_e"},
        {"Frank", "frank_f"}, {"Grace", "grace_g"}, {"Heidi", "heidi_h"}};

    private List<User> users() {
        Rng r = Rng.of(seed, "users");
        List<User> users = new ArrayList<>();
        for (int i = 0; i < PEOPLE.length; i++) {
            boolean admin = i == 0;
            String name = PEOPLE[i][0];
            int accountId = admin ? 1 : 1_000_000 + r.nextInt(30_000_000);
            List<Integer> shared = i == 5 || i == 7 ? List.of(1, 2) : List.of(1, 2, 3);
            users.add(new User(i, 1001 + i, accountId, i + 2, PEOPLE[i][1], name,
                    name.toLowerCase() + "@example.com",
                    "https://plex.tv/users/" + r.hex(16) + "/avatar?c=" + (anchorEpoch - r.nextInt(2_000_000)),
                    admin, admin || i == 2, shared));
        }
        return users;
    }

    private record DeviceKind(String player, String platform, String platformName, String platformVersion,
            String product, String productVersion, String device, String profile, boolean homeLan,
            boolean musicOnly) {
    }

    private static final DeviceKind[] TV_KINDS = {
        new DeviceKind("Living Room Roku", "Roku", "roku", "14.0.4.5950-46", "Plex for Roku", "8.8.7.4531",
            "Roku Ultra", "Roku-11", true, false),
        new DeviceKind("SHIELD Android TV", "Android", "android", "11", "Plex for Android (TV)", "10.26.0.2578",
            "SHIELD Android TV", "Android", true, false),
        new DeviceKind("Apple TV", "tvOS", "tvos", "18.1", "Plex for Apple TV", "8.45", "Apple TV", "tvOS", true,
            false),
        new DeviceKind("Samsung TV", "Tizen", "tizen", "6.5", "Plex for Samsung", "2.4.1", "Samsung QN90B",
            "Tizen", true, false)};

    private static final DeviceKind[] OTHER_KINDS = {
        new DeviceKind("iPhone", "iOS", "ios", "18.1.1", "Plex for iOS", "8.45", "iPhone", "iOS", false, false),
        new DeviceKind("Pixel 8", "Android", "android", "14", "Plex for Android (Mobile)", "10.26.0.2578",
            "Pixel 8", "Android", false, false),
        new DeviceKind("Chrome", "Chrome", "chrome", "131.0", "Plex Web", "4.145.1", "Windows", "Web", false,
            false),
        new DeviceKind("Firefox", "Firefox", "firefox", "133.0", "Plex Web", "4.145.1", "Linux", "Web", false,
            false),
        new DeviceKind("DESKTOP", "Windows", "windows", "10.0.22631", "Plex for Windows", "1.108.1", "Windows PC",
            "Windows", false, false)};

    private static final DeviceKind PLEXAMP = new DeviceKind("iPhone", "iOS", "ios", "18.1.1", "Plexamp",
            "4.11.4", "iPhone", "Plexamp", false, true);

    private List<Device> devices(List<User> users) {
        Rng r = Rng.of(seed, "devices");
        List<Device> devices = new ArrayList<>();
        Set<Integer> octets = new HashSet<>();
        for (User u : users) {
            List<DeviceKind> kinds = new ArrayList<>();
            kinds.add(r.pick(TV_KINDS));
            kinds.add(r.pick(OTHER_KINDS));
            if (u.admin() || r.chance(0.5)) {
                DeviceKind k = r.pick(OTHER_KINDS);
                if (!kinds.contains(k)) {
                    kinds.add(k);
                }
            }
            if (u.sharedSections().contains(3) && r.chance(0.6)) {
                kinds.add(PLEXAMP);
            }
            String wan = "203.0.113." + (10 + u.index() * 20 + r.nextInt(15));
            for (DeviceKind k : kinds) {
                int octet;
                do {
                    octet = r.between(20, 250);
                } while (!octets.add(octet));
                String player = switch (k.player()) {
                    case "iPhone", "Pixel 8" -> u.friendlyName() + "'s " + k.player();
                    case "DESKTOP" -> "DESKTOP-" + r.hex(6).toUpperCase();
                    default -> k.player();
                };
                String machineId = k.product().equals("Plexamp") || k.platform().equals("iOS")
                        ? uuid(r).toUpperCase() : r.hex(k.homeLan() ? 32 : 16);
                devices.add(new Device(devices.size(), u.index(), player, k.platform(), k.platformName(),
                        k.platformVersion(), k.product(), k.productVersion(), k.device(), k.profile(), machineId,
                        k.homeLan(), k.musicOnly(), octet, wan));
            }
        }
        return devices;
    }

    // ---------------------------------------------------------------- catalogue

    private String guid(Rng r, String type) {
        return "plex://" + type + "/" + r.hex(24);
    }

    private List<String> people(Rng r, int n) {
        List<String> out = new ArrayList<>();
        while (out.size() < n) {
            String p = Words.person(r);
            if (!out.contains(p)) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    private List<CastMember> cast(Rng r, int n) {
        List<CastMember> out = new ArrayList<>();
        for (String p : people(r, n)) {
            out.add(new CastMember(p, r.pick(Words.ROLES)));
        }
        return List.copyOf(out);
    }

    private static List<String> genres(Rng r, String[] pool, int n) {
        List<String> out = new ArrayList<>();
        while (out.size() < n) {
            String g = r.pick(pool);
            if (!out.contains(g)) {
                out.add(g);
            }
        }
        return List.copyOf(out);
    }

    private Media videoMedia(Rng r, String res, long durationMs, String file) {
        int width;
        int height;
        int bitrate;
        String codec;
        String range = "SDR";
        switch (res) {
            case "4k" -> {
                width = 3840;
                height = r.chance(0.5) ? 2160 : 1600;
                bitrate = r.between(35_000, 75_000);
                codec = "hevc";
                double x = r.nextDouble();
                range = x < 0.5 ? "HDR10" : x < 0.8 ? "Dolby Vision" : "SDR";
            }
            case "1080" -> {
                width = 1920;
                height = r.chance(0.6) ? 1080 : 800;
                bitrate = r.between(6_000, 20_000);
                codec = r.chance(0.7) ? "h264" : "hevc";
            }
            case "720" -> {
                width = 1280;
                height = 720;
                bitrate = r.between(2_500, 6_000);
                codec = "h264";
            }
            default -> {
                width = 720;
                height = 480;
                bitrate = r.between(1_200, 2_500);
                codec = r.chance(0.5) ? "mpeg2video" : "h264";
            }
        }
        String audio;
        int channels;
        int audioBitrate;
        double a = r.nextDouble();
        if (res.equals("4k") && a < 0.6) {
            audio = "truehd";
            channels = 8;
            audioBitrate = 4_500;
        } else if (a < 0.5) {
            audio = "eac3";
            channels = 6;
            audioBitrate = 640;
        } else if (a < 0.8) {
            audio = "ac3";
            channels = 6;
            audioBitrate = 448;
        } else {
            audio = "aac";
            channels = 2;
            audioBitrate = 192;
        }
        String container = r.chance(0.8) ? "mkv" : "mp4";
        String aspect = String.format("%.2f", (double) width / height);
        long size = (long) bitrate * 1000 / 8 * (durationMs / 1000);
        int id = mediaId++;
        int part = partId++;
        int vs = streamId;
        streamId += 3;
        return new Media(id, part, vs, vs + 1, container, bitrate, width, height, aspect, codec,
                codec.equals("hevc") ? "main 10" : "high", res, "24p", range, codec.equals("hevc") ? 10 : 8,
                Math.max(500, bitrate - audioBitrate), audio, channels,
                channels == 8 ? "7.1" : channels == 6 ? "5.1(side)" : "stereo", "", audioBitrate, 48_000,
                file + "." + container, size);
    }

    private Media audioMedia(Rng r, long durationMs, String file) {
        boolean flac = r.chance(0.6);
        int bitrate = flac ? r.between(800, 1100) : 320;
        int id = mediaId++;
        int part = partId++;
        int s = streamId;
        streamId += 3;
        String container = flac ? "flac" : "mp3";
        return new Media(id, part, 0, s, container, bitrate, 0, 0, "", "", "", "", "", "", 0, 0,
                flac ? "flac" : "mp3", 2, "stereo", "", bitrate, flac ? 44_100 : 48_000, file + "." + container,
                (long) bitrate * 1000 / 8 * (durationMs / 1000));
    }

    private List<String> extIds(Rng r, boolean imdb, boolean tmdb, boolean tvdb) {
        List<String> out = new ArrayList<>();
        if (imdb) {
            out.add("imdb://tt" + r.between(1_000_000, 29_999_999));
        }
        if (tmdb) {
            out.add("tmdb://" + r.between(1_000, 1_200_000));
        }
        if (tvdb) {
            out.add("tvdb://" + r.between(1_000, 10_999_999));
        }
        return List.copyOf(out);
    }

    private long addedAt(Rng r) {
        // catalogue grows over three years; the newest items arrive shortly before the history starts
        return base - 3600 - (long) (Math.pow(r.nextDouble(), 1.6) * 3 * YEAR);
    }

    private void movies() {
        Rng r = Rng.of(seed, "movies");
        Set<String> titles = Words.newSet();
        int key = 10_001;
        String[] ratings = {"G", "PG", "PG-13", "R", "R", "PG-13"};
        for (int n = 0; n < MOVIES; n++) {
            String title = Words.unique(titles, Words.movieTitle(r));
            int year = r.between(1972, LocalDate.ofInstant(anchor, zone).getYear() - 1);
            long durationMs = r.between(82, 172) * 60_000L + r.nextInt(60_000);
            double x = r.nextDouble();
            String res = x < 0.2 ? "4k" : x < 0.75 ? "1080" : x < 0.9 ? "720" : "sd";
            long added = addedAt(r);
            String file = "/data/media/movies/" + title + " (" + year + ")/" + title + " (" + year + ") - "
                    + Media.fullResolution(res);
            Media media = videoMedia(r, res, durationMs, file);
            List<String> labels = res.equals("4k") ? List.of("4K") : List.of();
            Item m = new Item(items.size(), key++, MediaType.MOVIE, 1, title, Words.sortTitle(title), "", year,
                    genres(r, Words.MOVIE_GENRES, r.between(1, 3)), people(r, 1), people(r, r.between(1, 2)),
                    cast(r, r.between(4, 8)), r.pick(Words.STUDIOS), r.pick(ratings), r.between(40, 98) / 10.0,
                    r.between(45, 95) / 10.0, Words.summary(r), r.pick(Words.TAGLINES), durationMs, added,
                    added + r.nextInt(86400), LocalDate.of(year, r.between(1, 12), r.between(1, 28)),
                    guid(r, "movie"), extIds(r, true, true, r.chance(0.5)), media, 0, 0, "", "", 0, 0, 0, 0,
                    labels, List.of());
            items.add(m);
            movies.add(m);
        }
    }

    private void shows() {
        Rng r = Rng.of(seed, "shows");
        Set<String> titles = Words.newSet();
        int key = 20_001;
        String[] ratings = {"TV-PG", "TV-14", "TV-MA", "TV-MA", "TV-14"};
        int currentYear = LocalDate.ofInstant(anchor, zone).getYear();
        for (int n = 0; n < SHOWS; n++) {
            String title = Words.unique(titles, Words.showTitle(r));
            int seasons = r.between(1, 6);
            int startYear = r.between(1995, currentYear - seasons);
            int[] runtimes = {22, 30, 44, 55};
            int runtime = runtimes[r.nextInt(runtimes.length)];
            double x = r.nextDouble();
            String res = x < 0.1 ? "4k" : x < 0.8 ? "1080" : "720";
            List<String> showGenres = genres(r, Words.TV_GENRES, r.between(1, 3));
            List<CastMember> showCast = cast(r, r.between(4, 7));
            String studio = r.pick(Words.NETWORKS);
            String rating = r.pick(ratings);
            long showAdded = addedAt(r);
            int showKey = key++;
            int showOrdinal = items.size();
            items.add(null); // placeholder until leaf counts are known
            List<Item> episodes = new ArrayList<>();
            int childCountSeasons = 0;
            for (int s = 1; s <= seasons; s++) {
                int seasonKey = key++;
                int seasonOrdinal = items.size();
                items.add(null);
                int eps = r.between(6, 13);
                LocalDate premiere = LocalDate.of(startYear + s - 1, r.between(1, 10), r.between(1, 28));
                long seasonAdded = showAdded + (s - 1) * 86400L * 7;
                String seasonTitle = "Season " + s;
                List<Item> seasonEpisodes = new ArrayList<>();
                for (int e = 1; e <= eps; e++) {
                    String epTitle = Words.episodeTitle(r);
                    long durationMs = (runtime + r.between(-2, 4)) * 60_000L + r.nextInt(60_000);
                    String file = String.format("/data/media/tv/%s/Season %02d/%s - S%02dE%02d - %s", title, s,
                            title, s, e, epTitle);
                    long added = seasonAdded + e * 600L;
                    Item ep = new Item(items.size(), key++, MediaType.EPISODE, 2, epTitle, epTitle, "",
                            premiere.getYear(), showGenres, people(r, 1), people(r, 1), showCast, studio, rating, 0,
                            r.between(60, 95) / 10.0, Words.summary(r), "", durationMs, added, added + 300,
                            premiere.plusDays(7L * (e - 1)), guid(r, "episode"), extIds(r, true, true, true),
                            videoMedia(r, res, durationMs, file), seasonKey, showKey, seasonTitle, title, e, s, 0, 0,
                            List.of(), List.of());
                    items.add(ep);
                    seasonEpisodes.add(ep);
                }
                items.set(seasonOrdinal, new Item(seasonOrdinal, seasonKey, MediaType.SEASON, 2, seasonTitle,
                        seasonTitle, "", premiere.getYear(), List.of(), List.of(), List.of(), List.of(), studio,
                        rating, 0, 0, "", "", 0, seasonAdded, seasonAdded + 600, premiere, guid(r, "season"),
                        extIds(r, false, false, true), null, showKey, 0, title, "", s, 1, eps, eps, List.of(),
                        List.of()));
                episodes.addAll(seasonEpisodes);
                childCountSeasons++;
            }
            Item show = new Item(showOrdinal, showKey, MediaType.SHOW, 2, title, Words.sortTitle(title), "",
                    startYear, showGenres, List.of(), List.of(), showCast, studio, rating, 0,
                    r.between(60, 95) / 10.0, Words.summary(r), r.pick(Words.TAGLINES), runtime * 60_000L,
                    showAdded, showAdded + 86400, episodes.get(0).originallyAvailableAt(), guid(r, "show"),
                    extIds(r, true, true, true), null, 0, 0, "", "", 1, 0, episodes.size(), childCountSeasons,
                    List.of(), List.of());
            items.set(showOrdinal, show);
            shows.add(show);
            showEpisodes.add(episodes);
        }
    }

    private void music() {
        Rng r = Rng.of(seed, "music");
        Set<String> names = Words.newSet();
        int key = 40_001;
        for (int n = 0; n < ARTISTS; n++) {
            String artist = Words.unique(names, Words.artistName(r));
            List<String> artistGenres = genres(r, Words.MUSIC_GENRES, r.between(1, 2));
            long artistAdded = addedAt(r);
            int artistKey = key++;
            int artistOrdinal = items.size();
            items.add(null);
            int albums = r.between(1, 4);
            List<List<Item>> albumTracks = new ArrayList<>();
            Set<String> albumNames = Words.newSet();
            int leaves = 0;
            for (int a = 1; a <= albums; a++) {
                String album = Words.unique(albumNames, r.pick(Words.ADJECTIVES) + " " + r.pick(Words.NOUNS));
                int year = r.between(1965, LocalDate.ofInstant(anchor, zone).getYear() - 1);
                int albumKey = key++;
                int albumOrdinal = items.size();
                items.add(null);
                long albumAdded = artistAdded + a * 3600L;
                int tracks = r.between(8, 14);
                String label = r.pick(Words.LABELS_MUSIC);
                List<Item> list = new ArrayList<>();
                for (int t = 1; t <= tracks; t++) {
                    String title = r.pick(Words.ADJECTIVES) + " " + r.pick(Words.NOUNS);
                    long durationMs = r.between(130, 420) * 1000L + r.nextInt(1000);
                    String file = String.format("/data/media/music/%s/%s (%d)/%02d - %s", artist, album, year, t,
                            title);
                    Item track = new Item(items.size(), key++, MediaType.TRACK, 3, title, title, "", year,
                            artistGenres, List.of(), List.of(), List.of(), "", "", 0, 0, "", "", durationMs,
                            albumAdded, albumAdded + 60, null, guid(r, "track"), List.of(),
                            audioMedia(r, durationMs, file), albumKey, artistKey, album, artist, t, 1, 0, 0,
                            List.of(), List.of());
                    items.add(track);
                    list.add(track);
                }
                items.set(albumOrdinal, new Item(albumOrdinal, albumKey, MediaType.ALBUM, 3, album, album, "", year,
                        artistGenres, List.of(), List.of(), List.of(), label, "", 0, 0, "", "", 0, albumAdded,
                        albumAdded + 300, LocalDate.of(year, r.between(1, 12), r.between(1, 28)), guid(r, "album"),
                        List.of("mbid://" + uuid(r)), null, artistKey, 0, artist, "", a, 1, tracks, tracks,
                        List.of(), List.of()));
                albumTracks.add(list);
                leaves += tracks;
            }
            Item a = new Item(artistOrdinal, artistKey, MediaType.ARTIST, 3, artist, Words.sortTitle(artist), "", 0,
                    artistGenres, List.of(), List.of(), List.of(), "", "", 0, 0, Words.summary(r), "", 0,
                    artistAdded, artistAdded + 3600, null, guid(r, "artist"), List.of("mbid://" + uuid(r)), null, 0,
                    0, "", "", 1, 0, leaves, albums, List.of(), List.of());
            items.set(artistOrdinal, a);
            artists.add(a);
            artistAlbumTracks.add(albumTracks);
        }
    }

    // ---------------------------------------------------------------- play history

    /** Fills the history columns; one pass over plays sorted by start time. */
    private final class PlayGenerator {
        private final World world;
        private final History history;

        PlayGenerator(World world, History history) {
            this.world = world;
            this.history = history;
        }

        void run() {
            History.Columns c = history.raw();
            int n = plays;
            if (n == 0) {
                history.publishGenerated(0, 0);
                return;
            }
            Rng r = Rng.of(seed, "plays:" + plays + ":" + historyDays + ":" + anchorEpoch + ":" + zone.getId());
            long[] starts = startTimes(r, n);
            // popularity: a seeded permutation of each catalogue, weighted by Zipf
            int[] movieRank = permutation(Rng.of(seed, "movie-rank"), movies.size());
            int[] showRank = permutation(Rng.of(seed, "show-rank"), shows.size());
            int[] artistRank = permutation(Rng.of(seed, "artist-rank"), artists.size());
            double[] movieZipf = Rng.zipfCumulative(movies.size(), 1.05);
            double[] showZipf = Rng.zipfCumulative(shows.size(), 1.0);
            double[] artistZipf = Rng.zipfCumulative(artists.size(), 1.0);

            List<User> users = world.users();
            Rng ur = Rng.of(seed, "user-weights");
            double[] userWeights = new double[users.size()];
            double[][] typeWeights = new double[users.size()][];
            for (int u = 0; u < users.size(); u++) {
                userWeights[u] = 0.25 + ur.nextDouble() * 1.5;
                double tv = 0.35 + ur.nextDouble() * 0.3;
                double movie = 0.2 + ur.nextDouble() * 0.25;
                double music = users.get(u).sharedSections().contains(3) ? 0.08 + ur.nextDouble() * 0.2 : 0;
                typeWeights[u] = Rng.cumulative(new double[] {tv, movie, music});
            }
            double[] userCum = Rng.cumulative(userWeights);
            int[] showState = new int[users.size()];
            int[] episodeState = new int[users.size()];
            int[] artistState = new int[users.size()];
            int[] albumState = new int[users.size()];
            int[] trackState = new int[users.size()];
            Arrays.fill(showState, -1);
            Arrays.fill(artistState, -1);

            int maxWall = 0;
            for (int i = 0; i < n; i++) {
                int u = r.weighted(userCum);
                User user = users.get(u);
                int kind = r.weighted(typeWeights[u]);
                Item item;
                if (kind == 0) {
                    // TV: mostly keep watching the current show in order
                    if (showState[u] < 0 || episodeState[u] >= showEpisodes.get(showState[u]).size()
                            || !r.chance(0.72)) {
                        showState[u] = showRank[r.weighted(showZipf)];
                        episodeState[u] = r.chance(0.5) ? 0 : r.nextInt(showEpisodes.get(showState[u]).size());
                    }
                    item = showEpisodes.get(showState[u]).get(episodeState[u]++);
                } else if (kind == 1) {
                    item = movies.get(movieRank[r.weighted(movieZipf)]);
                } else {
                    // music: albums play through
                    List<List<Item>> albums = artistState[u] < 0 ? null : artistAlbumTracks.get(artistState[u]);
                    if (albums == null || trackState[u] >= albums.get(albumState[u]).size() || !r.chance(0.8)) {
                        artistState[u] = artistRank[r.weighted(artistZipf)];
                        albums = artistAlbumTracks.get(artistState[u]);
                        albumState[u] = r.nextInt(albums.size());
                        trackState[u] = r.chance(0.6) ? 0 : r.nextInt(albums.get(albumState[u]).size());
                    }
                    item = albums.get(albumState[u]).get(trackState[u]++);
                }
                boolean music = item.type() == MediaType.TRACK;
                Device device = pickDevice(r, world.devicesOf(user), music);
                boolean homeUser = user.admin() || user.homeUser();
                boolean wan = device.homeLan() ? (!homeUser && r.chance(0.6)) || r.chance(0.03)
                        : r.chance(homeUser ? 0.3 : 0.75);
                TranscodeDecision decision = decision(r, item, wan);
                int dur = item.durationSeconds();
                double fraction = r.chance(music ? 0.08 : 0.12) ? 0.03 + r.nextDouble() * 0.55
                        : 0.88 + r.nextDouble() * 0.12;
                int watched = (int) Math.round(fraction * dur);
                int paused = music || r.chance(0.55) ? 0 : r.between(10, 1500);
                long started = starts[i];
                long room = anchorEpoch - started;
                if (watched + paused > room) {
                    // still running at the anchor: cut it so every generated play has stopped by then
                    paused = (int) Math.min(paused, room / 4);
                    watched = (int) Math.max(0, room - paused);
                }
                int wall = watched + paused;
                int percent = dur == 0 ? 0 : (int) Math.min(100, Math.round(watched * 100.0 / dur));
                c.item[i] = item.ordinal();
                c.user[i] = (byte) u;
                c.device[i] = (short) device.index();
                c.started[i] = (int) (started - base);
                c.wall[i] = wall;
                c.paused[i] = paused;
                c.decision[i] = (byte) decision.ordinal();
                c.percent[i] = (byte) percent;
                c.flags[i] = History.flags(wan, !r.chance(0.03), wan && r.chance(0.05));
                maxWall = Math.max(maxWall, wall);
            }
            history.publishGenerated(n, maxWall);
        }

        private Device pickDevice(Rng r, List<Device> devices, boolean music) {
            if (music) {
                for (Device d : devices) {
                    if (d.musicOnly() && r.chance(0.7)) {
                        return d;
                    }
                }
            }
            Device d;
            do {
                d = devices.get(r.nextInt(devices.size()));
            } while (d.musicOnly() && !music);
            return d;
        }

        private TranscodeDecision decision(Rng r, Item item, boolean wan) {
            double x = r.nextDouble();
            if (item.type() == MediaType.TRACK) {
                return x < 0.9 ? TranscodeDecision.DIRECT_PLAY : x < 0.95 ? TranscodeDecision.COPY
                        : TranscodeDecision.TRANSCODE;
            }
            if (wan) {
                if (item.media().videoResolution().equals("4k")) {
                    return x < 0.9 ? TranscodeDecision.TRANSCODE : TranscodeDecision.DIRECT_PLAY;
                }
                return x < 0.35 ? TranscodeDecision.DIRECT_PLAY : x < 0.6 ? TranscodeDecision.COPY
                        : TranscodeDecision.TRANSCODE;
            }
            return x < 0.7 ? TranscodeDecision.DIRECT_PLAY : x < 0.9 ? TranscodeDecision.COPY
                    : TranscodeDecision.TRANSCODE;
        }

        /** Start times with an evening peak and busier weekends, sorted and made strictly ascending. */
        private long[] startTimes(Rng r, int n) {
            double[] weekday = {0.35, 0.2, 0.1, 0.05, 0.03, 0.03, 0.08, 0.2, 0.3, 0.35, 0.4, 0.45, 0.55, 0.55,
                0.5, 0.55, 0.7, 0.9, 1.2, 1.6, 1.9, 1.9, 1.4, 0.8};
            double[] weekend = weekday.clone();
            for (int h = 9; h <= 17; h++) {
                weekend[h] *= 1.8;
            }
            double[] weekdayCum = Rng.cumulative(weekday);
            double[] weekendCum = Rng.cumulative(weekend);
            LocalDate first = LocalDate.ofInstant(Instant.ofEpochSecond(base), zone);
            LocalDate last = LocalDate.ofInstant(Instant.ofEpochSecond(anchorEpoch - 1), zone);
            int days = (int) (last.toEpochDay() - first.toEpochDay()) + 1;
            long[] midnight = new long[days];
            boolean[] weekendDay = new boolean[days];
            double[] dayWeights = new double[days];
            for (int d = 0; d < days; d++) {
                LocalDate date = first.plusDays(d);
                midnight[d] = date.atStartOfDay(zone).toEpochSecond();
                DayOfWeek dow = date.getDayOfWeek();
                weekendDay[d] = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
                dayWeights[d] = switch (dow) {
                    case FRIDAY -> 1.15;
                    case SATURDAY -> 1.35;
                    case SUNDAY -> 1.25;
                    default -> 0.85;
                };
            }
            double[] dayCum = Rng.cumulative(dayWeights);
            long hi = anchorEpoch - 120;
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                long t;
                do {
                    int d = r.weighted(dayCum);
                    int h = r.weighted(weekendDay[d] ? weekendCum : weekdayCum);
                    t = midnight[d] + h * 3600L + r.nextInt(3600);
                } while (t < base || t > hi);
                out[i] = t;
            }
            Arrays.sort(out);
            // strictly ascending, pushed backwards so nothing passes the anchor
            for (int i = n - 2; i >= 0; i--) {
                if (out[i] >= out[i + 1]) {
                    out[i] = out[i + 1] - 1;
                }
            }
            return out;
        }

        private int[] permutation(Rng r, int size) {
            int[] p = new int[size];
            for (int i = 0; i < size; i++) {
                p[i] = i;
            }
            for (int i = size - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            return p;
        }
    }
}
