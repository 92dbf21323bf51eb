package dev.bpfbook.lang.builtins;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of builtin variables, functions and aggregations. Adding a builtin means adding its
 * definition class and one line here.
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
}
