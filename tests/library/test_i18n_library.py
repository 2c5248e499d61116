"""The library in Russian: plural forms, state names, labels."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "n,expected", [(1, "1 практика"), (2, "2 практики"), (5, "5 практик"), (21, "21 практика")]
)
def test_russian_plural_of_practices(client, make_practice, n, expected):
    for i in range(n):
        make_practice(title=f"P{i}")
    page = client.get("/library/?per_page=1", headers={"Accept-Language": "ru"}).text
    assert expected in page


def test_kyrgyzstan_is_named_as_the_un_does(client, make_practice):
    make_practice(state="KG")
    page = client.get("/library/", headers={"Accept-Language": "ru"}).text
    assert "Кыргызстан" in page


def test_facets_and_labels_in_russian(client, make_practice):
    make_practice(topics=["returnees"], type_="case_study")
    page = client.get("/library/", headers={"Accept-Language": "ru"}).text
    assert "Возвращающиеся лица и их семьи" in page
    assert "Тематическое исследование" in page
