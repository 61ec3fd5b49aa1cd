"""Scripts without spaces (Chinese, Japanese) are articles; a page that is only a consent wall is not."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from servers import assert_clean_failure, invoke
from summarize_cli.errors import ExitCode
from summarize_cli.extract import _MIN_WORDS, word_count

JA = '東京都が新しい交通計画を発表\n\n東京都は十二日、二〇三〇年までに都内の路面電車網を拡張する計画を発表した。総事業費は約千二百億円に上る見通しだ。\n\n計画によると、新たに三つの路線が整備され、一日あたり約四万五千人の利用が見込まれている。知事は記者会見で「環境に優しい街づくりを進める」と述べた。\n\n工事は来年春に始まり、五年かけて段階的に完成する予定である。\n'
ZH = '上海宣布新的公共交通计划\n\n上海市政府周四宣布，到2030年将扩建城市有轨电车网络，总投资约为120亿元人民币。\n\n根据计划，将新建三条线路，预计每天可服务约四万五千名乘客。市长在新闻发布会上表示，这一项目将推动绿色城市建设。\n\n工程将于明年春季开工，预计五年内分阶段完成。\n'
WALL_FR = '<!doctype html><html><head><title>Le Journal - Actualités</title></head><body>\n<div class="consent-banner" id="cookie-wall"><h2>Vos choix concernant l’utilisation de cookies</h2>\n<p>Nous et nos 842 partenaires utilisons des cookies et des traceurs pour stocker et accéder à des informations sur votre appareil, afin de vous proposer des publicités personnalisées et mesurer l’audience de notre site.</p>\n<p>Vous pouvez accepter ou refuser ces cookies, ou personnaliser vos choix à tout moment en cliquant sur « Paramétrer les cookies » en bas de page. Votre consentement est valable treize mois.</p>\n<p>En cliquant sur « Tout accepter », vous consentez au traitement de vos données personnelles par nos partenaires, conformément à notre politique de confidentialité.</p>\n<button>Tout accepter</button><button>Tout refuser</button><button>Paramétrer</button></div>\n</body></html>\n'
WALL_EN = '<!doctype html><html><head><title>The Daily News</title></head><body><main>\n<div class="cmp"><h2>We value your privacy</h2>\n<p>We and our 1,200 partners store and access information on your device, such as cookies, and process personal data such as unique identifiers for personalised ads and content, ad and content measurement, and audience insights.</p>\n<p>You may click to consent to our and our partners\' processing as described above. Alternatively you may click to refuse to consent or access more detailed information and change your preferences before consenting.</p>\n<a href="#">Accept all</a> <a href="#">Reject all</a> <a href="#">Manage preferences</a></div></main></body></html>\n'
# A story about cookies is still a story: some of its sentences speak of other things.
ABOUT_COOKIES = (
    "<html><head><title>Amende record pour Google</title></head><body><article><h1>Amende record pour Google</h1>"
    "<p>La CNIL a infligé jeudi une amende de 150 millions d’euros à Google pour ses cookies publicitaires.</p>"
    "<p>Le régulateur reproche au groupe de rendre le refus des cookies plus compliqué que leur acceptation.</p>"
    "<p>L’entreprise dispose de trois mois pour se mettre en conformité, sous peine d’une astreinte de 100 000 euros par jour.</p>"
    "<p>Le géant américain a annoncé qu’il ferait appel de la décision devant le Conseil d’État.</p>"
    "</article></body></html>"
)


@pytest.mark.parametrize("text,lang", [(JA, "ja"), (ZH, "zh")])
def test_chinese_and_japanese_articles_are_summarised(tmp_path, text: str, lang: str) -> None:
    path = tmp_path / f"{lang}.txt"
    path.write_text(text, encoding="utf-8")
    res = invoke("--no-translate", "--format", "json", "--no-cache", str(path))
    assert res.exit_code == 0, res.stderr
    obj = json.loads(res.stdout)
    assert obj["error"] is None and obj["language"] == lang
    assert obj["summary"]["sentences"] and all(s in obj["text"] for s in obj["summary"]["sentences"])


@settings(max_examples=200, deadline=None)
@given(chars=st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=60),
       words=st.lists(st.from_regex(r"[a-zé]{1,9}", fullmatch=True), max_size=20))
def test_word_count_spaceless_characters_count_half(chars: str, words: list[str]) -> None:
    assert word_count(" ".join(words)) == len(words)
    assert word_count(chars) == len(chars) / 2
    assert word_count(chars + " " + " ".join(words)) == len(chars) / 2 + len(words)


def test_a_short_line_of_ideographs_is_still_no_article(tmp_path) -> None:
    path = tmp_path / "short.txt"
    path.write_text("東京" * (_MIN_WORDS - 1) + "\n", encoding="utf-8")
    assert_clean_failure(invoke("extract", "--no-cache", str(path)), ExitCode.NOT_ARTICLE)


@pytest.mark.parametrize("page", [WALL_FR, WALL_EN], ids=["fr", "en"])
def test_consent_wall_is_not_an_article(tmp_path, page: str) -> None:
    path = tmp_path / "wall.html"
    path.write_text(page, encoding="utf-8")
    msg = assert_clean_failure(invoke("--no-translate", "--no-cache", str(path)), ExitCode.NOT_ARTICLE)
    assert "consent/cookie wall" in msg and str(path) in msg
    res = invoke("--no-translate", "--no-cache", "--format", "json", str(path))
    assert res.exit_code == ExitCode.NOT_ARTICLE and json.loads(res.stdout)["error"]["code"] == "not_article"


def test_article_about_cookies_is_an_article(tmp_path) -> None:
    path = tmp_path / "cnil.html"
    path.write_text(ABOUT_COOKIES, encoding="utf-8")
    res = invoke("figures", "--format", "json", "--no-cache", str(path))
    assert res.exit_code == 0, res.stderr
    assert json.loads(res.stdout)["figures"]
