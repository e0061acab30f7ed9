"""Tropical rational functions ``f ⊘ g`` and vector-valued tropical maps.

A tropical rational function is the classical difference ``f - g`` of two
tropical polynomials in the same variables and convention.  Its value is
``f(x) - g(x)`` in both conventions, since ⊘ is classical subtraction.

Two rational functions ``f1 ⊘ g1`` and ``f2 ⊘ g2`` are equal as functions
exactly when the polynomials ``f1 ⊙ g2`` and ``f2 ⊙ g1`` have the same
reduced form; :meth:`TropicalRational.equals` decides it that way, while
``==`` compares numerators and denominators formally.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from .errors import (
    ConventionMismatchError,
    ShapeMismatchError,
    TropicalTypeError,
    TropicalValueError,
)
from .polynomial import TropicalPolynomial
from .semiring import Scalar, TropicalNumber, is_exact_number, to_scalar

__all__ = ["TropicalRational", "TropicalMap"]


def _as_polynomial(value: Any, like: TropicalPolynomial) -> TropicalPolynomial:
    poly = like._coerce(value)
    if poly is None:
        raise TropicalTypeError(
            f"cannot use {type(value).__name__} {value!r} in a tropical "
            "rational function; expected a polynomial or a number"
        )
    return poly


class TropicalRational:
    """A tropical rational function ``numerator ⊘ denominator``.

    Parameters
    ----------
    numerator, denominator : TropicalPolynomial
        Polynomials of the same convention; their variables are merged.  The
        denominator must not be the empty polynomial (tropical zero).

    Examples
    --------
    >>> from tropicalnn import variables
    >>> x, = variables("x,")
    >>> r = (x + 0) / (2*x + 1)
    >>> r(3), r(-3)
    (Fraction(-2, 1), Fraction(-1, 1))
    >>> print(r)
    (x ⊕ 0) ⊘ (2⊙x ⊕ 1)
    >>> relu = x + 0
    >>> (relu / (x**-1 * relu)).equals(x)
    True
    """

    __slots__ = ("_numerator", "_denominator")

    def __init__(
        self, numerator: TropicalPolynomial, denominator: Any = None
    ) -> None:
        if not isinstance(numerator, TropicalPolynomial):
            raise TropicalTypeError(
                f"numerator {numerator!r} is not a TropicalPolynomial"
            )
        if denominator is None:
            denominator = TropicalPolynomial.constant(
                0, numerator.variables, numerator.convention
            )
        denominator = _as_polynomial(denominator, numerator)
        if denominator.is_zero:
            raise TropicalValueError(
                "the denominator is the empty polynomial (tropical zero); "
                "division by tropical zero is undefined"
            )
        self._numerator, self._denominator = numerator._aligned(denominator)

    @property
    def numerator(self) -> TropicalPolynomial:
        """The polynomial ``f`` of ``f ⊘ g``."""
        return self._numerator

    @property
    def denominator(self) -> TropicalPolynomial:
        """The polynomial ``g`` of ``f ⊘ g``."""
        return self._denominator

    @property
    def variables(self) -> tuple[str, ...]:
        """Variable names shared by numerator and denominator."""
        return self._numerator.variables

    @property
    def n_vars(self) -> int:
        """Number of variables."""
        return self._numerator.n_vars

    @property
    def convention(self) -> str:
        """The semiring, ``"max"`` or ``"min"``."""
        return self._numerator.convention

    @property
    def is_exact(self) -> bool:
        """Whether numerator and denominator are exact."""
        return self._numerator.is_exact

    # -- arithmetic -----------------------------------------------------------

    def _coerce(self, other: Any) -> TropicalRational | None:
        if isinstance(other, TropicalRational):
            if other.convention != self.convention:
                raise ConventionMismatchError(
                    "cannot combine a max-plus and a min-plus rational function"
                )
            return other
        if isinstance(other, TropicalPolynomial) or isinstance(
            other, (numbers.Real, TropicalNumber)
        ) or is_exact_number(other):
            return TropicalRational(_as_polynomial(other, self._numerator))
        return None

    def __add__(self, other: Any) -> Any:
        other_r = self._coerce(other)
        if other_r is None:
            return NotImplemented
        f1, g1, f2, g2 = self._numerator, self._denominator, *other_r._parts()
        if g1 == g2:
            return TropicalRational(f1 + f2, g1)
        return TropicalRational(f1 * g2 + f2 * g1, g1 * g2)

    __radd__ = __add__

    def __mul__(self, other: Any) -> Any:
        other_r = self._coerce(other)
        if other_r is None:
            return NotImplemented
        f2, g2 = other_r._parts()
        return TropicalRational(self._numerator * f2, self._denominator * g2)

    __rmul__ = __mul__

    def __truediv__(self, other: Any) -> Any:
        other_r = self._coerce(other)
        if other_r is None:
            return NotImplemented
        f2, g2 = other_r._parts()
        if f2.is_zero:
            raise TropicalValueError(
                "division by the empty polynomial (tropical zero) is undefined"
            )
        return TropicalRational(self._numerator * g2, self._denominator * f2)

    def __rtruediv__(self, other: Any) -> Any:
        other_r = self._coerce(other)
        if other_r is None:
            return NotImplemented
        return other_r / self

    def __pow__(self, exponent: Any) -> TropicalRational:
        """Return ``(f ⊘ g)^r``: ``f^r ⊘ g^r`` for ``r >= 0``, and
        ``g^|r| ⊘ f^|r|`` for ``r < 0``."""
        power = to_scalar(exponent, "max", what="exponent")
        if power >= 0:
            return TropicalRational(
                self._numerator**power, self._denominator**power
            )
        if self._numerator.is_zero:
            raise TropicalValueError(
                "a negative power of tropical zero is undefined"
            )
        return TropicalRational(
            self._denominator ** (-power), self._numerator ** (-power)
        )

    def _parts(self) -> tuple[TropicalPolynomial, TropicalPolynomial]:
        return self._numerator, self._denominator

    # -- evaluation -----------------------------------------------------------

    def __call__(self, *coordinates: Any, **named: Any) -> Scalar:
        """Evaluate ``f(x) - g(x)`` at one point, exactly for exact input."""
        top = self._numerator(*coordinates, **named)
        bottom = self._denominator(*coordinates, **named)
        if isinstance(bottom, float) and abs(bottom) == float("inf"):
            raise TropicalValueError(
                "the denominator is tropical zero at this point, so the "
                "rational function is undefined there"
            )
        return top - bottom

    def evaluate(self, points: ArrayLike) -> np.ndarray:
        """Evaluate at the rows of `points`, shape ``(n_points, n_vars)``.

        Examples
        --------
        >>> from tropicalnn import variables
        >>> x, = variables("x,")
        >>> (x / (x + 0)).evaluate([[-1.0], [2.0]])
        array([-1.,  0.])
        """
        return self._numerator.evaluate(points) - self._denominator.evaluate(points)

    # -- reduction and equality ---------------------------------------------

    def reduced(self) -> TropicalRational:
        """Return ``f.reduced() ⊘ g.reduced()``, the same function."""
        return TropicalRational(self._numerator.reduced(), self._denominator.reduced())

    def equals(self, other: Any, tol: float | None = None) -> bool:
        """Functional equality: ``f1 ⊙ g2`` and ``f2 ⊙ g1`` have the same
        reduced form.

        Examples
        --------
        >>> from tropicalnn import variables
        >>> x, = variables("x,")
        >>> relu, relu_minus = x + 0, x**-1 + 0
        >>> (relu / relu_minus).equals(x)
        True
        """
        other_r = self._coerce(other)
        if other_r is None:
            raise TropicalTypeError(
                f"cannot compare a rational function with {type(other).__name__}"
            )
        f2, g2 = other_r._parts()
        return (self._numerator * g2).equals(f2 * self._denominator, tol=tol)

    def __eq__(self, other: object) -> bool:
        """Formal equality of numerators and of denominators."""
        try:
            other_r = self._coerce(other)
        except (ConventionMismatchError, TropicalTypeError):
            return False
        if other_r is None:
            return NotImplemented
        return bool(
            self._numerator == other_r._numerator
            and self._denominator == other_r._denominator
        )

    def __hash__(self) -> int:
        return hash((self._numerator, self._denominator))

    # -- printing -----------------------------------------------------------

    def format(self, style: str = "tropical") -> str:
        """Return the function as text; see :mod:`tropicalnn.printing`."""
        from .printing import format_rational

        return format_rational(self, style)

    def to_classical(self) -> str:
        """Return the classical notation ``max(...) - max(...)``."""
        return self.format("classical")

    def __str__(self) -> str:
        return self.format("tropical")

    def __repr__(self) -> str:
        return f"TropicalRational({self._numerator!r}, {self._denominator!r})"

    def _repr_latex_(self) -> str:
        return "$" + self.format("latex") + "$"

    def to_sympy(self, symbols: Any = None) -> Any:
        """Return ``f - g`` as a sympy expression; see
        :func:`tropicalnn.symbolic.to_sympy`."""
        from .symbolic import to_sympy

        return to_sympy(self, symbols)

    # Hooks of the sympy printers: sympy.latex, sympy.pretty and sympy.sstr.

    def _latex(self, printer: Any = None) -> str:
        return self.format("latex")

    def _pretty(self, printer: Any = None) -> Any:
        from .symbolic import pretty_form

        return pretty_form(self, printer)

    def _sympystr(self, printer: Any = None) -> str:
        return self.format("tropical")


class TropicalMap:
    """A vector of tropical rational functions in the same variables.

    Parameters
    ----------
    components : sequence of TropicalRational or TropicalPolynomial
        One function per output; polynomials become ``f ⊘ 0``.
    names : sequence of str, optional
        Output names, ``f1, f2, ...`` by default.

    Examples
    --------
    >>> from tropicalnn import variables
    >>> x, y = variables("x y")
    >>> F = TropicalMap([x + y, (x + 0) / (y + 0)])
    >>> len(F), F(1, 2)
    (2, [Fraction(2, 1), Fraction(-1, 1)])
    >>> F.evaluate([[1.0, 2.0]]).tolist()
    [[2.0, -1.0]]
    """

    __slots__ = ("_components", "_names")

    def __init__(
        self,
        components: Iterable[TropicalRational | TropicalPolynomial],
        names: Sequence[str] | None = None,
    ) -> None:
        items = [
            c if isinstance(c, TropicalRational) else TropicalRational(c)
            for c in components
        ]
        if not items:
            raise TropicalValueError("a tropical map needs at least one component")
        conventions = {c.convention for c in items}
        if len(conventions) != 1:
            raise ConventionMismatchError(
                "the components of a tropical map mix max-plus and min-plus"
            )
        merged: list[str] = []
        for item in items:
            merged += [name for name in item.variables if name not in merged]
        self._components = tuple(
            TropicalRational(
                c.numerator.with_variables(merged),
                c.denominator.with_variables(merged),
            )
            for c in items
        )
        if names is None:
            names = [f"f{i}" for i in range(1, len(items) + 1)]
        names = tuple(names)
        if len(names) != len(items):
            raise ShapeMismatchError(
                f"{len(names)} names given for {len(items)} components"
            )
        self._names = names

    @property
    def components(self) -> tuple[TropicalRational, ...]:
        """The component functions."""
        return self._components

    @property
    def names(self) -> tuple[str, ...]:
        """Output names."""
        return self._names

    @property
    def variables(self) -> tuple[str, ...]:
        """Variable names shared by every component."""
        return self._components[0].variables

    @property
    def n_vars(self) -> int:
        """Number of variables."""
        return len(self.variables)

    @property
    def numerators(self) -> tuple[TropicalPolynomial, ...]:
        """The numerator polynomials ``F_i``."""
        return tuple(c.numerator for c in self._components)

    @property
    def denominators(self) -> tuple[TropicalPolynomial, ...]:
        """The denominator polynomials ``G_i``."""
        return tuple(c.denominator for c in self._components)

    def __len__(self) -> int:
        return len(self._components)

    def __getitem__(self, index: int) -> TropicalRational:
        return self._components[index]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._components)

    def __call__(self, *coordinates: Any, **named: Any) -> list[Scalar]:
        """Evaluate every component at one point."""
        return [c(*coordinates, **named) for c in self._components]

    def evaluate(self, points: ArrayLike) -> np.ndarray:
        """Evaluate at the rows of `points`; returns ``(n_points, n_outputs)``."""
        columns = [c.evaluate(points) for c in self._components]
        return np.stack(columns, axis=1)

    def reduced(self) -> TropicalMap:
        """Return the map with every numerator and denominator reduced."""
        return TropicalMap([c.reduced() for c in self._components], self._names)

    def equals(self, other: TropicalMap, tol: float | None = None) -> bool:
        """Functional equality, component by component."""
        if not isinstance(other, TropicalMap) or len(other) != len(self):
            return False
        return all(a.equals(b, tol=tol) for a, b in zip(self, other))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TropicalMap):
            return NotImplemented
        return self._components == other._components

    def __hash__(self) -> int:
        return hash(self._components)

    def __str__(self) -> str:
        return "\n".join(
            f"{name} = {c}" for name, c in zip(self._names, self._components)
        )

    def __repr__(self) -> str:
        inner = ", ".join(repr(c) for c in self._components)
        return f"TropicalMap([{inner}], names={self._names!r})"


def _exact_point(values: Sequence[Any]) -> bool:
    return all(isinstance(v, Fraction) for v in values)
