"""The course's datasets: one real dataset and the generated snapshots.

One registry, :data:`DATASETS`, lists every dataset; :func:`load_dataset` and
:func:`list_datasets` both read it, so a new dataset is added in one place.

- ``facebook_metrics`` (real): 500 posts of a cosmetics brand's Facebook page
  in 2014 (UCI id 368; Moro, Rita & Vala 2016). Columns get short snake_case
  names, see :data:`FACEBOOK_COLUMNS` and ``datasets/facebook_metrics.md``.
- ``posts``, ``followers``, ``ad_sets``, ``mentions`` (generated): seeded
  snapshots in ``datasets/generated/`` written by ``smm generate``.

>>> df = load_dataset("facebook_metrics")
>>> df.shape
(500, 19)
>>> list(df.columns[:3])
['page_total_likes', 'type', 'category']
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import validate
from .paths import datasets_dir

__all__ = [
    "DATASETS",
    "FACEBOOK_COLUMNS",
    "DatasetInfo",
    "list_datasets",
    "load_dataset",
]

#: Original header of ``facebook_metrics.csv`` -> the short name used in the course.
#: "fans" are people who have liked the Page.
FACEBOOK_COLUMNS: dict[str, str] = {
    "Page total likes": "page_total_likes",
    "Type": "type",
    "Category": "category",
    "Post Month": "post_month",
    "Post Weekday": "post_weekday",
    "Post Hour": "post_hour",
    "Paid": "paid",
    "Lifetime Post Total Reach": "reach",
    "Lifetime Post Total Impressions": "impressions",
    "Lifetime Engaged Users": "engaged_users",
    "Lifetime Post Consumers": "consumers",
    "Lifetime Post Consumptions": "consumptions",
    "Lifetime Post Impressions by people who have liked your Page": "impressions_by_fans",
    "Lifetime Post reach by people who like your Page": "reach_by_fans",
    "Lifetime People who have liked your Page and engaged with your post": "engaged_fans",
    "comment": "comments",
    "like": "likes",
    "share": "shares",
    "Total Interactions": "total_interactions",
}

#: Columns of the real dataset that have missing cells: nullable ``Int64``.
FACEBOOK_NULLABLE: tuple[str, ...] = ("paid", "likes", "shares")

#: Column names parsed as datetimes in the generated snapshots.
_DATETIME_NAMES = ("timestamp", "date")


@dataclass(frozen=True)
class DatasetInfo:
    """One entry of the registry: where a dataset lives and what it is."""

    name: str
    kind: str  # "real" or "generated"
    filename: str  # relative to ``datasets_dir()``
    description: str

    @property
    def path(self) -> Path:
        """Absolute path of the dataset's CSV file."""
        return datasets_dir() / self.filename


#: The single source of truth for :func:`load_dataset` and :func:`list_datasets`.
DATASETS: dict[str, DatasetInfo] = {
    info.name: info
    for info in (
        DatasetInfo(
            "facebook_metrics",
            "real",
            "facebook_metrics.csv",
            "500 posts of a cosmetics brand's Facebook page in 2014 "
            "(UCI 368; Moro, Rita & Vala 2016; CC BY 4.0)",
        ),
        DatasetInfo(
            "posts",
            "generated",
            "generated/posts.csv",
            "seeded synthetic posts, one row per post (smmlib.generate)",
        ),
        DatasetInfo(
            "followers",
            "generated",
            "generated/followers.csv",
            "seeded synthetic follower counts over time (smmlib.generate)",
        ),
        DatasetInfo(
            "ad_sets",
            "generated",
            "generated/ad_sets.csv",
            "seeded synthetic paid-campaign ad sets (smmlib.generate)",
        ),
        DatasetInfo(
            "mentions",
            "generated",
            "generated/mentions.csv",
            "seeded synthetic brand mentions for monitoring (smmlib.generate)",
        ),
    )
}

# name -> ((path, mtime_ns, size), parsed frame). A rewritten file is re-read.
_CACHE: dict[str, tuple[tuple[str, int, int], pd.DataFrame]] = {}
# name -> frame, once :func:`freeze_datasets` has run: served without touching the disk.
_FROZEN: dict[str, pd.DataFrame] = {}


def freeze_datasets() -> list[str]:
    """Load every dataset that exists now and serve these copies from memory
    from then on, without looking at the files again. Returns the names loaded.

    The grading worker calls this before it forks a child per submission, so
    that a whole class is graded against one snapshot of the data and a child
    (an unprivileged user in a sandbox) never needs to read the course's
    folder, whatever its permissions. A dataset that cannot be loaded (a
    snapshot not written yet, a damaged file) is left out, so that using it
    raises the usual error where it is used.
    """
    loaded = []
    for name in DATASETS:
        try:
            _FROZEN[name] = load_dataset(name)
        except (OSError, ValueError):
            continue
        loaded.append(name)
    return loaded


