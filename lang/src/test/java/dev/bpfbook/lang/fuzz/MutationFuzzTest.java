package dev.bpfbook.lang.fuzz;

import dev.bpfbook.lang.TestPaths;
import dev.bpfbook.lang.CompileContext;
import dev.bpfbook.lang.Compiler;
import dev.bpfbook.lang.ast.Program;
import dev.bpfbook.lang.check.TestCatalogue;
import dev.bpfbook.lang.diag.CompileException;
import dev.bpfbook.lang.diag.Diagnostic;
import dev.bpfbook.lang.syntax.Parser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutants of the corpus, the check-error cases and the tutorial seeds go through the whole front end
 * (Parser.parse, Compiler.check, and Compiler.compile when the check passes). Whatever the input, the
 * only way out is a CompileException that says where: at least one diagnostic with a real line, and
 * "stdin:LINE:COL" in the text for every positioned one. Anything else (an escaping RuntimeException,
 * a StackOverflowError, an unpositioned error) is a bug; each distinct one is printed with a minimal
 * reproducer and the run fails. Repeat a run with -Dfuzz.seed=N; -Dfuzz.count=N changes its size.
 */
class MutationFuzzTest {
    static final int DEFAULT_COUNT = 10_000;

    /** Tokens as the mutator sees them: good enough to cut programs at meaningful places. */
    static final Pattern TOKEN = Pattern.compile(
            "\"(?:[^\"\\\\\\n]|\\\\.)*\"?"            // strings, maybe unterminated
            + "|//[^\\n]*|/\\*(?s:.*?)\\*/"             // comments
            + "|0[xX][0-9a-fA-F]+|[0-9]+(?:e[0-9]+)?"   // numbers
            + "|[@$]?[A-Za-z_][A-Za-z_0-9]*|@|\\$[0-9#]+" // identifiers, maps, variables, params
            + "|\\s+"                                    // white space
            + "|<<=|>>=|->|\\+\\+|--|<<|>>|<=|>=|==|!=|&&|\\|\\||[-+*/%&|^]=|."); // operators, punctuation

    static final String[] PUNCTUATION = {";", "{", "}", "(", ")", "[", "]", ",", ":", "/", "*", "->", ".", "?",
            "=", "==", "!", "~", "&", "|", "#", "\"", "'", "$", "@", "++", "<<", "%", "\\", "\n"};
    static final String[] INTS = {"0", "1", "-1", "2", "64", "100", "101", "4096", "18446744073709551615",
            "18446744073709551616", "99999999999999999999999", "0x7fffffffffffffff", "0xffffffffffffffff",
            "09", "0x", "1e6", "1e99", "077", "-9223372036854775808"};
    static final String[] STRINGS = {"\"\"", "\"%\"", "\"%d\"", "\"%s %s %s\"", "\"%-8s %lld %llu %p %r %c\"",
            "\"\\x\"", "\"\\n\"", "\"" + "x".repeat(300) + "\"", "\"/etc/passwd\"", "\"%H:%M:%S\"", "\"ip\"",
            "\"SIGKILL\"", "\"perf\"", "\"bpftrace\""};
    static final String[] WORDS = {"pid", "tid", "comm", "retval", "args", "arg0", "arg9", "sarg0", "kstack",
            "ustack", "nsecs", "elapsed", "cpu", "probe", "func", "curtask", "rand", "cgroup", "username", "$1",
            "$#", "@", "@x", "@y", "$x", "$y", "count", "hist", "lhist", "str", "printf", "print", "delete",
            "exit", "sizeof", "offsetof", "struct", "if", "else", "while", "for", "unroll", "return", "break",
            "continue", "BEGIN", "END", "kprobe", "tracepoint", "uprobe", "interval", "nosuch", "int8", "uint64"};

    record Mutant(String kind, String text) {}

    record Bug(String signature, String kind, String text, Throwable error) {}

    final Map<String, Bug> bugs = new LinkedHashMap<>();
    final Map<String, Integer> outcomes = new LinkedHashMap<>();
    volatile String current = "";

