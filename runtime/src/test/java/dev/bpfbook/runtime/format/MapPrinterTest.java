package dev.bpfbook.runtime.format;

import dev.bpfbook.lang.program.ValueKind;
import dev.bpfbook.lang.types.Type;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.bpfbook.runtime.format.Reference.STR;
import static dev.bpfbook.runtime.format.Reference.key;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each test fills the maps of one reference program exactly as that program fills them, and compares
 * MapPrinter's output byte for byte with what bpftrace 0.17 printed for the same program.
 */
class MapPrinterTest {
    static final ValueKind COUNT = new ValueKind.Count(), HIST = new ValueKind.Hist();
    static final ValueKind SUM = new ValueKind.Sum(true), AVG = new ValueKind.Avg(true), STATS = new ValueKind.Stats(true);
    static final ValueKind MIN = new ValueKind.Min(true), MAX = new ValueKind.Max(true);

    static ValueKind plain(Type t) {
        return new ValueKind.Plain(t);
    }

    static void assertMatches(Reference r) {
        assertEquals(r.capturedText(), r.exitText(), r.name + " (text)");
        assertEquals(r.capturedJson(), r.exitJson(), r.name + " (json)");
    }

    @Test
    void basic() {
        Reference r = new Reference("basic");
        r.map("@h", null, HIST).hist(0).hist(1).hist(5).hist(1500).hist(-3);
        r.map("@l", null, new ValueKind.LHist(0, 100, 10)).lhist(7);
        r.map("@c", STR, COUNT).count("b").count("a").count("a");
        r.map("@s", key(Type.S64, STR), SUM).sum(5, 1L, "x");
        r.map("@a", null, AVG).avg(4).avg(7);
        r.map("@m", null, MAX).max(3);
        r.map("@st", null, STATS).stats(9);
        r.map("@t", null, plain(key(Type.S64, new Type.StringType(3)))).set(new Object[] {1L, "ab"});
        assertMatches(r);
    }

    @Test
    void histogramBarsAndLabels() {
        Reference r = new Reference("hist_bars");
        MapModel bars = r.map("@bars", null, HIST).hist(-1);
        repeat(7, () -> bars.hist(0));
        repeat(13, () -> bars.hist(1));
        repeat(26, () -> bars.hist(2));
        repeat(51, () -> bars.hist(5));
        repeat(52, () -> bars.hist(10));
        repeat(39, () -> bars.hist(40));
        repeat(17, () -> bars.hist(100));
        r.map("@thirds", null, HIST).hist(3).hist(300).hist(300).hist(3000).hist(3000).hist(3000);
        r.map("@big", null, HIST).hist(1500).hist(3145728).hist(1610612736).hist(3221225472L).hist(4294967295L);
        r.map("@one", null, HIST).hist(7);
        assertMatches(r);
    }

    @Test
    void keyedHistogramsSortByTotalWithLibstdcxxTieOrder() {
        Reference r = new Reference("hist_keyed");
        MapModel h = r.map("@h", Type.S64, HIST);
        for (long i = 0; i < 40; i++) h.hist(i, i * 37 % 1000);
        r.map("@w", STR, HIST).hist(1, "b").hist(2, "b").hist(3, "a").hist(4, "c").hist(5, "c").hist(6, "c")
                .hist(7, "d").hist(8, "e");
        assertMatches(r);
    }

    @Test
    void linearHistograms() {
        Reference r = new Reference("lhist");
        MapModel l = r.map("@l", null, new ValueKind.LHist(0, 100, 10)).lhist(-5).lhist(0).lhist(99).lhist(100).lhist(1000);
        repeat(4, () -> l.lhist(42));
        r.map("@k", null, new ValueKind.LHist(0, 4096, 1024)).lhist(5000).lhist(1024).lhist(1023).lhist(3000);
        r.map("@n", null, new ValueKind.LHist(100, 300, 50)).lhist(100).lhist(99).lhist(299).lhist(150);
        r.map("@m", null, new ValueKind.LHist(0, 3145728, 1048576)).lhist(1048576).lhist(3145727);
        r.map("@mid", null, new ValueKind.LHist(0, 100, 10)).lhist(55).lhist(75);
        r.map("@kl", STR, new ValueKind.LHist(10, 20, 1)).lhist(15, "x").lhist(15, "y").lhist(17, "y");
        assertMatches(r);
    }

    @Test
    void valueMapsSortAscendingByValue() {
        Reference r = new Reference("sort_values");
        MapModel c = r.map("@c", Type.S64, COUNT);
        for (long i = 0; i < 30; i++) {
            for (long j = 0; j <= i * 7 % 31; j++) c.count(i * 13 % 50);
        }
        r.map("@s", STR, SUM).sum(-5, "x").sum(10, "y").sum(-20, "z").sum(0, "w").sum(3, "v");
        r.map("@i", Type.S64, plain(Type.S64)).set(-3L, 1L).set(7L, 2L).set(-100L, 3L).set(0L, 4L);
        r.map("@mn", STR, MIN).min(5, "a").min(-7, "b").min(2, "c").min(9, "b");
        r.map("@mx", STR, MAX).max(5, "a").max(70, "b").max(2, "c").max(9, "a");
        assertMatches(r);
    }

