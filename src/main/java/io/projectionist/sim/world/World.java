package io.projectionist.sim.world;

import io.projectionist.sim.SimulatorOptions;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated media server and its past: server identity, users and their devices, libraries, items and play
 * history. A pure function of (seed, plays, historyDays, anchor, zone): the same inputs give the same world, so
 * tests can compute expected numbers straight from it. Immutable except for {@link #history()}, which live
 * sessions append to.
 */
public final class World {

    private final long seed;
    private final Instant anchor;
    private final ZoneId zone;
    private final int historyDays;
    private final ServerIdentity server;
    private final List<User> users;
    private final List<Device> devices;
    private final List<Library> libraries;
    private final List<Item> items;
    private final Map<Integer, Item> byKey;
    private final Map<Integer, List<Item>> children;
    private final List<List<Device>> devicesByUser;
    History history;

    World(long seed, Instant anchor, ZoneId zone, int historyDays, ServerIdentity server, List<User> users,
            List<Device> devices, List<Library> libraries, List<Item> items) {
        this.seed = seed;
        this.anchor = anchor;
        this.zone = zone;
        this.historyDays = historyDays;
        this.server = server;
        this.users = List.copyOf(users);
        this.devices = List.copyOf(devices);
        this.libraries = List.copyOf(libraries);
        this.items = List.copyOf(items);
        Map<Integer, Item> keys = new HashMap<>();
        Map<Integer, List<Item>> kids = new HashMap<>();
        for (Item item : items) {
            keys.put(item.ratingKey(), item);
            if (item.parentRatingKey() != 0) {
                kids.computeIfAbsent(item.parentRatingKey(), k -> new ArrayList<>()).add(item);
            }
        }
        this.byKey = keys;
        Map<Integer, List<Item>> frozen = new HashMap<>();
        kids.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        this.children = frozen;
        List<List<Device>> perUser = new ArrayList<>();
        for (User u : users) {
            perUser.add(devices.stream().filter(d -> d.userIndex() == u.index()).toList());
        }
        this.devicesByUser = List.copyOf(perUser);
    }

    /** Generates the world the options describe (only seed, plays, historyDays, anchor and zone matter). */
    public static World generate(SimulatorOptions o) {
        return generate(o.seed(), o.plays(), o.historyDays(), o.anchor(), o.zone());
    }

    public static World generate(long seed, int plays, int historyDays, Instant anchor, ZoneId zone) {
        return new WorldGenerator(seed, plays, historyDays, anchor, zone).generate();
    }

    public long seed() {
        return seed;
    }

    /** "Now" of the generated past: every generated play stopped at or before it. */
    public Instant anchor() {
        return anchor;
    }

    /** The Tautulli server's local zone. */
    public ZoneId zone() {
        return zone;
    }

    public int historyDays() {
        return historyDays;
    }

    public ServerIdentity server() {
        return server;
    }

    /** Users in Tautulli user_id order (index 0 is the admin). Tautulli's built-in Local user is not included. */
    public List<User> users() {
        return users;
    }

    public Optional<User> userById(int userId) {
        return users.stream().filter(u -> u.userId() == userId).findFirst();
    }

    public Optional<User> userByName(String username) {
        return users.stream().filter(u -> u.username().equals(username)).findFirst();
    }

    public List<Device> devices() {
        return devices;
    }

    public List<Device> devicesOf(User user) {
        return devicesByUser.get(user.index());
    }

    public List<Library> libraries() {
        return libraries;
    }

    public Optional<Library> library(int sectionId) {
        return libraries.stream().filter(l -> l.sectionId() == sectionId).findFirst();
    }

    /** All items: movies, shows, seasons, episodes, artists, albums, tracks. */
    public List<Item> items() {
        return items;
    }

    public Optional<Item> item(int ratingKey) {
        return Optional.ofNullable(byKey.get(ratingKey));
    }

    /** Lookup by a rating key as text (Tautulli sends keys as strings); empty for a non-number. */
    public Optional<Item> item(String ratingKey) {
        try {
            return item(Integer.parseInt(ratingKey.trim()));
        } catch (NumberFormatException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** Direct children (seasons of a show, episodes of a season, ...), in index order. */
    public List<Item> children(int ratingKey) {
        return children.getOrDefault(ratingKey, Collections.emptyList());
    }

    public List<Item> itemsOfType(MediaType type) {
        return items.stream().filter(i -> i.type() == type).toList();
    }

    public Optional<Item> parent(Item item) {
        return item(item.parentRatingKey());
    }

    public Optional<Item> grandparent(Item item) {
        return item(item.grandparentRatingKey());
    }

    /** The show of an episode or artist of a track; the item itself otherwise. */
    public Item topLevel(Item item) {
        return item.grandparentRatingKey() != 0 ? byKey.get(item.grandparentRatingKey()) : item;
    }

    public History history() {
        return history;
    }
}
