"""Exception classes of tropicalnn.

Every error the package raises on purpose derives from `TropicalError`, and
also from the built-in class a caller would expect (`ValueError`,
`TypeError`, `NotImplementedError`), so ``except ValueError`` keeps working.
"""

from __future__ import annotations

__all__ = [
    "TropicalError",
    "TropicalValueError",
    "TropicalTypeError",
    "NotAnElementError",
    "ConventionMismatchError",
    "VariableMismatchError",
    "ShapeMismatchError",
    "TropicalParseError",
    "UnsupportedLayerError",
    "ModelFileError",
    "MissingDependencyError",
]


class TropicalError(Exception):
    """Base class of every error raised by tropicalnn."""


class TropicalValueError(TropicalError, ValueError):
    """A value is outside what an operation accepts."""


class TropicalTypeError(TropicalError, TypeError):
    """An operand has a type that an operation does not accept."""


class NotAnElementError(TropicalValueError):
    """A number is not an element of the semiring (``NaN``, or ``+inf`` in
    max-plus and ``-inf`` in min-plus)."""


class ConventionMismatchError(TropicalValueError):
    """Operands use different conventions (max-plus and min-plus)."""


class VariableMismatchError(TropicalValueError):
    """Operands or points do not agree on the variables."""


class ShapeMismatchError(TropicalValueError):
    """Array shapes do not fit together (layers, points, exponents)."""


class TropicalParseError(TropicalValueError):
    """Text could not be parsed as an expression.

    Attributes
    ----------
    text : str
        The text that was parsed.
    position : int
        Zero-based index into `text` where parsing failed.
    """

    def __init__(self, message: str, text: str = "", position: int = 0) -> None:
        super().__init__(message)
        self.text = text
        self.position = position


class UnsupportedLayerError(TropicalError, NotImplementedError):
    """A network contains a layer or activation that cannot be converted."""


class ModelFileError(TropicalValueError):
    """A model file is missing, unreadable or malformed."""


class MissingDependencyError(TropicalError, ImportError):
    """An optional package (PyTorch, scikit-learn, onnx, matplotlib) that a
    feature needs is not installed; the message names the extra to
    install."""
