package dev.bpfbook.kernel;

import dev.bpfbook.lang.builtins.Builtins;
import dev.bpfbook.lang.check.ProbeTypes;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Shift-Tab help: the one-line documentation of the builtin variable, function, probe type or session
 * map under the cursor. Builtins and probe types are documented where the compiler defines them.
 */
final class Inspector {
    private final Supplier<Set<String>> mapNames;

    Inspector(Supplier<Set<String>> mapNames) {
        this.mapNames = mapNames;
    }

    Optional<String> inspect(String code, int cursor) {
        cursor = Math.max(0, Math.min(cursor, code.length()));
        Completer.Word word = Completer.Word.at(code, cursor);
        String name = word.whole(code);
        if (name.isEmpty()) return Optional.empty();
        if (name.startsWith("@")) {
            return mapNames.get().contains(name) ? Optional.of(Syntax.sessionMap(name)) : Optional.empty();
        }
        Optional<String> doc = Builtins.doc(name);
        if (doc.isEmpty()) doc = Syntax.doc(name);
        // Probe types only where attach points are written: inside a block "t" or "p" means nothing.
        if (doc.isEmpty() && Nesting.of(code, word.start()).depth() == 0) {
            doc = ProbeTypes.lookup(name).map(ProbeTypes.ProbeType::doc);
        }
        return doc;
    }
}
