package dev.bpfbook.lang.syntax;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.ast.Program;
import dev.bpfbook.lang.ast.Stmt;
import dev.bpfbook.lang.diag.CompileException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class ExpressionSyntaxTest {

    static Expr expr(String text) throws CompileException {
        Program p = Parser.parse("BEGIN { @r = " + text + "; }", "stdin");
        Stmt.Assign a = (Stmt.Assign) p.probes().get(0).body().statements().get(0);
        return a.value();
    }

    /** "source => expected" lines; a small format, because sources use every quote and bar. */
    static Stream<Arguments> table(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty())
            .map(l -> l.split(" => ", 2)).map(a -> Arguments.of(a[0].strip(), a[1].strip()));
    }

    static Stream<Arguments> shapes() {
        return table("""
        1 + 2 * 3                 => (+ 1 (* 2 3))
        (1 + 2) * 3               => (* (+ 1 2) 3)
        1 - 2 - 3                 => (- (- 1 2) 3)
        8 / 4 % 3                 => (% (/ 8 4) 3)
        1 << 2 + 3                => (<< 1 (+ 2 3))
        1 < 2 == 3 > 4            => (== (< 1 2) (> 3 4))
        1 | 2 ^ 3 & 4             => (| 1 (^ 2 (& 3 4)))
        1 || 2 && 3               => (|| 1 (&& 2 3))
        1 & 2 == 2                => (& 1 (== 2 2))
        $a ? 1 : $b ? 2 : 3       => (? $a 1 (? $b 2 3))
        $a || $b ? 1 : 2          => (? (|| $a $b) 1 2)
        -1 + -$x                  => (+ (u- 1) (u- $x))
        !$a == ~$b                => (== (u! $a) (u~ $b))
        *$p + &$q                 => (+ (u* $p) (u& $q))
        - - 1                     => (u- (u- 1))
        +1                        => (u+ 1)
        $x++ + ++$y               => (+ (post++ $x) (++pre $y))
        @m-- - --@n               => (- (post-- @m) (--pre @n))
        @c[1]++                   => (post++ (@c 1))
        $s->a.b[2]->c             => (-> ([] (. (-> $s a) b) 2) c)
        -$s->a                    => (u- (-> $s a))
        args->filename            => (-> args filename)
        args.filename             => (. args filename)
        $t.0 + $t.1.2             => (+ (.0 $t) (.2 (.1 $t)))
        (1, "a", $x)              => (tuple 1 "a" $x)
        ((1, 2), 3).0             => (.0 (tuple (tuple 1 2) 3))
        (uint32)-1                => (cast 'uint32' (u- 1))
        (int8)$x + 1              => (+ (cast 'int8' $x) 1)
        (struct sock *)arg0       => (cast 'struct sock*' arg0)
        (struct sock *)arg0->sk   => (cast 'struct sock*' (-> arg0 sk))
        ((struct sock *)arg0)->sk => (-> (cast 'struct sock*' arg0) sk)
        (union u **)$p            => (cast 'union u**' $p)
        (uint8[4])$x              => (cast 'uint8[4]' $x)
        (mytype)$x                => (cast 'mytype' $x)
        (x) - 1                   => (- x 1)
        (x)                       => x
        (pid_t) - 1               => (cast 'pid_t' (u- 1))
        sizeof(struct task_struct) => (sizeof 'struct task_struct')
        sizeof(uint64)            => (sizeof 'uint64')
        sizeof($x)                => (sizeof $x)
        sizeof(x * 2)             => (sizeof (* x 2))
        sizeof(struct a *)        => (sizeof 'struct a*')
        offsetof(struct sk_buff, len) => (offsetof 'struct sk_buff' len)
        offsetof(struct a, b.c.d) => (offsetof 'struct a' b.c.d)
        count()                   => (count())
        f(1, g(2), @m[3, 4])      => (f() 1 (g() 2) (@m 3 4))
        @                         => @
        @[1]                      => (@ 1)
        $1 + $10                  => (+ $1 $10)
        $#                        => $#
        pid                       => pid
        """);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void precedenceAndShape(String source, String expected) throws CompileException {
        assertEquals(expected, Sexp.of(expr(source)));
    }

    static Stream<Arguments> integers() {
        return table("""
        0                     => 0
        42                    => 42
        1_000_000             => 1000000
        0x1F                  => 31
        0xffff_ffff           => 4294967295
        0777                  => 511
        0b101                 => 5
        1e3                   => 1000
        10ul                  => 10
        18446744073709551615  => -1
        'a'                   => 97
        '\\n'                 => 10
        '\\x41'               => 65
        """);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("integers")
    void integerLiterals(String source, String value) throws CompileException {
        Expr.IntLit lit = assertInstanceOf(Expr.IntLit.class, expr(source));
        assertEquals(Long.parseLong(value), lit.value());
        assertEquals(source, lit.text());
    }

    @Test
    void stringEscapes() throws CompileException {
        Expr.StrLit s = assertInstanceOf(Expr.StrLit.class, expr("\"a\\n\\t\\\\\\\"\\x41\\101\\0z\""));
        assertEquals("a\n\t\\\"AA\0z", s.value());
    }

    @Test
    void charLiteralQuote() throws CompileException {
        assertEquals(39, ((Expr.IntLit) expr("'\\''")).value());
    }
}
