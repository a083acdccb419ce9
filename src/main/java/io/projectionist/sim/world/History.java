package io.projectionist.sim.world;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Play history stored column by column in primitive arrays (about 23 bytes a play), because a million rows as
 * objects or JSON would cost gigabytes and seconds. Row {@code i} has Tautulli id {@code i + 1}; generated rows are
 * strictly ascending in {@code started}. Live sessions that stop are appended (thread-safe); readers never lock:
 * they read an immutable {@link Columns} snapshot published through a volatile field, whose arrays are only ever
 * written beyond the snapshot's size.
 */
public final class History implements Iterable<PlayRow> {

    private static final int WAN = 1;
    private static final int SECURE = 2;
    private static final int RELAYED = 4;

    /** Tautulli's default watched threshold (movie, tv and music: 85 %). */
    public static final int WATCHED_PERCENT = 85;

    private final World world;
    private final long base;
    private volatile Columns cols;

    static final class Columns {
        final int[] item;
        final byte[] user;
        final short[] device;
        final int[] started;   // seconds after base
        final int[] wall;      // stopped - started
        final int[] paused;
        final byte[] decision;
        final byte[] percent;
        final byte[] flags;
        final int size;
        final int sortedPrefix; // rows [0, sortedPrefix) are non-decreasing in started
        final int maxWall;

        Columns(int capacity) {
            this(new int[capacity], new byte[capacity], new short[capacity], new int[capacity], new int[capacity],
                    new int[capacity], new byte[capacity], new byte[capacity], new byte[capacity], 0, 0, 0);
        }

        Columns(int[] item, byte[] user, short[] device, int[] started, int[] wall, int[] paused, byte[] decision,
                byte[] percent, byte[] flags, int size, int sortedPrefix, int maxWall) {
            this.item = item;
            this.user = user;
            this.device = device;
            this.started = started;
            this.wall = wall;
            this.paused = paused;
            this.decision = decision;
            this.percent = percent;
            this.flags = flags;
            this.size = size;
            this.sortedPrefix = sortedPrefix;
            this.maxWall = maxWall;
        }

        Columns grow(int capacity) {
            return new Columns(Arrays.copyOf(item, capacity), Arrays.copyOf(user, capacity),
                    Arrays.copyOf(device, capacity), Arrays.copyOf(started, capacity),
                    Arrays.copyOf(wall, capacity), Arrays.copyOf(paused, capacity),
                    Arrays.copyOf(decision, capacity), Arrays.copyOf(percent, capacity),
                    Arrays.copyOf(flags, capacity), size, sortedPrefix, maxWall);
        }

        Columns withSize(int size, int sortedPrefix, int maxWall) {
            return new Columns(item, user, device, started, wall, paused, decision, percent, flags, size,
                    sortedPrefix, maxWall);
        }
    }

    History(World world, long base, int capacity) {
        this.world = world;
        this.base = base;
        this.cols = new Columns(Math.max(capacity, 16));
    }

    /** Generator access: the arrays to fill for the first {@code n} rows. */
    Columns raw() {
        return cols;
    }

    /** Generator access: publishes the first {@code n} generated rows. */
    void publishGenerated(int n, int maxWall) {
        Columns c = cols;
        int prefix = 0;
        while (prefix < n && (prefix == 0 || c.started[prefix] >= c.started[prefix - 1])) {
            prefix++;
        }
        cols = c.withSize(n, prefix, maxWall);
    }

    public int size() {
        return cols.size;
    }

    /** Epoch seconds the stored start offsets are relative to. */
    public long baseEpoch() {
        return base;
    }

    public int id(int i) {
        return i + 1;
    }

    public long started(int i) {
        return base + cols.started[i];
    }

    public long stopped(int i) {
        Columns c = cols;
        return base + c.started[i] + c.wall[i];
    }

    public int pausedCounter(int i) {
        return cols.paused[i];
    }

    /** Seconds of play: stopped - started - paused. */
    public int duration(int i) {
        Columns c = cols;
        return c.wall[i] - c.paused[i];
    }

    public int itemOrdinal(int i) {
        return cols.item[i];
    }

    public Item item(int i) {
        return world.items().get(cols.item[i]);
    }

    public int userIndex(int i) {
        return cols.user[i];
    }

    public User user(int i) {
        return world.users().get(cols.user[i]);
    }

    public int deviceIndex(int i) {
        return cols.device[i];
    }

    public Device device(int i) {
        return world.devices().get(cols.device[i]);
    }

    public TranscodeDecision transcodeDecision(int i) {
        return TranscodeDecision.values()[cols.decision[i]];
    }

    public int decisionOrdinal(int i) {
        return cols.decision[i];
    }

    public int percentComplete(int i) {
        return cols.percent[i];
    }

    public boolean wan(int i) {
        return (cols.flags[i] & WAN) != 0;
    }

    public boolean secure(int i) {
        return (cols.flags[i] & SECURE) != 0;
    }

    public boolean relayed(int i) {
        return (cols.flags[i] & RELAYED) != 0;
    }

