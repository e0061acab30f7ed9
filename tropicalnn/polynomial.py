"""Tropical polynomials with rational or real (Laurent) exponents.

A tropical polynomial in the max-plus convention is the function

    f(x) = max_k (c_k + <a_k, x>),

stored as an exponent matrix and a coefficient vector:

=================  =======================  ================================
array              shape                    entries
=================  =======================  ================================
``exponents``      ``(n_terms, n_vars)``    the exponent vectors ``a_k``
``coefficients``   ``(n_terms,)``           the coefficients ``c_k``
points             ``(n_points, n_vars)``   evaluation points, one per row
=================  =======================  ================================

An exact polynomial stores ``Fraction`` entries in arrays of dtype
``object``; a float polynomial stores ``float64`` arrays.  Terms are kept in
a canonical form: like terms merged by ⊕, terms with the coefficient
tropical zero dropped, rows sorted lexicographically by exponent.

Two equalities are available and they answer different questions:
``p == q`` is *formal* equality (the same terms), and ``p.equals(q)`` is
*functional* equality (the same function on ``R^n``), decided by comparing
the reduced forms of :meth:`TropicalPolynomial.reduced`.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from .errors import (
    ConventionMismatchError,
    NotAnElementError,
    ShapeMismatchError,
    TropicalTypeError,
    TropicalValueError,
    VariableMismatchError,
)
from .semiring import (
    Convention,
    Scalar,
    TropicalNumber,
    check_convention,
    is_exact_number,
    to_scalar,
    zero_value,
)

__all__ = [
    "TropicalPolynomial",
    "polynomial",
    "variables",
    "default_variables",
]

# Points are evaluated in blocks of about this many rows times 16 / n_terms,
# so that the intermediate (rows, n_terms) matrix stays in cache.
_EVALUATION_BLOCK = 2048

# Up to this many terms, evaluation loops over terms instead; the loop was
# faster than the blocked product below about 100 terms in bench_core.py.
_TERM_LOOP_LIMIT = 64

_NAME = re.compile(r"[A-Za-z_][A-Za-z_0-9]*\Z")

# Names that float() reads as numbers are not accepted as variables.
_NUMBER_NAMES = frozenset({"nan", "inf", "infinity", "oo"})

# Function names of tropicalnn.parse, which could not be read back as
# variables.
_FUNCTION_NAMES = frozenset({"max", "min", "abs", "Max", "Min", "Abs"})


def default_variables(n_vars: int) -> tuple[str, ...]:
    """Return the default variable names: ``x``, ``y``, ``z`` for up to three
    variables and ``x1, ..., xn`` otherwise.

    Examples
    --------
    >>> default_variables(2)
    ('x', 'y')
    >>> default_variables(4)
    ('x1', 'x2', 'x3', 'x4')
    """
    if n_vars <= 3:
        return ("x", "y", "z")[:n_vars]
    return tuple(f"x{i}" for i in range(1, n_vars + 1))


def _check_variables(names: Iterable[str]) -> tuple[str, ...]:
    result = tuple(names)
    for name in result:
        if not isinstance(name, str) or not _NAME.match(name):
            raise TropicalValueError(
                f"invalid variable name {name!r}; expected a letter or "
                "underscore followed by letters, digits or underscores"
            )
        if name in _FUNCTION_NAMES:
            raise TropicalValueError(
                f"invalid variable name {name!r}: it is a function name of "
                "the parser (max, min, abs); choose another name"
            )
        if name.lower() in _NUMBER_NAMES:
            raise TropicalValueError(
                f"invalid variable name {name!r}: it reads as a number; "
                "NaN is not an element of the semiring and inf is tropical "
                "zero or invalid"
            )
    if len(set(result)) != len(result):
        raise VariableMismatchError(f"variable names {result!r} repeat a name")
    return result


def _exponent_value(value: Any, exact: bool) -> Scalar:
    """Convert one exponent entry to a Fraction (exact) or a float."""
    number = to_scalar(value, "max", what="exponent")
    if isinstance(number, float) and math.isinf(number):
        raise TropicalValueError(f"exponent {value!r} must be finite")
    return number if exact else float(number)


def _is_exact_input(values: Iterable[Any]) -> bool:
    return all(is_exact_number(v) or isinstance(v, TropicalNumber) and v.is_exact
               for v in values)


class TropicalPolynomial:
    """A multivariate tropical polynomial ``⨁_k c_k ⊙ x^{a_k}``.

    Build polynomials with :func:`variables` and the operators, or with
    :func:`polynomial` from a mapping of exponents to coefficients.  The
    operators have their tropical meaning: ``+`` is ⊕, ``*`` is ⊙, ``/`` is
    ⊘ and ``**`` is the tropical power.  Numbers in expressions are
    coefficients, so ``1*x*y`` is ``1 + x + y`` and ``3`` is the constant
    term ``3``.

    Parameters
    ----------
    exponents : array_like, shape (n_terms, n_vars)
        Exponent vectors, one row per term.
    coefficients : array_like, shape (n_terms,)
        Coefficients; tropical zero (``-inf`` in max-plus) drops a term.
    variables : sequence of str, optional
        Variable names, :func:`default_variables` when omitted.
    convention : {"max", "min"}
        The semiring, max-plus by default.

    Notes
    -----
    Python's ``sum()`` starts from the number ``0``, which is tropical
    *one*: ``sum([x, y])`` is ``0 ⊕ x ⊕ y``.  Use
    :func:`~tropicalnn.tropical_sum` instead.

    Examples
    --------
    >>> x, y = variables("x y")
    >>> p = x**2 + 1*x*y + 3
    >>> print(p.to_classical())
    max(2*x, 1 + x + y, 3)
    >>> p(1, 2), len(p)
    (Fraction(4, 1), 3)
    >>> (x + y)**2 == x**2 + x*y + y**2
    True
    >>> (x + y)**2 == x**2 + y**2, ((x + y)**2).equals(x**2 + y**2)
    (False, True)
    """

    __slots__ = (
        "_exponents",
        "_coefficients",
        "_variables",
        "_convention",
        "_exact",
        "_reduced",
        "_float_cache",
    )

    def __init__(
        self,
        exponents: ArrayLike,
        coefficients: ArrayLike,
        variables: Sequence[str] | None = None,
        convention: Convention = "max",
    ) -> None:
        convention = check_convention(convention)
        exps, coefs, exact = _prepare_arrays(exponents, coefficients, variables)
        names = (
            default_variables(exps.shape[1])
            if variables is None
            else _check_variables(variables)
        )
        if len(names) != exps.shape[1]:
            raise ShapeMismatchError(
                f"{len(names)} variable names {names!r} given for exponent "
                f"vectors of length {exps.shape[1]}"
            )
        coefs = _check_coefficients(coefs, convention, exact)
        exps, coefs = _canonical_terms(exps, coefs, convention, exact)
        self._set(exps, coefs, names, convention, exact)

    def _set(
        self,
        exponents: np.ndarray,
        coefficients: np.ndarray,
        names: tuple[str, ...],
        convention: Convention,
        exact: bool,
        reduced: bool = False,
    ) -> None:
        exponents.flags.writeable = False
        coefficients.flags.writeable = False
        self._exponents = exponents
        self._coefficients = coefficients
        self._variables = names
        self._convention = convention
        self._exact = exact
        self._reduced = reduced
        self._float_cache: tuple[np.ndarray, np.ndarray] | None = None

    @classmethod
    def _from_canonical(
        cls,
        exponents: np.ndarray,
        coefficients: np.ndarray,
        names: tuple[str, ...],
        convention: Convention,
        exact: bool,
        reduced: bool = False,
    ) -> TropicalPolynomial:
        """Wrap arrays that are already canonical, skipping every check."""
        result = object.__new__(cls)
        result._set(exponents, coefficients, names, convention, exact, reduced)
        return result

    @classmethod
    def from_arrays(
        cls,
        exponents: ArrayLike,
        coefficients: ArrayLike,
        variables: Sequence[str] | None = None,
        convention: Convention = "max",
    ) -> TropicalPolynomial:
        """Build a polynomial from an exponent matrix and coefficient vector.

        Examples
        --------
        >>> p = TropicalPolynomial.from_arrays([[1, 0], [0, 1]], [0, 2])
        >>> print(p.to_classical())
        max(x, 2 + y)
        """
        return cls(exponents, coefficients, variables, convention)

    @classmethod
    def zero(
        cls,
        variables: Sequence[str] | int = 0,
        convention: Convention = "max",
        exact: bool = True,
    ) -> TropicalPolynomial:
        """Return the empty polynomial, tropical zero (``-inf`` everywhere).

        Examples
        --------
        >>> E = TropicalPolynomial.zero(["x"])
        >>> len(E), E(5)
        (0, -inf)
        """
        names = (
            default_variables(variables)
            if isinstance(variables, int)
            else _check_variables(variables)
        )
        dtype = object if exact else np.float64
        return cls._from_canonical(
            np.empty((0, len(names)), dtype=dtype),
            np.empty(0, dtype=dtype),
            names,
            check_convention(convention),
            exact,
            reduced=True,
        )

    @classmethod
    def constant(
        cls,
        value: Any,
        variables: Sequence[str] | int = 0,
        convention: Convention = "max",
    ) -> TropicalPolynomial:
        """Return the constant polynomial `value`.

        Examples
        --------
        >>> print(TropicalPolynomial.constant(5).to_classical())
        5
        """
        names = (
            default_variables(variables)
            if isinstance(variables, int)
            else _check_variables(variables)
        )
        return cls([[0] * len(names)], [value], names, convention)

    # -- data -------------------------------------------------------------

    @property
    def exponents(self) -> np.ndarray:
        """Exponent vectors, shape ``(n_terms, n_vars)``, read-only."""
        return self._exponents

    @property
    def coefficients(self) -> np.ndarray:
        """Coefficients, shape ``(n_terms,)``, read-only."""
        return self._coefficients

    @property
    def variables(self) -> tuple[str, ...]:
        """Variable names, in the order of the exponent columns."""
        return self._variables

    @property
    def n_vars(self) -> int:
        """Number of variables."""
        return len(self._variables)

    @property
    def n_terms(self) -> int:
        """Number of terms (monomials)."""
        return self._coefficients.shape[0]

    @property
    def convention(self) -> Convention:
        """The semiring, ``"max"`` or ``"min"``."""
        return self._convention

    @property
    def is_exact(self) -> bool:
        """Whether exponents and coefficients are stored as ``Fraction``."""
        return self._exact

    @property
    def is_zero(self) -> bool:
        """Whether this is the empty polynomial, tropical zero."""
        return self.n_terms == 0

    @property
    def is_monomial(self) -> bool:
        """Whether the polynomial has exactly one term."""
        return self.n_terms == 1

    def __len__(self) -> int:
        return self.n_terms

    def terms(self) -> list[tuple[tuple[Scalar, ...], Scalar]]:
        """Return the terms as ``(exponent, coefficient)`` pairs, sorted
        lexicographically by exponent.

        Examples
        --------
        >>> x, y = variables("x y")
        >>> (x + 1*y).terms()
        [((Fraction(0, 1), Fraction(1, 1)), Fraction(1, 1)), \
((Fraction(1, 1), Fraction(0, 1)), Fraction(0, 1))]
        """
        return [
            (tuple(row), coefficient)
            for row, coefficient in zip(
                self._exponents.tolist(), self._coefficients.tolist()
            )
        ]

    def as_dict(self) -> dict[tuple[Scalar, ...], Scalar]:
        """Return the terms as a mapping from exponent tuples to coefficients."""
        return dict(self.terms())

    def coefficient(self, exponent: Sequence[Any]) -> Scalar:
        """Return the coefficient of ``x^exponent``, tropical zero if absent.

        Examples
        --------
        >>> x, y = variables("x y")
        >>> (3*x*y + y).coefficient((1, 1))
        Fraction(3, 1)
        >>> (3*x*y + y).coefficient((2, 0))
        -inf
        """
        key = tuple(_exponent_value(v, self._exact) for v in exponent)
        if len(key) != self.n_vars:
            raise ShapeMismatchError(
                f"exponent {tuple(exponent)!r} has {len(key)} entries; "
                f"expected {self.n_vars} for variables {self._variables!r}"
            )
        return self.as_dict().get(key, zero_value(self._convention))

    def degree(self) -> Scalar:
        """Return the maximum total degree of the terms.

        Raises
        ------
        TropicalValueError
            For the empty polynomial, which has no degree.
        """
        if self.is_zero:
            raise TropicalValueError("the empty polynomial has no degree")
        return max(sum(row, Fraction(0) if self._exact else 0.0)
                   for row in self._exponents.tolist())

    # -- conversions --------------------------------------------------------

    def to_float(self) -> TropicalPolynomial:
        """Return a copy with ``float64`` exponents and coefficients."""
        if not self._exact:
            return self
        exps, coefs = self._float_arrays()
        return TropicalPolynomial._from_canonical(
            exps.copy(), coefs.copy(), self._variables, self._convention, False,
            self._reduced,
        )

    def _float_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        if self._float_cache is None:
            exps = np.asarray(self._exponents, dtype=np.float64)
            coefs = np.asarray(self._coefficients, dtype=np.float64)
            if not self._exact:
                exps, coefs = self._exponents, self._coefficients
            self._float_cache = (exps, coefs)
        return self._float_cache

    def with_variables(self, names: Sequence[str]) -> TropicalPolynomial:
        """Return the polynomial in the variables `names`.

        Every variable of this polynomial with a nonzero exponent must be in
        `names`; variables that are new get exponent 0.

        Examples
        --------
        >>> x, = variables("x,")
        >>> (1*x).with_variables(["w", "x"]).exponents.tolist()
        [[Fraction(0, 1), Fraction(1, 1)]]
        """
        names = _check_variables(names)
        if names == self._variables:
            return self
        index = {name: i for i, name in enumerate(names)}
        zero = Fraction(0) if self._exact else 0.0
        dtype = object if self._exact else np.float64
        exps = np.full((self.n_terms, len(names)), zero, dtype=dtype)
        for j, name in enumerate(self._variables):
            column = self._exponents[:, j]
            if name in index:
                exps[:, index[name]] = column
            elif np.any(column != 0):
                raise VariableMismatchError(
                    f"variable {name!r} occurs in the polynomial but not in "
                    f"{names!r}"
                )
        exps, coefs = _canonical_terms(
            exps, self._coefficients.copy(), self._convention, self._exact
        )
        return TropicalPolynomial._from_canonical(
            exps, coefs, names, self._convention, self._exact, self._reduced
        )

    # -- arithmetic ---------------------------------------------------------

    def _coerce(self, other: Any) -> TropicalPolynomial | None:
        """Return `other` as a polynomial, or None if it is not one."""
        if isinstance(other, TropicalPolynomial):
            if other._convention != self._convention:
                raise ConventionMismatchError(
                    "cannot combine a max-plus and a min-plus polynomial; "
                    "convert one with mirrored()"
                )
            return other
        if isinstance(other, TropicalNumber) or (
            isinstance(other, numbers.Real) and not isinstance(other, bool)
        ) or is_exact_number(other):
            value = to_scalar(other, self._convention, what="coefficient")
            if isinstance(value, float) and math.isinf(value):
                return TropicalPolynomial.zero(
                    self._variables, self._convention, self._exact
                )
            return TropicalPolynomial(
                [[0] * self.n_vars], [value], self._variables, self._convention
            )
        if type(other).__module__.startswith("sympy"):
            return TropicalPolynomial(
                [[0] * self.n_vars], [other], self._variables, self._convention
            )
        return None

    def _aligned(
        self, other: TropicalPolynomial
    ) -> tuple[TropicalPolynomial, TropicalPolynomial]:
        if other._variables == self._variables:
            left, right = self, other
        else:
            names = list(self._variables)
            names += [name for name in other._variables if name not in names]
            left = self.with_variables(names)
            right = other.with_variables(names)
        if left._exact != right._exact:
            left, right = left.to_float(), right.to_float()
        return left, right

    def __add__(self, other: Any) -> Any:
        other_poly = self._coerce(other)
        if other_poly is None:
            return NotImplemented
        left, right = self._aligned(other_poly)
        exps = _concatenate(left._exponents, right._exponents, left._exact)
        coefs = _concatenate(left._coefficients, right._coefficients, left._exact)
        exps, coefs = _canonical_terms(exps, coefs, left._convention, left._exact)
        return TropicalPolynomial._from_canonical(
            exps, coefs, left._variables, left._convention, left._exact
        )

    __radd__ = __add__

    def __mul__(self, other: Any) -> Any:
        other_poly = self._coerce(other)
        if other_poly is None:
            return NotImplemented
        left, right = self._aligned(other_poly)
        exps, coefs = _product_terms(
            left._exponents,
            left._coefficients,
            right._exponents,
            right._coefficients,
            left._exact,
        )
        exps, coefs = _canonical_terms(exps, coefs, left._convention, left._exact)
        return TropicalPolynomial._from_canonical(
            exps, coefs, left._variables, left._convention, left._exact
        )

    __rmul__ = __mul__

    def __truediv__(self, other: Any) -> Any:
        """Return ``self ⊘ other``.

        Division by a monomial or a number gives a polynomial (with Laurent
        exponents); division by any other polynomial gives a
        :class:`~tropicalnn.rational.TropicalRational`.
        """
        other_poly = self._coerce(other)
        if other_poly is None:
            return NotImplemented
        if other_poly.is_monomial:
            return self * other_poly._monomial_inverse()
        from .rational import TropicalRational

        return TropicalRational(self, other_poly)

    def __rtruediv__(self, other: Any) -> Any:
        other_poly = self._coerce(other)
        if other_poly is None:
            return NotImplemented
        return other_poly / self

    def _monomial_inverse(self) -> TropicalPolynomial:
        negate = np.negative if not self._exact else (lambda a: -a)
        return TropicalPolynomial._from_canonical(
            negate(self._exponents),
            negate(self._coefficients),
            self._variables,
            self._convention,
            self._exact,
            reduced=True,
        )

    def __pow__(self, exponent: Any) -> TropicalPolynomial:
        """Return the tropical power ``self^r``.

        An integer power of a sum expands formally, every binomial
        coefficient being tropical one: ``(x ⊕ y)^2 = x^2 ⊕ xy ⊕ y^2``.  A
        non-integer power ``r > 0`` is the function ``r·f``, whose terms are
        ``r·c_k + <r·a_k, x>``.  Negative powers are defined for monomials
        only (Laurent monomials); for other polynomials use ``1 / f``.
        """
        power = to_scalar(exponent, "max", what="exponent")
        if isinstance(power, float) and not math.isfinite(power):
            raise TropicalValueError(f"exponent {exponent!r} must be finite")
        if isinstance(power, float) and self._exact:
            return self.to_float() ** power
        if power == 0:
            return TropicalPolynomial.constant(
                0 if self._exact else 0.0, self._variables, self._convention
            )
        if self.is_zero:
            if power > 0:
                return self
            raise TropicalValueError(
                f"the empty polynomial to the negative power {exponent!r} is "
                "undefined"
            )
        if power < 0:
            if not self.is_monomial:
                raise TropicalValueError(
                    f"negative power {exponent!r} of a polynomial with "
                    f"{self.n_terms} terms is not a polynomial; use 1 / f "
                    "for the tropical rational function"
                )
            return self._monomial_inverse() ** (-power)
        if self.is_monomial or power != int(power):
            return self._scaled(power)
        return self._integer_power(int(power))

    def _scaled(self, factor: Scalar) -> TropicalPolynomial:
        if self._exact and isinstance(factor, Fraction):
            exps = self._exponents * factor
            coefs = self._coefficients * factor
            exact = True
        else:
            exps_f, coefs_f = self._float_arrays()
            exps = exps_f * float(factor)
            coefs = coefs_f * float(factor)
            exact = False
        exps, coefs = _canonical_terms(exps, coefs, self._convention, exact)
        return TropicalPolynomial._from_canonical(
            exps, coefs, self._variables, self._convention, exact
        )

    def _integer_power(self, power: int) -> TropicalPolynomial:
        result: TropicalPolynomial | None = None
        base = self
        while power:
            if power & 1:
                result = base if result is None else result * base
            power >>= 1
            if power:
                base = base * base
        assert result is not None
        return result

    def mirrored(self) -> TropicalPolynomial:
        """Return the polynomial with the same terms in the other convention.

        Examples
        --------
        >>> x, = variables("x,")
        >>> print((x + 1).mirrored().to_classical())
        min(x, 1)
        """
        other = "min" if self._convention == "max" else "max"
        return TropicalPolynomial._from_canonical(
            self._exponents, self._coefficients, self._variables, other,
            self._exact,
        )

    # -- evaluation -----------------------------------------------------------

    def __call__(self, *coordinates: Any, **named: Any) -> Scalar:
        """Evaluate at one point, exactly when the polynomial and every
        coordinate are exact.

        Coordinates come positionally in the order of :attr:`variables`, or
        by name.  Tropical zero (``-inf`` in max-plus) is a valid coordinate.

        Examples
        --------
        >>> x, y = variables("x y")
        >>> p = x**2 + 1*x*y + 3
        >>> p(1, 2), p(y=2, x=1), p(0.5, 0.5)
        (Fraction(4, 1), Fraction(4, 1), 3.0)
        >>> t = variables("t")
        >>> (t + 1)(float("-inf"))
        Fraction(1, 1)
        """
        point = self._point(coordinates, named)
        if self.is_zero:
            return zero_value(self._convention)
        zero = zero_value(self._convention)
        if self._exact and all(isinstance(v, Fraction) or v == zero for v in point):
            return self._evaluate_exact(point)
        return self._evaluate_float(point)

    def _point(self, coordinates: tuple[Any, ...], named: dict[str, Any]) -> list:
        if named:
            if coordinates:
                raise TropicalTypeError(
                    "give the coordinates either positionally or by name, "
                    "not both"
                )
            unknown = sorted(set(named) - set(self._variables))
            if unknown:
                raise VariableMismatchError(
                    f"unknown variables {unknown!r}; the polynomial has "
                    f"variables {self._variables!r}"
                )
            missing = [name for name in self._variables if name not in named]
            if missing:
                raise VariableMismatchError(
                    f"missing coordinates for variables {missing!r}"
                )
            coordinates = tuple(named[name] for name in self._variables)
        elif (
            len(coordinates) == 1
            and self.n_vars != 1
            and isinstance(coordinates[0], (Sequence, np.ndarray))
        ):
            coordinates = tuple(coordinates[0])
        if len(coordinates) != self.n_vars:
            raise ShapeMismatchError(
                f"{len(coordinates)} coordinates given; expected {self.n_vars} "
                f"for variables {self._variables!r}"
            )
        return [to_scalar(v, self._convention, what="coordinate")
                for v in coordinates]

    def _evaluate_exact(self, point: list[Scalar]) -> Scalar:
        return self._evaluate_point(point, lambda a, v: a * v)

    def _evaluate_float(self, point: list[Scalar]) -> Scalar:
        exps, coefs = self._float_arrays()
        floats = [float(v) for v in point]
        return self._evaluate_point(
            floats, lambda a, v: a * v, exps.tolist(), coefs.tolist()
        )

    def _evaluate_point(
        self,
        point: list[Scalar],
        times: Any,
        rows: list | None = None,
        coefficients: list | None = None,
    ) -> Scalar:
        """Evaluate term by term; a zero exponent times tropical zero adds
        nothing, a positive one gives tropical zero."""
        zero = zero_value(self._convention)
        if rows is None:
            rows = self._exponents.tolist()
            coefficients = self._coefficients.tolist()
        assert coefficients is not None
        values = []
        for row, coefficient in zip(rows, coefficients):
            value = coefficient
            for a, v in zip(row, point):
                if not a:
                    continue
                if isinstance(v, float) and math.isinf(v):
                    if a < 0:
                        _reject_inverted_zero(self._convention)
                    value = None
                    break
                value += times(a, v)
            if value is not None:
                values.append(value)
        if not values:
            return zero
        return max(values) if self._convention == "max" else min(values)

    def evaluate(self, points: ArrayLike) -> np.ndarray:
        """Evaluate at many points.

        Parameters
        ----------
        points : array_like, shape (n_points, n_vars)
            One point per row.  For a univariate polynomial a 1-D array of
            ``n_points`` values is accepted too.

        Returns
        -------
        ndarray, shape (n_points,)
            ``float64`` values; for an exact polynomial and an object array
            of exact numbers, exact ``Fraction`` values in an object array.

        Examples
        --------
        >>> x, y = variables("x y")
        >>> (x**2 + 1*x*y + 3).evaluate([[1, 2], [0, 0], [2, -1]])
        array([4., 3., 4.])
        """
        array = np.asarray(points)
        if array.ndim == 1 and self.n_vars == 1:
            array = array[:, None]
        if array.ndim != 2 or array.shape[1] != self.n_vars:
            raise ShapeMismatchError(
                f"points of shape {array.shape} given; expected "
                f"(n_points, {self.n_vars}) for variables {self._variables!r}"
            )
        if array.dtype == object:
            return self._evaluate_objects(array)
        if not np.issubdtype(array.dtype, np.number) or np.iscomplexobj(array):
            raise TropicalTypeError(
                f"points of dtype {array.dtype} given; expected real numbers"
            )
        array = np.asarray(array, dtype=np.float64)
        if self.is_zero:
            return np.full(array.shape[0], zero_value(self._convention))
        if not np.isfinite(array).all():
            return self._evaluate_nonfinite(array)
        return self._evaluate_block(array)

    def _evaluate_block(self, points: np.ndarray) -> np.ndarray:
        exps, coefs = self._float_arrays()
        reduce = np.max if self._convention == "max" else np.min
        n_points = points.shape[0]
        out = np.empty(n_points)
        if self.n_vars == 0:
            out.fill(reduce(coefs))
            return out
        points = np.ascontiguousarray(points)
        if self.n_terms <= _TERM_LOOP_LIMIT:
            # Few terms: one pass per term into a single output array.
            pick = np.maximum if self._convention == "max" else np.minimum
            values = np.empty(n_points)
            np.dot(points, exps[0], out=out)
            out += coefs[0]
            for row, coefficient in zip(exps[1:], coefs[1:]):
                np.dot(points, row, out=values)
                values += coefficient
                pick(out, values, out=out)
            return out
        # Many terms: a blocked matrix product keeps the (rows, n_terms)
        # intermediate in cache.
        transposed = np.ascontiguousarray(exps.T)
        block = max(1, _EVALUATION_BLOCK * 16 // self.n_terms)
        for start in range(0, n_points, block):
            stop = min(start + block, n_points)
            values = points[start:stop] @ transposed
            values += coefs
            reduce(values, axis=1, out=out[start:stop])
        return out

    def _evaluate_nonfinite(self, points: np.ndarray) -> np.ndarray:
        if np.isnan(points).any():
            raise NotAnElementError(
                "points contain nan, which is not an element of the "
                f"{self._convention}-plus semiring"
            )
        return np.array([float(self._evaluate_float(list(row))) for row in points])

    def _evaluate_objects(self, points: np.ndarray) -> np.ndarray:
        rows = [self(*row) for row in points.tolist()]
        if all(isinstance(v, Fraction) for v in rows):
            result = np.empty(len(rows), dtype=object)
            result[:] = rows
            return result
        return np.array(rows, dtype=np.float64)

    # -- reduction and equality --------------------------------------------

    def reduced(self) -> TropicalPolynomial:
        """Return the reduced form: only the essential monomials.

        A monomial is essential when it is strictly maximal (minimal in
        min-plus) on a non-empty open set, which happens exactly when its
        lifted point ``(a_k, c_k)`` is a vertex of the upper hull of all
        lifted points.  Monomials on that hull but not at a vertex are
        dropped too.  Exact input is decided with exact arithmetic; float
        input uses the relative tolerance described in
        :mod:`tropicalnn.geometry._essential`.

        Examples
        --------
        >>> x, y = variables("x y")
        >>> p = x**2 + x*y + y**2
        >>> print(p.reduced().to_classical())
        max(2*x, 2*y)
        >>> print((0 + x*y + x**2*y**2).reduced().to_classical())
        max(2*x + 2*y, 0)
        """
        if self._reduced or self.n_terms <= 1:
            return self
        keep = self._essential_indices()
        exps = self._exponents[keep]
        coefs = self._coefficients[keep]
        return TropicalPolynomial._from_canonical(
            exps, coefs, self._variables, self._convention, self._exact,
            reduced=True,
        )

    def _essential_indices(self) -> np.ndarray:
        from .geometry._essential import essential_terms

        coefficients = self._coefficients
        if self._convention == "min":
            coefficients = -coefficients
        return essential_terms(self._exponents, coefficients, exact=self._exact)

    def __eq__(self, other: object) -> bool:
        """Formal equality: the same terms, in the same convention."""
        if isinstance(other, TropicalPolynomial):
            if other._convention != self._convention:
                return False
        try:
            other_poly = self._coerce(other)
        except (ConventionMismatchError, NotAnElementError, TropicalTypeError):
            return False
        if other_poly is None:
            return NotImplemented
        try:
            left, right = self._aligned(other_poly)
        except VariableMismatchError:
            return False
        return _same_terms(left, right)

    def __hash__(self) -> int:
        # Consistent with ==, which ignores unused variables and their order:
        # each term is hashed as its set of (name, nonzero exponent) pairs.
        terms = frozenset(
            (
                frozenset(
                    (name, a) for name, a in zip(self._variables, row) if a != 0
                ),
                coefficient,
            )
            for row, coefficient in self.terms()
        )
        return hash((self._convention, terms))

    def equals(self, other: Any, tol: float | None = None) -> bool:
        """Functional equality: whether both are the same function on ``R^n``.

        Decided by comparing the reduced forms.  Exact polynomials are
        compared exactly.  When either side is a float polynomial the
        reduced terms are compared with the relative tolerance `tol`
        (``1e-9`` by default).

        Examples
        --------
        >>> x, y = variables("x y")
        >>> (x + y)**2 == x**2 + y**2
        False
        >>> ((x + y)**2).equals(x**2 + y**2)
        True
        """
        from .rational import TropicalRational

        if isinstance(other, TropicalRational):
            return other.equals(self, tol=tol)
        other_poly = self._coerce(other)
        if other_poly is None:
            raise TropicalTypeError(
                f"cannot compare a polynomial with {type(other).__name__}"
            )
        left, right = self._aligned(other_poly)
        left, right = left.reduced(), right.reduced()
        if left._exact:
            return _same_terms(left, right)
        return _close_terms(left, right, 1e-9 if tol is None else tol)

    # -- printing ---------------------------------------------------------

    def to_classical(self) -> str:
        """Return the classical notation, ``max(...)`` or ``min(...)``."""
        from .printing import format_polynomial

        return format_polynomial(self, "classical")

    def __str__(self) -> str:
        from .printing import format_polynomial

        return format_polynomial(self, "tropical")

    def __repr__(self) -> str:
        from .printing import repr_polynomial

        return repr_polynomial(self)

    def _repr_latex_(self) -> str:
        from .printing import format_polynomial

        return "$" + format_polynomial(self, "latex") + "$"

    def format(self, style: str = "tropical") -> str:
        """Return the polynomial as text; see :mod:`tropicalnn.printing`."""
        from .printing import format_polynomial

        return format_polynomial(self, style)

    def to_sympy(self, symbols: Any = None) -> Any:
        """Return the function as a sympy ``Max`` or ``Min`` expression; see
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


