package dev.bpfbook.runtime.format;

import dev.bpfbook.lang.program.ValueKind;
import dev.bpfbook.lang.types.Type;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The maps of one reference program (resources format/cases/NAME.bt) and the output bpftrace 0.17 printed
 * for it (NAME.out, NAME.json.out; regenerate with format/capture.sh).
 */
final class Reference {
    static final Type STR = new Type.StringType(64);

    final String name;
    private final Map<String, MapModel> maps = new TreeMap<>(MapPrinter.PRINT_ORDER);
    private final MapPrinter printer;

    Reference(String name) {
        this(name, new MapPrinter());
    }

    Reference(String name, MapPrinter printer) {
        this.name = name;
        this.printer = printer;
    }

    MapModel map(String name, Type keyType, ValueKind kind) {
        return maps.computeIfAbsent(name, n -> new MapModel(n, keyType, kind));
    }

    static Type.TupleType key(Type... parts) {
        return new Type.TupleType(List.of(parts));
    }

    /** What bpftrace prints after the run: "\n\n", then every map in name order. */
    String exitText() {
        StringBuilder sb = new StringBuilder("\n\n");
        for (MapModel m : maps.values()) sb.append(printer.text(m.spec, m.entries()));
        return sb.toString();
    }

    String exitJson() {
        StringBuilder sb = new StringBuilder("\n\n");
        for (MapModel m : maps.values()) sb.append(printer.json(m.spec, m.entries()));
        return sb.toString();
    }

    /** The captured text output without the "Attaching N probe(s)..." line. */
    String capturedText() {
        String s = resource("cases/" + name + ".out");
        return s.substring(s.indexOf('\n') + 1);
    }

    String capturedJson() {
        String s = resource("cases/" + name + ".json.out");
        return s.substring(s.indexOf('\n') + 1);
    }

    /** A test resource under format/. */
    static String resource(String path) {
        try (InputStream in = Reference.class.getResourceAsStream("/format/" + path)) {
            if (in == null) throw new IllegalStateException("missing resource format/" + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
