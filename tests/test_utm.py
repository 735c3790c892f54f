"""Tests of smmlib.utm: building, parsing and channel grouping of UTM-tagged links."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from smmlib import utm


def test_build_minimal_link():
    url = utm.build_utm_url("https://example.com/page", "facebook", "paid_social", "spring_sale")
    assert url == ("https://example.com/page?utm_source=facebook&utm_medium=paid_social"
                   "&utm_campaign=spring_sale")


def test_build_keeps_existing_query_and_fragment():
    url = utm.build_utm_url("https://shop.example/item?id=7&color=red#reviews",
                            "instagram", "social", "launch")
    parts = urlsplit(url)
    assert parts.fragment == "reviews"
    assert parts.query.startswith("id=7&color=red&")
    assert parts.path == "/item"


def test_build_keeps_existing_query_encoding_verbatim():
    url = utm.build_utm_url("https://example.com/s?q=red%20shoes&x=a+b", "vk", "social", "c")
    assert url.startswith("https://example.com/s?q=red%20shoes&x=a+b&utm_source=vk")


def test_build_normalises_values():
    url = utm.build_utm_url("https://example.com", " Facebook ", "Paid Social", "Spring  Sale 2024",
                            term="Running Shoes", content="Video A")
    assert utm.parse_utm(url) == {
        "source": "facebook",
        "medium": "paid_social",
        "campaign": "spring_sale_2024",
        "term": "running_shoes",
        "content": "video_a",
    }


def test_build_encodes_special_characters():
    url = utm.build_utm_url("https://example.com", "facebook", "social", "50%_off&more")
    assert "utm_campaign=50%25_off%26more" in url
    assert utm.parse_utm(url)["campaign"] == "50%_off&more"


def test_build_replaces_old_utm_tags():
    old = "https://example.com/?id=1&utm_source=twitter&utm_medium=social&utm_campaign=old&utm_term=x"
    url = utm.build_utm_url(old, "facebook", "paid_social", "new")
    assert url.count("utm_source") == 1
    assert utm.parse_utm(url) == {"source": "facebook", "medium": "paid_social", "campaign": "new"}
    assert url.startswith("https://example.com/?id=1&")


def test_build_optional_values_left_out_when_none_or_empty():
    url = utm.build_utm_url("https://example.com", "facebook", "social", "c", term=None, content="  ")
    assert "utm_term" not in url
    assert "utm_content" not in url


@pytest.mark.parametrize("field", ["source", "medium", "campaign"])
@pytest.mark.parametrize("empty", ["", "   "])
def test_build_rejects_empty_required_values(field, empty):
    values = {"source": "facebook", "medium": "social", "campaign": "c", field: empty}
    with pytest.raises(ValueError, match=rf"{field} is empty"):
        utm.build_utm_url("https://example.com", **values)


@pytest.mark.parametrize("url", ["example.com/page", "ftp://example.com/file",
                                 "mailto:someone@example.com", "https://", "/relative/path"])
def test_build_rejects_non_web_urls_with_a_fix(url):
    with pytest.raises(ValueError, match=r"https://example.com/page"):
        utm.build_utm_url(url, "facebook", "social", "c")


def test_build_rejects_non_string_inputs():
    with pytest.raises(TypeError, match="url must be a string"):
        utm.build_utm_url(None, "facebook", "social", "c")
    with pytest.raises(TypeError, match="campaign must be a string"):
        utm.build_utm_url("https://example.com", "facebook", "social", 2024)
    with pytest.raises(TypeError, match="source must be a string"):
        utm.build_utm_url("https://example.com", None, "social", "c")


@pytest.mark.parametrize(
    "tags",
    [
        {"source": "facebook", "medium": "paid_social", "campaign": "spring_sale"},
        {"source": "telegram", "medium": "social", "campaign": "launch", "term": "shoes"},
        {"source": "newsletter", "medium": "email", "campaign": "may", "content": "header_link"},
        {"source": "vk", "medium": "cpc", "campaign": "b2b", "term": "crm", "content": "carousel_2"},
    ],
)
@pytest.mark.parametrize("base", ["https://example.com", "http://example.com/a/b?page=2#top",
                                  "https://example.com/?utm_source=old"])
def test_round_trip(base, tags):
    url = utm.build_utm_url(base, **tags)
    assert utm.parse_utm(url) == tags
    # building again from the parsed tags gives the same link
    assert utm.build_utm_url(url, **utm.parse_utm(url)) == url


def test_parse_without_tags_is_empty():
    assert utm.parse_utm("https://example.com/?id=3") == {}
    assert utm.parse_utm("not even a url") == {}


def test_parse_keeps_other_utm_parameters_and_first_duplicate():
    url = "https://example.com/?utm_id=42&utm_source=a&utm_source=b&UTM_MEDIUM=Social"
    assert utm.parse_utm(url) == {"id": "42", "source": "a", "medium": "Social"}


def test_parse_rejects_non_strings():
    with pytest.raises(TypeError, match="url must be a string"):
        utm.parse_utm(42)


@pytest.mark.parametrize(
    ("source", "medium", "expected"),
    [
        ("facebook", "paid_social", utm.PAID_SOCIAL),
        ("facebook", "cpc", utm.PAID_SOCIAL),
        ("Instagram", "CPM", utm.PAID_SOCIAL),
        ("tiktok", "retargeting", utm.PAID_SOCIAL),
        ("newsletter_partner", "paid-social", utm.PAID_SOCIAL),  # social medium + paid
        ("facebook", "social", utm.ORGANIC_SOCIAL),
        ("l.facebook.com", "referral", utm.ORGANIC_SOCIAL),  # social beats referral, as in GA4
        ("t.co", "referral", utm.ORGANIC_SOCIAL),
        ("vk.com", "referral", utm.ORGANIC_SOCIAL),
        ("partner_blog", "social", utm.ORGANIC_SOCIAL),
        ("telegram", "post", utm.ORGANIC_SOCIAL),
        ("blog.example.com", "referral", utm.REFERRAL),
        ("newsletter", "email", utm.EMAIL),
        ("e-mail", "newsletter", utm.EMAIL),
        ("(direct)", "(none)", utm.DIRECT),
        (None, None, utm.DIRECT),
        ("", "(not set)", utm.DIRECT),
        ("google", "cpc", utm.OTHER),  # paid search: not a channel of this simplified grouping
        ("google", "organic", utm.OTHER),
        ("billboard", "qr", utm.OTHER),
    ],
)
def test_traffic_channel(source, medium, expected):
    assert utm.traffic_channel(source, medium) == expected


def test_traffic_channel_of_a_built_link():
    tags = utm.parse_utm(utm.build_utm_url("https://example.com", "Facebook", "Paid Social", "c"))
    assert utm.traffic_channel(tags["source"], tags["medium"]) == utm.PAID_SOCIAL


def test_traffic_channel_only_returns_known_channels():
    pairs = [("facebook", "cpc"), ("x", "social"), ("site.org", "referral"), ("email", "email"),
             (None, None), ("bing", "cpc")]
    assert {utm.traffic_channel(s, med) for s, med in pairs} <= set(utm.CHANNELS)


def test_traffic_channel_rejects_non_strings():
    with pytest.raises(TypeError, match="medium must be a string or None"):
        utm.traffic_channel("facebook", 3)


def test_normalise_utm_value():
    assert utm.normalise_utm_value("  Spring \t Sale ") == "spring_sale"
