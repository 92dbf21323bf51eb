package dev.bpfbook.lang.program;

import java.util.List;
import java.util.Optional;

/**
 * What the compiler needs to know about the running kernel, supplied by the runtime (lang makes no
 * syscalls). Tracepoint formats are the raw text of tracefs events/CAT/NAME/format.
 */
public interface ProbeCatalogue {
    /** Every tracepoint as "category:name". */
    List<String> tracepoints();

    Optional<String> tracepointFormat(String category, String name);

    /** Number of possible CPUs (per-CPU value arrays). */
    int possibleCpus();
}
