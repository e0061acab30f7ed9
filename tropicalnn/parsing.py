r"""Read tropical polynomials and rational functions from text.

:func:`parse` accepts two notations, and a text is written in one of them.
Mixing them is an error because the same symbol can mean different things.
In classical notation ``+`` is addition, while the Python operators of
:class:`~tropicalnn.TropicalPolynomial` read ``+`` as ⊕.

Classical notation
    The piecewise-linear function itself: ``max(...)``, ``min(...)``,
    ``abs(...)``, ``+``, ``-``, multiplication and division by numbers, and
    parentheses, for example ``max(0, x + 1, y + 1, x + y)`` or
    ``max(x, 0) - 2*max(x - 1, 0)``.  ``Max``, ``Min`` and ``Abs`` (the
    names sympy prints) are accepted too.
Tropical notation
    ``⊕`` (ASCII ``(+)``, LaTeX ``\oplus``), ``⊙`` (``(*)``, ``\odot``),
    ``⊘`` (``(/)``, ``\oslash``) and powers ``x^2``, ``x**2``, ``x²``,
    ``x⁻¹``, ``x^(1/2)``, ``x^(-1)``, with numbers as coefficients:
    ``3⊙x``, ``(-1)⊙x``, ``(1/2)⊙x``.  In max-plus ⊕ is ``max`` and in
    min-plus it is ``min``.  ⊙ is the classical sum, ⊘ the classical
    difference and ``x^r`` is ``r·x``.

Both notations share numbers (``3``, ``-2``, ``1/2``, ``0.25``, ``1e-05``,
and ``-inf``, ``∞`` or ``-\infty`` for tropical zero), variables and
grouping with ``( )``, ``{ }`` or ``\left( \right)``.  The LaTeX that
:mod:`tropicalnn.printing` writes is read too: ``\frac{1}{2}``, ``x_{1}``
for the name ``x1`` and ``x\_1`` for ``x_1``, ``\cdot`` and ``\times`` for
``*``, and the spacing commands ``\,``, ``\;``, ``\:``, ``\!``.

Numbers are exact: ``0.5`` is ``Fraction(1, 2)`` and ``0.1`` is
``Fraction(1, 10)``.  With ``exact=False`` every number is read as a float
instead, so a float polynomial printed with :mod:`tropicalnn.printing`
reads back with float storage.

Precedence, from loosest to tightest: ``⊕``; binary ``+`` and ``-``;
``⊙`` and ``⊘``; ``*`` and ``/``; unary ``-`` and ``+``; powers.  So
``-1⊙x`` is ``(-1)⊙x``, ``1/2⊙x`` is ``(1/2)⊙x`` and ``-x^2`` is
``-(x^2)``.

The words ``max``, ``min``, ``abs`` (and their capitalised forms), ``inf``,
``oo`` and ``nan`` are not variable names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction

from ._piecewise import Function, PiecewiseLinearBuilder
from ._tokens import Token, parse_error, tokenize
from .errors import TropicalError, TropicalParseError, TropicalTypeError
from .polynomial import TropicalPolynomial
from .rational import TropicalRational
from .semiring import Convention, Scalar, check_convention

__all__ = ["parse", "default_variable_order"]


# -- syntax tree -----------------------------------------------------------------


@dataclass(frozen=True)
class _Number:
    position: int
    value: Fraction


@dataclass(frozen=True)
class _Infinity:
    position: int
    sign: int


@dataclass(frozen=True)
class _Variable:
    position: int
    name: str


@dataclass(frozen=True)
class _Unary:
    position: int
    symbol: str
    operator: str
    operand: _Node


@dataclass(frozen=True)
class _Link:
    """One ``operator operand`` step of a chain ``a + b - c``."""

    position: int
    symbol: str
    operator: str
    operand: _Node


@dataclass(frozen=True)
class _Chain:
    """Operands joined left to right by operators of one precedence level.
    The chain is flat, so that long sums do not nest deeply."""

    position: int
    first: _Node
    links: tuple[_Link, ...]


@dataclass(frozen=True)
class _Power:
    position: int
    symbol: str
    base: _Node
    exponent: _Node


@dataclass(frozen=True)
class _Call:
    position: int
    symbol: str
    function: str
    arguments: tuple[_Node, ...]


_Node = _Number | _Infinity | _Variable | _Unary | _Chain | _Power | _Call


def _number_node(token: Token) -> _Number:
    assert token.number is not None  # set on number and superscript tokens
    return _Number(token.position, token.number)

# Operators of each chain level, loosest first.
_LEVELS = (("⊕",), ("+", "-"), ("⊙", "⊘"), ("*", "/"))
_CLOSERS = {"(": ")", "{": "}"}


class _Parser:
    """Recursive-descent parser over the tokens of one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.index = 0

    @property
    def token(self) -> Token:
        return self.tokens[self.index]

    def _advance(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def _is_operator(self, operators: Sequence[str]) -> bool:
        return self.token.kind == "operator" and self.token.value in operators

    def parse(self) -> _Node:
        node = self._chain(0)
        if self.token.kind != "end":
            raise self._unexpected("an operator or the end of the text", hint=True)
        return node

    def _chain(self, level: int) -> _Node:
        """Parse operands joined by the operators of ``_LEVELS[level]``."""
        first = self._operand(level)
        links = []
        while self._is_operator(_LEVELS[level]):
            token = self._advance()
            operand = self._operand(level)
            links.append(_Link(token.position, token.source, token.value, operand))
        if not links:
            return first
        return _Chain(links[0].position, first, tuple(links))

    def _operand(self, level: int) -> _Node:
        if level + 1 == len(_LEVELS):
            return self._unary()
        return self._chain(level + 1)

    def _unary(self) -> _Node:
        if not self._is_operator(("+", "-")):
            return self._power()
        token = self._advance()
        operand = self._unary()
        if isinstance(operand, _Infinity):
            sign = -operand.sign if token.value == "-" else operand.sign
            return _Infinity(token.position, sign)
        return _Unary(token.position, token.source, token.value, operand)

    def _power(self) -> _Node:
        base = self._primary()
        while self.token.kind == "superscript":
            token = self._advance()
            exponent = _number_node(token)
            base = _Power(token.position, token.source, base, exponent)
        if self._is_operator(("^",)):
            token = self._advance()
            base = _Power(token.position, token.source, base, self._unary())
        return base

    def _primary(self) -> _Node:
        token = self.token
        if token.kind == "number":
            self._advance()
            return _number_node(token)
        if token.kind == "infinity":
            self._advance()
            return _Infinity(token.position, 1)
        if token.kind == "name":
            self._advance()
            return _Variable(token.position, token.value)
        if token.kind == "function":
            return self._call()
        if token.kind == "open":
            return self._group()
        if token.kind == "frac":
            self._advance()
            top = self._group(require="{")
            bottom = self._group(require="{")
            link = _Link(token.position, token.source, "/", bottom)
            return _Chain(token.position, top, (link,))
        raise self._unexpected("a number, a variable, a function or '('")

    def _group(self, require: str | None = None) -> _Node:
        token = self.token
        if token.kind != "open" or require is not None and token.value != require:
            raise self._unexpected(repr(require))
        self._advance()
        node = self._chain(0)
        self._close(token.value)
        return node

    def _close(self, opener: str) -> None:
        closer = _CLOSERS[opener]
        if self.token.kind == "close" and self.token.value == closer:
            self._advance()
            return
        raise self._unexpected(f"{closer!r}", hint=True)

    def _call(self) -> _Node:
        name = self._advance()
        if self.token.kind != "open" or self.token.value != "(":
            raise self._unexpected(f"'(' after {name.source}")
        self._advance()
        arguments = [self._chain(0)]
        while self.token.kind == "comma":
            self._advance()
            arguments.append(self._chain(0))
        self._close("(")
        return _Call(name.position, name.source, name.value, tuple(arguments))

    def _unexpected(self, expected: str, hint: bool = False) -> TropicalParseError:
        token = self.token
        found = "the end of the text" if token.kind == "end" else repr(token.source)
        message = f"expected {expected} at position {token.position}, found {found}"
        if hint and token.kind in ("number", "name", "function", "infinity"):
            message += (
                "; a product needs an operator: 2*x in classical notation or "
                "2⊙x in tropical notation"
            )
        return parse_error(self.text, message, token.position)


# -- one notation per text -------------------------------------------------------


def _is_numeral(node: _Node) -> bool:
    """Return whether `node` is a number written with signs and slashes only,
    such as ``-1/2``.  Numerals belong to both notations."""
    if isinstance(node, (_Number, _Infinity)):
        return True
    if isinstance(node, _Unary):
        return _is_numeral(node.operand)
    if isinstance(node, _Chain):
        return _is_numeral(node.first) and all(
            link.operator == "/" and _is_numeral(link.operand) for link in node.links
        )
    return False


def _notation_marks(node: _Node) -> Iterator[tuple[int, str, str]]:
    """Yield ``(position, symbol, notation)`` for every operator of `node`
    outside numerals and exponents."""
    if _is_numeral(node) or isinstance(node, _Variable):
        return
    if isinstance(node, _Unary):
        yield node.position, node.symbol, "classical"
        yield from _notation_marks(node.operand)
    elif isinstance(node, _Chain):
        yield from _notation_marks(node.first)
        for link in node.links:
            tropical = link.operator in ("⊕", "⊙", "⊘")
            yield link.position, link.symbol, "tropical" if tropical else "classical"
            yield from _notation_marks(link.operand)
    elif isinstance(node, _Power):
        yield node.position, node.symbol, "tropical"
        yield from _notation_marks(node.base)
    elif isinstance(node, _Call):
        yield node.position, node.symbol, "classical"
        for argument in node.arguments:
            yield from _notation_marks(argument)


def _check_one_notation(text: str, tree: _Node) -> None:
    marks = sorted(_notation_marks(tree))
    if not marks:
        return
    first_position, first_symbol, notation = marks[0]
    for position, symbol, other in marks:
        if other != notation:
            raise parse_error(
                text,
                f"{symbol!r} at position {position} is {other} notation, but "
                f"the expression is in {notation} notation ({first_symbol!r} at "
                f"position {first_position}). Write the whole expression in one "
                "notation: classical max, min, +, - and * or / by numbers, or "
                "tropical ⊕, ⊙, ⊘ and ^",
                position,
            )


def _variable_nodes(node: _Node) -> Iterator[_Variable]:
    if isinstance(node, _Variable):
        yield node
    elif isinstance(node, _Unary):
        yield from _variable_nodes(node.operand)
    elif isinstance(node, _Chain):
        yield from _variable_nodes(node.first)
        for link in node.links:
            yield from _variable_nodes(link.operand)
    elif isinstance(node, _Power):
        yield from _variable_nodes(node.base)
        yield from _variable_nodes(node.exponent)
    elif isinstance(node, _Call):
        for argument in node.arguments:
            yield from _variable_nodes(argument)


# -- evaluation ------------------------------------------------------------------

_Value = Scalar | TropicalPolynomial | TropicalRational
_NUMBER_TYPES = (Fraction, float)


class _Evaluator:
    """Compute the function of a syntax tree with a builder.

    Numbers stay numbers as long as no variable is involved, so that
    ``2*x`` and ``x^(1/2)`` can tell a factor from a function.  A number is a
    ``Fraction``, or a ``float`` when the builder is not exact.
    """

    def __init__(self, text: str, builder: PiecewiseLinearBuilder) -> None:
        self.text = text
        self.build = builder

    def evaluate(self, node: _Node) -> _Value:
        try:
            return self._evaluate(node)
        except TropicalParseError:
            raise
        except TropicalError as err:
            raise self._located(err, node.position) from err

    def function(self, value: _Value) -> Function:
        if isinstance(value, _NUMBER_TYPES):
            return self.build.number(value)
        return value

    def _located(self, err: TropicalError, position: int) -> TropicalParseError:
        """Turn an error of the arithmetic into a parse error at `position`."""
        return parse_error(self.text, f"{err} (at position {position})", position)

    def _evaluate(self, node: _Node) -> _Value:
        if isinstance(node, _Number):
            return self._number(node)
        if isinstance(node, _Infinity):
            return self._infinity(node)
        if isinstance(node, _Variable):
            return self.build.variable(node.name)
        if isinstance(node, _Unary):
            operand = self.evaluate(node.operand)
            if node.operator == "+":
                return operand
            if isinstance(operand, _NUMBER_TYPES):
                return -operand
            return self.build.negate(operand)
        if isinstance(node, _Chain):
            return self._chain(node)
        if isinstance(node, _Power):
            return self._power(node)
        return self._call(node)

    def _number(self, node: _Number) -> Scalar:
        if self.build.exact:
            return node.value
        try:
            return float(node.value)
        except OverflowError as err:
            raise parse_error(
                self.text,
                f"the number at position {node.position} is too large for a "
                "float; read it with exact=True",
                node.position,
            ) from err

    def _infinity(self, node: _Infinity) -> _Value:
        convention = self.build.convention
        if (node.sign < 0) == (convention == "max"):
            return self.build.zero()
        literal = "+inf" if node.sign > 0 else "-inf"
        zero = "-inf" if convention == "max" else "+inf"
        raise parse_error(
            self.text,
            f"{literal} at position {node.position} is not an element of the "
            f"{convention}-plus semiring, whose tropical zero is {zero}",
            node.position,
        )

    def _chain(self, node: _Chain) -> _Value:
        if node.links[0].operator == "⊕":
            return self._tropical_sum(node)
        value = self.evaluate(node.first)
        for link in node.links:
            operand = self.evaluate(link.operand)
            try:
                value = self._operate(link, value, operand)
            except TropicalParseError:
                raise
            except TropicalError as err:
                raise self._located(err, link.position) from err
        return value

    def _tropical_sum(self, node: _Chain) -> _Value:
        values = [self.evaluate(node.first)]
        values += [self.evaluate(link.operand) for link in node.links]
        numbers = [v for v in values if isinstance(v, _NUMBER_TYPES)]
        if len(numbers) == len(values):
            return max(numbers) if self.build.convention == "max" else min(numbers)
        return self.build.tropical_sum(self.function(v) for v in values)

    def _operate(self, link: _Link, left: _Value, right: _Value) -> _Value:
        operator = link.operator
        if operator == "*":
            return self._product(link, left, right)
        if operator == "/":
            return self._quotient(link, left, right)
        adding = operator in ("+", "⊙")
        if isinstance(left, _NUMBER_TYPES) and isinstance(right, _NUMBER_TYPES):
            return left + right if adding else left - right
        if adding:
            return self.build.add(self.function(left), self.function(right))
        return self.build.subtract(self.function(left), self.function(right))

    def _product(self, link: _Link, left: _Value, right: _Value) -> _Value:
        if isinstance(left, _NUMBER_TYPES):
            if isinstance(right, _NUMBER_TYPES):
                return left * right
            return self.build.scale(right, left)
        if isinstance(right, _NUMBER_TYPES):
            return self.build.scale(left, right)
        raise parse_error(
            self.text,
            f"the product {link.symbol!r} at position {link.position} multiplies "
            "two expressions with variables, which is not piecewise linear; "
            "for the tropical product write ⊙ or (*)",
            link.position,
        )

    def _quotient(self, link: _Link, left: _Value, right: _Value) -> _Value:
        if not isinstance(right, _NUMBER_TYPES):
            raise parse_error(
                self.text,
                f"the division {link.symbol!r} at position {link.position} "
                "divides by an expression with variables, which is not "
                "piecewise linear; for the tropical quotient write ⊘ or (/)",
                link.position,
            )
        if right == 0:
            raise parse_error(
                self.text, f"division by zero at position {link.position}",
                link.position,
            )
        if isinstance(left, _NUMBER_TYPES):
            return left / right
        return self.build.scale(left, 1 / right)

    def _power(self, node: _Power) -> _Value:
        base = self.evaluate(node.base)
        exponent = self.evaluate(node.exponent)
        if not isinstance(exponent, _NUMBER_TYPES):
            raise parse_error(
                self.text,
                f"the exponent after {node.symbol!r} at position {node.position} "
                "must be a number, not an expression with variables",
                node.position,
            )
        if isinstance(base, _NUMBER_TYPES):
            return exponent * base  # the tropical power of a number
        return self.build.power(base, exponent)

    def _call(self, node: _Call) -> _Value:
        values = [self.evaluate(argument) for argument in node.arguments]
        if node.function == "abs":
            return self._absolute_value(node, values)
        numbers = [v for v in values if isinstance(v, _NUMBER_TYPES)]
        if len(numbers) == len(values):
            return max(numbers) if node.function == "max" else min(numbers)
        functions = [self.function(v) for v in values]
        if node.function == "max":
            return self.build.maximum(functions)
        return self.build.minimum(functions)

    def _absolute_value(self, node: _Call, values: list[_Value]) -> _Value:
        if len(values) != 1:
            raise parse_error(
                self.text,
                f"{node.symbol} at position {node.position} takes one argument, "
                f"{len(values)} given",
                node.position,
            )
        (value,) = values
        if isinstance(value, _NUMBER_TYPES):
            return max(value, -value)
        return self.build.maximum([value, self.build.negate(value)])


# -- public functions ------------------------------------------------------------


def _natural_key(name: str) -> tuple[object, ...]:
    parts = re.split(r"([0-9]+)", name)
    chunks = tuple(int(part) if i % 2 else part for i, part in enumerate(parts))
    return (chunks, name)


def default_variable_order(names: Sequence[str]) -> tuple[str, ...]:
    """Return the distinct `names` in the order :func:`parse` gives them.

    The order is alphabetical, except that a run of digits compares as one
    number, so ``x2`` comes before ``x10``.

    Examples
    --------
    >>> default_variable_order(["y", "x10", "x2", "x", "y"])
    ('x', 'x2', 'x10', 'y')
    """
    return tuple(sorted(set(names), key=_natural_key))


def _chosen_variables(
    text: str, tree: _Node, variables: Sequence[str] | str | None
) -> tuple[str, ...]:
    found = list(_variable_nodes(tree))
    if variables is None:
        return default_variable_order([node.name for node in found])
    if isinstance(variables, str):
        names = tuple(part for part in re.split(r"[\s,]+", variables) if part)
    else:
        names = tuple(variables)
    for node in sorted(found, key=lambda node: node.position):
        if node.name not in names:
            raise parse_error(
                text,
                f"unknown variable {node.name!r} at position {node.position}; "
                f"the variables are {', '.join(names) or 'none'}",
                node.position,
            )
    return names


def parse(
    text: str,
    convention: Convention = "max",
    variables: Sequence[str] | str | None = None,
    *,
    exact: bool = True,
) -> TropicalPolynomial | TropicalRational:
    r"""Read a tropical polynomial or rational function from text.

    Parameters
    ----------
    text : str
        An expression in classical notation (``max``, ``min``, ``+``,
        ``-``, ``*`` and ``/`` by numbers) or in tropical notation (⊕, ⊙,
        ⊘ and powers, also in their ASCII and LaTeX spellings), as described
        in :mod:`tropicalnn.parsing`.
    convention : {"max", "min"}
        The semiring of the result; it decides what ⊕ means.
    variables : sequence of str or str, optional
        The variables of the result, in order.  By default they are the
        names in `text` in :func:`default_variable_order`.
    exact : bool
        Read numbers exactly (the default, ``0.1`` is ``Fraction(1, 10)``)
        or as floats.

    Returns
    -------
    TropicalPolynomial or TropicalRational
        A polynomial when the expression is one: in max-plus a maximum of
        affine functions, or anything whose formal computation leaves a
        single monomial as denominator.  Otherwise the rational function
        ``f ⊘ g`` that the operations build; it is not reduced.

    Raises
    ------
    TropicalParseError
        For text that is not an expression.  The message names the position
        (zero-based), and the error's note shows it with a caret.
    TropicalTypeError
        If `text` is not a string.

    Examples
    --------
    >>> parse("max(0, x + 1, y + 1, x + y)")
    TropicalPolynomial('x⊙y ⊕ 1⊙x ⊕ 1⊙y ⊕ 0')
    >>> r = parse("max(x, 0) - 2*max(x - 1, 0)")
    >>> print(r)
    (x ⊕ 0) ⊘ ((-2)⊙x² ⊕ 0)
    >>> r(3)
    Fraction(-1, 1)

    Tropical notation, in unicode or ASCII:

    >>> parse("x² ⊕ (-1)⊙x⊙y ⊕ (1/2)⊙y^(-1)")
    TropicalPolynomial('x² ⊕ (-1)⊙x⊙y ⊕ (1/2)⊙y⁻¹')
    >>> parse("x^2 (+) 3(*)x (+) 0.5") == parse("max(2*x, 3 + x, 1/2)")
    True

    ``min`` in max-plus is a rational function, and a polynomial in
    min-plus:

    >>> print(parse("min(x, 1)"))
    0 ⊘ ((-1) ⊕ x⁻¹)
    >>> parse("min(x, 1)", convention="min")
    TropicalPolynomial('x ⊕ 1', convention='min')

    Variables and their order:

    >>> parse("x + 1", variables="y x").variables
    ('y', 'x')

    Errors name the position:

    >>> parse("max(x, )")
    Traceback (most recent call last):
    ...
    tropicalnn.errors.TropicalParseError: expected ... at position 7, found ')'
        max(x, )
               ^
    >>> parse("max(x, 0) ⊙ y")
    Traceback (most recent call last):
    ...
    tropicalnn.errors.TropicalParseError: '⊙' at position 10 is tropical notation, ...
    """
    convention = check_convention(convention)
    if not isinstance(text, str):
        raise TropicalTypeError(
            f"cannot parse {type(text).__name__} {text!r}; expected a string"
        )

    try:
        # Read the syntax tree and check that it uses one notation.
        tree = _Parser(text).parse()
        _check_one_notation(text, tree)

        # Compute the function in the chosen variables.
        names = _chosen_variables(text, tree, variables)
        builder = PiecewiseLinearBuilder(names, convention, exact)
        evaluator = _Evaluator(text, builder)
        value = evaluator.evaluate(tree)
    except RecursionError as err:
        raise parse_error(
            text, "the expression is nested too deeply for the parser", 0
        ) from err
    return builder.finish(evaluator.function(value))

