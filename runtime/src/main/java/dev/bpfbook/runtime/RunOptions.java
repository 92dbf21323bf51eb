package dev.bpfbook.runtime;

import java.time.Duration;
import java.util.List;

/**
 * How one program runs. {@code sourceName} is "stdin" for -e programs and cells, the path for files.
 * {@code deadline} null means until exit() or interrupt. {@code maps} says which maps are printed when the
 * run ends. {@code json} selects bpftrace's {@code -f json} output instead of text.
 */
public record RunOptions(String sourceName, List<String> positionalParams, boolean unsafe, Duration deadline,
                         MapReport maps, boolean json) {
    /** Which maps a finished run prints. */
    public enum MapReport {
        /** None (tests, or a caller that renders maps itself). */
        NONE,
        /** The non-empty maps the program stored into: what a notebook cell shows. */
        WRITTEN,
        /** Every map the program uses, empty ones included, exactly as bpftrace prints at exit. */
        ALL
    }

    public RunOptions {
        positionalParams = List.copyOf(positionalParams);
    }

    public RunOptions(String sourceName, List<String> positionalParams, boolean unsafe, Duration deadline,
                      MapReport maps) {
        this(sourceName, positionalParams, unsafe, deadline, maps, false);
    }

    /** A notebook cell: runs until exit() or interrupt and shows the maps it wrote. */
    public static RunOptions defaults() {
        return new RunOptions("stdin", List.of(), false, null, MapReport.WRITTEN);
    }

    public RunOptions withMaps(MapReport maps) {
        return new RunOptions(sourceName, positionalParams, unsafe, deadline, maps, json);
    }

    public RunOptions withJson(boolean json) {
        return new RunOptions(sourceName, positionalParams, unsafe, deadline, maps, json);
    }

    public RunOptions withDeadline(Duration deadline) {
        return new RunOptions(sourceName, positionalParams, unsafe, deadline, maps, json);
    }
}