# -- array kernels -------------------------------------------------------------


def _prepare_arrays(
    exponents: ArrayLike,
    coefficients: ArrayLike,
    variables: Sequence[str] | None,
) -> tuple[np.ndarray, np.ndarray, bool]:
    """Validate shapes and pick exact (object) or float storage."""
    coefs_in = np.asarray(coefficients, dtype=object).reshape(-1)
    if np.ndim(coefficients) > 1:
        raise ShapeMismatchError(
            f"coefficients of shape {np.shape(coefficients)} given; expected "
            "(n_terms,)"
        )
    try:
        exps_in = np.asarray(exponents, dtype=object)
    except ValueError as err:
        raise ShapeMismatchError(
            "exponent rows of different lengths given; expected a "
            "rectangular (n_terms, n_vars) array"
        ) from err
    if exps_in.shape[0] == 0 or exps_in.ndim != 2:
        n_vars = len(variables) if variables is not None else (
            exps_in.shape[1] if exps_in.ndim == 2 else 0
        )
        exps_in = np.empty((0, n_vars), dtype=object)
    if exps_in.ndim != 2:
        raise ShapeMismatchError(
            f"exponents of shape {exps_in.shape} given; expected "
            "(n_terms, n_vars)"
        )
    if exps_in.shape[0] != coefs_in.shape[0]:
        raise ShapeMismatchError(
            f"{exps_in.shape[0]} exponent rows but {coefs_in.shape[0]} "
            "coefficients given; expected one coefficient per row"
        )
    flat = list(exps_in.ravel()) + list(coefs_in)
    exact = _is_exact_input(v for v in flat if not _is_zero_float(v))
    exps = np.empty(exps_in.shape, dtype=object if exact else np.float64)
    for index, value in np.ndenumerate(exps_in):
        exps[index] = _exponent_value(value, exact)
    return exps, coefs_in, exact


