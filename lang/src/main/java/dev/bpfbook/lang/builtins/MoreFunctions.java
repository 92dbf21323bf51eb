package dev.bpfbook.lang.builtins;

import java.util.ArrayList;
import java.util.List;

/** The builtin functions beyond printf/str/exit/print/clear/zero/delete, one definition each. */
final class MoreFunctions {
    private MoreFunctions() {}

    static List<Function> all() {
        List<Function> out = new ArrayList<>(Stacks.functions());
        out.addAll(Symbols.all());
        out.addAll(TimeFunctions.all());
        out.add(new Join());
        out.add(new Buf());
        out.addAll(Net.all());
        out.addAll(IntFunctions.all());
        out.addAll(StringFunctions.all());
        out.addAll(Actions.all());
        out.add(new AddressSpace(false));
        out.add(new AddressSpace(true));
        return out;
    }
}
