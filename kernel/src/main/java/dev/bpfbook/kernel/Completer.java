package dev.bpfbook.kernel;

import dev.bpfbook.lang.builtins.Builtins;
import dev.bpfbook.lang.check.ProbeTypes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Tab completion. Outside any braces a word completes to a probe type (and after "tracepoint:" to
 * tracepoint categories and events from tracefs); inside an action block to the compiler's builtin
 * variables, functions and aggregations, sizeof/offsetof and the session's maps; a word starting with
 * '@' to the session's maps only. Nothing is offered inside strings and comments.
 */
final class Completer {

    /** The text {@code [start, end)} of the cell may be replaced by any of {@code matches}. */
    record Completion(List<String> matches, int start, int end) {
        Completion {
            matches = List.copyOf(matches);
        }
    }

    private final Supplier<Set<String>> mapNames;
    private final Path tracefsEvents;

    Completer(Supplier<Set<String>> mapNames, Path tracefsEvents) {
        this.mapNames = mapNames;
        this.tracefsEvents = tracefsEvents;
    }

    Completion complete(String code, int cursor) {
        cursor = Math.max(0, Math.min(cursor, code.length()));
        Word word = Word.at(code, cursor);
        Nesting nesting = Nesting.of(code, word.start());
        if (!nesting.inCode()) return new Completion(List.of(), cursor, cursor);
        String prefix = word.text();
        Collection<String> candidates;
        if (prefix.startsWith("@")) {
            candidates = mapNames.get();
        } else if (nesting.depth() == 0) {
            candidates = attachPointCandidates(code, word.start());
        } else {
            candidates = new TreeSet<>();
            candidates.addAll(Builtins.names());
            candidates.addAll(Syntax.WORDS.keySet());
            candidates.addAll(mapNames.get());
        }
        TreeSet<String> matches = new TreeSet<>();
        for (String candidate : candidates) {
            if (candidate.startsWith(prefix)) matches.add(candidate);
        }
        return new Completion(List.copyOf(matches), word.start(), word.end());
    }

    /** Probe types, or tracefs names when the word follows "tracepoint:" or "tracepoint:CATEGORY:". */
    private Collection<String> attachPointCandidates(String code, int wordStart) {
        int lineStart = code.lastIndexOf('\n', wordStart - 1) + 1;
        String before = code.substring(lineStart, wordStart);
        int space = Math.max(before.lastIndexOf(' '), before.lastIndexOf(','));
        String[] parts = before.substring(space + 1).split(":", -1);
        boolean tracepoint = parts.length > 1 && ProbeTypes.canonical(parts[0]).equals("tracepoint");
        if (tracepoint && parts.length == 2) return listDirectory(tracefsEvents);
        if (tracepoint && parts.length == 3) return listDirectory(tracefsEvents.resolve(parts[1]));
        if (parts.length > 1) return List.of();
        return ProbeTypes.all().stream().map(ProbeTypes.ProbeType::name).toList();
    }

    private static Collection<String> listDirectory(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** The identifier-like word around a cursor: letters, digits, '_', and a leading '@' or '$'. */
    record Word(String text, int start, int end) {
        static Word at(String code, int cursor) {
            int start = cursor;
            while (start > 0 && isWordChar(code.charAt(start - 1))) start--;
            if (start > 0 && (code.charAt(start - 1) == '@' || code.charAt(start - 1) == '$')) start--;
            int end = cursor;
            while (end < code.length() && isWordChar(code.charAt(end))) end++;
            return new Word(code.substring(start, cursor), start, end);
        }

        /** The whole word under or just before the cursor, for inspection. */
        String whole(String code) {
            return code.substring(start, end);
        }

        private static boolean isWordChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_';
        }
    }
}
