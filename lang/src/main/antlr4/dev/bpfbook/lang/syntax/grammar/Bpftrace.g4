/*
 * The bpftrace language (0.17, plus newer spellings such as args.field, for loops, char literals).
 *
 * Attach points are context-sensitive: the same text "uprobe:/bin/bash:readline" would lex as
 * identifiers, colons and divisions inside a probe body. The lexer therefore tracks whether it is at
 * the start of a probe (top level, after a '}', a C definition, or a ',' following an attach point)
 * and only there lexes a whole attach point as one ATTACH token, or a C struct/union/enum
 * definition as one CDEF token. Everywhere else the ordinary expression tokens apply.
 *
 * Token rules are declared in the order bpftrace's bison grammar declares its tokens, so that the
 * "expecting A or B" lists in syntax errors come out in the same order.
 */
grammar Bpftrace;

@lexer::members {
    private int braceDepth;
    private int parenDepth;
    private int lastType = -1;
    private int prevType = -1;

    /** True where a probe (or a top-level C definition) may begin. */
    boolean atProbeStart() {
        if (braceDepth != 0 || parenDepth != 0) return false;
        return lastType == -1 || lastType == RBRACE || lastType == CDEF
            || (lastType == COMMA && prevType == ATTACH);
    }

    @Override
    public org.antlr.v4.runtime.Token nextToken() {
        org.antlr.v4.runtime.Token t = super.nextToken();
        if (t.getChannel() == org.antlr.v4.runtime.Token.DEFAULT_CHANNEL) {
            switch (t.getType()) {
                case LBRACE -> braceDepth++;
                case RBRACE -> braceDepth = Math.max(0, braceDepth - 1);
                case LPAREN -> parenDepth++;
                case RPAREN -> parenDepth = Math.max(0, parenDepth - 1);
                default -> { }
            }
            prevType = lastType;
            lastType = t.getType();
        }
        return t;
    }
}

@parser::members {
    /** Whether '(' starts a cast: "(struct x *)", "(uint32)", "(T *)", "(int8[4])", or "(T) operand". */
    boolean castAhead() {
        if (_input.LA(1) != LPAREN) return false;
        int t2 = _input.LA(2);
        if (t2 == STRUCT || t2 == UNION || t2 == ENUM) return true;
        if (t2 != IDENT) return false;
        String name = _input.LT(2).getText();
        int i = 3;
        int stars = 0;
        while (_input.LA(i) == MUL) { i++; stars++; }
        boolean array = false;
        if (_input.LA(i) == LBRACKET && _input.LA(i + 1) == INT && _input.LA(i + 2) == RBRACKET) {
            i += 3;
            array = true;
        }
        if (_input.LA(i) != RPAREN) return false;
        if (stars > 0) return true;
        if (TypeNames.isKnown(name)) return true;
        if (array) return false;
        return TypeNames.startsOperand(_input.LA(i + 1));
    }

    /** Whether the argument of sizeof(...) is a type rather than an expression. */
    boolean typeAhead() {
        int t1 = _input.LA(1);
        if (t1 == STRUCT || t1 == UNION || t1 == ENUM) return true;
        if (t1 != IDENT) return false;
        if (TypeNames.isKnown(_input.LT(1).getText())) return true;
        int i = 2;
        while (_input.LA(i) == MUL) i++;
        return i > 2 && _input.LA(i) == RPAREN;
    }
}

// ---------------------------------------------------------------- parser

program     : (cdef | probe)* EOF ;

cdef        : CDEF ;

probe       : ATTACH (COMMA ATTACH)* predicate? block ;

predicate   : DIV expr DIV ;

block       : LBRACE stmtList RBRACE ;

stmtList    : (compoundStmt | simpleStmt SEMI)* simpleStmt? ;

compoundStmt
            : ifStmt                                                    # ifStmtAlt
            | UNROLL LPAREN expr RPAREN block                           # unrollStmt
            | WHILE LPAREN expr RPAREN block                            # whileStmt
            | FOR LPAREN VAR COLON MAP RPAREN block                     # forStmt
            | block                                                     # blockStmt
            ;

