"""Known place names, read lazily and once per process from ``lint/data/places.tsv``.

The file is derived from GeoNames (CC BY 4.0, see
``lint/data/GEONAMES-LICENSE.txt``) by ``scripts/build_gazetteer.py``. Each
line is ``name <TAB> population <TAB> kind``; ``kind`` is ``country``,
``state``, ``region``, ``city`` or ``alias`` (an older English spelling in
wide use, such as ``Kiev``: known, and suggested only when no current
spelling is as close). A name listed under several kinds (Belgorod the region and
the city) becomes one :class:`Place` with the larger population and the more
general kind.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources

# More general kinds first: on a clash the earlier kind wins.
KINDS = ("country", "state", "region", "city", "alias")
_RANK = {kind: i for i, kind in enumerate(KINDS)}


@dataclass(frozen=True)
class Place:
    name: str
    population: int
    kind: str

    @property
    def current(self) -> bool:
        """False for an older spelling (kind ``alias``)."""
        return self.kind != "alias"


class Gazetteer:
    """Place names by exact spelling.

    Stored as two plain dicts (population and kind by name) so that loading
    stays cheap; :class:`Place` records are made on lookup.
    """

    def __init__(self, population: Mapping[str, int], kind: Mapping[str, str]) -> None:
        self._population = population
        self._kind = kind

    def get(self, name: str) -> Place | None:
        population = self._population.get(name)
        if population is None:
            return None
        return Place(name, population, self._kind[name])

    def population(self, name: str) -> int:
        return self._population.get(name, 0)

    def kind(self, name: str) -> str | None:
        return self._kind.get(name)

    def names(self) -> Iterator[str]:
        return iter(self._population)

    def __contains__(self, name: object) -> bool:
        return name in self._population

    def __len__(self) -> int:
        return len(self._population)

    def __iter__(self) -> Iterator[Place]:
        for name in self._population:
            yield Place(name, self._population[name], self._kind[name])


def parse_places(text: str) -> Gazetteer:
    """Parse the TSV format; malformed lines are skipped."""
    population: dict[str, int] = {}
    kinds: dict[str, str] = {}
    rank = _RANK
    for line in text.splitlines():
        if not line or line[0] == "#":
            continue
        parts = line.split("\t")
        if len(parts) < 3 or parts[2] not in rank:
            continue
        name, kind = parts[0], parts[2]
        try:
            count = int(parts[1])
        except ValueError:
            continue
        old = kinds.get(name)
        if old is None:
            population[name] = count
            kinds[name] = kind
            continue
        if rank[kind] < rank[old]:
            kinds[name] = kind
        if count > population[name]:
            population[name] = count
    return Gazetteer(population, kinds)


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer, read on first use and cached for the process."""
    text = resources.files("lint.data").joinpath("places.tsv").read_text(encoding="utf-8")
    return parse_places(text)


def read_data_text(name: str) -> str:
    """A text file shipped in ``lint/data``."""
    return resources.files("lint.data").joinpath(name).read_text(encoding="utf-8")
