package io.projectionist.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.projectionist.plex.model.PlexItemType;
import io.projectionist.report.Report.Insight;
import io.projectionist.sim.world.History;
import io.projectionist.sim.world.Item;
import io.projectionist.sim.world.MediaType;
import io.projectionist.sim.world.World;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import java.util.Arrays;
import java.util.Comparator;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.assertj.core.data.Offset;

/**
 * Generates the report from the simulator's Tautulli (and Plex) and checks its numbers against values computed
 * independently by walking the simulated world's play history. The server's zone is New York, so local-date
 * buckets differ from UTC ones.
 */
class ReportFromSimulatorTest {

    static final ZoneId ZONE = ZoneId.of("America/New_York");
    static final int DAYS = 7;
    static final Path DIR = Path.of("target/report-test/simulated");

    static SimulatedReport env;
    static ReportJob.Result result;
    static Report report;
    static World world;
    static long now;
    static LocalDate today;
    static List<String> idleCollectionTitles = new ArrayList<>();

    @BeforeAll
    static void generate() throws Exception {
        env = new SimulatedReport(40_000, 365, ZONE, true);
        world = env.sim.world();
        now = SimulatedReport.ANCHOR.getEpochSecond();
        today = LocalDate.ofInstant(SimulatedReport.ANCHOR, ZONE);
        deleteRecursively(DIR);
        // two Plex collections: one of movies nobody played in 90 days, one holding the most played movie
        History h = world.history();
        Map<Integer, Integer> recentMoviePlays = new HashMap<>();
        for (int i = 0; i < h.size(); i++) {
            if (h.item(i).type() == MediaType.MOVIE && h.stopped(i) >= now - 90 * 86_400L) {
                recentMoviePlays.merge(h.item(i).ratingKey(), 1, Integer::sum);
            }
        }
        List<String> unplayed = world.itemsOfType(MediaType.MOVIE).stream()
                .filter(m -> !recentMoviePlays.containsKey(m.ratingKey())).limit(3)
                .map(m -> String.valueOf(m.ratingKey())).toList();
        assertThat(unplayed).as("the world has movies nobody played").hasSize(3);
        String popular = String.valueOf(recentMoviePlays.entrySet().stream().max(Map.Entry.comparingByValue())
                .orElseThrow().getKey());
        env.plex.createCollection("1", "Forgotten Documentaries", PlexItemType.MOVIE, unplayed);
        env.plex.createCollection("1", "Crowd Pleasers", PlexItemType.MOVIE, List.of(popular));
        idleCollectionTitles.add("Forgotten Documentaries");

        ReportSettings settings = ReportSettings.defaults(DIR).withDays(DAYS);
        result = env.job().run(settings);
        report = result.report();
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    static LocalDate localDate(long epoch) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(epoch), ZONE);
    }

    /** Plays per local start date over the 2 × DAYS + 1 window of get_plays_by_date (window on stopped). */
    static Map<LocalDate, long[]> perDay() {
        History h = world.history();
        Map<LocalDate, long[]> out = new TreeMap<>();
        LocalDate first = today.minusDays(2L * DAYS);
        for (int i = 0; i < h.size(); i++) {
            LocalDate d = localDate(h.started(i));
            if (h.stopped(i) < now - (2L * DAYS + 1) * 86_400 || d.isBefore(first) || !d.isBefore(today)) {
                continue;
            }
            long[] acc = out.computeIfAbsent(d, k -> new long[5]);
            acc[0]++;
            acc[1] += h.duration(i);
            acc[2 + h.decisionOrdinal(i)]++;
        }
        return out;
    }

    @Test
    void totalsAndDailySeriesMatchTheHistory() {
        Map<LocalDate, long[]> perDay = perDay();
        long plays = 0;
        long secs = 0;
        long prevPlays = 0;
        long prevSecs = 0;
        long transcodes = 0;
        for (Map.Entry<LocalDate, long[]> e : perDay.entrySet()) {
            boolean current = !e.getKey().isBefore(today.minusDays(DAYS));
            if (current) {
                plays += e.getValue()[0];
                secs += e.getValue()[1];
                transcodes += e.getValue()[4];
            } else {
                prevPlays += e.getValue()[0];
                prevSecs += e.getValue()[1];
            }
        }
        assertThat(plays).as("sanity: a busy week").isGreaterThan(300);
        assertThat(report.totals().plays()).isEqualTo(plays);
        assertThat(report.totals().previousPlays()).isEqualTo(prevPlays);
        assertThat(report.totals().watchSeconds()).isEqualTo(secs);
        assertThat(report.totals().previousWatchSeconds()).isEqualTo(prevSecs);
        assertThat(report.totals().transcode()).isEqualTo(transcodes);
        assertThat(report.totals().playsChangePct()).isCloseTo((plays - prevPlays) * 100.0 / prevPlays,
                Offset.offset(1e-9));

        assertThat(report.days()).hasSize(DAYS);
        for (int k = 0; k < DAYS; k++) {
            LocalDate date = today.minusDays(DAYS - k);
            Report.Day day = report.days().get(k);
            assertThat(day.date()).isEqualTo(date.toString());
            long[] exp = perDay.getOrDefault(date, new long[5]);
            assertThat(day.plays()).as("plays on %s", date).isEqualTo(exp[0]);
            assertThat(day.watchSeconds()).as("seconds on %s", date).isEqualTo(exp[1]);
            assertThat(day.previousDate()).isEqualTo(date.minusDays(DAYS).toString());
            assertThat(day.previousPlays()).isEqualTo(perDay.getOrDefault(date.minusDays(DAYS), new long[5])[0]);
        }
        assertThat(report.meta().periodEnd()).as("today is still running: left out").isEqualTo(today.minusDays(1).toString());
        assertThat(report.meta().periodStart()).isEqualTo(today.minusDays(DAYS).toString());
    }

    /** Plays per top-level item (movie, show) and per user in the window stopped >= now - days × 24 h. */
    static Map<Integer, long[]> perTopLevel(MediaType played, int days) {
        History h = world.history();
        Map<Integer, long[]> out = new HashMap<>();
        h.forEachStoppedSince(now - days * 86_400L, i -> {
            Item it = h.item(i);
            if (it.type() == played) {
                long[] acc = out.computeIfAbsent(world.topLevel(it).ratingKey(), k -> new long[2]);
                acc[0]++;
                acc[1] += h.duration(i);
            }
        });
        return out;
    }

    @Test
    void topTitlesAndPreviousPeriodMatchTheHistory() {
        for (MediaType type : List.of(MediaType.EPISODE, MediaType.MOVIE)) {
            Map<Integer, long[]> cur = perTopLevel(type, DAYS);
            Map<Integer, long[]> both = perTopLevel(type, 2 * DAYS);
            long max = cur.values().stream().mapToLong(a -> a[0]).max().orElseThrow();
            List<Report.TitleStat> list = type == MediaType.MOVIE ? report.rankings().movies()
                    : report.rankings().shows();
            Report.TitleStat top = list.get(0);
            assertThat(top.plays()).as("top %s plays", type).isEqualTo(max);
            int key = Integer.parseInt(top.ratingKey());
            assertThat(world.item(key).orElseThrow().title()).isEqualTo(top.title());
            assertThat(cur.get(key)[0]).isEqualTo(max);
            assertThat(top.watchSeconds()).isEqualTo(cur.get(key)[1]);
            for (Report.TitleStat t : list) {
                int k = Integer.parseInt(t.ratingKey());
                assertThat(t.plays()).as("%s", t.title()).isEqualTo(cur.get(k)[0]);
                assertThat(t.previousPlays()).as("previous plays of %s", t.title())
                        .isEqualTo(both.get(k)[0] - cur.get(k)[0]);
            }
            assertThat(list).hasSize(10);
        }
    }

    @Test
    void usersMatchTheHistory() {
        History h = world.history();
        Map<String, long[]> perUser = new HashMap<>();
        h.forEachStoppedSince(now - 2L * DAYS * 86_400, i -> {
            long[] acc = perUser.computeIfAbsent(h.user(i).friendlyName(), k -> new long[3]);
            if (h.stopped(i) >= now - DAYS * 86_400L) {
                acc[0]++;
                acc[2] += h.duration(i);
            } else {
                acc[1]++;
            }
        });
        String topName = perUser.entrySet().stream().max(Map.Entry.comparingByValue(
                Comparator.comparingLong((long[] a) -> a[0]))).orElseThrow().getKey();
        List<Report.UserStat> users = report.rankings().users();
        assertThat(users.get(0).name()).isEqualTo(topName);
        for (Report.UserStat u : users) {
            long[] exp = perUser.get(u.name());
            assertThat(u.plays()).as("plays of %s", u.name()).isEqualTo(exp[0]);
            assertThat(u.previousPlays()).as("previous plays of %s", u.name()).isEqualTo(exp[1]);
            assertThat(u.watchSeconds()).as("seconds of %s", u.name()).isEqualTo(exp[2]);
        }
        assertThat(report.totals().activeUsers()).isEqualTo((int) perUser.values().stream().filter(a -> a[0] > 0).count());
        assertThat(report.highlights()).anySatisfy(s -> assertThat(s).startsWith("Most active: " + topName));
    }

    @Test
    void htmlIsWellFormedSelfContainedAndItsChartsCarryTheNumbers() throws Exception {
        Path html = result.files().get(0);
        assertThat(html.getFileName().toString()).isEqualTo("viewing-report-" + today.minusDays(1) + "-7d.html");
        String text = Files.readString(html);
        assertThat(text).doesNotContain("<script").doesNotContain("src=\"http").doesNotContain("href=\"http")
                .doesNotContain("url(");
        assertThat(text.replace("http://www.w3.org/1999/xhtml", "").replace("http://www.w3.org/2000/svg", ""))
                .doesNotContain("http://").doesNotContain("https://");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(html.toFile()); // throws if not well-formed
        NodeList svgs = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg");
        assertThat(svgs.getLength()).isEqualTo(4);
        Map<String, Element> byId = new HashMap<>();
        for (int i = 0; i < svgs.getLength(); i++) {
            Element e = (Element) svgs.item(i);
            assertThat(e.getAttribute("viewBox")).matches("0 0 \\d+ \\d+");
            byId.put(e.getAttribute("id"), e);
        }
        assertThat(byId).containsKeys("chart-days", "chart-hours", "chart-stream", "chart-users");
        Map<LocalDate, long[]> perDay = perDay();
        List<Element> dayBars = bars(byId.get("chart-days"));
        assertThat(dayBars).hasSize(DAYS);
        for (Element bar : dayBars) {
            LocalDate d = LocalDate.parse(bar.getAttribute("data-date"));
            assertThat(Long.parseLong(bar.getAttribute("data-plays"))).as("bar %s", d)
                    .isEqualTo(perDay.getOrDefault(d, new long[5])[0]);
        }
        // hour of day: window on stopped, bucket by local hour of started
        long[] hours = new long[24];
        History h = world.history();
        h.forEachStoppedSince(now - DAYS * 86_400L, i -> hours[LocalDateTime.ofInstant(Instant.ofEpochSecond(
                h.started(i)), ZONE).getHour()]++);
        List<Element> hourBars = bars(byId.get("chart-hours"));
        assertThat(hourBars).hasSize(24);
        for (Element bar : hourBars) {
            int hour = Integer.parseInt(bar.getAttribute("data-hour"));
            assertThat(Long.parseLong(bar.getAttribute("data-plays"))).as("hour %d", hour).isEqualTo(hours[hour]);
        }
        Element user = bars(byId.get("chart-users")).get(0);
        assertThat(user.getAttribute("data-user")).isEqualTo(report.rankings().users().get(0).name());
        var xpath = XPathFactory.newInstance().newXPath();
        NodeList ins = (NodeList) xpath.evaluate("//*[@id='insights']/*[local-name()='li']", doc,
                XPathConstants.NODESET);
        assertThat(ins.getLength()).isEqualTo(report.insights().size());
        for (int i = 0; i < ins.getLength(); i++) {
            assertThat(((Element) ins.item(i)).getAttribute("data-kind")).isEqualTo(report.insights().get(i).kind());
        }
        String plays = (String) xpath.evaluate("//*[@id='kpi-plays']/*[@class='v']", doc,
                XPathConstants.STRING);
        assertThat(plays.replace(",", "")).isEqualTo(String.valueOf(report.totals().plays()));
    }

    static List<Element> bars(Element svg) {
        List<Element> out = new ArrayList<>();
        NodeList gs = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        for (int i = 0; i < gs.getLength(); i++) {
            Element g = (Element) gs.item(i);
            if ("bar".equals(g.getAttribute("class"))) {
                out.add(g);
            }
        }
        return out;
    }

    @Test
    void everyFormatIsWrittenWithTheSameNumbers() throws Exception {
        String base = "viewing-report-" + today.minusDays(1) + "-7d";
        try (Stream<Path> files = Files.list(DIR)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names).containsExactlyInAnyOrder(base + ".html", base + ".md", base + ".json",
                    base + "-summary.csv", base + "-days.csv", base + "-titles.csv", base + "-users.csv",
                    base + "-platforms.csv", base + "-libraries.csv", base + "-insights.csv");
        }
        JsonNode json = new ObjectMapper().readTree(DIR.resolve(base + ".json").toFile());
        assertThat(json.path("totals").path("plays").asLong()).isEqualTo(report.totals().plays());
        assertThat(json.path("totals").path("previous_plays").asLong()).isEqualTo(report.totals().previousPlays());
        assertThat(json.path("days")).hasSize(DAYS);
        assertThat(json.path("rankings").path("shows").get(0).path("title").asText())
                .isEqualTo(report.rankings().shows().get(0).title());
        assertThat(json.path("insights").size()).isEqualTo(report.insights().size());

        List<String> days = Files.readAllLines(DIR.resolve(base + "-days.csv"));
        assertThat(days).hasSize(DAYS + 1);
        assertThat(days.get(0)).startsWith("date,weekday,plays,plays_tv,plays_movies,plays_music,watch_seconds");
        long csvPlays = days.stream().skip(1).mapToLong(l -> Long.parseLong(l.split(",")[2])).sum();
        assertThat(csvPlays).isEqualTo(report.totals().plays());

        String md = Files.readString(DIR.resolve(base + ".md"));
        assertThat(md).contains("# Weekly viewing report").contains(report.rankings().shows().get(0).title())
                .contains("| " + today.minusDays(1) + " |");
        assertThat(result.summary().json()).containsEntry("plays", report.totals().plays())
                .containsEntry("top_show", report.rankings().shows().get(0).title());
        assertThat(result.summary().text()).contains("Full report: " + result.files().get(0));
    }

    @Test
    void abandonedTitleInsightsAreTrueOfTheHistory() {
        List<Insight> abandoned = report.insights().stream().filter(i -> i.kind().equals("abandoned_title")).toList();
        assertThat(abandoned).as("a 40,000-play world has titles several viewers gave up on").isNotEmpty();
        History h = world.history();
        LocalDate from = today.minusDays(29);
        for (Insight i : abandoned) {
            int key = Integer.parseInt((String) i.numbers().get("rating_key"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> who = (List<Map<String, Object>>) i.numbers().get("abandoned_by");
            assertThat(who.size()).isGreaterThanOrEqualTo(2);
            for (Map<String, Object> w : who) {
                String user = (String) w.get("user");
                int max = -1;
                for (int r = 0; r < h.size(); r++) {
                    if (h.item(r).ratingKey() == key && h.user(r).friendlyName().equals(user)
                            && !localDate(h.started(r)).isBefore(from)) {
                        max = Math.max(max, h.percentComplete(r));
                    }
                }
                assertThat(max).as("%s on %s", user, i.numbers().get("title")).isBetween(5, 84)
                        .isEqualTo(((Number) w.get("percent")).intValue());
            }
        }
    }

    @Test
    void plexCollectionsNobodyWatchesAreReported() {
        List<Insight> idle = report.insights().stream().filter(i -> i.kind().equals("idle_collection")).toList();
        assertThat(idle).extracting(i -> i.numbers().get("collection")).containsExactlyElementsOf(idleCollectionTitles);
        assertThat(idle.get(0).sentence()).startsWith("You haven't watched anything from the ‘Forgotten Documentaries’"
                + " collection (Movies, 3 items) in 90 days");
        assertThat(report.meta().notes()).noneMatch(n -> n.contains("Plex"));
    }

    @Test
    void transcodeShareByPlatformMatchesTheHistory() {
        History h = world.history();
        Map<String, long[]> perPlatform = new HashMap<>();
        h.forEachStoppedSince(now - DAYS * 86_400L, i -> perPlatform.computeIfAbsent(h.device(i).platform(),
                k -> new long[3])[h.decisionOrdinal(i)]++);
        for (Report.PlatformStat p : report.platforms()) {
            long[] exp = perPlatform.get(p.platform());
            assertThat(new long[] {p.directPlay(), p.directStream(), p.transcode()}).as(p.platform()).containsExactly(exp);
        }
        Insight t = report.insights().stream().filter(i -> i.kind().equals("transcodes_by_platform")).findFirst()
                .orElseThrow();
        String worst = (String) t.numbers().get("platform");
        double share = perPlatform.get(worst)[2] * 100.0 / Arrays.stream(perPlatform.get(worst)).sum();
        double best = perPlatform.entrySet().stream()
                .filter(e -> report.platforms().stream().anyMatch(p -> p.platform().equals(e.getKey())))
                .filter(e -> Arrays.stream(e.getValue()).sum() >= 5)
                .mapToDouble(e -> e.getValue()[2] * 100.0 / Arrays.stream(e.getValue()).sum()).max()
                .orElseThrow();
        assertThat(share).isCloseTo(best, Offset.offset(0.051));
    }

    @Test
    void noTemporaryFilesAreLeftBehind() throws Exception {
        try (Stream<Path> files = Files.list(DIR)) {
            assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toList()))
                    .noneMatch(n -> n.startsWith(".") || n.endsWith(".tmp"));
        }
    }

    static void deleteRecursively(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }
}
