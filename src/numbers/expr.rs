//! Relation expressions (`vsse_staff + adiv_staff`): parsing with nom and
//! evaluation with interval arithmetic and the unit algebra.

use std::cell::Cell;
use std::fmt;
use std::ops::Range;

use nom::character::complete::{char, digit1, multispace0, one_of};
use nom::error::{ErrorKind, ParseError};
use nom::{IResult, Parser};
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::Num;

use super::quantity::{BinOp, Quantity, Unit, combine, negate};

/// Deepest nesting of parentheses and unary minus accepted; bounds recursion
/// (parsing, evaluation and dropping the tree) on hostile input.
const MAX_DEPTH: usize = 64;
/// Most operators accepted in one expression, for the same reason (a chain
/// `a + b + …` builds a tree as deep as it is long).
const MAX_OPERATORS: usize = 256;
/// Longest number literal, in digits.
const MAX_DIGITS: usize = 100;

/// A parsed relation expression. Spans are byte offsets into the string
/// given to [`parse_expr`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    /// A number literal (`2`, `0.5`, `1,300`, `15%`).
    Number {
        /// The value as written (15 for `15%`).
        value: BigRational,
        /// Written with a `%` suffix: the literal is that many percent.
        percent: bool,
        /// Where the literal (with its `%`) is.
        span: Range<usize>,
    },
    /// A reference to a tagged quantity or another relation by id.
    Ident {
        /// The id, without `#`.
        name: String,
        /// Where the id is.
        span: Range<usize>,
    },
    /// Unary minus.
    Neg {
        /// The negated operand.
        inner: Box<Expr>,
        /// From the `-` to the end of the operand.
        span: Range<usize>,
    },
    /// A binary operation.
    Binary {
        /// Which operation.
        op: BinOp,
        /// Left operand.
        lhs: Box<Expr>,
        /// Right operand.
        rhs: Box<Expr>,
        /// Where the operator character is.
        op_span: Range<usize>,
        /// From the start of `lhs` to the end of `rhs`.
        span: Range<usize>,
    },
}

impl Expr {
    /// The source range of the whole (sub)expression.
    pub fn span(&self) -> Range<usize> {
        match self {
            Expr::Number { span, .. }
            | Expr::Ident { span, .. }
            | Expr::Neg { span, .. }
            | Expr::Binary { span, .. } => span.clone(),
        }
    }

    /// Every identifier referenced, in source order (repeats included), for
    /// unknown-id and cycle checks.
    pub fn idents(&self) -> Vec<(&str, Range<usize>)> {
        let mut out = Vec::new();
        self.collect_idents(&mut out);
        out
    }

    fn collect_idents<'e>(&'e self, out: &mut Vec<(&'e str, Range<usize>)>) {
        match self {
            Expr::Number { .. } => {}
            Expr::Ident { name, span } => out.push((name.as_str(), span.clone())),
            Expr::Neg { inner, .. } => inner.collect_idents(out),
            Expr::Binary { lhs, rhs, .. } => {
                lhs.collect_idents(out);
                rhs.collect_idents(out);
            }
        }
    }
}

/// Why an expression could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExprError {
    /// Byte offset into the expression source where the problem is.
    pub offset: usize,
    /// What is wrong, as a sentence fragment for a diagnostic.
    pub message: String,
    /// For an unclosed parenthesis: the byte offset of its `(`.
    pub opened_at: Option<usize>,
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at offset {})", self.message, self.offset)?;
        match self.opened_at {
            Some(at) => write!(f, " (the '(' is at offset {at})"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for ExprError {}

/// The nom error: where, and (for committed failures) what.
#[derive(Debug)]
struct PErr<'a> {
    input: &'a str,
    message: Option<String>,
    /// For an unclosed parenthesis: the input at its `(`.
    opened_at: Option<&'a str>,
}

impl<'a> ParseError<&'a str> for PErr<'a> {
    fn from_error_kind(input: &'a str, _kind: ErrorKind) -> Self {
        PErr {
            input,
            message: None,
            opened_at: None,
        }
    }

    fn append(_input: &'a str, _kind: ErrorKind, other: Self) -> Self {
        other
    }
}

type PResult<'a, T> = IResult<&'a str, T, PErr<'a>>;

fn fail<'a, T>(input: &'a str, message: impl Into<String>) -> PResult<'a, T> {
    Err(nom::Err::Failure(PErr {
        input,
        message: Some(message.into()),
        opened_at: None,
    }))
}

