package dev.bpfbook.kernel;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Shift-Tab help: the one-line documentation of the builtin variable, function, probe type or session
 * map under the cursor.
 */
final class Inspector {
    private final Supplier<Set<String>> mapNames;

    Inspector(Supplier<Set<String>> mapNames) {
        this.mapNames = mapNames;
    }

    Optional<String> inspect(String code, int cursor) {
        cursor = Math.max(0, Math.min(cursor, code.length()));
        String name = Completer.Word.at(code, cursor).whole(code);
        if (name.isEmpty()) return Optional.empty();
        if (name.startsWith("@")) {
            return mapNames.get().contains(name)
                    ? Optional.of(name + ": a map alive in this kernel session; print(" + name + ") shows it, clear("
                            + name + ") empties it")
                    : Optional.empty();
        }
        if (name.matches("\\$[0-9]+")) return Optional.of(Builtins.VARIABLES.get("$1"));
        if (name.matches("s?arg[0-9]")) return Optional.of(Builtins.VARIABLES.get(name.startsWith("s") ? "sarg0" : "arg0"));
        // "kstack"/"ustack" are both a variable and a function; the function's line says more.
        String doc = Builtins.FUNCTIONS.get(name);
        if (doc == null) doc = Builtins.VARIABLES.get(name);
        if (doc == null) doc = Builtins.PROBE_TYPES.get(name);
        return Optional.ofNullable(doc);
    }
}
