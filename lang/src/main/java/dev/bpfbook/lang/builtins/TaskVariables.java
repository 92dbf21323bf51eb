package dev.bpfbook.lang.builtins;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.check.CheckScope;
import dev.bpfbook.lang.codegen.Helper;
import dev.bpfbook.lang.codegen.ProbeEmitter;
import dev.bpfbook.lang.codegen.Registers;
import dev.bpfbook.lang.codegen.Value;
import dev.bpfbook.lang.types.Type;

import java.util.List;

import static dev.bpfbook.lang.codegen.Insn.*;

/** cpid, curtask, cgroup and username: facts about the current task or the traced command. */
final class TaskVariables {
    private TaskVariables() {}

    static List<Builtin> all() {
        return List.of(new Cpid(), new CurTask(), new Cgroup(), new Username());
    }

    /** Calls a helper without arguments; its 64-bit result in a new temporary. */
    static Value helper(ProbeEmitter e, Helper h) {
        e.asm().call(h);
        Registers.Temp t = e.regs().alloc();
        e.asm().emit(mov64Reg(e.regs().reg(t), 0));
        return new Value.Scalar(t);
    }

    /** The pid of the command started with -c, which the runtime writes into the "cpid" map before BEGIN. */
    static final class Cpid implements Builtin {
        public String name() {
            return "cpid";
        }

        public String doc() {
            return "cpid: pid of the child command started with -c, u64";
        }

        public Type check(CheckScope scope, Expr.Identifier id) {
            return Type.U64;
        }

        public Value emit(ProbeEmitter e, Expr.Identifier id) {
            String map = e.layout().cpidMap();
            int key = e.zeroed(8);
            return new Value.Scalar(e.lookupScalar(map, key, 0));
        }
    }

    /** bpf_get_current_task(): a struct task_struct * when kernel types are known, else a u64. */
    static final class CurTask implements Builtin {
        public String name() {
            return "curtask";
        }

        public String doc() {
            return "curtask: the current task, a struct task_struct * (u64 when kernel types are unknown)";
        }

        public Type check(CheckScope scope, Expr.Identifier id) {
            return scope.kernelType("struct task_struct").<Type>map(Type.PointerType::new).orElse(Type.U64);
        }

        public Value emit(ProbeEmitter e, Expr.Identifier id) {
            return helper(e, Helper.GET_CURRENT_TASK);
        }
    }

    /** bpf_get_current_cgroup_id(): the cgroup v2 id of the current task. */
    static final class Cgroup implements Builtin {
        public String name() {
            return "cgroup";
        }

        public String doc() {
            return "cgroup: id of the current task's cgroup v2 (bpf_get_current_cgroup_id), u64";
        }

        public Type check(CheckScope scope, Expr.Identifier id) {
            return Type.U64;
        }

        public Value emit(ProbeEmitter e, Expr.Identifier id) {
            return helper(e, Helper.GET_CURRENT_CGROUP_ID);
        }
    }

    /** The uid (low half of bpf_get_current_uid_gid), printed by user space as the user's name. */
    static final class Username implements Builtin {
        public String name() {
            return "username";
        }

        public String doc() {
            return "username: the current task's real uid, printed as the user's name";
        }

        public Type check(CheckScope scope, Expr.Identifier id) {
            return new Type.UsernameType();
        }

        public Value emit(ProbeEmitter e, Expr.Identifier id) {
            e.asm().call(Helper.GET_CURRENT_UID_GID);
            Registers.Temp t = e.regs().alloc();
            e.asm().emit(alu32Reg(MOV, e.regs().reg(t), 0));
            return new Value.Scalar(t);
        }
    }

}
