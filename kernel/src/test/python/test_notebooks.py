"""Executes every notebook in notebooks/ with nbclient, as a batch run would, and checks what the cells of
the known ones printed. A background reader makes the traced activity certain: it opens and reads
/etc/hostname from this python3 process throughout."""
import os
import pathlib
import re
import unittest

import nbformat
from nbclient import NotebookClient

from bpfbook_testing import FileReader

NOTEBOOKS = pathlib.Path(os.environ.get("BPFBOOK_NOTEBOOKS", pathlib.Path(__file__).parents[4] / "notebooks"))


def cell(nb, tag):
    tagged = [c for c in nb.cells if tag in c.metadata.get("tags", [])]
    assert len(tagged) == 1, f"one cell tagged {tag!r} expected, found {len(tagged)}"
    return tagged[0]


def stdout(c):
    return "".join(o["text"] for o in c.outputs if o["output_type"] == "stream" and o["name"] == "stdout")


def result(c):
    results = [o for o in c.outputs if o["output_type"] == "execute_result"]
    assert len(results) == 1, f"one execute_result expected in {c.source!r}: {c.outputs}"
    return results[0]["data"]["text/plain"]


def output_types(c):
    return [o["output_type"] for o in c.outputs]


class NotebookTests(unittest.TestCase):
    def execute(self, path):
        nb = nbformat.read(path, as_version=4)
        with FileReader():
            NotebookClient(nb, timeout=120, kernel_name=nb.metadata.kernelspec.name,
                           resources={"metadata": {"path": str(path.parent)}}).execute()
        return nb

    def test_every_notebook_runs(self):
        paths = sorted(NOTEBOOKS.glob("*.ipynb"))
        self.assertTrue(paths, f"no notebooks in {NOTEBOOKS}")
        for path in paths:
            with self.subTest(notebook=path.name):
                nb = self.execute(path)
                check = getattr(self, "check_" + path.stem, None)
                if check:
                    check(nb)

    def check_quickstart(self, nb):
        hello = cell(nb, "hello")
        self.assertEqual(stdout(hello), "hello, world\n")
        self.assertEqual(output_types(hello), ["stream"])

        counts = result(cell(nb, "syscalls")).strip()
        entries = re.findall(r"^@syscalls\[(.+)\]: (\d+)$", counts, re.M)
        self.assertEqual(len(entries), len(counts.splitlines()), counts)
        self.assertTrue(all(int(n) > 0 for _, n in entries), counts)
        self.assertIn("python3", dict(entries), counts)

        histogram = result(cell(nb, "read-sizes")).strip()
        self.assertTrue(histogram.startswith("@bytes:"), histogram)
        buckets = re.findall(r"^\[\S+, \S+\)\s+(\d+) \|@*\s*\|$", histogram, re.M)
        self.assertTrue(buckets, histogram)
        self.assertGreater(sum(int(n) for n in buckets), 0)

        opens = stdout(cell(nb, "opens"))
        self.assertIn(f"python3 {FileReader.PATH}\n", opens)

        # The map printed by a later cell is exactly the map the counting cell printed when it ended. That
        # cell only reads @syscalls, so print() is its only output: a cell prints the maps it wrote.
        reprint = cell(nb, "reprint")
        self.assertEqual(stdout(reprint).strip(), counts)
        self.assertEqual(output_types(reprint), ["stream"])

        # As in bpftrace, printing an empty map prints nothing.
        self.assertEqual(output_types(cell(nb, "clear")), [])
        self.assertEqual(output_types(cell(nb, "after-clear")), [])

    def check_diagnostics(self, nb):
        failed = cell(nb, "syntax-error")
        self.assertEqual(output_types(failed), ["error"])
        error = failed.outputs[0]
        self.assertEqual(error["ename"], "CompileError")
        self.assertRegex("\n".join(error["traceback"]), r"stdin:1:\d+(-\d+)?: ERROR: ")
        self.assertEqual(stdout(cell(nb, "after-error")), "still here\n")


if __name__ == "__main__":
    unittest.main()