ifStmt      : IF LPAREN expr RPAREN block (ELSE (ifStmt | block))? ;

simpleStmt
            : assignTarget op=(ASSIGN | PLUSEQ | MINUSEQ | MULEQ | DIVEQ | MODEQ
                              | BANDEQ | BOREQ | BXOREQ | SHLEQ | SHREQ) expr     # assignStmt
            | BREAK                                                     # breakStmt
            | CONTINUE                                                  # continueStmt
            | RETURN                                                    # returnStmt
            | expr                                                      # exprStmt
            ;

assignTarget: mapRef | VAR ;

mapRef      : MAP (LBRACKET exprList RBRACKET)? ;

exprList    : expr (COMMA expr)* ;

expr
            : primary                                                   # primaryExpr
            | {!castAhead()}? LPAREN expr (COMMA expr)+ RPAREN          # tupleExpr
            | {!castAhead()}? LPAREN expr RPAREN                        # parenExpr
            | expr op=(INC | DEC)                                       # postIncDec
            | expr DOT INT                                              # tupleIndex
            | expr op=(DOT | PTR) fieldName                             # fieldAccess
            | expr LBRACKET expr RBRACKET                               # indexExpr
            | <assoc=right> op=(INC | DEC) expr                         # preIncDec
            | <assoc=right> {castAhead()}? LPAREN typeName RPAREN expr  # castExpr
            | <assoc=right> op=(MINUS | PLUS | LNOT | BNOT | MUL | BAND) expr   # unaryExpr
            | expr op=(MUL | DIV | MOD) expr                            # binaryExpr
            | expr op=(PLUS | MINUS) expr                               # binaryExpr
            | expr op=(LEFT | RIGHT) expr                               # binaryExpr
            | expr op=(LT | LE | GT | GE) expr                          # binaryExpr
            | expr op=(EQ | NE) expr                                    # binaryExpr
            | expr op=BAND expr                                         # binaryExpr
            | expr op=BXOR expr                                         # binaryExpr
            | expr op=BOR expr                                          # binaryExpr
            | expr op=LAND expr                                         # binaryExpr
            | expr op=LOR expr                                          # binaryExpr
            | <assoc=right> expr QUES expr COLON expr                   # ternaryExpr
            ;

primary
            : INT                                                       # intLit
            | CHAR                                                      # charLit
            | STRING                                                    # strLit
            | mapRef                                                    # mapExpr
            | VAR                                                       # varExpr
            | PARAM                                                     # paramExpr
            | PARAMCOUNT                                                # paramCountExpr
            | IDENT LPAREN exprList? RPAREN                             # callExpr
            | IDENT                                                     # identExpr
            | SIZEOF LPAREN ({typeAhead()}? typeName | expr) RPAREN     # sizeofExpr
            | OFFSETOF LPAREN typeName COMMA fieldName (DOT fieldName)* RPAREN   # offsetofExpr
            ;

typeName    : kind=(STRUCT | UNION | ENUM) IDENT MUL*
            | IDENT MUL* (LBRACKET INT RBRACKET)?
            ;

fieldName   : IDENT | IF | ELSE | UNROLL | WHILE | FOR | BREAK | CONTINUE | RETURN
            | SIZEOF | OFFSETOF | STRUCT | UNION | ENUM ;

// ---------------------------------------------------------------- lexer

// Context-sensitive tokens first, so they win ties at the start of a probe.
ATTACH      : {atProbeStart()}? AP_WORD (':' AP_SEG?)* ;
CDEF        : {atProbeStart()}? ('struct' | 'union' | 'enum') [ \t\r\n]+ ([a-zA-Z_] [a-zA-Z0-9_]* [ \t\r\n]*)?
              C_BRACED ([ \t]* ';')? ;

