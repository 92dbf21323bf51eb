package dev.bpfbook.runtime;

import dev.bpfbook.lang.diag.CompileException;
import dev.bpfbook.runtime.format.JsonLines;
import sun.misc.Signal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The bpftrace-compatible command line: {@code [options] (-e PROGRAM | FILE) [ARGS…]}. */
public final class Cli {
    private static final String USAGE = """
            USAGE:
                bpfbook [options] filename [args]
                bpfbook [options] -e 'program' [args]

            OPTIONS:
                -e PROGRAM     program text to run
                -c COMMAND     run COMMAND once the probes are attached; stop when it exits
                -f FORMAT      output format: text (default) or json
                --check        parse and type-check only; no load, no attach
                --unsafe       allow unsafe builtins (system)
                -h, --help     show this help
            """;

    private Cli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the CLI and returns its exit status (0 ok, 1 error). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String program = null;
        String sourceName = "stdin";
        boolean check = false;
        boolean unsafe = false;
        String command = null;
        boolean json = false;
        // As with bpftrace (getopt), options may come before or after the program; the first other argument is
        // the program FILE unless -e gave one, the rest are positional parameters; "--" ends the options.
        List<String> operands = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (optionsEnded || !a.startsWith("-") || a.equals("-")) {
                operands.add(a);
            } else if (a.equals("--")) {
                optionsEnded = true;
            } else if (a.equals("-e")) {
                if (++i == args.length) return usage(err, "-e needs a program");
                program = args[i];
            } else if (a.equals("-c")) {
                if (++i == args.length) return usage(err, "-c needs a command");
                command = args[i];
            } else if (a.equals("-f")) {
                if (++i == args.length) return usage(err, "-f needs a format");
                if (!args[i].equals("json") && !args[i].equals("text")) return usage(err, "unknown output format " + args[i]);
                json = args[i].equals("json");
            } else if (a.equals("--check")) {
                check = true;
            } else if (a.equals("--unsafe")) {
                unsafe = true;
            } else if (a.equals("-h") || a.equals("--help")) {
                out.print(USAGE);
                return 0;
            } else {
                return usage(err, "unknown option " + a);
            }
        }
        List<String> positional = operands;
        if (program == null && !operands.isEmpty()) {
            String file = operands.get(0);
            positional = operands.subList(1, operands.size());
            try {
                program = Files.readString(Path.of(file), StandardCharsets.UTF_8);
                sourceName = file;
            } catch (IOException e) {
                err.println("ERROR: failed to open " + file + ": " + e.getMessage());
                return 1;
            }
        }
        if (program == null) return usage(err, "no program given");
        RunOptions options = new RunOptions(sourceName, positional, unsafe, null, RunOptions.MapReport.ALL, json);
        boolean jsonOutput = json;
        try (Session session = new Session()) {
            if (check) {
                session.check(program, options);
                return 0;
            }
            String unavailable = Session.bpfUnavailableReason();
            if (unavailable != null) {
                err.println("ERROR: " + unavailable);
                return 1;
            }
            Output console = Output.of(out, err);
            Run run = session.start(program, options, new Output() {
                public void stdout(String text) { console.stdout(text); }
                public void stderr(String text) { console.stderr(text); }
                public void attaching(int probes) {
                    console.stdout(jsonOutput ? JsonLines.attachedProbes(probes) : JsonLines.attachedProbesText(probes));
                }
            });
            Signal.handle(new Signal("INT"), s -> run.interrupt());
            Signal.handle(new Signal("TERM"), s -> run.interrupt());
            if (command != null) {
                startChild(command, run);
            }
            RunResult result = run.await();
            out.print("\n\n" + result.mapsText()); // bpftrace's exit preamble, printed even with no maps
            out.flush();
            return 0;
        } catch (CompileException e) {
            err.print(e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (RuntimeException e) {
            err.println("ERROR: " + e.getMessage());
            return 1;
        }
    }

    /** -c: the command starts after attach and its exit ends the run, as with bpftrace. No shell is involved. */
    private static void startChild(String command, Run run) {
        Process child;
        try {
            child = new ProcessBuilder(command.trim().split("\\s+")).inheritIO().start();
        } catch (IOException e) {
            run.interrupt();
            throw new IllegalArgumentException("failed to run command '" + command + "': " + e.getMessage(), e);
        }
        run.setChildPid(child.pid());
        child.onExit().thenRun(run::interrupt);
    }

    private static int usage(PrintStream err, String problem) {
        err.println("ERROR: " + problem);
        err.print(USAGE);
        return 1;
    }
}
