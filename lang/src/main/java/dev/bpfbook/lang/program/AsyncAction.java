package dev.bpfbook.lang.program;

import dev.bpfbook.lang.types.Type;

import java.util.List;

/**
 * Work a probe asks user space to do. The probe sends a record through the output ring:
 * a u64 action id (the index in {@link CompiledProgram#actions()}) followed by the arguments at the
 * offsets given here (offsets count from the start of the record, so the first is 8).
 */
public sealed interface AsyncAction {
    record Arg(Type type, int offset) {}

    /** printf(format, args…): {@code format} is the user's format string with escapes decoded. */
    record Printf(String format, List<Arg> args) implements AsyncAction {
        public Printf {
            args = List.copyOf(args);
        }
    }

    /** exit(): stop the run (END still runs). */
    record Exit() implements AsyncAction {}

    /** print(@map[, top[, div]]). */
    record PrintMap(String map, long top, long div) implements AsyncAction {}

    /** print(value) of a non-map expression. */
    record PrintValue(Arg value) implements AsyncAction {}

    /** clear(@map): delete every element. */
    record Clear(String map) implements AsyncAction {}

    /** zero(@map): set every value to zero, keeping keys. */
    record Zero(String map) implements AsyncAction {}

    /** time([format]): print the current local time with a strftime format (default "%H:%M:%S\n"). */
    record Time(String format) implements AsyncAction {}

    /** join(array[, sep]) of a char** read into the record: {@code count} strings of {@code width} bytes. */
    record Join(String separator, int count, int width, int offset) implements AsyncAction {}

    /** system(format, args…) (unsafe). */
    record SystemCommand(String format, List<Arg> args) implements AsyncAction {
        public SystemCommand {
            args = List.copyOf(args);
        }
    }

    /** cat(format, args…): print a file's contents. */
    record Cat(String format, List<Arg> args) implements AsyncAction {
        public Cat {
            args = List.copyOf(args);
        }
    }
}
