"""Jupyter protocol conformance of the bpftrace kernel, through jupyter_kernel_test.

ProtocolTests needs no BPF (kernel_info, is_complete, completion, inspection); ExecuteTests runs cells.
"""
import time
import unittest

import jupyter_kernel_test
from jupyter_client.manager import start_new_kernel

from bpfbook_testing import KERNEL_NAME, collect_outputs, result_text


class ProtocolTests(jupyter_kernel_test.KernelTests):
    kernel_name = KERNEL_NAME
    language_name = "bpftrace"
    file_extension = ".bt"

    complete_code_samples = [
        'BEGIN { printf("hello, world\\n"); exit(); }',
        "tracepoint:syscalls:sys_enter_read { @r = count(); }",
        'BEGIN { printf("}{"); } // {',
        "",
    ]
    incomplete_code_samples = [
        "BEGIN {",
        "tracepoint:raw_syscalls:sys_enter {\n  @[comm] = count();",
        'BEGIN { printf("%d\\n",',
        "BEGIN { exit(); } /* an open comment",
    ]
    invalid_code_samples = [
        "BEGIN { exit(); }}",
        "BEGIN { exit(}; )",
    ]
    completion_samples = [
        {"text": 'BEGIN { printf("%s\\n", co', "matches": {"comm", "count"}},
        {"text": "tracep", "matches": {"tracepoint"}},
        {"text": "BEGIN { ktim", "matches": set()},
    ]
    code_inspect_sample = "comm"

    @classmethod
    def setUpClass(cls):
        start = time.monotonic()
        super().setUpClass()
        # start_new_kernel returns once the kernel answered kernel_info.
        print(f"\nkernel start -> kernel_info reply: {time.monotonic() - start:.2f} s", flush=True)

    def test_kernel_info_details(self):
        self.flush_channels()
        self.kc.kernel_info()
        content = self.kc.get_shell_msg(timeout=15)["content"]
        self.assertEqual(content["status"], "ok")
        self.assertEqual(content["implementation"], "bpfbook")
        info = content["language_info"]
        self.assertEqual(info["mimetype"], "text/x-bpftrace")
        self.assertEqual(info["pygments_lexer"], "c")
        self.assertEqual(info["codemirror_mode"], {"name": "clike", "mime": "text/x-csrc"})
        self.assertTrue(content["banner"])
        self.assertTrue(content["help_links"])

    def test_inspect_text(self):
        self.flush_channels()
        self.kc.inspect("BEGIN { printf(", cursor_pos=10)
        reply = self.kc.get_shell_msg(timeout=15)["content"]
        self.assertTrue(reply["found"])
        self.assertTrue(reply["data"]["text/plain"].startswith("printf("), reply)
        self.kc.inspect("BEGIN { frobnicate")
        self.assertFalse(self.kc.get_shell_msg(timeout=15)["content"]["found"])


class ExecuteTests(jupyter_kernel_test.KernelTests):
    kernel_name = KERNEL_NAME
    code_hello_world = 'BEGIN { printf("hello, world\\n"); exit(); }'
    code_generate_error = "BEGIN { exit( }"
    code_execute_result = [{"code": "BEGIN { @hello = count(); exit(); }", "mime": "text/plain"}]

    def run_cell(self, code):
        self.flush_channels()
        msg_id = self.kc.execute(code)
        reply = self.kc.get_shell_msg(timeout=60)
        return reply["content"], collect_outputs(self.kc, msg_id)

    def test_compile_error_is_one_positioned_error(self):
        reply, outputs = self.run_cell("BEGIN { exit( }")
        self.assertEqual(reply["status"], "error")
        self.assertEqual([m["msg_type"] for m in outputs], ["error"])
        error = outputs[0]["content"]
        self.assertEqual(error["ename"], "CompileError")
        self.assertRegex(error["evalue"], r"stdin:1:\d+")
        self.assertRegex("\n".join(error["traceback"]), r"stdin:1:\d+(-\d+)?: ERROR: ")

    def test_map_is_printed_when_the_cell_ends(self):
        reply, outputs = self.run_cell("BEGIN { @hello_maps = count(); @hello_maps = count(); exit(); }")
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(result_text(outputs).strip(), "@hello_maps: 2")

    def test_printf_streams_to_stdout_in_order(self):
        reply, outputs = self.run_cell('BEGIN { printf("one\\n"); printf("two %d\\n", 2); exit(); }')
        self.assertEqual(reply["status"], "ok")
        text = "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream")
        self.assertEqual(text, "one\ntwo 2\n")


if __name__ == "__main__":
    unittest.main()
