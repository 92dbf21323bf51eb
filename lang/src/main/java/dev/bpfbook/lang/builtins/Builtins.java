package dev.bpfbook.lang.builtins;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The registry of builtin variables, functions and aggregations. Adding a builtin means adding its
 * definition class (check, emit and doc in one place) and one line here. Tools that talk about the
 * language (completion, help) read names and docs from here, so they offer exactly what compiles.
 */
public final class Builtins {
    private static final Map<String, Builtin> VARIABLES = new HashMap<>();
    private static final Map<String, Function> FUNCTIONS = new HashMap<>();
    private static final Map<String, Aggregation> AGGREGATIONS = new HashMap<>();

    static {
        for (Builtin b : ContextVariables.all()) VARIABLES.put(b.name(), b);
        for (Builtin b : TaskVariables.all()) VARIABLES.put(b.name(), b);
        for (Builtin b : Stacks.variables()) VARIABLES.put(b.name(), b);
        for (Function f : MoreFunctions.all()) FUNCTIONS.put(f.name(), f);
        for (Builtin b : ProbeArguments.all()) VARIABLES.put(b.name(), b);
        for (Function f : List.of(new Printf(), new ExitFunction(), new Str(), new PrintFunction(),
                new MapCommand.Clear(), new MapCommand.Zero(), new Delete())) {
            FUNCTIONS.put(f.name(), f);
        }
        for (Aggregation a : List.of(new Aggregations.Count(), new Aggregations.Sum(), new Aggregations.Hist(),
                new Aggregations.LHist(), new Statistics.Avg(), new Statistics.Stats(), new Statistics.Min(),
                new Statistics.Max())) {
            AGGREGATIONS.put(a.name(), a);
        }
    }

    private Builtins() {}

    public static Builtin variable(String name) {
        return VARIABLES.get(name);
    }

    public static Function function(String name) {
        return FUNCTIONS.get(name);
    }

    public static Aggregation aggregation(String name) {
        return AGGREGATIONS.get(name);
    }

    /** Names of the builtin variables (pid, comm, arg0…), sorted. */
    public static SortedSet<String> variableNames() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(VARIABLES.keySet()));
    }

    /** Names of the builtin functions (printf, str…), without the aggregations, sorted. */
    public static SortedSet<String> functionNames() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(FUNCTIONS.keySet()));
    }

    /** Names of the aggregation functions (count, hist…), sorted. */
    public static SortedSet<String> aggregationNames() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(AGGREGATIONS.keySet()));
    }

    /** Every name above, sorted; kstack and ustack appear once though they are both variable and function. */
    public static SortedSet<String> names() {
        TreeSet<String> all = new TreeSet<>(VARIABLES.keySet());
        all.addAll(FUNCTIONS.keySet());
        all.addAll(AGGREGATIONS.keySet());
        return Collections.unmodifiableSortedSet(all);
    }

    /**
     * The one-line documentation of a builtin. For a name that is both a function and a variable (kstack,
     * ustack) the function's line, which also covers the bare form.
     */
    public static Optional<String> doc(String name) {
        if (FUNCTIONS.containsKey(name)) return Optional.of(FUNCTIONS.get(name).doc());
        if (AGGREGATIONS.containsKey(name)) return Optional.of(AGGREGATIONS.get(name).doc());
        if (VARIABLES.containsKey(name)) return Optional.of(VARIABLES.get(name).doc());
        return Optional.empty();
    }
}