def _is_zero_float(value: Any) -> bool:
    # An infinite float coefficient is tropical zero or an error; either way
    # it does not make the other numbers inexact.
    return isinstance(value, float) and math.isinf(value)


def _check_coefficients(
    coefficients: np.ndarray, convention: Convention, exact: bool
) -> np.ndarray:
    values = [to_scalar(v, convention, what="coefficient") for v in coefficients]
    if exact:
        result = np.empty(len(values), dtype=object)
        result[:] = values
        return result
    return np.array([float(v) for v in values], dtype=np.float64)


def _concatenate(first: np.ndarray, second: np.ndarray, exact: bool) -> np.ndarray:
    return np.concatenate([first, second]).astype(object if exact else np.float64)


def _product_terms(
    exps_a: np.ndarray,
    coefs_a: np.ndarray,
    exps_b: np.ndarray,
    coefs_b: np.ndarray,
    exact: bool,
) -> tuple[np.ndarray, np.ndarray]:
    """Form all pairwise sums of terms, the formal product before merging."""
    n_vars = exps_a.shape[1]
    exps = (exps_a[:, None, :] + exps_b[None, :, :]).reshape(-1, n_vars)
    coefs = (coefs_a[:, None] + coefs_b[None, :]).reshape(-1)
    if exact:
        return exps.astype(object), coefs.astype(object)
    return exps, coefs