def _info(name: str) -> DatasetInfo:
    validate.instance(None, "the dataset name", name, str, "a string such as 'facebook_metrics'")
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    return DATASETS[validate.choice(None, "the dataset name", key, DATASETS, hint="(the available datasets)")]


def _read_facebook(path: Path) -> pd.DataFrame:
    raw = pd.read_csv(path, sep=";")
    if list(raw.columns) != list(FACEBOOK_COLUMNS):
        unexpected = sorted(set(raw.columns) ^ set(FACEBOOK_COLUMNS))
        raise ValueError(
            f"{path} does not have the columns of the UCI 'Facebook metrics' file "
            f"(differences: {unexpected}). Restore it from the repository "
            "(it must be byte-identical to the UCI file, md5 71646e57ea9994a2f03817d57cfde1f8)."
        )
    df = raw.rename(columns=FACEBOOK_COLUMNS)
    for column in df.columns:
        if column == "type":
            df[column] = df[column].astype("string")
        elif column in FACEBOOK_NULLABLE:
            df[column] = df[column].astype("Int64")
        else:
            df[column] = df[column].astype("int64")
    return df


def _read_generated(path: Path) -> pd.DataFrame:
    df = pd.read_csv(path)
    for column in df.columns:
        lowered = column.lower()
        if lowered in _DATETIME_NAMES or lowered.endswith(("_timestamp", "_date")):
            df[column] = pd.to_datetime(df[column])
        elif df[column].dtype == object or pd.api.types.is_string_dtype(df[column]):
            values = set(df[column].dropna().unique())
            if values and values <= {"True", "False"} and not df[column].isna().any():
                df[column] = df[column].map({"True": True, "False": False}).astype(bool)
    return df


def _missing_snapshot(info: DatasetInfo) -> FileNotFoundError:
    return FileNotFoundError(
        f"the generated dataset {info.name!r} has no snapshot yet: {info.path} does not exist. "
        "Run `smm generate` in the repository folder to write the snapshots."
    )


def load_dataset(name: str) -> pd.DataFrame:
    """Load one of the course's datasets by name and return a fresh copy.

    ``"facebook_metrics"`` is the real UCI file with snake_case columns
    (:data:`FACEBOOK_COLUMNS`): ``paid``, ``likes`` and ``shares`` are nullable
    ``Int64`` (they have missing cells), ``type`` is a pandas string, the other
    columns are ``int64``. The generated names (``"posts"``, ``"followers"``,
    ``"ad_sets"``, ``"mentions"``) read ``datasets/generated/<name>.csv`` with
    ``timestamp``/``date`` columns as datetimes and True/False columns as bool.

    The parsed file is cached, so calling this again is cheap; every call returns
    a copy you may modify freely.

    Raises ``ValueError`` for an unknown name (listing the available ones) and
    ``FileNotFoundError`` when a generated snapshot has not been written yet.

    >>> df = load_dataset("facebook_metrics")
    >>> int(df["type"].value_counts()["Photo"])
    426
    >>> int(df["likes"].isna().sum())
    1
    """
    info = _info(name)
    if info.name in _FROZEN:
        return _FROZEN[info.name].copy(deep=True)
    path = info.path
    try:
        stat = path.stat()
    except FileNotFoundError:
        if info.kind == "generated":
            raise _missing_snapshot(info) from None
        raise FileNotFoundError(
            f"the dataset file {path} is missing; it is part of the repository, "
            "restore it with git (e.g. `git restore datasets/`)."
        ) from None
    stamp = (str(path), stat.st_mtime_ns, stat.st_size)
    cached = _CACHE.get(info.name)
    if cached is None or cached[0] != stamp:
        frame = _read_facebook(path) if info.name == "facebook_metrics" else _read_generated(path)
        _CACHE[info.name] = (stamp, frame)
        cached = _CACHE[info.name]
    return cached[1].copy(deep=True)


def list_datasets() -> pd.DataFrame:
    """Describe every dataset: name, kind ("real"/"generated"), rows, description, path.

    ``rows`` is ``<NA>`` for a generated snapshot that has not been written yet.

    >>> table = list_datasets()
    >>> list(table["name"])
    ['facebook_metrics', 'posts', 'followers', 'ad_sets', 'mentions']
    >>> int(table.set_index("name").loc["facebook_metrics", "rows"])
    500
    """
    records = []
    for info in DATASETS.values():
        rows: int | None = len(load_dataset(info.name)) if info.path.exists() else None
        records.append(
            {
                "name": info.name,
                "kind": info.kind,
                "rows": rows,
                "description": info.description,
                "path": str(info.path),
            }
        )
    table = pd.DataFrame.from_records(records)
    table["rows"] = table["rows"].astype("Int64")
    return table
