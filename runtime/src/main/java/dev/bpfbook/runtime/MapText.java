package dev.bpfbook.runtime;

import dev.bpfbook.linux.BpfMap;
import dev.bpfbook.runtime.format.MapEntry;
import dev.bpfbook.runtime.format.MapPrinter;
import dev.bpfbook.runtime.format.Reducer;

import java.util.ArrayList;
import java.util.List;

/** Reads a live map (reducing per-CPU values) and prints it as bpftrace does. */
final class MapText {
    private MapText() {}

    static List<MapEntry> read(LiveMap m) {
        List<MapEntry> entries = new ArrayList<>();
        for (BpfMap.Entry e : m.map().entries()) {
            byte[] value = e.perCpu() != null ? Reducer.reduce(m.spec().value(), e.perCpu()) : e.value();
            entries.add(new MapEntry(e.key(), value));
        }
        return entries;
    }

    static String render(MapPrinter printer, LiveMap m, long top, long div, boolean json) {
        return json ? printer.json(m.spec(), read(m), top, div) : printer.text(m.spec(), read(m), top, div);
    }
}