def _canonical_terms(
    exponents: np.ndarray,
    coefficients: np.ndarray,
    convention: Convention,
    exact: bool,
) -> tuple[np.ndarray, np.ndarray]:
    """Merge like terms by ⊕, drop tropical zeros and sort by exponent."""
    n_vars = exponents.shape[1]
    if exact:
        pick = max if convention == "max" else min
        merged: dict[tuple, Any] = {}
        for row, coefficient in zip(exponents.tolist(), coefficients.tolist()):
            if isinstance(coefficient, float):
                continue  # tropical zero; finite values are Fractions here
            key = tuple(row)
            previous = merged.get(key)
            merged[key] = coefficient if previous is None else pick(previous,
                                                                    coefficient)
        keys = sorted(merged)
        exps = np.empty((len(keys), n_vars), dtype=object)
        coefs = np.empty(len(keys), dtype=object)
        for i, key in enumerate(keys):
            exps[i, :] = key
            coefs[i] = merged[key]
        return exps, coefs

    exponents = np.asarray(exponents, dtype=np.float64)
    coefficients = np.asarray(coefficients, dtype=np.float64)
    keep = np.isfinite(coefficients)
    if not keep.all():
        exponents, coefficients = exponents[keep], coefficients[keep]
    exponents = exponents + 0.0  # turn -0.0 into 0.0 so that keys agree
    if exponents.shape[0] <= 1 or n_vars == 0:
        if exponents.shape[0] > 1:
            pick_value = coefficients.max() if convention == "max" else (
                coefficients.min())
            return exponents[:1].copy(), np.array([pick_value])
        return exponents.copy(), coefficients.copy()
    unique, inverse = np.unique(exponents, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    if unique.shape[0] == exponents.shape[0]:
        order = np.argsort(inverse)
        return unique, coefficients[order]
    if convention == "max":
        merged_coefs = np.full(unique.shape[0], -np.inf)
        np.maximum.at(merged_coefs, inverse, coefficients)
    else:
        merged_coefs = np.full(unique.shape[0], np.inf)
        np.minimum.at(merged_coefs, inverse, coefficients)
    return unique, merged_coefs


def _same_terms(left: TropicalPolynomial, right: TropicalPolynomial) -> bool:
    if left.n_terms != right.n_terms:
        return False
    return bool(
        np.array_equal(left._exponents, right._exponents)
        and np.array_equal(left._coefficients, right._coefficients)
    )


def _close_terms(
    left: TropicalPolynomial, right: TropicalPolynomial, tol: float
) -> bool:
    if left.n_terms != right.n_terms:
        return False
    exps_l, coefs_l = left._float_arrays()
    exps_r, coefs_r = right._float_arrays()
    scale = max(1.0, float(np.abs(coefs_l).max(initial=0.0)),
                float(np.abs(coefs_r).max(initial=0.0)))
    return bool(
        np.allclose(exps_l, exps_r, rtol=tol, atol=tol)
        and np.allclose(coefs_l, coefs_r, rtol=tol, atol=tol * scale)
    )


def _reject_inverted_zero(convention: Convention) -> None:
    zero = "-inf" if convention == "max" else "+inf"
    raise NotAnElementError(
        f"a negative exponent at the coordinate {zero} (tropical zero) gives "
        f"{'+inf' if convention == 'max' else '-inf'}, which is not an element "
        f"of the {convention}-plus semiring"
    )


# -- constructors --------------------------------------------------------------


def variables(
    names: str | Sequence[str], convention: Convention = "max"
) -> Any:
    """Create tropical variables that share one ordered variable tuple.

    Parameters
    ----------
    names : str or sequence of str
        Names separated by spaces or commas.  As with ``sympy.symbols``, a
        single name without a trailing comma gives one polynomial, and
        several names (or a trailing comma) give a tuple.
    convention : {"max", "min"}

    Examples
    --------
    >>> x, y = variables("x y")
    >>> print(x**2 + 1*x*y + 3)
    x² ⊕ 1⊙x⊙y ⊕ 3
    >>> z = variables("z")
    >>> z.variables
    ('z',)
    """
    single = False
    if isinstance(names, str):
        text = names.strip()
        parts = [part for part in re.split(r"[\s,]+", text) if part]
        single = len(parts) == 1 and not text.endswith(",")
    else:
        parts = list(names)
    if not parts:
        raise TropicalValueError(f"no variable names in {names!r}")
    chosen = _check_variables(parts)
    result = []
    for i in range(len(chosen)):
        row = [0] * len(chosen)
        row[i] = 1
        result.append(TropicalPolynomial([row], [0], chosen, convention))
    return result[0] if single else tuple(result)


def polynomial(
    terms: Mapping[Any, Any] | Iterable[tuple[Any, Any]],
    variables: Sequence[str] | None = None,
    convention: Convention = "max",
) -> TropicalPolynomial:
    """Build a polynomial from a mapping of exponent tuples to coefficients.

    Parameters
    ----------
    terms : mapping or iterable of pairs
        Keys are exponent tuples (a number for one variable), values are
        coefficients; an iterable of ``(exponent, coefficient)`` pairs works
        too.  Exponents that are equal as numbers, such as ``(2,)`` and
        ``(2.0,)``, are one monomial and their coefficients are merged by
        ⊕ (a Python dict already keeps only one of two such keys).
    variables : sequence of str, optional
        Variable names, :func:`default_variables` when omitted.
    convention : {"max", "min"}

    Examples
    --------
    >>> p = polynomial({(2, 0): 0, (1, 1): 1, (0, 0): 3})
    >>> print(p.to_classical())
    max(2*x, 1 + x + y, 3)
    >>> polynomial({(2,): 1, (2.0,): 3}) == polynomial({(2,): 3})
    True
    >>> print(polynomial([((2,), 1), ((2.0,), 3)]))
    3.0⊙x^2.0
    """
    pairs = list(terms.items()) if isinstance(terms, Mapping) else list(terms)
    keys = [key if isinstance(key, (tuple, list, np.ndarray)) else (key,)
            for key, _ in pairs]
    coefficients = [value for _, value in pairs]
    if keys:
        lengths = {len(key) for key in keys}
        if len(lengths) != 1:
            raise ShapeMismatchError(
                f"exponent tuples of different lengths {sorted(lengths)} given; "
                "expected one length, the number of variables"
            )
        n_vars = lengths.pop()
    else:
        n_vars = len(variables) if variables is not None else 0
    exponents = np.empty((len(keys), n_vars), dtype=object)
    for i, key in enumerate(keys):
        exponents[i, :] = list(key)
    return TropicalPolynomial(exponents, coefficients, variables, convention)
