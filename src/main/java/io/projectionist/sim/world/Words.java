package io.projectionist.sim.world;

import java.util.HashSet;
import java.util.Set;

/** Word lists for readable, deterministic titles and names ("The Silent Harbor"). */
final class Words {

    static final String[] ADJECTIVES = {"Silent", "Crimson", "Hidden", "Broken", "Golden", "Last", "Distant",
        "Frozen", "Burning", "Hollow", "Midnight", "Wild", "Iron", "Velvet", "Electric", "Forgotten", "Secret",
        "Lonely", "Bright", "Savage", "Quiet", "Endless", "Paper", "Glass", "Northern", "Restless", "Scarlet",
        "Winter", "Summer", "Bitter", "Gentle", "Fallen", "Lucky", "Shattered", "Silver", "Emerald", "Hungry",
        "Painted", "Sleeping", "Neon", "Crooked", "Ancient", "Rising", "Wandering", "Fading", "Open", "Stolen"};

    static final String[] NOUNS = {"Harbor", "Empire", "Garden", "Signal", "River", "Kingdom", "Horizon", "Witness",
        "Mirror", "Voyage", "Compass", "Orchard", "Lantern", "Frontier", "Cathedral", "Tide", "Circuit", "Atlas",
        "Lighthouse", "Engine", "Meadow", "Canyon", "Station", "Archive", "Island", "Citadel", "Forest", "Hotel",
        "Bridge", "Crown", "Desert", "Machine", "Parade", "Shadow", "Summit", "Tower", "Valley", "Window", "Winter",
        "Orbit", "Prophet", "Saint", "Thief", "Stranger", "Captain", "Detective", "Dancer", "Sparrow", "Wolf"};

    static final String[] PLACES = {"Brookhaven", "Ashford", "Marlow", "Kingsbridge", "Eastwick", "Port Ellis",
        "Ravenmoor", "Sable Point", "Cedar Falls", "Halcyon", "Westerly", "Granite Bay", "Fairhollow", "Nightvale"};

    static final String[] FIRST = {"Ava", "Liam", "Noah", "Emma", "Olivia", "Mason", "Sofia", "Lucas", "Mia",
        "Ethan", "Amelia", "Oscar", "Isla", "Felix", "Nora", "Hugo", "Clara", "Leo", "Iris", "Jonah", "Maya",
        "Theo", "Ruby", "Elias", "Hazel", "Miles", "Vera", "Jasper", "Lena", "Arlo", "June", "Silas", "Greta"};

    static final String[] LAST = {"Hart", "Calloway", "Brennan", "Okafor", "Lindqvist", "Moreau", "Castillo",
        "Whitaker", "Nakamura", "Sullivan", "Ferreira", "Novak", "Ashby", "Delgado", "Kowalski", "Reyes", "Thorne",
        "Vance", "Holloway", "Mercer", "Park", "Quinn", "Rhodes", "Sato", "Abernathy", "Blackwood", "Dunmore"};

    static final String[] ROLES = {"Detective", "Captain", "Doctor", "The Stranger", "Mother", "Father", "Agent",
        "Professor", "Young Girl", "Old Man", "Pilot", "Sheriff", "Reporter", "Thief", "Narrator", "Queen", "King"};

    static final String[] MOVIE_GENRES = {"Drama", "Comedy", "Thriller", "Science Fiction", "Action", "Adventure",
        "Crime", "Mystery", "Romance", "Horror", "Animation", "Family", "Fantasy", "Documentary", "War", "Western"};

    static final String[] TV_GENRES = {"Drama", "Comedy", "Crime", "Mystery", "Science Fiction", "Reality",
        "Animation", "Documentary", "Thriller", "Fantasy"};

    static final String[] MUSIC_GENRES = {"Rock", "Electronic", "Jazz", "Pop", "Hip-Hop", "Classical", "Folk",
        "Soul", "Disco", "Ambient", "Metal", "Blues"};

