package dev.bpfbook.runtime;

import java.util.List;

/**
 * What a finished run leaves behind. {@code mapsText} is bpftrace's end-of-run map printout for the maps
 * this run wrote (empty when none). {@code maps} lists their names in print order. {@code exitCode} is 0
 * unless the run failed after starting. {@code lostRecords} counts output records the kernel dropped.
 */
public record RunResult(String mapsText, List<String> maps, long lostRecords, boolean interrupted) {
    public RunResult {
        maps = List.copyOf(maps);
    }
}
