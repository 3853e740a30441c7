"""The gazetteer: place names derived from GeoNames, read lazily and once."""

from __future__ import annotations

import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

from lint.gazetteer import KINDS, Place, load_gazetteer, parse_places

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "lint" / "data"


def test_contains_belgorod_with_its_population() -> None:
    place = load_gazetteer().get("Belgorod")
    assert place is not None
    # The city has about 340,000 people; it is also a region.
    assert 300_000 < place.population < 400_000
    assert place.kind in ("region", "city")


def test_countries_regions_cities_and_older_spellings() -> None:
    gazetteer = load_gazetteer()
    for name in ("Russia", "Ukraine", "United Arab Emirates"):
        place = gazetteer.get(name)
        assert place is not None and place.kind == "country", name
    for name in ("Kyiv", "Kharkiv", "Abu Dhabi", "Moscow", "London"):
        place = gazetteer.get(name)
        assert place is not None and place.population > 1_000_000, name
    assert gazetteer.get("Donbas") == Place("Donbas", 0, "region")
    kiev = gazetteer.get("Kiev")
    assert kiev is not None and kiev.kind == "alias" and not kiev.current
    assert gazetteer.get("Begorod") is None
    assert "Zaporizhzhia" in gazetteer
    assert len(gazetteer) > 30_000


def test_names_with_diacritics_also_come_in_ascii() -> None:
    gazetteer = load_gazetteer()
    assert "Bogotá" in gazetteer and "Bogota" in gazetteer
    assert gazetteer.population("Bogotá") == gazetteer.population("Bogota")


def test_loads_once_and_is_cached() -> None:
    assert load_gazetteer() is load_gazetteer()


def test_not_loaded_at_import_time() -> None:
    code = (
        "import lint.gazetteer as g, lint.checks, lint.rule_loading\n"
        "print(g.load_gazetteer.cache_info().currsize)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"


def test_loading_is_quick() -> None:
    # About 35 ms on a developer machine; the bound leaves room for a busy CI.
    text = resources.files("lint.data").joinpath("places.tsv").read_text(encoding="utf-8")
    started = time.perf_counter()
    parse_places(text)
    assert time.perf_counter() - started < 1.0


def test_parse_merges_kinds_and_populations() -> None:
    text = (
        "# comment\n"
        "Belgorod\t0\tregion\n"
        "Belgorod\t345289\tcity\n"
        "Kiev\t2952301\talias\n"
        "broken line\n"
        "Nowhere\tmany\tcity\n"
        "Elsewhere\t5\tplanet\n"
    )
    gazetteer = parse_places(text)
    assert gazetteer.get("Belgorod") == Place("Belgorod", 345289, "region")
    assert gazetteer.get("Kiev") == Place("Kiev", 2952301, "alias")
    assert len(gazetteer) == 2
    assert sorted(p.name for p in gazetteer) == ["Belgorod", "Kiev"]


def test_shipped_file_is_small_well_formed_and_attributed() -> None:
    places = DATA / "places.tsv"
    assert places.stat().st_size < 2_000_000
    lines = places.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# ") and "GeoNames" in lines[0] and "CC BY 4.0" in lines[0]
    for line in lines:
        if line.startswith("#"):
            continue
        name, population, kind = line.split("\t")
        assert name.strip() == name and name
        assert int(population) >= 0
        assert kind in KINDS
    licence = (DATA / "GEONAMES-LICENSE.txt").read_text(encoding="utf-8")
    assert "geonames.org" in licence and "CC BY 4.0" in licence