COLON       : ':' ;
SEMI        : ';' ;
LBRACE      : '{' ;
RBRACE      : '}' ;
LBRACKET    : '[' ;
RBRACKET    : ']' ;
LPAREN      : '(' ;
RPAREN      : ')' ;
QUES        : '?' ;
COMMA       : ',' ;
PARAMCOUNT  : '$#' ;
ASSIGN      : '=' ;
EQ          : '==' ;
NE          : '!=' ;
LE          : '<=' ;
GE          : '>=' ;
LEFT        : '<<' ;
RIGHT       : '>>' ;
LT          : '<' ;
GT          : '>' ;
LAND        : '&&' ;
LOR         : '||' ;
PLUS        : '+' ;
INC         : '++' ;
MINUS       : '-' ;
DEC         : '--' ;
MUL         : '*' ;
DIV         : '/' ;
MOD         : '%' ;
BAND        : '&' ;
BOR         : '|' ;
BXOR        : '^' ;
LNOT        : '!' ;
BNOT        : '~' ;
DOT         : '.' ;
PTR         : '->' ;
PLUSEQ      : '+=' ;
MINUSEQ     : '-=' ;
MULEQ       : '*=' ;
DIVEQ       : '/=' ;
MODEQ       : '%=' ;
BANDEQ      : '&=' ;
BOREQ       : '|=' ;
BXOREQ      : '^=' ;
SHLEQ       : '<<=' ;
SHREQ       : '>>=' ;

STRUCT      : 'struct' ;
UNION       : 'union' ;
ENUM        : 'enum' ;
IF          : 'if' ;
ELSE        : 'else' ;
UNROLL      : 'unroll' ;
WHILE       : 'while' ;
FOR         : 'for' ;
BREAK       : 'break' ;
CONTINUE    : 'continue' ;
RETURN      : 'return' ;
SIZEOF      : 'sizeof' ;
OFFSETOF    : 'offsetof' ;

STRING      : '"' (ESC | ~["\\\r\n])* '"' ;
INT         : [0-9] [0-9_]* ([eE] [0-9] [0-9_]*)? INT_SUFFIX?
            | '0' [xX] [0-9a-fA-F] [0-9a-fA-F_]* INT_SUFFIX?
            | '0' [bB] [01] [01_]* INT_SUFFIX?
            ;
CHAR        : '\'' (ESC | ~['\\\r\n])+ '\'' ;
MAP         : '@' IDENT_F? ;
VAR         : '$' IDENT_F ;
PARAM       : '$' [0-9]+ ;
IDENT       : IDENT_F ;

LINE_COMMENT  : '//' ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
WS            : [ \t\r\n\f]+ -> skip ;

// Error tokens: the parser driver reports them with bpftrace's messages. Like bpftrace's lexer,
// which reports them and delivers no token, they are hidden from the parser.
BAD_COMMENT : '/*' (~'*' | '*'+ ~[*/])* '*'* EOF -> channel(HIDDEN) ;
BAD_STRING  : '"' (ESC | ~["\\\r\n])* -> channel(HIDDEN) ;
BAD_CHAR    : . -> channel(HIDDEN) ;

fragment IDENT_F    : [a-zA-Z_] [a-zA-Z0-9_]* ;
fragment ESC        : '\\' ~[\r\n] ;
fragment INT_SUFFIX : [uU] ([lL] [lL]?)? | [lL] [lL]? [uU]? ;
fragment C_BRACED   : '{' (C_BRACED | ~[{}])* '}' ;

// Attach point text: provider, then ':'-separated segments. A segment is a quoted string, a path
// (starting with '/', './' or '../', which may contain '/'), or plain text (symbols, wildcards,
// numbers, offsets like f+0x10). Plain text stops at '/', so "readline/pid == 1/" ends at the '/'.
fragment AP_WORD    : [a-zA-Z_] [a-zA-Z0-9_]* ;
fragment AP_SEG     : AP_PATH | (AP_QUOTED | AP_PLAIN)+ ;
fragment AP_QUOTED  : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"' ;
fragment AP_PATH    : ('/' | '.' '.'? '/') ~[:\t\r\n {},"]* ;
fragment AP_PLAIN   : ~[:/\t\r\n {},";]+ ;