    static List<String> sources() throws IOException {
        List<String> out = new ArrayList<>();
        List<Path> dirs = new ArrayList<>(List.of(Path.of("src/test/resources/corpus"),
                Path.of("src/test/resources/check-errors"), Path.of("src/test/resources/syntax/errors")));
        Path seeds = TestPaths.seedsLocation();
        if (Files.isDirectory(seeds)) dirs.add(seeds);
        else System.out.println("fuzz: no seeds at " + seeds + ", mutating the corpus only");
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(p -> p.toString().endsWith(".bt")).sorted().toList()) out.add(Files.readString(p));
            }
        }
        return out;
    }

    static List<String> tokens(String source) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(source);
        while (m.find()) out.add(m.group());
        return out;
    }

    /** Indices of tokens that are not white space. */
    static List<Integer> solid(List<String> tokens) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) if (!tokens.get(i).isBlank()) out.add(i);
        return out;
    }

    static Mutant mutate(Random rnd, List<String> sources) {
        String source = sources.get(rnd.nextInt(sources.size()));
        List<String> t = new ArrayList<>(tokens(source));
        List<Integer> solid = solid(t);
        if (solid.isEmpty()) return new Mutant("empty", source);
        int at = solid.get(rnd.nextInt(solid.size()));
        String kind;
        switch (rnd.nextInt(10)) {
            case 0 -> { kind = "delete"; t.remove(at); }
            case 1 -> { kind = "duplicate"; t.add(at, t.get(at)); }
            case 2 -> {
                kind = "swap";
                int other = solid.get(rnd.nextInt(solid.size()));
                String a = t.get(at);
                t.set(at, t.get(other));
                t.set(other, a);
            }
            case 3 -> { kind = "punctuation"; t.add(at + (rnd.nextBoolean() ? 1 : 0), PUNCTUATION[rnd.nextInt(PUNCTUATION.length)]); }
            case 4 -> {
                kind = "truncate";
                return new Mutant(kind, source.substring(0, rnd.nextInt(source.length() + 1)));
            }
            case 5, 6 -> {
                kind = "literal";
                List<Integer> literals = new ArrayList<>();
                for (int i : solid) if (Character.isDigit(t.get(i).charAt(0)) || t.get(i).startsWith("\"")) literals.add(i);
                int i = literals.isEmpty() ? at : literals.get(rnd.nextInt(literals.size()));
                boolean string = t.get(i).startsWith("\"") ? rnd.nextInt(4) != 0 : rnd.nextInt(4) == 0;
                t.set(i, string ? STRINGS[rnd.nextInt(STRINGS.length)] : INTS[rnd.nextInt(INTS.length)]);
            }
            case 7 -> { kind = "word"; t.set(at, WORDS[rnd.nextInt(WORDS.length)]); }
            case 8 -> {
                kind = "splice";
                List<String> other = tokens(sources.get(rnd.nextInt(sources.size())));
                int cut = rnd.nextInt(other.size() + 1);
                List<String> spliced = new ArrayList<>(t.subList(0, at));
                spliced.addAll(other.subList(cut, other.size()));
                t = spliced;
            }
            default -> {
                kind = "multiple";
                for (int n = 2 + rnd.nextInt(3); n > 0 && !t.isEmpty(); n--) {
                    int i = rnd.nextInt(t.size());
                    switch (rnd.nextInt(3)) {
                        case 0 -> t.remove(i);
                        case 1 -> t.add(i, PUNCTUATION[rnd.nextInt(PUNCTUATION.length)]);
                        default -> t.set(i, WORDS[rnd.nextInt(WORDS.length)]);
                    }
                }
            }
        }
        return new Mutant(kind, String.join("", t));
    }

    /** One mutant through the front end; returns how far it got. Problems are recorded in {@link #bugs}. */
    String run(Mutant m, TestCatalogue catalogue) {
        String src = m.text();
        String stage = "parse";
        try {
            Program p = Parser.parse(src, "stdin");
            stage = "check";
            CompileContext ctx = CompileContext.of("stdin", src, catalogue);
            Compiler.check(p, ctx);
            stage = "compile";
            Compiler.compile(p, ctx);
            return "compiled";
        } catch (CompileException e) {
            String problem = positionProblem(e);
            if (problem != null) record(stage + ": " + problem, m, e);
            return "rejected at " + stage;
        } catch (Throwable t) {
            // Same exception from the same place of our code is the same bug.
            StackTraceElement where = Stream.of(t.getStackTrace()).filter(e -> e.getClassName().startsWith("dev.bpfbook"))
                    .findFirst().orElse(null);
            record(stage + ": " + t.getClass().getName() + " at " + where, m, t);
            return "crashed at " + stage;
        }
    }

    static String positionProblem(CompileException e) {
        List<Diagnostic> ds = e.diagnostics();
        if (ds.isEmpty()) return "no diagnostics";
        if (ds.stream().noneMatch(d -> d.span().line() > 0)) return "no positioned diagnostic: " + ds.get(0).message();
        for (Diagnostic d : ds) {
            if (d.span().line() > 0 && !e.getMessage().contains("stdin:" + d.span().line() + ":" + d.span().col())) {
                return "text does not name stdin:" + d.span().line() + ":" + d.span().col();
            }
        }
        return null;
    }

    void record(String signature, Mutant m, Throwable t) {
        Bug old = bugs.get(signature);
        if (old == null || m.text().length() < old.text().length()) bugs.put(signature, new Bug(signature, m.kind(), m.text(), t));
    }

    @Test
    void frontEndOnlyEverFailsWithPositionedDiagnostics() throws IOException {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        int count = Integer.getInteger("fuzz.count", DEFAULT_COUNT);
        System.out.println("fuzz: seed " + seed + " (repeat with -Dfuzz.seed=" + seed + ")");
        List<String> sources = sources();
        TestCatalogue catalogue = new TestCatalogue();
        Random rnd = new Random(seed);
        long t0 = System.nanoTime();
        try {
            assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
                for (int i = 0; i < count; i++) {
                    Mutant m = mutate(rnd, sources);
                    current = m.text();
                    outcomes.merge(run(m, catalogue), 1, Integer::sum);
                }
            });
        } catch (org.opentest4j.AssertionFailedError e) {
            throw new AssertionError("front end hung on (or the run was far too slow at):\n" + current, e);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("fuzz: %d mutants of %d programs in %d ms: %s%n", count, sources.size(), ms, outcomes);
        StringBuilder report = new StringBuilder();
        for (Bug b : bugs.values()) {
            report.append("\n--- ").append(b.signature()).append(" (").append(b.kind()).append(" mutant)\n")
                  .append(b.text()).append("\n>>> ").append(b.error());
            if (!(b.error() instanceof CompileException)) {
                Stream.of(b.error().getStackTrace()).filter(e -> e.getClassName().startsWith("dev.bpfbook")).limit(8)
                        .forEach(e -> report.append("\n    at ").append(e));
            }
        }
        if (!bugs.isEmpty()) System.out.println("fuzz: " + bugs.size() + " distinct problems:" + report);
        assertTrue(bugs.isEmpty(), bugs.size() + " distinct front-end problems (seed " + seed + "):" + report);
    }
}
