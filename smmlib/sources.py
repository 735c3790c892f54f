"""The course's five source articles: one registry, one readable citation each.

Every chapter's "Sources" cell, ``docs/SOURCES.md`` and the glossary cite the
articles through this module, so a citation is written once. The verbatim
articles are not part of the repository: the project keeps them in its shared
course material (``../shared/seeds/`` next to a checkout); :func:`seeds_dir`
finds them (or ``$SMM_SEEDS_DIR``), and :func:`title_problems` checks the
registry against them.

None of the five copies states a date. ``year`` is therefore ``None`` ("n.d."),
and ``dating`` says what the text itself suggests (for example the platforms
it treats as current), so a reader can judge how dated a claim may be.

Public API:

- :data:`SOURCES` -- the five :class:`Source` entries, in file order
- :func:`get` -- one entry by number (``"003"``, ``3``), file name or language code
- :func:`cite` -- the Markdown bullet a Sources cell uses for an entry and its sections
- :func:`sources_markdown` / :func:`with_sources_table` -- the table of all five, as embedded in
  ``docs/SOURCES.md`` (``smm generate`` rewrites it)
- :func:`cited_files` -- the source file names a text mentions
- :func:`seeds_dir` / :func:`title_problems` -- find the articles and check the registry
- :data:`WEB_SOURCES` / :func:`web` / :func:`cite_web` -- public web pages (platform rules, laws) that a
  chapter cites for a claim about today, each with the year it was checked

>>> get("004").author
'Aleksandr Chernukho'
>>> get("ka").file
'003_fc1d8e066e970175.txt'
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .paths import repo_root

__all__ = [
    "SOURCES",
    "Source",
    "WEB_SOURCES",
    "WebSource",
    "cite",
    "cite_web",
    "cited_files",
    "get",
    "seeds_dir",
    "sources_markdown",
    "title_problems",
    "web",
    "with_sources_table",
]

#: A source file name as the course cites it: ``NNN_<16 hex digits>.txt``.
FILE_PATTERN = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")


@dataclass(frozen=True)
class Source:
    """One source article and how to cite it.

    ``title_original`` is the article's own title as it appears in the copy
    (``None`` when the copy has no title); ``title_en`` is the course's English
    rendering of it (marked as descriptive when the copy has no title).
    """

    number: str
    file: str
    lang: str
    language: str
    title_en: str
    title_original: str | None
    author: str | None
    author_original: str | None
    year: int | None
    period: str
    dating: str
    topics: str

    @property
    def label(self) -> str:
        """The short name used in running text: ``source 003``."""
        return f"source {self.number}"

    def citation(self) -> str:
        """The readable citation: author, year, English and original title, language, file.

        >>> print(get("001").citation())
        Unknown author (n.d., before 2018). *Main duties of an SMM specialist* [«SMM-шінің негізгі міндеттері»]. Kazakh. Course source 001, file `001_d8dfaa22abd33456.txt`.
        """
        author = self.author or "Unknown author"
        when = str(self.year) if self.year else "n.d." + (f", {self.period}" if self.period else "")
        original = f" [«{self.title_original}»]" if self.title_original else " [untitled in the copy]"
        return (f"{author} ({when}). *{self.title_en}*{original}. {self.language}. "
                f"Course source {self.number}, file `{self.file}`.")


SOURCES: tuple[Source, ...] = (
    Source(
        number="000",
        file="000_063719b005f6a6a3.txt",
        lang="uz",
        language="Uzbek",
        title_en="Who is an SMM manager (descriptive title)",
        title_original=None,
        author=None,
        author_original=None,
        year=None,
        period="about 2020–2023",
        dating="it treats TikTok, Telegram, Figma and Splice as current tools and prices in so'm",
        topics="the SMM manager's role, tasks, skills and metrics; FAQ (organic reach, bloggers, posting frequency)",
    ),
    Source(
        number="001",
        file="001_d8dfaa22abd33456.txt",
        lang="kk",
        language="Kazakh",
        title_en="Main duties of an SMM specialist",
        title_original="SMM-шінің негізгі міндеттері",
        author=None,
        author_original=None,
        year=None,
        period="before 2018",
        dating="it recommends the Klout score, and Klout closed in May 2018",
        topics="the seven duty groups of an SMM specialist",
    ),
    Source(
        number="002",
        file="002_2a2b29f9ef44163d.txt",
        lang="et",
        language="Estonian",
        title_en="What is SMM. SMM advertising: what it is. Which business suits SMM?",
        title_original="Mis on smm. SMM-i reklaam: mis see on. Milliseks äriks SMM sobib?",
        author=None,
        author_original=None,
        year=None,
        period="2010s",
        dating="it describes the Russian-language market of the 2010s: VKontakte and Odnoklassniki audiences",
        topics="three differences of SMM, four stages of promotion, monetisation, where to start (UTM tags)",
    ),
    Source(
        number="003",
        file="003_fc1d8e066e970175.txt",
        lang="ka",
        language="Georgian",
        title_en="Social networks and their importance in internet marketing",
        title_original="სოციალური ქსელები და მათი მნიშვნელობა ინტერნეტ მარკეტინგში",
        author=None,
        author_original=None,
        year=None,
        period="about 2016",
        dating="it cites Taco Bell's 2016 Snapchat lens and lists Vine and Google+ as live "
               "networks; its book summary is of Damir Khalilov's 'Marketing in social networks' "
               "(Russian, first published 2013)",
        topics="fifteen mistakes; summary of D. Khalilov's book (business fit, campaign checklist, "
               "VKontakte and Facebook steps, monitoring, KPIs); SMM methods",
    ),
    Source(
        number="004",
        file="004_fad93132cd326243.txt",
        lang="ru",
        language="Russian",
        title_en="SMM principles",
        title_original="SMM принципы",
        author="Aleksandr Chernukho",
        author_original="Александр Чернухо",
        year=None,
        period="",
        dating="no date and no datable detail; a post on a Russian-language SMM blog",
        topics="working with the client and the team, the 40/30/25/5 content formula, honest KPIs",
    ),
)

_BY_FILE = {s.file: s for s in SOURCES}


def get(key: str | int) -> Source:
    """One source by number (``"003"`` or ``3``), file name or language code (``"ka"``).

    >>> get(3).language
    'Georgian'
    >>> get("nope")
    Traceback (most recent call last):
    ...
    KeyError: "unknown source 'nope'; use a number 000-004, a file name such as 000_063719b005f6a6a3.txt or a language code (uz, kk, et, ka, ru)"
    """
    text = str(key).strip()
    for s in SOURCES:
        if text in (s.number, s.file, s.lang) or (text.isdigit() and int(text) == int(s.number)):
            return s
    raise KeyError(
        f"unknown source {key!r}; use a number 000-004, a file name such as {SOURCES[0].file} "
        f"or a language code ({', '.join(s.lang for s in SOURCES)})"
    )


def cite(key: str | int, sections: str = "") -> str:
    """The Markdown bullet for one source in a chapter's Sources cell.

    ``sections`` names, in English, the parts of the article the chapter uses.

    >>> cite("004", "content formula")
    '- Aleksandr Chernukho (n.d.). *SMM principles* [«SMM принципы»]. Russian. Course source 004, file `004_fad93132cd326243.txt`. Used here: content formula.'
    """
    s = get(key)
    used = f" Used here: {sections.strip().rstrip('.')}." if sections.strip() else ""
    return f"- {s.citation()}{used}"


def sources_markdown() -> str:
    """The Markdown table of the five sources (embedded in ``docs/SOURCES.md``)."""
    lines = [
        "| No. | Citation | What it covers | Dating |",
        "|---|---|---|---|",
    ]
    for s in SOURCES:
        lines.append(f"| {s.number} | {s.citation()} | {s.topics} | {s.dating} |")
    return "\n".join(lines)


def cited_files(text: str) -> list[str]:
    """The source file names mentioned in ``text``, in order of first mention.

    >>> cited_files("see 003_fc1d8e066e970175.txt and 003_fc1d8e066e970175.txt")
    ['003_fc1d8e066e970175.txt']
    """
    seen: list[str] = []
    for name in FILE_PATTERN.findall(text):
        if name not in seen:
            seen.append(name)
    return seen


def seeds_dir() -> Path | None:
    """The folder holding the five articles, or None when this machine has no copy.

    Looked up in ``$SMM_SEEDS_DIR``, then ``seeds/`` in or next to the checkout,
    then ``../shared/seeds`` (where the project keeps them).
    """
    env = os.environ.get("SMM_SEEDS_DIR")
    root = repo_root()
    candidates = [Path(env)] if env else []
    candidates += [root / "seeds", root.parent / "seeds", root.parent / "shared" / "seeds"]
    for folder in candidates:
        if all((folder / s.file).is_file() for s in SOURCES):
            return folder
    return None


def title_problems(seeds: Path | None = None, *, files: Iterable[Source] = SOURCES) -> list[str]:
    """Check that each recorded original title occurs at the start of its article.

    Returns one message per problem (empty when the registry matches the copies).
    """
    folder = seeds if seeds is not None else seeds_dir()
    if folder is None:
        raise FileNotFoundError("source articles not found; set SMM_SEEDS_DIR to the folder holding them")
    problems = []
    for s in files:
        path = Path(folder) / s.file
        if not path.is_file():
            problems.append(f"source {s.number}: {s.file} does not exist in {folder}")
            continue
        head = path.read_text(encoding="utf-8")[:3000].casefold()
        if s.title_original and s.title_original.casefold() not in head:
            problems.append(f"source {s.number}: title {s.title_original!r} not found at the start of {s.file}")
        if s.author_original and s.author_original.casefold() not in head:
            problems.append(f"source {s.number}: author {s.author!r} not found in {s.file}")
    return problems


@dataclass(frozen=True)
class WebSource:
    """A public web page cited for a claim about today (a platform rule, a law), with the year it was checked.

    ``published`` is the page's own date when it has one (``""`` for living pages such as policies,
    which change without a new address); ``says`` is what the course takes from it, in the course's words.
    """

    key: str
    publisher: str
    title: str
    url: str
    published: str
    checked: int
    says: str

    def citation(self) -> str:
        """The readable citation: publisher, title, date, address, what it says, year checked.

        >>> print(web("youtube-recommendations-2021").citation())  # doctest: +ELLIPSIS
        YouTube Official Blog (Cristos Goodrow), "On YouTube's recommendation system" (15 September 2021), https://blog.youtube/...(checked 2025).
        """
        date = f" ({self.published})" if self.published else ""
        return (f"{self.publisher}, \"{self.title}\"{date}, {self.url} — {self.says} "
                f"(checked {self.checked}).")


#: Public pages cited for today's rules. Add an entry (with the year you checked it) before citing a page.
#: ``checked`` is the last year the course could confirm the page says this; a page that could not be
#: re-opened since keeps its older year, and the chapter says so.
WEB_SOURCES: tuple[WebSource, ...] = (
    # Chapter 10 (short video): what the platforms say about recommendations, views, lengths and music.
    WebSource(
        key="tiktok-foryou-2020",
        publisher="TikTok Newsroom", title="How TikTok recommends videos #ForYou",
        url="https://newsroom.tiktok.com/en-us/how-tiktok-recommends-videos-for-you",
        published="18 June 2020",
        checked=2025,
        says="For You draws on user interactions, video information (captions, sounds, hashtags) and device and "
             "account settings; finishing a longer video is a strong signal; follower count and past "
             "high-performing videos are not direct factors",
    ),
    WebSource(
        key="tiktok-help-recommendations",
        publisher="TikTok Help Center", title="How TikTok recommends content",
        url="https://support.tiktok.com/en/using-tiktok/exploring-videos/how-tiktok-recommends-content",
        published="",
        checked=2025,
        says="the For You feed's signals, and 'Not interested' to see less of something",
    ),
    WebSource(
        key="instagram-ranking-2023",
        publisher="Instagram (Adam Mosseri)", title="Instagram Ranking Explained",
        url="https://about.instagram.com/blog/announcements/instagram-ranking-explained",
        published="31 May 2023",
        checked=2025,
        says="Reels are ranked on how likely you are to reshare a reel, watch it to the end, like it, say it was "
             "entertaining or funny and go to the audio page, from your activity, your history with the "
             "account and information about the reel and the account",
    ),
    WebSource(
        key="instagram-reels-tips-2021",
        publisher="Instagram (@creators)", title="Reels tips: what makes a reel less discoverable",
        url="https://creators.instagram.com/",
        published="February 2021",
        checked=2025,
        says="reels that are blurry or low-resolution, or visibly recycled from other apps (with their logos or "
             "watermarks), are less likely to be recommended",
    ),
    WebSource(
        key="youtube-recommendations-2021",
        publisher="YouTube Official Blog (Cristos Goodrow)", title="On YouTube's recommendation system",
        url="https://blog.youtube/inside-youtube/on-youtubes-recommendation-system/",
        published="15 September 2021",
        checked=2025,
        says="recommendations use clicks, watch time, survey responses on satisfaction, shares, likes and "
             "dislikes, and 'Not interested'",
    ),
    WebSource(
        key="youtube-shorts-views-2025",
        publisher="TeamYouTube, YouTube Help Community", title="A change to how we count views on Shorts",
        url="https://support.google.com/youtube/thread/333869549",
        published="26 March 2025",
        checked=2025,
        says="from 31 March 2025 a Shorts view counts every start or replay with no minimum watch time; the "
             "earlier count stays as 'engaged views' in YouTube Analytics' advanced mode, and YouTube Partner "
             "Program eligibility and revenue still use engaged views",
    ),
    WebSource(
        key="meta-views-metric",
        publisher="Meta for Creators", title="Views as the primary metric on Instagram and Facebook",
        url="https://www.facebook.com/creators/",
        published="2024–2025",
        checked=2025,
        says="a view counts each time a reel or video starts to play, replays included, and each time a photo, "
             "text post or story appears on screen, repeats included",
    ),
    WebSource(
        key="meta-thruplay",
        publisher="Meta Business Help Centre", title="About ThruPlay",
        url="https://www.facebook.com/business/help/",
        published="",
        checked=2025,
        says="ads report 3-second video plays and ThruPlays: plays to completion, or for at least 15 seconds",
    ),
    WebSource(
        key="youtube-shorts-3-minutes-2024",
        publisher="YouTube Official Blog", title="New Shorts features, including Shorts up to three minutes long",
        url="https://blog.youtube/",
        published="3 October 2024",
        checked=2025,
        says="from 15 October 2024 a Short can be up to three minutes long (square or vertical video)",
    ),
    WebSource(
        key="instagram-reels-3-minutes-2025",
        publisher="Instagram (Adam Mosseri)", title="Reels up to three minutes and a taller profile grid",
        url="https://about.instagram.com/",
        published="17 January 2025",
        checked=2025,
        says="reels can be up to three minutes long (before: 90 seconds), and the profile grid shows taller "
             "3:4 thumbnails instead of squares",
    ),
    WebSource(
        key="instagram-trial-reels-2024",
        publisher="Instagram (@creators)", title="Trial reels",
        url="https://creators.instagram.com/",
        published="December 2024",
        checked=2025,
        says="professional accounts can share a reel as a trial, shown first to people who do not follow the "
             "account, and then share it with followers or not depending on how it did",
    ),
    WebSource(
        key="youtube-monetisation-reused",
        publisher="YouTube Help", title="YouTube channel monetization policies (reused content)",
        url="https://support.google.com/youtube/answer/1311392",
        published="",
        checked=2025,
        says="channels that mainly reuse other people's content without significant original commentary or "
             "editing are not monetised",
    ),
    WebSource(
        key="tiktok-commercial-music-library",
        publisher="TikTok for Business", title="Commercial Music Library (TikTok Creative Center)",
        url="https://ads.tiktok.com/business/creativecenter/music/pc/en",
        published="",
        checked=2025,
        says="music pre-cleared for commercial use on TikTok; business accounts choose sounds only from it",
    ),
    WebSource(
        key="meta-sound-collection",
        publisher="Meta", title="Sound Collection",
        url="https://www.facebook.com/sound/collection/",
        published="",
        checked=2025,
        says="free music and sound effects cleared for videos on Facebook and Instagram, business videos "
             "included",
    ),
    WebSource(
        key="youtube-audio-library",
        publisher="YouTube Help", title="Use music and sound effects from the Audio Library",
        url="https://support.google.com/youtube/answer/3376882",
        published="",
        checked=2025,
        says="music and sound effects free to use in YouTube videos, some with an attribution requirement",
    ),
)


def web(key: str) -> WebSource:
    """One web source by key.

    >>> web("meta-thruplay").checked
    2025
    >>> web("tiktok")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    KeyError: "unknown web source 'tiktok'; add it to WEB_SOURCES (with the year you checked it) or use one of: ..."
    """
    for w in WEB_SOURCES:
        if w.key == key:
            return w
    raise KeyError(f"unknown web source {key!r}; add it to WEB_SOURCES (with the year you checked it) or use "
                   f"one of: {', '.join(w.key for w in WEB_SOURCES)}")


def cite_web(key: str, used: str = "") -> str:
    """The Markdown bullet for one web source in a chapter's Sources cell.

    >>> cite_web("meta-thruplay", "views").startswith("- Meta Business Help Centre, ")
    True
    """
    w = web(key)
    extra = f" Used here: {used.strip().rstrip('.')}." if used.strip() else ""
    return f"- {w.citation()}{extra}"


#: The markers around the generated table in ``docs/SOURCES.md``.
DOC_BEGIN = "<!-- sources table: generated by `smm generate` from smmlib/sources.py; do not edit -->"
DOC_END = "<!-- end of sources table -->"


def with_sources_table(doc: str) -> str:
    """``doc`` with the text between :data:`DOC_BEGIN` and :data:`DOC_END` replaced by :func:`sources_markdown`.

    Raises ValueError naming the missing marker when the document has no such block.
    """
    if DOC_BEGIN not in doc or DOC_END not in doc:
        missing = DOC_BEGIN if DOC_BEGIN not in doc else DOC_END
        raise ValueError(f"docs/SOURCES.md has no line {missing!r}; put both markers where the table belongs")
    head, rest = doc.split(DOC_BEGIN, 1)
    _, tail = rest.split(DOC_END, 1)
    return f"{head}{DOC_BEGIN}\n{sources_markdown()}\n{DOC_END}{tail}"


def sources_doc_path() -> Path:
    """Where the digest of the sources lives: ``docs/SOURCES.md``."""
    return repo_root() / "docs" / "SOURCES.md"
