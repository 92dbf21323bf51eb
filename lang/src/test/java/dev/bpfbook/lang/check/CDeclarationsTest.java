package dev.bpfbook.lang.check;

import dev.bpfbook.lang.types.Type;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/** The C definition parser lays records out as the x86-64 C ABI does. */
class CDeclarationsTest {

    static CDeclarations.Result parse(String text) throws CDeclarations.Problem {
        return CDeclarations.parse(text, name -> Optional.empty());
    }

    static Map<String, Type.RecordType.Field> fields(Type.RecordType r) {
        Map<String, Type.RecordType.Field> m = new HashMap<>();
        for (var f : r.fields()) m.put(f.name(), f);
        return m;
    }

    @Test
    void naturalAlignmentPaddingAndBitfields() throws Exception {
        Type.RecordType s = parse("struct S { char c; int a; char name[8]; struct S *next; unsigned long b : 3, d : 5; short tail; };")
                .records().get("struct S");
        var f = fields(s);
        assertEquals(0, f.get("c").offset());
        assertEquals(4, f.get("a").offset());
        assertEquals(8, f.get("name").offset());
        assertEquals(new Type.StringType(8), f.get("name").type());
        assertEquals(16, f.get("next").offset());
        assertEquals("struct S *", f.get("next").type().displayName());
        assertEquals(24, f.get("b").offset());
        assertEquals(0, f.get("b").bitOffset());
        assertEquals(3, f.get("b").bitSize());
        assertEquals(24, f.get("d").offset());
        assertEquals(3, f.get("d").bitOffset());
        assertEquals(26, f.get("tail").offset(), "short aligned to 2 after the bitfields end in byte 25");
        assertEquals(32, s.size());
    }

    @Test
    void unionsNestedAndAnonymousMembers() throws Exception {
        var r = parse("struct O { int x; union { long l; char b[3]; }; struct In { short s; char t; } in; unsigned char arr[2][3]; }");
        Type.RecordType o = r.records().get("struct O");
        assertEquals(8, o.fields().get(1).offset(), "anonymous union aligned to 8");
        assertEquals("", o.fields().get(1).name());
        assertEquals(8, o.fields().get(1).type().size());
        assertEquals(4, r.records().get("struct In").size());
        assertEquals(16, fields(o).get("in").offset());
        assertEquals(new Type.ArrayType(new Type.ArrayType(Type.U8, 3), 2), fields(o).get("arr").type());
        assertEquals(20, fields(o).get("arr").offset());
        assertEquals(32, o.size(), "26 bytes padded to the union's 8-byte alignment");
    }

    @Test
    void enumsCountOnAndTakeExplicitValues() throws Exception {
        var r = parse("enum E { A, B = 5, C, D = -1, F = B }");
        assertEquals(Map.of("A", 0L, "B", 5L, "C", 6L, "D", -1L, "F", 5L), r.constants());
    }

    @Test
    void problemsArePositioned() {
        CDeclarations.Problem p = assertThrows(CDeclarations.Problem.class, () -> parse("struct S {\n  int a;\n  foo_t b;\n}"));
        assertEquals("unknown type name 'foo_t'", p.getMessage());
        assertEquals("struct S {\n  int a;\n  ".length(), p.at);
    }
}
