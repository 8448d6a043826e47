"""The pictures `vaultkit report` writes into the report folder, as SVG: the network
(Network.svg), the circles against Dunbar's layers (Layers.svg) and the year's contacts
(Year.svg). What they show is worked out in `vaultkit.reports.pictures.picture`; here it is drawn, its
words in the language spoken now.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from vaultkit.activity import Activity
from vaultkit.config import Config
from vaultkit.model import Index
from vaultkit.render.pictures.layers import draw_layers
from vaultkit.render.pictures.network import network_pieces
from vaultkit.render.pictures.year import draw_year
from vaultkit.reports.pictures.picture import Pictures, pictured


def pictures(index: Index, activity: Activity, config: Config) -> dict[str, str]:
    """File name -> SVG text of each picture."""
    return {
        name: b"".join(svg).decode("utf-8") for name, svg in draw(pictured(index, activity, config)).items()
    }


def draw(found: Pictures) -> dict[str, tuple[bytes, ...]]:
    """File name -> each picture's file, as UTF-8 in pieces."""
    return {name: tuple(drawn()) for name, drawn in drawings(found).items()}


def drawings(found: Pictures) -> dict[str, Callable[[], Iterable[bytes]]]:
    """File name -> what draws each picture's file as UTF-8 in pieces, to be drawn when needed."""
    return {
        "Network.svg": lambda: network_pieces(found.network, found.owner),
        "Layers.svg": lambda: draw_layers(found.layers),
        "Year.svg": lambda: draw_year(found.year),
    }
