"""Figures of the two-variable cases: subdivisions, curves, regions, graphs.

Every function draws on the matplotlib axes `ax` it is given and returns
them.  With ``ax=None`` it makes a new figure with the Agg canvas, which is
not registered with ``matplotlib.pyplot``: nothing opens a window, the
global backend is left alone, and ``ax.figure.savefig("curve.png")`` writes
the picture.  In Jupyter, ``ax.figure`` as the last line of a cell shows
it; to draw into a pyplot window, pass ``ax=plt.subplots()[1]`` (and
``subplot_kw={"projection": "3d"}`` for :func:`plot_graph`).

matplotlib is the optional extra ``plot`` (``pip install
'tropicalnn[plot]'``); it is imported when a figure is drawn, and a
missing installation raises ``ModuleNotFoundError`` with that advice.

Both conventions are drawn as they are: a min-plus curve is the reflection
``(x, y) ↦ (-x, -y)`` of the max-plus curve with negated coefficients, and
regions and graphs are those of the min-plus function.

================================  ==========================================
function                          draws
================================  ==========================================
:func:`plot_subdivision`          the Newton polygon and its regular
                                  subdivision, coefficients as labels
:func:`plot_curve`                the tropical curve with its edge weights
:func:`plot_graph`                the graph ``z = f(x, y)`` as a surface
:func:`plot_regions`              the linear regions, and the decision
                                  boundary of a classifier
================================  ==========================================

Examples
--------
>>> import tropicalnn as tn
>>> from tropicalnn.plot import plot_curve
>>> x, y = tn.variables("x y")
>>> ax = plot_curve(1*x**2 + 1*y**2 + 2*x*y + 2*x + 2*y + 2)
>>> sorted(map(tuple, ax.collections[-1].get_offsets().tolist()))
[(0.0, 0.0), (0.0, 1.0), (1.0, 0.0)]
"""

from .curves import curve_box, plot_curve, plot_subdivision
from .regions import plot_graph, plot_regions, regions_box

__all__ = [
    "plot_subdivision",
    "plot_curve",
    "plot_graph",
    "plot_regions",
    "curve_box",
    "regions_box",
]
