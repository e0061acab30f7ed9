"""The bridge between tropicalnn and sympy.

:func:`to_sympy` writes a tropical polynomial as the classical sympy
expression ``Max(c_1 + <a_1, x>, ...)`` (``Min`` in min-plus), and a
rational function ``f ⊘ g`` as ``f - g``.  :func:`from_sympy` goes the other
way for any expression built from symbols, numbers, ``Add``, ``Mul`` by
numbers, ``Max``, ``Min`` and ``Abs``, nested in any way, and reduces the
result: sympy keeps a ``Max`` argument unless it can prove a single other
argument larger, so ``Max(x, y, x/2 + y/2)`` stays as it is, while the
reduced polynomial is ``x ⊕ y``.

Polynomials and rational functions also carry the hooks of the sympy
printers, so ``sympy.latex(p)``, ``sympy.pretty(p)`` and ``sympy.sstr(p)``
print them in tropical notation.

.. note::

   The classes deliberately have no ``_sympy_`` method.  With one, sympy
   would turn ``sympy.Integer(2) + p`` into the classical sum
   ``2 + Max(...)`` while ``p + sympy.Integer(2)`` is the tropical sum
   ``p ⊕ 2``.  Convert explicitly with :meth:`to_sympy`.

sympy is imported when a function here is first called, so that
``import tropicalnn`` stays fast.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ._piecewise import Function, PiecewiseLinearBuilder
from .errors import TropicalTypeError, TropicalValueError
from .parsing import default_variable_order
from .polynomial import TropicalPolynomial
from .rational import TropicalRational
from .semiring import Convention, check_convention

if TYPE_CHECKING:
    import sympy

__all__ = ["to_sympy", "from_sympy", "pretty_form"]

_SUPPORTED = "symbols, numbers, Add, Mul by numbers, Max, Min and Abs"


def _symbols(
    names: tuple[str, ...], symbols: Mapping[str, Any] | Sequence[Any] | None
) -> list[sympy.Symbol]:
    import sympy

    if symbols is None:
        return [sympy.Symbol(name, real=True) for name in names]
    if isinstance(symbols, Mapping):
        missing = [name for name in names if name not in symbols]
        if missing:
            raise TropicalValueError(
                f"no sympy symbol given for the variables {missing!r}"
            )
        return [symbols[name] for name in names]
    chosen = list(symbols)
    if len(chosen) != len(names):
        raise TropicalValueError(
            f"{len(chosen)} sympy symbols given for the {len(names)} variables "
            f"{names!r}; expected one symbol per variable"
        )
    return chosen


def _sympy_number(value: Any) -> sympy.Expr:
    import sympy

    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)

    # A Float keeps the double exactly at any precision of 53 bits or more.
    # sympy prints it to its decimal precision, and 15 digits do not always
    # read back to the same double, while 17 always do.
    number = float(value)
    digits = 15 if float(f"{number:.15g}") == number else 17
    return sympy.Float(number, digits)


def _polynomial_expression(
    poly: TropicalPolynomial, symbols: list[sympy.Symbol]
) -> sympy.Expr:
    import sympy

    pick = sympy.Max if poly.convention == "max" else sympy.Min
    if poly.is_zero:
        return -sympy.oo if poly.convention == "max" else sympy.oo
    terms = []
    for exponent, coefficient in poly.terms():
        term = _sympy_number(coefficient)
        for symbol, a in zip(symbols, exponent, strict=True):
            if a != 0:
                term += _sympy_number(a) * symbol
        terms.append(term)
    if len(terms) == 1:
        return terms[0]
    return pick(*terms, evaluate=False)


def to_sympy(
    function: TropicalPolynomial | TropicalRational,
    symbols: Mapping[str, Any] | Sequence[Any] | None = None,
) -> sympy.Expr:
    """Return a polynomial or rational function as a sympy expression.

    Parameters
    ----------
    function : TropicalPolynomial or TropicalRational
    symbols : mapping or sequence of sympy symbols, optional
        The symbol of each variable, by name or in the order of
        ``function.variables``.  By default real symbols
        ``sympy.Symbol(name, real=True)``.

    Returns
    -------
    sympy.Expr
        ``Max`` (or ``Min``) of the affine terms, unevaluated so that every
        term is kept, ``-oo`` (``oo``) for the empty polynomial, and
        ``f - g`` for a rational function.  Exact values become sympy
        ``Rational``; floats become ``Float``.

    Examples
    --------
    >>> import sympy
    >>> from tropicalnn import variables
    >>> x, y = variables("x y")
    >>> to_sympy(x**2 + 1*x*y + 3)
    Max(3, 2*x, x + y + 1)
    >>> r = (x + 0) / (y + 0)
    >>> r.to_sympy()
    Max(0, x) - Max(0, y)
    >>> a, b = sympy.symbols("a b")
    >>> (x + (-1)*y).to_sympy([a, b])
    Max(a, b - 1)
    """
    if isinstance(function, TropicalRational):
        symbol_list = _symbols(function.variables, symbols)
        top = _polynomial_expression(function.numerator, symbol_list)
        bottom = _polynomial_expression(function.denominator, symbol_list)
        return top - bottom
    if isinstance(function, TropicalPolynomial):
        return _polynomial_expression(function, _symbols(function.variables, symbols))
    raise TropicalTypeError(
        f"cannot convert {type(function).__name__} to sympy; expected a "
        "TropicalPolynomial or a TropicalRational"
    )


class _SympyReader:
    """Convert a sympy expression tree with a piecewise-linear builder."""

    def __init__(self, builder: PiecewiseLinearBuilder) -> None:
        self.build = builder

    def read(self, expr: sympy.Basic) -> Function:
        import sympy

        if isinstance(expr, sympy.Symbol):
            return self.build.variable(expr.name)
        if expr.is_Number:
            return self._number(expr)
        if isinstance(expr, sympy.Add):
            terms = [self.read(arg) for arg in expr.args]
            total = terms[0]
            for term in terms[1:]:
                total = self.build.add(total, term)
            return total
        if isinstance(expr, sympy.Mul):
            factor, rest = expr.as_coeff_Mul()
            if isinstance(rest, sympy.Mul) or not factor.is_Number:
                raise TropicalValueError(
                    f"the product {expr} is not piecewise linear; a product "
                    "must be a rational or float number times an expression"
                )
            return self.build.scale(self.read(rest), self._scalar(factor))
        if isinstance(expr, (sympy.Max, sympy.Min)):
            arguments = [self.read(arg) for arg in expr.args]
            if isinstance(expr, sympy.Max):
                return self.build.maximum(arguments)
            return self.build.minimum(arguments)
        if isinstance(expr, sympy.Abs):
            inner = self.read(expr.args[0])
            return self.build.maximum([inner, self.build.negate(inner)])
        raise TropicalTypeError(
            f"unsupported sympy expression {expr} of type {type(expr).__name__}; "
            f"supported: {_SUPPORTED}"
        )

    def _number(self, expr: sympy.Basic) -> Function:
        import sympy

        zero = -sympy.oo if self.build.convention == "max" else sympy.oo
        if expr == zero:
            return self.build.zero()
        return self.build.number(self._scalar(expr))

    def _scalar(self, expr: sympy.Basic) -> Fraction | float:
        if expr.is_Rational:
            return Fraction(int(expr.p), int(expr.q))
        if expr.is_Float:
            return float(expr)
        raise TropicalValueError(
            f"the number {expr} is not an element of the "
            f"{self.build.convention}-plus semiring; expected a finite rational "
            "or float, or the tropical zero "
            + ("-oo" if self.build.convention == "max" else "oo")
        )


def from_sympy(
    expr: Any,
    convention: Convention = "max",
    variables: Sequence[str] | str | None = None,
    *,
    reduce: bool = True,
) -> TropicalPolynomial | TropicalRational:
    """Convert a piecewise-linear sympy expression to tropicalnn.

    Parameters
    ----------
    expr : sympy expression or number
        Built from symbols, numbers, ``Add``, ``Mul`` by numbers, ``Max``,
        ``Min`` and ``Abs``, nested in any way.  sympy ``Rational`` values
        stay exact and ``Float`` values become floats.
    convention : {"max", "min"}
        The semiring of the result.  A ``Min`` in max-plus (a ``Max`` in
        min-plus) becomes a rational function.
    variables : sequence of str or str, optional
        Variable names in order, as a sequence or separated by spaces or
        commas.  By default the names of the free symbols in
        :func:`~tropicalnn.parsing.default_variable_order`.
    reduce : bool
        Return the reduced form (the default), with only the essential
        monomials in the polynomial or in each side of the rational
        function, or the formal result of the operations.

    Returns
    -------
    TropicalPolynomial or TropicalRational
        A polynomial when the formal computation leaves a monomial as
        denominator, a rational function otherwise.

    Raises
    ------
    TropicalTypeError
        For a part of the expression that is not supported.
    TropicalValueError
        For a product of two expressions with variables, or a number that
        is not an element of the semiring.

    Examples
    --------
    >>> import sympy
    >>> x, y = sympy.symbols("x y")
    >>> mean = sympy.Max(x, y, (x + y) / 2)
    >>> mean
    Max(x, y, x/2 + y/2)
    >>> from_sympy(mean)
    TropicalPolynomial('x ⊕ y')
    >>> from_sympy(mean, reduce=False)
    TropicalPolynomial('x ⊕ x^(1/2)⊙y^(1/2) ⊕ y')
    >>> print(from_sympy(sympy.Max(x, 0) - sympy.Max(y, 0)))
    (x ⊕ 0) ⊘ (y ⊕ 0)
    >>> print(from_sympy(sympy.Max(x, 0) - 2 * sympy.Min(y, 1)).to_classical())
    max(-2 + x, -2, x - 2*y, -2*y)
    >>> from_sympy(x * y)
    Traceback (most recent call last):
    ...
    tropicalnn.errors.TropicalValueError: the product x*y is not piecewise linear; ...
    """
    import sympy

    convention = check_convention(convention)
    try:
        expression = sympy.sympify(expr, strict=True)
    except sympy.SympifyError as err:
        raise TropicalTypeError(
            f"cannot convert {type(expr).__name__} {expr!r} to a sympy "
            "expression; expected a sympy expression or a number"
        ) from err

    # Fix the variables, then convert the tree.
    names = [
        symbol.name if isinstance(symbol, sympy.Symbol) else str(symbol)
        for symbol in expression.free_symbols
    ]
    if variables is None:
        chosen = default_variable_order(names)
    elif isinstance(variables, str):
        chosen = tuple(part for part in re.split(r"[\s,]+", variables) if part)
    else:
        chosen = tuple(variables)
    if variables is not None:
        missing = sorted(set(names) - set(chosen))
        if missing:
            raise TropicalValueError(
                f"the expression has the symbols {missing!r}, which are not "
                f"among the variables {chosen!r}"
            )
    builder = PiecewiseLinearBuilder(chosen, convention, exact=True)
    result = builder.finish(_SympyReader(builder).read(expression))
    return result.reduced() if reduce else result


def pretty_form(function: TropicalPolynomial | TropicalRational, printer: Any) -> Any:
    """Return the ``prettyForm`` that ``sympy.pretty`` prints for `function`:
    unicode tropical notation, or ASCII when the printer does not use
    unicode.

    Examples
    --------
    >>> import sympy
    >>> from tropicalnn import variables
    >>> x, y = variables("x y")
    >>> print(sympy.pretty(x**2 + 1*y, use_unicode=True))
    x² ⊕ 1⊙y
    >>> print(sympy.pretty(x**2 + 1*y, use_unicode=False))
    x^2 (+) 1(*)y
    """
    from sympy.printing.pretty.stringpict import prettyForm

    use_unicode = getattr(printer, "_use_unicode", True)
    return prettyForm(function.format("tropical" if use_unicode else "ascii"))