    static final String[] STUDIOS = {"Northlight Pictures", "Blue Meridian", "Harbor Films", "Cobalt Studios",
        "Foxglove Entertainment", "Granite Media", "Lumen House", "Red Kite Productions", "Paper Moon Pictures"};

    static final String[] NETWORKS = {"Channel Nine", "Meridian TV", "Northwind", "Skyline Network", "Pulse+"};

    static final String[] LABELS_MUSIC = {"Columbia", "Blue Note", "Warp", "Sub Pop", "XL Recordings", "Motown"};

    static final String[] SUMMARY_OPENERS = {"When a", "After a", "Years after a", "Just as a", "The moment a"};

    static final String[] SUMMARY_MIDDLES = {"mysterious letter arrives", "storm cuts off the town",
        "long-buried secret resurfaces", "stranger comes to stay", "heist goes wrong", "signal is detected",
        "family reunion turns sour", "rival returns", "discovery changes everything"};

    static final String[] SUMMARY_ENDS = {"nothing will ever be the same.", "old loyalties are tested.",
        "the truth is stranger than anyone imagined.", "a reckoning is inevitable.", "hope is all that is left."};

    static final String[] TAGLINES = {"Some doors should stay closed.", "Every choice has a price.",
        "The truth is out there.", "Nothing stays buried forever.", "One night. One chance.", "Trust no one.",
        "Home is where the secrets are.", "The future starts now."};

    private Words() {
    }

    /** A title not produced before; adds a roman numeral on the rare collision. */
    static String unique(Set<String> used, String candidate) {
        String t = candidate;
        int n = 2;
        while (!used.add(t)) {
            t = candidate + " " + roman(n++);
        }
        return t;
    }

    static String roman(int n) {
        String[] r = {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"};
        return n < r.length ? r[n] : String.valueOf(n);
    }

    static String movieTitle(Rng r) {
        return switch (r.nextInt(5)) {
            case 0 -> "The " + r.pick(ADJECTIVES) + " " + r.pick(NOUNS);
            case 1 -> r.pick(ADJECTIVES) + " " + r.pick(NOUNS);
            case 2 -> "The " + r.pick(NOUNS) + " of " + r.pick(PLACES);
            case 3 -> r.pick(NOUNS) + " in " + r.pick(PLACES);
            default -> "A " + r.pick(ADJECTIVES) + " " + r.pick(NOUNS);
        };
    }

    static String showTitle(Rng r) {
        return switch (r.nextInt(4)) {
            case 0 -> "The " + r.pick(NOUNS);
            case 1 -> r.pick(PLACES);
            case 2 -> r.pick(ADJECTIVES) + " " + r.pick(NOUNS) + "s";
            default -> "The " + r.pick(ADJECTIVES) + " " + r.pick(NOUNS);
        };
    }

    static String episodeTitle(Rng r) {
        return switch (r.nextInt(3)) {
            case 0 -> "The " + r.pick(NOUNS);
            case 1 -> r.pick(ADJECTIVES) + " " + r.pick(NOUNS);
            default -> r.pick(NOUNS) + " and " + r.pick(NOUNS);
        };
    }

    static String artistName(Rng r) {
        return switch (r.nextInt(3)) {
            case 0 -> "The " + r.pick(ADJECTIVES) + " " + r.pick(NOUNS) + "s";
            case 1 -> r.pick(FIRST) + " " + r.pick(LAST);
            default -> r.pick(ADJECTIVES) + " " + r.pick(NOUNS);
        };
    }

    static String person(Rng r) {
        return r.pick(FIRST) + " " + r.pick(LAST);
    }

    static String summary(Rng r) {
        return r.pick(SUMMARY_OPENERS) + " " + r.pick(SUMMARY_MIDDLES) + ", " + r.pick(SUMMARY_ENDS);
    }

    static Set<String> newSet() {
        return new HashSet<>();
    }

    /** Plex's titleSort: leading article moved away. */
    static String sortTitle(String title) {
        for (String article : new String[] {"The ", "A ", "An "}) {
            if (title.startsWith(article)) {
                return title.substring(article.length());
            }
        }
        return title;
    }
}
