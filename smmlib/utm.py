"""UTM tags: build them, read them back, and group traffic into channels.

UTM parameters (``utm_source``, ``utm_medium``, ``utm_campaign``, ``utm_term``,
``utm_content``) are added to a link so that web analytics can tell which post,
network and campaign brought a visitor. Only the standard library is used.

- :func:`build_utm_url` -- add UTM parameters to a link;
- :func:`parse_utm` -- read them back (keys **without** the ``utm_`` prefix);
- :func:`traffic_channel` -- group a source/medium pair into a channel the way
  analytics tools do (a simplified GA4 default channel grouping).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote_plus, urlencode, urlsplit, urlunsplit

from . import validate

__all__ = [
    "CHANNELS",
    "DIRECT",
    "EMAIL",
    "ORGANIC_SOCIAL",
    "OTHER",
    "PAID_SOCIAL",
    "REFERRAL",
    "SOCIAL_SOURCES",
    "build_utm_url",
    "normalise_utm_value",
    "parse_utm",
    "traffic_channel",
]

PAID_SOCIAL = "paid social"
ORGANIC_SOCIAL = "organic social"
EMAIL = "email"
REFERRAL = "referral"
DIRECT = "direct"
OTHER = "other"
#: The channels :func:`traffic_channel` returns.
CHANNELS: tuple[str, ...] = (PAID_SOCIAL, ORGANIC_SOCIAL, EMAIL, REFERRAL, DIRECT, OTHER)

#: Source names (or the site name in a domain, e.g. ``l.facebook.com``) counted as social.
SOCIAL_SOURCES: frozenset[str] = frozenset({
    "facebook", "fb", "instagram", "ig", "tiktok", "twitter", "x", "linkedin", "youtube",
    "pinterest", "vk", "vkontakte", "ok", "odnoklassniki", "telegram", "reddit", "snapchat",
    "threads", "whatsapp", "tumblr", "quora", "messenger",
})
#: Short domains of social networks whose name is not the site label.
_SOCIAL_DOMAINS = frozenset({"t.co", "lnkd.in", "t.me", "youtu.be", "fb.me", "vk.cc"})
_SOCIAL_MEDIUMS = frozenset({"social", "social-network", "social-media", "sm", "social network",
                             "social media", "social_network", "social_media"})
_EMAIL_NAMES = frozenset({"email", "e-mail", "e_mail", "e mail"})
#: GA4's paid-medium rule: contains "cp" (cpc, cpm, cpa), "ppc", "retargeting", or starts with "paid".
_PAID_MEDIUM = re.compile(r"^(.*cp.*|ppc|retargeting|paid.*)$")
_DIRECT_SOURCES = frozenset({"", "(direct)", "direct"})
_NO_MEDIUM = frozenset({"", "(none)", "(not set)", "none"})

_REQUIRED = ("source", "medium", "campaign")
_ORDER = ("source", "medium", "campaign", "term", "content")


def normalise_utm_value(value: str) -> str:
    """Trim, lower-case and join words with ``_``: ``" Spring Sale "`` -> ``"spring_sale"``.

    Analytics tools treat ``Facebook`` and ``facebook`` as two sources, so one
    spelling avoids split reports; underscores avoid ``%20`` or ``+`` in links.

    >>> normalise_utm_value("  Spring   Sale 2024 ")
    'spring_sale_2024'
    """
    return "_".join(value.strip().lower().split())


def _check_url(url: object, func: str) -> str:
    return validate.instance(func, "url", url, str, "a string such as 'https://example.com/page'").strip()


def build_utm_url(
    url: str,
    source: str,
    medium: str,
    campaign: str,
    term: str | None = None,
    content: str | None = None,
) -> str:
    """Return ``url`` with UTM parameters added.

    - Values are trimmed, lower-cased and their inner spaces become ``_``
      (see :func:`normalise_utm_value`).
    - ``source``, ``medium`` and ``campaign`` are required (ValueError when
      empty); ``term`` and ``content`` are left out when None or empty.
    - The link's own query parameters and its ``#fragment`` are kept as they
      are; any ``utm_*`` parameters already in the link are replaced, so
      re-tagging a link never leaves stale or duplicate tags.
    - Only ``http://`` and ``https://`` links with a host are accepted
      (ValueError otherwise, e.g. for ``example.com`` without the scheme).

    >>> build_utm_url("https://shop.example/item?id=7#reviews", "Facebook", "paid_social",
    ...               "Spring Sale", content="video A")
    'https://shop.example/item?id=7&utm_source=facebook&utm_medium=paid_social&utm_campaign=spring_sale&utm_content=video_a#reviews'
    """
    url = _check_url(url, "build_utm_url")
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValueError(
            f"build_utm_url(): {url!r} is not a full web address; UTM tags only work on "
            f"http(s) links -- write it with the scheme and host, e.g. 'https://example.com/page'"
        )
    given = {"source": source, "medium": medium, "campaign": campaign,
             "term": term, "content": content}
    tags: dict[str, str] = {}
    for name in _ORDER:
        value = given[name]
        if value is None and name not in _REQUIRED:
            continue
        validate.instance("build_utm_url", name, value, str, "a string")
        cleaned = normalise_utm_value(value)
        if not cleaned:
            if name in _REQUIRED:
                raise ValueError(
                    f"build_utm_url(): {name} is empty; every tagged link needs utm_source, "
                    f"utm_medium and utm_campaign (e.g. source='facebook', medium='paid_social', "
                    f"campaign='spring_sale')"
                )
            continue
        tags[f"utm_{name}"] = cleaned
    kept = [piece for piece in parts.query.split("&")
            if piece and not unquote_plus(piece.split("=", 1)[0]).lower().startswith("utm_")]
    query = "&".join([*kept, urlencode(tags)])
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def parse_utm(url: str) -> dict[str, str]:
    """Return the ``utm_*`` parameters of ``url`` as a dict, keys without the ``utm_`` prefix.

    Only the parameters present are returned (any ``utm_*`` name, also
    ``utm_id``); values are URL-decoded but otherwise as written. If a
    parameter appears twice, the first one wins. A link without tags gives ``{}``.

    >>> parse_utm("https://shop.example/?id=7&utm_source=facebook&utm_medium=paid_social"
    ...           "&utm_campaign=spring_sale#top")
    {'source': 'facebook', 'medium': 'paid_social', 'campaign': 'spring_sale'}
    """
    query = urlsplit(_check_url(url, "parse_utm")).query
    found: dict[str, str] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key.lower().startswith("utm_"):
            found.setdefault(key[4:].lower(), value)
    return found


def _is_social_source(source: str) -> bool:
    if source in SOCIAL_SOURCES or source in _SOCIAL_DOMAINS:
        return True
    labels = source.split(".")
    if len(labels) >= 2 and labels[-2] in SOCIAL_SOURCES:  # l.facebook.com, vk.com
        return True
    return any(source.endswith("." + domain) for domain in _SOCIAL_DOMAINS)


def traffic_channel(source: str | None, medium: str | None) -> str:
    """Group a visit's source and medium into a channel, like analytics tools do.

    A **simplified** version of Google Analytics 4's default channel grouping
    (GA4 has more channels: paid/organic search, display, video, affiliates,
    ...; here they all fall into "other"). Values are compared trimmed and
    lower-cased; None counts as empty. Rules, first match wins:

    1. ``direct`` -- source empty / ``(direct)`` and medium empty / ``(none)`` / ``(not set)``;
    2. ``paid social`` -- social source (:data:`SOCIAL_SOURCES`, also domains like
       ``l.facebook.com``, ``t.co``) or a medium containing ``social``, and a paid medium
       (contains ``cp`` as in cpc/cpm, ``ppc``, ``retargeting``, or starts with ``paid``);
    3. ``organic social`` -- social source, or medium ``social`` / ``social-media`` / ``sm`` ...;
    4. ``referral`` -- medium ``referral``;
    5. ``email`` -- source or medium ``email`` / ``e-mail`` / ``e_mail``;
    6. ``other`` -- everything else.

    >>> traffic_channel("facebook", "paid_social")
    'paid social'
    >>> traffic_channel("l.instagram.com", "referral")
    'organic social'
    >>> traffic_channel("newsletter", "email")
    'email'
    >>> traffic_channel("(direct)", "(none)")
    'direct'
    """
    cleaned = []
    for name, value in (("source", source), ("medium", medium)):
        validate.instance("traffic_channel", name, value, (str, type(None)), "a string or None")
        cleaned.append((value or "").strip().lower())
    src, med = cleaned
    if src in _DIRECT_SOURCES and med in _NO_MEDIUM:
        return DIRECT
    social = _is_social_source(src) or med in _SOCIAL_MEDIUMS or "social" in med
    if social and _PAID_MEDIUM.match(med):
        return PAID_SOCIAL
    if _is_social_source(src) or med in _SOCIAL_MEDIUMS:
        return ORGANIC_SOCIAL
    if med == "referral":
        return REFERRAL
    if src in _EMAIL_NAMES or med in _EMAIL_NAMES:
        return EMAIL
    return OTHER
