package dev.bpfbook.runtime;

import java.time.Duration;
import java.util.List;

/**
 * How one program runs. {@code sourceName} is "stdin" for -e programs and cells, the path for files.
 * {@code deadline} null means until exit() or interrupt. {@code printMaps}: print every non-empty map
 * the program touched when it ends (the CLI and cells do; tests may not).
 */
public record RunOptions(String sourceName, List<String> positionalParams, boolean unsafe, Duration deadline,
                         boolean printMaps) {
    public RunOptions {
        positionalParams = List.copyOf(positionalParams);
    }

    public static RunOptions defaults() {
        return new RunOptions("stdin", List.of(), false, null, true);
    }
}
