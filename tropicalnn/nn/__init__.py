"""Piecewise-linear networks and their conversion to tropical rational maps."""

from .convert import Conversion, LayerCount, convert, to_tropical
from .layers import Identity, Layer, LeakyReLU, Linear, Maxout, MaxPool, ReLU
from .network import Network

__all__ = [
    "Network",
    "Layer",
    "Linear",
    "ReLU",
    "LeakyReLU",
    "Identity",
    "Maxout",
    "MaxPool",
    "to_tropical",
    "convert",
    "Conversion",
    "LayerCount",
]