    public String ipAddress(int i) {
        Device d = device(i);
        return wan(i) ? d.wanIp() : d.lanIp();
    }

    /** Rows [0, sortedPrefix) are ordered by started; later rows (out-of-order stops of live sessions) are not. */
    public int sortedPrefix() {
        return cols.sortedPrefix;
    }

    /** The longest stopped - started of any row, to turn a window on stopped into a bound on started. */
    public int maxWallSeconds() {
        return cols.maxWall;
    }

    /** First index in the sorted prefix with started >= epoch (sortedPrefix if none). */
    public int lowerBound(long epoch) {
        Columns c = cols;
        long key = epoch - base;
        int lo = 0;
        int hi = c.sortedPrefix;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (c.started[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Calls {@code action} for every row with {@code from <= started < toExclusive}, in index order: a binary
     * search over the sorted prefix, then a check of each unsorted tail row.
     */
    public void forEachStartedBetween(long from, long toExclusive, IntConsumer action) {
        Columns c = cols;
        int lo = lowerBound(from);
        int hi = lowerBound(toExclusive);
        for (int i = lo; i < hi; i++) {
            action.accept(i);
        }
        long f = from - base;
        long t = toExclusive - base;
        for (int i = c.sortedPrefix; i < c.size; i++) {
            if (c.started[i] >= f && c.started[i] < t) {
                action.accept(i);
            }
        }
    }

    /** Calls {@code action} for every row with stopped >= epoch (Tautulli's time_range/query_days windows). */
    public void forEachStoppedSince(long epoch, IntConsumer action) {
        Columns c = cols;
        long key = epoch - base;
        int lo = lowerBound(epoch - c.maxWall);
        for (int i = lo; i < c.size; i++) {
            if ((long) c.started[i] + c.wall[i] >= key) {
                action.accept(i);
            }
        }
    }

    public PlayRow row(int i) {
        Columns c = cols;
        if (i < 0 || i >= c.size) {
            throw new IndexOutOfBoundsException("row " + i + " of " + c.size);
        }
        Device d = world.devices().get(c.device[i]);
        boolean wan = (c.flags[i] & WAN) != 0;
        long started = base + c.started[i];
        return new PlayRow(i + 1, started, started + c.wall[i], c.paused[i], c.wall[i] - c.paused[i],
                world.users().get(c.user[i]), d, world.items().get(c.item[i]), wan ? d.wanIp() : d.lanIp(), wan,
                (c.flags[i] & SECURE) != 0, (c.flags[i] & RELAYED) != 0,
                TranscodeDecision.values()[c.decision[i]], c.percent[i]);
    }

    /** Appends a finished play (a live session that stopped) and returns it; its id is the next id. */
    public synchronized PlayRow append(long started, long stopped, int pausedCounter, Item item, User user,
            Device device, boolean wan, boolean secure, boolean relayed, TranscodeDecision decision,
            int percentComplete) {
        Columns c = cols;
        if (c.size == c.item.length) {
            c = c.grow(c.item.length + (c.item.length >> 1) + 16);
        }
        int i = c.size;
        int wall = (int) Math.max(0, stopped - started);
        c.item[i] = item.ordinal();
        c.user[i] = (byte) user.index();
        c.device[i] = (short) device.index();
        c.started[i] = Math.toIntExact(started - base);
        c.wall[i] = wall;
        c.paused[i] = Math.min(Math.max(0, pausedCounter), wall);
        c.decision[i] = (byte) decision.ordinal();
        c.percent[i] = (byte) Math.max(0, Math.min(100, percentComplete));
        c.flags[i] = flags(wan, secure, relayed);
        boolean stillSorted = c.sortedPrefix == i && (i == 0 || c.started[i] >= c.started[i - 1]);
        cols = c.withSize(i + 1, stillSorted ? i + 1 : c.sortedPrefix, Math.max(c.maxWall, wall));
        return row(i);
    }

    static byte flags(boolean wan, boolean secure, boolean relayed) {
        return (byte) ((wan ? WAN : 0) | (secure ? SECURE : 0) | (relayed ? RELAYED : 0));
    }

    /** Tautulli's watched_status: 1 at the threshold, else the quarter of the threshold reached. */
    public static double watchedStatus(int percent) {
        double t = WATCHED_PERCENT;
        if (percent >= t) {
            return 1;
        } else if (percent >= t * 0.75) {
            return 0.75;
        } else if (percent >= t * 0.5) {
            return 0.5;
        } else if (percent >= t * 0.25) {
            return 0.25;
        }
        return 0;
    }

    @Override
    public Iterator<PlayRow> iterator() {
        int n = size();
        return new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public PlayRow next() {
                if (i >= n) {
                    throw new NoSuchElementException();
                }
                return row(i++);
            }
        };
    }

    public Stream<PlayRow> stream() {
        return StreamSupport.stream(Spliterators.spliterator(iterator(), size(),
                Spliterator.ORDERED | Spliterator.SIZED | Spliterator.NONNULL), false);
    }
}
