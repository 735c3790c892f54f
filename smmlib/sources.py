"""The course's sources: the five source articles and the public pages and laws it cites.

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

    ``checked`` follows one rule: it is the year of the course's latest comparison of the entry with a
    stored copy of the page (or, where no copy of the page itself was found, with reports quoting it).
    The course reads pages through stored copies, not live; every entry was compared again in
    December 2026, so every entry says 2026. Change the year only after comparing the entry again.

    ``confirmed`` is False when the course found what the page says (in reports quoting it) but could
    not confirm the page's own address: the citation then says so and tells the reader to search the
    publisher's site for the title, instead of presenting a guessed address as the source.
    """

    key: str
    publisher: str
    title: str
    url: str
    published: str
    checked: int
    says: str
    confirmed: bool = True

    def citation(self) -> str:
        """The readable citation: publisher, title, date, address, what it says, year checked.

        >>> print(web("meta-health-wellness-ads").citation())  # doctest: +ELLIPSIS
        Meta, "Advertising Standards: Health and Wellness", https://transparency.meta.com/...health-wellness/ ...(checked 2026).
        >>> print(web("meta-views-metric").citation())  # doctest: +ELLIPSIS
        Meta for Creators, ... (checked 2026; address not confirmed: search the publisher's site for the title).
        """
        date = f" ({self.published})" if self.published else ""
        unconfirmed = "" if self.confirmed else UNCONFIRMED
        return (f"{self.publisher}, \"{self.title}\"{date}, {self.url} — {self.says} "
                f"(checked {self.checked}{unconfirmed}).")


#: What a citation adds when the course could not confirm the page's own address.
UNCONFIRMED = "; address not confirmed: search the publisher's site for the title"