fn ws(i: &str) -> PResult<'_, &str> {
    multispace0.parse(i)
}

/// Describes what sits at `i` for "expected … but found …" messages.
fn found(i: &str) -> String {
    match i.chars().next() {
        None => "the end of the expression".to_string(),
        Some(c) => format!("'{c}'"),
    }
}

/// Parser state: the source (to turn remaining input into offsets) and the
/// operator budget.
struct Ctx<'a> {
    src: &'a str,
    operators: Cell<usize>,
}

impl<'a> Ctx<'a> {
    fn off(&self, rest: &str) -> usize {
        self.src.len() - rest.len()
    }

    fn spend_operator(&self, at: &'a str) -> PResult<'a, ()> {
        let n = self.operators.get() + 1;
        self.operators.set(n);
        if n > MAX_OPERATORS {
            return fail(
                at,
                format!("expression too long: more than {MAX_OPERATORS} operators"),
            );
        }
        Ok((at, ()))
    }

    /// `sum := product (('+' | '-') product)*`
    fn sum(&self, i: &'a str, depth: usize) -> PResult<'a, Expr> {
        let (mut i, mut lhs) = self.product(i, depth)?;
        loop {
            let (j, _) = ws(i)?;
            let Ok((k, c)) = one_of::<_, _, PErr>("+-").parse(j) else {
                return Ok((i, lhs));
            };
            self.spend_operator(j)?;
            let op = if c == '+' { BinOp::Add } else { BinOp::Sub };
            let op_start = self.off(j);
            let (k, rhs) = self.product(k, depth)?;
            lhs = binary(op, lhs, rhs, op_start..op_start + 1);
            i = k;
        }
    }

    /// `product := unary (('*' | '/') unary)*`
    fn product(&self, i: &'a str, depth: usize) -> PResult<'a, Expr> {
        let (mut i, mut lhs) = self.unary(i, depth)?;
        loop {
            let (j, _) = ws(i)?;
            let Ok((k, c)) = one_of::<_, _, PErr>("*/").parse(j) else {
                return Ok((i, lhs));
            };
            self.spend_operator(j)?;
            let op = if c == '*' { BinOp::Mul } else { BinOp::Div };
            let op_start = self.off(j);
            let (k, rhs) = self.unary(k, depth)?;
            lhs = binary(op, lhs, rhs, op_start..op_start + 1);
            i = k;
        }
    }

    /// `unary := '-' unary | atom`
    fn unary(&self, i: &'a str, depth: usize) -> PResult<'a, Expr> {
        let (i, _) = ws(i)?;
        if let Ok((rest, _)) = char::<_, PErr>('-').parse(i) {
            if depth >= MAX_DEPTH {
                return fail(i, format!("expression nested more than {MAX_DEPTH} deep"));
            }
            self.spend_operator(i)?;
            let start = self.off(i);
            let (rest, inner) = self.unary(rest, depth + 1)?;
            let span = start..inner.span().end;
            return Ok((
                rest,
                Expr::Neg {
                    inner: Box::new(inner),
                    span,
                },
            ));
        }
        self.atom(i, depth)
    }

    /// `atom := number | identifier | '(' sum ')'`
    fn atom(&self, i: &'a str, depth: usize) -> PResult<'a, Expr> {
        if let Ok((rest, _)) = char::<_, PErr>('(').parse(i) {
            if depth >= MAX_DEPTH {
                return fail(i, format!("expression nested more than {MAX_DEPTH} deep"));
            }
            let (rest, inner) = self.sum(rest, depth + 1)?;
            let (rest, _) = ws(rest)?;
            return match char::<_, PErr>(')').parse(rest) {
                Ok((rest, _)) => Ok((rest, inner)),
                Err(_) => Err(nom::Err::Failure(PErr {
                    input: rest,
                    message: Some(format!(
                        "expected ')' to close the '(' but found {}",
                        found(rest)
                    )),
                    opened_at: Some(i),
                })),
            };
        }
        match i.chars().next() {
            Some(c) if c.is_ascii_digit() => self.number(i),
            Some(c) if c.is_alphabetic() || c == '_' => self.ident(i),
            _ => fail(
                i,
                format!(
                    "expected a number, an identifier or '(' but found {}",
                    found(i)
                ),
            ),
        }
    }

    /// Decimal literal: digits, optional `,ddd` thousands groups, optional
    /// `.digits`, optional `%` (whitespace allowed before it).
    fn number(&self, i: &'a str) -> PResult<'a, Expr> {
        let start = self.off(i);
        let (mut rest, first) = digit1.parse(i)?;
        let mut int_digits = first.to_string();
        while let Ok((after_comma, _)) = char::<_, PErr>(',').parse(rest) {
            let Ok((after, group)) = digit1::<_, PErr>.parse(after_comma) else {
                break; // a trailing comma is not part of the number
            };
            if group.len() != 3 || first.len() > 3 {
                return fail(
                    rest,
                    "invalid digit grouping: write 1,300 (three digits after each comma) or 1300",
                );
            }
            int_digits.push_str(group);
            rest = after;
        }
        let mut frac_digits = "";
        if let Ok((after_dot, _)) = char::<_, PErr>('.').parse(rest) {
            match digit1::<_, PErr>.parse(after_dot) {
                Ok((after, frac)) => {
                    frac_digits = frac;
                    rest = after;
                }
                Err(_) => return fail(after_dot, "expected digits after the decimal point"),
            }
        }
        if int_digits.len() + frac_digits.len() > MAX_DIGITS {
            return fail(
                i,
                format!("number too long (more than {MAX_DIGITS} digits)"),
            );
        }
        let value = decimal_value(&int_digits, frac_digits);
        let mut end = self.off(rest);
        let mut percent = false;
        let (after_ws, _) = ws(rest)?;
        if let Ok((after, _)) = char::<_, PErr>('%').parse(after_ws) {
            percent = true;
            rest = after;
            end = self.off(rest);
        }
        Ok((
            rest,
            Expr::Number {
                value,
                percent,
                span: start..end,
            },
        ))
    }

    /// Claimmark id: a letter or `_`, then letters, digits, `_` or `-`,
    /// ending in a letter or digit. A `-` between id characters belongs to
    /// the id, so subtraction of ids needs spaces (`a - b`).
    fn ident(&self, i: &'a str) -> PResult<'a, Expr> {
        let start = self.off(i);
        let body_len: usize = i
            .char_indices()
            .take_while(|&(n, c)| {
                if n == 0 {
                    c.is_alphabetic() || c == '_'
                } else {
                    c.is_alphanumeric() || c == '_' || c == '-'
                }
            })
            .map(|(_, c)| c.len_utf8())
            .sum();
        // Trailing `-`/`_` cannot end an id: give them back (`a- b` is `a - b`).
        let name = i[..body_len].trim_end_matches(['-', '_']);
        if name.is_empty() || !name.ends_with(|c: char| c.is_alphanumeric()) {
            return fail(i, "an identifier must end with a letter or digit");
        }
        let rest = &i[name.len()..];
        Ok((
            rest,
            Expr::Ident {
                name: name.to_string(),
                span: start..start + name.len(),
            },
        ))
    }
}

fn binary(op: BinOp, lhs: Expr, rhs: Expr, op_span: Range<usize>) -> Expr {
    let span = lhs.span().start..rhs.span().end;
    Expr::Binary {
        op,
        lhs: Box::new(lhs),
        rhs: Box::new(rhs),
        op_span,
        span,
    }
}

/// `int.frac` as an exact rational.
pub(crate) fn decimal_value(int_digits: &str, frac_digits: &str) -> BigRational {
    // Up to 18 digits fit in an i64: build the value in lowest terms directly,
    // without a string or a big-number gcd.
    let digits = int_digits.len() + frac_digits.len();
    if digits <= 18 {
        let mut n: i64 = 0;
        let mut ok = true;
        for b in int_digits.bytes().chain(frac_digits.bytes()) {
            ok &= b.is_ascii_digit();
            n = n * 10 + i64::from(b.wrapping_sub(b'0') % 10);
        }
        if ok
            && let Some(v) = super::fast::ratio(i128::from(n), 10i128.pow(frac_digits.len() as u32))
        {
            return v;
        }
    }
    let mut all = String::with_capacity(digits);
    all.push_str(int_digits);
    all.push_str(frac_digits);
    // Only ASCII digits reach here, so parsing cannot fail; fall back to zero
    // rather than panic all the same.
    let numer = BigInt::from_str_radix(&all, 10).unwrap_or_default();
    let denom = num_traits::pow(BigInt::from(10), frac_digits.len());
    BigRational::new(numer, denom)
}

/// Parses the expression of a relation definition: the text after `=` in
/// `[#total]: = vsse_staff + adiv_staff`. See the module documentation for
/// the grammar.
pub fn parse_expr(src: &str) -> Result<Expr, ExprError> {
    let ctx = Ctx {
        src,
        operators: Cell::new(0),
    };
    if src.trim().is_empty() {
        return Err(ExprError {
            offset: 0,
            message: "empty expression: expected a number, an identifier or '('".to_string(),
            opened_at: None,
        });
    }
    match ctx.sum(src, 0) {
        Ok((rest, expr)) => {
            let (rest, _) = ws(rest).unwrap_or((rest, ""));
            if rest.is_empty() {
                return Ok(expr);
            }
            let message = match rest.chars().next() {
                Some(')') => "unmatched ')'".to_string(),
                Some(c) if c.is_alphanumeric() || c == '_' || c == '(' => {
                    format!("expected an operator (+, -, *, /) before {}", found(rest))
                }
                _ => format!("unexpected {}", found(rest)),
            };
            Err(ExprError {
                offset: ctx.off(rest),
                message,
                opened_at: None,
            })
        }
        Err(nom::Err::Error(e) | nom::Err::Failure(e)) => Err(ExprError {
            offset: ctx.off(e.input),
            message: e
                .message
                .unwrap_or_else(|| format!("unexpected {}", found(e.input))),
            opened_at: e.opened_at.map(|at| ctx.off(at)),
        }),
        Err(nom::Err::Incomplete(_)) => Err(ExprError {
            offset: src.len(),
            message: "incomplete expression".to_string(),
            opened_at: None,
        }),
    }
}

/// Why a relation could not be evaluated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EvalError {
    /// The lookup had no value for this id (no such tag, or a tag whose
    /// value could not be read).
    UnknownId {
        /// The id.
        name: String,
        /// Where it is referenced.
        span: Range<usize>,
    },
    /// Operands whose units do not combine under this operator.
    UnitMismatch {
        /// The operator (for unary minus, the `-`).
        span: Range<usize>,
        /// Left operand's unit (the operand's for unary minus).
        left: Unit,
        /// Right operand's unit (the operand's for unary minus).
        right: Unit,
        /// Where the left operand is.
        left_span: Range<usize>,
        /// Where the right operand is.
        right_span: Range<usize>,
        /// A sentence naming both units.
        message: String,
    },
}

impl EvalError {
    /// The span to underline.
    pub fn span(&self) -> Range<usize> {
        match self {
            EvalError::UnknownId { span, .. } | EvalError::UnitMismatch { span, .. } => {
                span.clone()
            }
        }
    }
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EvalError::UnknownId { name, .. } => write!(f, "no value for '{name}'"),
            EvalError::UnitMismatch { message, .. } => f.write_str(message),
        }
    }
}

impl std::error::Error for EvalError {}

/// Evaluates an expression. `lookup` returns an id's quantity; literals are
/// [`Unit::Number`] (or [`Unit::Percent`] with `%`).
pub fn evaluate(
    expr: &Expr,
    lookup: &dyn Fn(&str) -> Option<Quantity>,
) -> Result<Quantity, EvalError> {
    match expr {
        Expr::Number { value, percent, .. } => Ok(Quantity::point(
            value.clone(),
            if *percent {
                Unit::Percent
            } else {
                Unit::Number
            },
        )),
        Expr::Ident { name, span } => lookup(name).ok_or_else(|| EvalError::UnknownId {
            name: name.clone(),
            span: span.clone(),
        }),
        Expr::Neg { inner, span } => {
            let q = evaluate(inner, lookup)?;
            negate(&q).map_err(|message| EvalError::UnitMismatch {
                span: span.start..span.start + 1,
                left: q.unit,
                right: q.unit,
                left_span: inner.span(),
                right_span: inner.span(),
                message,
            })
        }
        Expr::Binary {
            op,
            lhs,
            rhs,
            op_span,
            ..
        } => {
            let a = evaluate(lhs, lookup)?;
            let b = evaluate(rhs, lookup)?;
            combine(*op, &a, &b).map_err(|message| EvalError::UnitMismatch {
                span: op_span.clone(),
                left: a.unit,
                right: b.unit,
                left_span: lhs.span(),
                right_span: rhs.span(),
                message,
            })
        }
    }
}
