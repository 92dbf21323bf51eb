package dev.bpfbook.kernel;

import java.util.Map;
import java.util.Optional;

/**
 * Help for the words the grammar itself gives meaning to, which are not builtins of the compiler's
 * registry (dev.bpfbook.lang.builtins.Builtins holds those), and for the notebook's own session maps.
 */
final class Syntax {
    private Syntax() {
    }

    /** Words completion offers inside an action block besides the registry's builtins. */
    static final Map<String, String> WORDS = Map.of(
            "sizeof", "sizeof(type or expr): size in bytes of a C type or of an expression's value",
            "offsetof", "offsetof(struct NAME, field): byte offset of a field in a struct");

    private static final String POSITIONAL = "$1, $2, ...: positional parameters from the command line; a notebook cell has none, so they read as 0";
    private static final String POSITIONAL_COUNT = "$#: number of positional parameters (0 in a notebook cell)";

    /** The help line of a syntax word, "$N" or "$#". */
    static Optional<String> doc(String word) {
        if (word.matches("\\$[0-9]+")) return Optional.of(POSITIONAL);
        if (word.equals("$#")) return Optional.of(POSITIONAL_COUNT);
        return Optional.ofNullable(WORDS.get(word));
    }

    /** The help line of a map that lives in this kernel session. */
    static String sessionMap(String name) {
        return name + ": a map alive in this kernel session; print(" + name + ") shows it, clear(" + name + ") empties it";
    }
}