#: Public pages cited for today's rules. Add an entry (with the year you checked it) before citing a page.
WEB_SOURCES: tuple[WebSource, ...] = (
    WebSource(
        key="meta-health-wellness-ads",
        publisher="Meta", title="Advertising Standards: Health and Wellness",
        url="https://transparency.meta.com/policies/ad-standards/restricted-goods-services/health-wellness/",
        published="",
        checked=2026,
        says="ads for cosmetic procedures or surgeries and for weight loss must target people aged 18 or over and "
             "must not imply or play on a negative self-perception or declare a perfect appearance to aspire to",
    ),
    WebSource(
        key="meta-personal-health-appearance",
        publisher="Meta Business Help Centre",
        title="About Meta's Personal Health and Appearance advertising policy",
        url="https://www.facebook.com/business/help/2489235377779939",
        published="",
        checked=2026,
        says="no before-and-after images that display idealised results, no body shaming, no close-ups of a "
             "health condition, no exploiting insecurities",
    ),
    WebSource(
        key="meta-targeting-removal-2021",
        publisher="Meta for Business (Graham Mudd)",
        title="Removing Certain Ad Targeting Options and Expanding Our Ad Controls",
        url="https://www.facebook.com/business/news/removing-certain-ad-targeting-options-and-expanding-our-ad-controls",
        published="9 November 2021",
        checked=2026,
        says="detailed-targeting options on topics people may see as sensitive (health, race or ethnicity, "
             "political affiliation, religion, sexual orientation; e.g. 'chemotherapy awareness') removed from "
             "19 January 2022",
    ),
    WebSource(
        key="facebook-partner-categories-2018",
        publisher="Facebook Newsroom",
        title="Shutting Down Partner Categories",
        url="https://about.fb.com/news/h/shutting-down-partner-categories/",
        published="28 March 2018",
        checked=2026,
        says="targeting on third-party data brokers' segments (such as offline purchase history) wound down "
             "over the following six months; advertisers keep the platform's own data and their own lists",
        confirmed=False,
    ),
    WebSource(
        key="meta-custom-audience-terms",
        publisher="Meta", title="Custom Audience Terms",
        url="https://www.facebook.com/legal/terms/customaudience",
        published="",
        checked=2026,
        says="the advertiser who uploads a customer list must have the legal right to use it, with the notice "
             "and consent the law requires",
    ),
    WebSource(
        key="meta-business-tools-terms",
        publisher="Meta", title="Business Tools Terms",
        url="https://www.facebook.com/legal/technology_terms",
        published="",
        checked=2026,
        says="do not send Meta data (through the pixel, the Conversions API or lists) that includes health "
             "information or other sensitive categories",
    ),
    WebSource(
        key="meta-business-tools-privacy",
        publisher="Meta Business Help Centre",
        title="Best practices for privacy and data use for Meta Business Tools",
        url="https://www.facebook.com/business/help/363303621411154",
        published="",
        checked=2026,
        says="review what your pixel and events send, including URL parameters and custom event names, and "
             "remove information the Business Tools Terms forbid",
    ),
    WebSource(
        key="gdpr-art9",
        publisher="European Union",
        title="Regulation (EU) 2016/679 (GDPR), Article 9: processing of special categories of personal data",
        url="https://eur-lex.europa.eu/eli/reg/2016/679/oj",
        published="27 April 2016",
        checked=2026,
        says="data concerning health is a special category, processed only under one of Article 9(2)'s "
             "exceptions; for marketing that means the person's explicit consent",
    ),
    WebSource(
        key="uz-personal-data-law",
        publisher="CIS Legislation (unofficial English text)",
        title="Law of the Republic of Uzbekistan No. ZRU-547 'About personal data' (in force 1 October 2019; "
              "official texts in Uzbek and Russian on lex.uz)",
        url="https://cis-legislation.com/document.fwx?rgn=116961",
        published="2 July 2019",
        checked=2026,
        says="the clinic brief's market: data on physical or mental health is 'special personal data' with "
             "stricter rules than other personal data; processing needs the person's consent",
    ),
    WebSource(
        key='meta-branded-content',
        publisher='Meta Business Help Centre', title='Branded Content Policies',
        url='https://www.facebook.com/business/help/221149188908254',
        published="",
        checked=2026,
        says='creators must tag the business partner with the Paid partnership label',
    ),
    WebSource(
        key='meta-promotions',
        publisher='Facebook', title='Pages, Groups and Events Policies (promotions)',
        url='https://www.facebook.com/policies/pages_groups_events',
        published="",
        checked=2026,
        says='personal timelines and friend connections must not be used to administer promotions',
    ),
    WebSource(
        key='tiktok-branded-content',
        publisher='TikTok', title='Branded Content Policy',
        url='https://www.tiktok.com/legal/page/global/bc-policy/en',
        published="",
        checked=2026,
        says='branded content must be disclosed with the content disclosure setting',
    ),
    WebSource(
        key='youtube-paid-promotion',
        publisher='YouTube Help', title='Add paid product placements, sponsorships & endorsements',
        url='https://support.google.com/youtube/answer/154235',
        published="",
        checked=2026,
        says="the 'includes paid promotion' tick box and its label",
    ),
    WebSource(
        key='eu-ucpd',
        publisher='European Union', title='Directive 2005/29/EC on unfair commercial practices (UCPD), Annex I points 11 and 22',
        url='https://eur-lex.europa.eu/eli/dir/2005/29/oj',
        published="",
        checked=2026,
        says='paid editorial content without making the payment clear (11) and falsely presenting oneself as a consumer (22) are unfair in all circumstances',
    ),
    WebSource(
        key='eu-influencer-hub',
        publisher='European Commission', title='Influencer Legal Hub',
        url='https://commission.europa.eu/topics/consumers/consumer-rights-and-complaints/influencer-legal-hub_en',
        published="",
        checked=2026,
        says="the Commission's plain-language guide to EU law for influencers",
    ),
    WebSource(
        key='ee-ttja-advertising',
        publisher='Consumer Protection and Technical Regulatory Authority of Estonia (TTJA)', title='Advertising (requirements of § 3 of the Advertising Act)',
        url='https://www.ttja.ee/en/business-client/consumer-topics/consumer-protection-requirements/advertising',
        published="",
        checked=2026,
        says='consumers must clearly understand that information is advertising; no hidden advertising; the advertiser must be identifiable',
    ),
    WebSource(
        key='ee-advertising-act',
        publisher='Riigi Teataja (Estonia)', title='Advertising Act (Reklaamiseadus), English translation',
        url='https://www.riigiteataja.ee/en/eli/524012019003/consolide',
        published="",
        checked=2026,
        says='the course read a consolidated English version, not necessarily the newest',
    ),
    WebSource(
        key='ru-advertising-law',
        publisher='ConsultantPlus (Russia)', title="Federal Law No. 38-FZ 'On Advertising', Article 18.1 (added by Federal Law No. 347-FZ of 2 July 2021, in force 1 September 2022)",
        url='https://www.consultant.ru/document/cons_doc_LAW_58968/',
        published="",
        checked=2026,
        says="online ads marked 'реклама' with the advertiser and a token (erid) from an advertising data operator, reported to the unified register (ERIR); fines from 1 September 2023",
    ),
    WebSource(
        key='kz-online-advertising',
        publisher='Library of Congress, Global Legal Monitor', title='Kazakhstan: New Legal Framework for Online Platforms and Online Advertising Takes Effect (2023)',
        url='https://www.loc.gov/item/global-legal-monitor/2023-11-07/kazakhstan-new-legal-framework-for-online-platforms-and-online-advertising-takes-effect/',
        published="",
        checked=2026,
        says="Law No. 18-VIII of 10 July 2023, in force September 2023; bloggers (influencers) and online advertising; the Ministry's later rules on marking online advertising are not on this page, and the course could not read their official wording",
    ),
    WebSource(
        key='uz-advertising-law',
        publisher='CIS Legislation (unofficial English text)', title="Law of the Republic of Uzbekistan No. ZRU-776 'On Advertising' (7 June 2022)",
        url='https://cis-legislation.com/document.fwx?rgn=141196',
        published="",
        checked=2026,
        says="in force from September 2022; the course found no rule written for bloggers' posts in the parts it could read and could not confirm one",
    ),
    WebSource(
        key='ge-advertising-law',
        publisher="Legal.ge (a Georgian law firm's summary)", title='Disclosure requirements (Law of Georgia on Advertising, recognisability of advertising)',
        url='https://legal.ge/en/service/media-entertainment-and-sports-law-en/disclosure-requirements-en',
        published="",
        checked=2026,
        says='a secondary summary: the course could not read the current official text of the law',
    ),
    WebSource(
        key='meta-special-ad-categories',
        publisher='Meta Business Help Centre', title='How to Choose a Special Ad Category',
        url='https://www.facebook.com/business/help/298000447747885',
        published="",
        checked=2026,
        says='credit (financial products and services), employment, housing, and social issues, elections or politics',
    ),
    WebSource(
        key='meta-special-ad-api',
        publisher='Meta for Developers', title='Special Ad Category (Marketing API)',
        url='https://developers.facebook.com/docs/marketing-api/audiences/special-ad-category',
        published="",
        checked=2026,
        says='financial products and services required from 14 January 2025 for ads in or to the United States',
    ),
    WebSource(
        key='meta-sound-collection',
        publisher='Meta', title='Sound Collection',
        url='https://www.facebook.com/sound/collection/',
        published="",
        checked=2026,
        says='music and sound effects that may be used in videos on Facebook and Instagram',
    ),
    WebSource(
        key='eu-infosoc',
        publisher='European Union', title='Directive 2001/29/EC (copyright in the information society), Articles 2 and 3',
        url='https://eur-lex.europa.eu/eli/dir/2001/29/oj',
        published="",
        checked=2026,
        says="the author's exclusive right to authorise reproduction and communication to the public",
    ),
    WebSource(
        key='meta-ai-labels',
        publisher='Meta Newsroom', title='Our Approach to Labeling AI-Generated Content and Manipulated Media (April 2024)',
        url='https://about.fb.com/news/2024/04/metas-approach-to-labeling-ai-generated-content-and-manipulated-media/',
        published="",
        checked=2026,
        says="'AI info' labels; people must disclose photorealistic video or realistic audio made or altered with AI",
    ),
    WebSource(
        key='tiktok-aigc',
        publisher='TikTok Support', title='About AI-generated content',
        url='https://support.tiktok.com/en/using-tiktok/creating-videos/ai-generated-content',
        published="",
        checked=2026,
        says='the AI-generated content label for realistic AI-made content',
    ),
    WebSource(
        key='youtube-altered',
        publisher='YouTube Help', title='Disclosing use of altered or synthetic content',
        url='https://support.google.com/youtube/answer/14328491',
        published="",
        checked=2026,
        says='creators must disclose realistic altered or synthetic content',
    ),
    WebSource(
        key='eu-ai-act',
        publisher='European Union', title='Regulation (EU) 2024/1689 (AI Act), Article 50',
        url='https://eur-lex.europa.eu/eli/reg/2024/1689/oj',
        published="",
        checked=2026,
        says='transparency: deployers disclose deep fakes; most provisions apply from 2 August 2026',
    ),
    # Chapter 10 (short video): what the platforms say about recommendations, views, lengths and music.
    WebSource(
        key="tiktok-foryou-2020",
        publisher="TikTok Newsroom", title="How TikTok recommends videos #ForYou",
        url="https://newsroom.tiktok.com/en-us/how-tiktok-recommends-videos-for-you",
        published="18 June 2020",
        checked=2026,
        says="For You draws on user interactions, video information (captions, sounds, hashtags) and device and "
             "account settings; finishing a longer video is a strong signal; follower count and past "
             "high-performing videos are not direct factors",
    ),
    WebSource(
        key="tiktok-help-recommendations",
        publisher="TikTok Help Center", title="How TikTok recommends content",
        url="https://support.tiktok.com/en/using-tiktok/exploring-videos/how-tiktok-recommends-content",
        published="",
        checked=2026,
        says="the For You feed's signals, and 'Not interested' to see less of something",
    ),
    WebSource(
        key="instagram-ranking-2023",
        publisher="Instagram (Adam Mosseri)", title="Instagram Ranking Explained",
        url="https://about.instagram.com/blog/announcements/instagram-ranking-explained",
        published="31 May 2023",
        checked=2026,
        says="Reels are ranked on how likely you are to reshare a reel, watch it to the end, like it, say it was "
             "entertaining or funny and go to the audio page, from your activity, your history with the "
             "account and information about the reel and the account",
    ),
    WebSource(
        key="instagram-reels-tips-2021",
        publisher="Instagram (@creators account post)", title="Reels tips: what makes a reel less discoverable",
        url="https://creators.instagram.com/",
        published="February 2021",
        checked=2026,
        says="reels that are blurry or low-resolution, or visibly recycled from other apps (with their logos or "
             "watermarks), are less likely to be recommended",
        confirmed=False,
    ),
    WebSource(
        key="youtube-recommendations-2021",
        publisher="YouTube Official Blog (Cristos Goodrow)", title="On YouTube's recommendation system",
        url="https://blog.youtube/inside-youtube/on-youtubes-recommendation-system/",
        published="15 September 2021",
        checked=2026,
        says="recommendations use clicks, watch time, survey responses on satisfaction, shares, likes and "
             "dislikes, and 'Not interested'",
    ),
    WebSource(
        key="youtube-shorts-views-2025",
        publisher="TeamYouTube, YouTube Help Community", title="A change to how we count views on Shorts",
        url="https://support.google.com/youtube/thread/333869549",
        published="26 March 2025",
        checked=2026,
        says="from 31 March 2025 a Shorts view counts every start or replay with no minimum watch time; the "
             "earlier count stays as 'engaged views' in YouTube Analytics' advanced mode, and YouTube Partner "
             "Program eligibility and revenue still use engaged views",
    ),
    WebSource(
        key="meta-views-metric",
        publisher="Meta for Creators", title="Views as the primary metric on Instagram and Facebook",
        url="https://www.facebook.com/creators/",
        published="2024–2025",
        checked=2026,
        says="a view counts each time a reel or video starts to play, replays included, and each time a photo, "
             "text post or story appears on screen, repeats included",
        confirmed=False,
    ),
    WebSource(
        key="meta-thruplay",
        publisher="Meta Business Help Centre", title="15-second ThruPlays",
        url="https://www.facebook.com/business/help/471190536725647",
        published="",
        checked=2026,
        says="the ads metric counts a video played to completion, or for at least 15 seconds (a video shorter than "
             "that counts when played to at least 97% of its length)",
    ),
    WebSource(
        key="youtube-shorts-3-minutes-2024",
        publisher="YouTube Official Blog", title="New Shorts features, including Shorts up to three minutes long",
        url="https://blog.youtube/",
        published="October 2024",
        checked=2026,
        says="from 15 October 2024 a Short can be up to three minutes long (square or vertical video)",
        confirmed=False,
    ),
    WebSource(
        key="instagram-reels-3-minutes-2025",
        publisher="Instagram (Adam Mosseri, video announcement)",
        title="Reels up to three minutes and a taller profile grid (descriptive title)",
        url="https://about.instagram.com/",
        published="January 2025",
        checked=2026,
        says="reels can be up to three minutes long (before: 90 seconds), and the profile grid shows taller "
             "3:4 thumbnails instead of squares",
        confirmed=False,
    ),
    WebSource(
        key="instagram-trial-reels-2024",
        publisher="Instagram for Creators", title="Trial reels: Try content with non-followers first",
        url="https://creators.instagram.com/blog/instagram-trial-reels",
        published="December 2024",
        checked=2026,
        says="professional accounts can share a reel as a trial, shown first to people who do not follow the "
             "account, and then share it with followers or not depending on how it did",
    ),
    WebSource(
        key="youtube-monetisation-reused",
        publisher="YouTube Help", title="YouTube channel monetization policies (reused content)",
        url="https://support.google.com/youtube/answer/1311392",
        published="",
        checked=2026,
        says="channels that mainly reuse other people's content without significant original commentary or "
             "editing are not monetised",
    ),
    WebSource(
        key="tiktok-commercial-music-library",
        publisher="TikTok for Business", title="Commercial Music Library (TikTok Creative Center)",
        url="https://ads.tiktok.com/business/creativecenter/music/pc/en",
        published="",
        checked=2026,
        says="music pre-cleared for commercial use on TikTok; business accounts choose sounds only from it",
    ),
    WebSource(
        key="youtube-audio-library",
        publisher="YouTube Help", title="Use music and sound effects from the Audio Library",
        url="https://support.google.com/youtube/answer/3376882",
        published="",
        checked=2026,
        says="music and sound effects free to use in YouTube videos, some with an attribution requirement",
    ),
    # Chapter 13 (operations): AI labels and accessible contrast.
    WebSource(
        key="meta-ai-content-help",
        publisher="Meta Help Center", title="How to identify AI content on Meta products",
        url="https://www.meta.com/help/artificial-intelligence/1783222608822690/",
        published="",
        checked=2026,
        says="organic content with industry-standard signals that it was created with AI is labelled 'AI info'; "
             "people can label their own AI-generated content, and labelling works differently for ads",
    ),
    WebSource(
        key="tiktok-shop-aigc-policy",
        publisher="TikTok Shop Academy (US)", title="AI-Generated Content Policy",
        url="https://seller-us.tiktok.com/university/essay?knowledge_id=491489038501663",
        published="",
        checked=2026,
        says="content fully or significantly created or altered by AI should be labelled (a note or watermark in "
             "the video, or the 'AI-generated content' setting); no AI impersonation, and products must be shown "
             "as they are",
    ),
    WebSource(
        key="w3c-wcag22",
        publisher="W3C", title="Web Content Accessibility Guidelines (WCAG) 2.2 (W3C Recommendation)",
        url="https://www.w3.org/TR/WCAG22/",
        published="5 October 2023",
        checked=2026,
        says="success criterion 1.4.3 Contrast (Minimum), level AA: a contrast ratio of at least 4.5:1 for text "
             "and 3:1 for large text, with relative luminance and contrast ratio defined in the glossary",
    ),
    # Chapter 14 (commerce): messaging ads, live shopping, WhatsApp pricing, Telegram payments.
    WebSource(
        key="meta-click-to-messenger-ads",
        publisher="Meta for Developers (Marketing API)", title="Ads that Click to Messenger",
        url="https://developers.facebook.com/documentation/ads-commerce/marketing-api/ad-creative/messaging-ads/"
            "click-to-messenger",
        published="",
        checked=2026,
        says="ads that send people who click straight into a conversation with the business in Messenger, with "
             "companion guides for ads that click to Instagram Direct and to WhatsApp",
    ),
    WebSource(
        key="meta-website-click-to-message-ads",
        publisher="Meta for Developers (Marketing API)", title="Website ads that click to message",
        url="https://developers.facebook.com/documentation/ads-commerce/marketing-api/ad-creative/messaging-ads/"
            "website-ads-click-to-message",
        published="",
        checked=2026,
        says="click-to-message ads use the destinations Messenger, WhatsApp or Instagram Direct and the "
             "CONVERSATIONS optimisation goal; website ads that click to message land on the website with a "
             "messaging button as a second way in",
    ),
    WebSource(
        key="tiktok-shop-live-shopping",
        publisher="TikTok Shop Academy (US)", title="All Things LIVE Shopping",
        url="https://seller-us.tiktok.com/university/essay?knowledge_id=2799697140090667&lang=en",
        published="",
        checked=2026,
        says="LIVE Shopping makes a livestream shoppable: the seller adds Shop products to the LIVE and can pin a "
             "product to the top while presenting",
    ),
    WebSource(
        key="whatsapp-pricing",
        publisher="Meta for Developers", title="Pricing on the WhatsApp Business Platform",
        url="https://developers.facebook.com/docs/whatsapp/pricing",
        published="",
        checked=2026,
        says="per-message pricing from 1 July 2025: delivered template messages are charged by category "
             "(marketing, utility, authentication) and the recipient's country; under that model replies in the "
             "24-hour customer-service window were free, and so were templates in the 72-hour window opened by a "
             "click-to-WhatsApp ad",
        confirmed=False,
    ),
    WebSource(
        key="telegram-mini-apps",
        publisher="Telegram", title="Telegram Mini Apps",
        url="https://core.telegram.org/bots/webapps",
        published="",
        checked=2026,
        says="web apps launched inside Telegram from a bot; like bots, they can take payments through third-party "
             "payment providers",
    ),
    WebSource(
        key="telegram-bot-payments",
        publisher="Telegram", title="Bot Payments API",
        url="https://core.telegram.org/bots/payments",
        published="",
        checked=2026,
        says="bots accept payments for physical goods and services through more than 20 third-party providers; "
             "Telegram takes no commission; digital goods and services have their own page",
    ),
    WebSource(
        key="telegram-stars",
        publisher="Telegram", title="Telegram Stars",
        url="https://core.telegram.org/api/stars",
        published="",
        checked=2026,
        says="Telegram Stars are the virtual items users spend on digital goods and services from bots and mini apps",
    ),
)


def web(key: str) -> WebSource:
    """One web source by key.

    >>> web("gdpr-art9").checked
    2026
    >>> web("meta")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    KeyError: "unknown web source 'meta'; add it to WEB_SOURCES (with the year you checked it) or use one of: meta-health-wellness-ads, ..."
    """
    for w in WEB_SOURCES:
        if w.key == key:
            return w
    raise KeyError(f"unknown web source {key!r}; add it to WEB_SOURCES (with the year you checked it) or use "
                   f"one of: {', '.join(w.key for w in WEB_SOURCES)}")


def cite_web(key: str, used: str = "") -> str:
    """The Markdown bullet for one web source in a chapter's Sources cell.

    >>> cite_web("gdpr-art9", "the clinic brief").startswith("- European Union, ")
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


# --------------------------------------------------------------------------- #
# Public sources: platform rules, laws and regulators                          #
# --------------------------------------------------------------------------- #
