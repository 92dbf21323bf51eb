package dev.bpfbook.lang.codegen;

/** BPF helper functions used by generated code, with their ids from linux/bpf.h (__BPF_FUNC_MAPPER order). */
public enum Helper {
    MAP_LOOKUP_ELEM(1), MAP_UPDATE_ELEM(2), MAP_DELETE_ELEM(3), KTIME_GET_NS(5), GET_PRANDOM_U32(7),
    GET_SMP_PROCESSOR_ID(8), GET_CURRENT_PID_TGID(14), GET_CURRENT_UID_GID(15), GET_CURRENT_COMM(16),
    GET_CURRENT_TASK(35), PROBE_READ_USER(112), PROBE_READ_KERNEL(113), PROBE_READ_USER_STR(114),
    PROBE_READ_KERNEL_STR(115), RINGBUF_OUTPUT(130),
    PROBE_READ(4), TRACE_PRINTK(6), TAIL_CALL(12), GET_STACKID(27), GET_CURRENT_CGROUP_ID(80), OVERRIDE_RETURN(58),
    SEND_SIGNAL(109), D_PATH(147), FOR_EACH_MAP_ELEM(164), SNPRINTF(165), LOOP(181),
    GET_FUNC_IP(173);

    public final int id;

    Helper(int id) {
        this.id = id;
    }
}
