package dev.bpfbook.lang;

import dev.bpfbook.lang.program.MapSpec;
import dev.bpfbook.lang.program.ProbeCatalogue;

import java.util.List;
import java.util.Map;

/**
 * Everything a compilation needs besides the AST: the source (for diagnostics), the running kernel's
 * probes, the maps already alive in the session (by '@name') with where each came from (e.g. "cell [2]"),
 * the positional parameters ($1…), and whether unsafe builtins are allowed.
 */
public record CompileContext(String sourceName, String source, ProbeCatalogue catalogue,
                             Map<String, MapSpec> sessionMaps, Map<String, String> mapOrigins,
                             List<String> positionalParams, boolean unsafe) {
    public CompileContext {
        sessionMaps = Map.copyOf(sessionMaps);
        mapOrigins = Map.copyOf(mapOrigins);
        positionalParams = List.copyOf(positionalParams);
    }

    /** A context with no session maps, no parameters, safe mode. */
    public static CompileContext of(String sourceName, String source, ProbeCatalogue catalogue) {
        return new CompileContext(sourceName, source, catalogue, Map.of(), Map.of(), List.of(), false);
    }
}