    @Test
    void plainValuesSortByKey() {
        Reference r = new Reference("plain_values");
        Type s2 = new Type.StringType(2);
        r.map("@x", Type.S64, plain(s2)).set("a", -1L).set("b", 2L).set("c", 1L).set("d", 300L);
        r.map("@y", key(STR, Type.S64), plain(s2)).set("p", "b", 2L).set("q", "a", 3L).set("r", "b", 1L).set("s", "", 9L);
        r.map("@k", Type.S8, plain(s2)).set("x", -1L).set("y", 2L).set("z", 1L);
        Type tup = key(Type.S64, new Type.StringType(3), Type.S8);
        r.map("@tup", Type.S64, plain(tup)).set(new Object[] {1L, "ab", -2L}, 1L).set(new Object[] {300L, "zz", 5L}, 2L);
        r.map("@d", null, plain(Type.S16)).set(-300L);
        r.map("@e", null, plain(Type.U32)).set(4000000000L);
        r.map("@f", null, plain(Type.S64)).set(-1L);
        r.map("@u8", null, plain(Type.U8)).set(200L);
        r.map("@buf", null, plain(new Type.BufferType(7))).set(new byte[] {'a', 'b', 1, (byte) 0xff, 'z', '\\', '"'});
        byte[] lo1 = {127, 0, 0, 1}, lo2 = {127, 0, 0, 2};
        r.map("@in4", null, plain(new Type.InetType())).set(lo1);
        r.map("@in", Type.S64, plain(new Type.InetType())).set(lo1, 1L).set(lo2, 2L);
        r.map("@str", null, plain(STR)).set("hello world");
        r.map("@", null, plain(Type.S64)).set(3L);
        assertMatches(r);
    }

    @Test
    void averagesAndStats() {
        Reference r = new Reference("avg_stats");
        r.map("@a", STR, AVG).avg(10, "x").avg(-3, "x").avg(-7, "y").avg(2, "y").avg(100, "z");
        r.map("@st", STR, STATS).stats(10, "x").stats(-3, "x").stats(-7, "y").stats(1000, "z").stats(2000, "z");
        r.map("@sa", null, AVG).avg(-9).avg(4);
        r.map("@ss", null, STATS).stats(5);
        assertMatches(r);
    }

    @Test
    void emptyMapsStillPrintTheirTerminator() {
        Reference r = new Reference("empty");
        r.map("@a", null, plain(Type.S64)).set(1L).clear();
        r.map("@b", null, plain(Type.S64)).set(2L);
        r.map("@h", null, HIST).hist(1).clear();
        r.map("@st", null, STATS).stats(1).clear();
        r.map("@av", null, AVG).avg(1).clear();
        r.map("@c", Type.S64, COUNT).count(1L).clear();
        assertMatches(r);
    }

    @Test
    void printWithTopAndDiv() {
        Reference r = new Reference("print_top_div");
        MapPrinter p = new MapPrinter();
        MapModel s = r.map("@s", Type.S64, SUM).sum(100, 1L).sum(250, 2L).sum(-999, 3L);
        MapModel h = r.map("@h", Type.S64, HIST).hist(10, 1L).hist(10, 2L).hist(10, 2L).hist(10, 2L).hist(1, 3L).hist(100, 3L);
        MapModel a = r.map("@a", Type.S64, AVG).avg(10, 1L).avg(20, 2L).avg(-40, 3L);
        MapModel st = r.map("@st", Type.S64, STATS).stats(10, 1L).stats(20, 2L);
        List<Value> values = List.of(new Value.Int(5, true), new Value.Str("x"),
                new Value.Tuple(List.of(new Value.Int(1, true), new Value.Str("y"), new Value.Int(-2, true))));

        StringBuilder text = new StringBuilder(), json = new StringBuilder();
        for (long[] topDiv : new long[][] {{2, 10}, {0, 0}, {0, 3}}) {
            text.append(p.text(s.spec, s.entries(), topDiv[0], topDiv[1]));
            json.append(p.json(s.spec, s.entries(), topDiv[0], topDiv[1]));
        }
        for (long[] topDiv : new long[][] {{1, 0}, {0, 2}, {2, 0}}) {
            text.append(p.text(h.spec, h.entries(), topDiv[0], topDiv[1]));
            json.append(p.json(h.spec, h.entries(), topDiv[0], topDiv[1]));
        }
        for (long[] topDiv : new long[][] {{1, 3}, {2, 0}}) {
            text.append(p.text(a.spec, a.entries(), topDiv[0], topDiv[1]));
            json.append(p.json(a.spec, a.entries(), topDiv[0], topDiv[1]));
        }
        text.append(p.text(st.spec, st.entries()));
        json.append(p.json(st.spec, st.entries()));
        for (Value v : values) {
            text.append(v.text()).append('\n');
            json.append(JsonLines.value(v));
        }
        a.clear();
        h.clear();
        s.clear();
        st.clear();
        assertEquals(r.capturedText(), text + r.exitText());
        assertEquals(r.capturedJson(), json + r.exitJson());
    }

    private static void repeat(int n, Runnable r) {
        for (int i = 0; i < n; i++) r.run();
    }
}
