"""Organs, their hierarchy and routing by duty, territory and level (Art. 22–24)."""
import pytest

from processes.errors import UnknownOrgan
from processes.organs import (
    common_superior,
    get_organ,
    list_organs,
    organ_scope,
    petition_department_of,
    suggest_route,
    superior_of,
    superiors,
    territory_chain,
)


def test_demo_tree_has_every_level(organs):
    assert {o.level for o in list_organs()} == {"province", "city", "county", "township"}
    assert get_organ("JN-QS-LX-RSJ").name_zh == "柳溪县人力资源和社会保障局"
    assert [o.code for o in list_organs(level="county", kind="petition_department")] == ["JN-QS-LX-XFJ"]


def test_unknown_organ_is_a_clear_error(organs):
    with pytest.raises(UnknownOrgan) as caught:
        get_organ("XX-NOWHERE")
    assert caught.value.code == "unknown_organ"
    assert "XX-NOWHERE" in caught.value.message


def test_superior_follows_the_line_of_the_department(organs):
    assert superior_of("JN-QS-LX-RSJ") == "JN-QS-RSJ"  # review (Art. 35)
    assert superior_of("JN-QS-RSJ") == "JN-RSJ"  # re-review (Art. 36)
    assert superior_of("JN-QS-LX-TY") == "JN-QS-LX"
    assert superior_of("JN-QS-LX-ZJJ") == "JN-QS-LX"  # no city bureau of that line: the government
    assert superior_of("JN") is None


def test_superiors_walk_both_the_line_and_the_local_government(organs):
    above = superiors("JN-QS-LX-RSJ")
    assert above[:2] == ["JN-QS-RSJ", "JN-QS-LX"]
    assert "JN" in above and "JN-QS-LX-RSJ" not in above


def test_common_superior_of_two_county_bureaus_is_the_county_government(organs):
    assert common_superior("JN-QS-LX-RSJ", "JN-QS-LX-ZJJ") == "JN-QS-LX"
    assert common_superior("JN-QS-LX-TY", "JN-QS-LX-CGJ") == "JN-QS-LX"
    assert common_superior("JN-QS-LX-RSJ", "JN-QS-STHJJ") == "JN-QS"
    assert common_superior("JN-QS-RSJ", "JN-QS-LX-RSJ") == "JN-QS"  # above both, not one of them
    assert common_superior("JN", "JN-RSJ") is None


def test_petition_department_of_an_organ(organs):
    assert petition_department_of("JN-QS-LX-RSJ") == "JN-QS-LX-XFJ"
    assert petition_department_of("JN-QS-RSJ") == "JN-QS-XFJ"
    assert petition_department_of("JN-QS-LX-TY") == "JN-QS-LX-XFJ"  # a township has none: the county's
    assert petition_department_of("JN-XFJ") == "JN-XFJ"


def test_territories_nest(organs):
    assert territory_chain("JN-QS-LX-TY") == ["JN-QS-LX-TY", "JN-QS-LX", "JN-QS", "JN"]


@pytest.mark.parametrize("category, territory, receiving, expected", [
    ("accusation", "JN-QS-LX", "JN-QS-LX-XFJ", {"route": "discipline", "organ": "JN-QS-LX-JW"}),
    ("accusation", "JN-QS-LX-TY", "JN-QS-LX-XFJ", {"route": "discipline", "organ": "JN-QS-LX-JW"}),
    ("litigation", "JN-QS-LX", "JN-QS-LX-XFJ", {"route": "political_legal", "organ": "JN-QS-LX-ZFW"}),
    ("labour", "JN-QS-LX", "JN-QS-LX-XFJ", {"route": "forward", "organ": "JN-QS-LX-RSJ"}),
    ("labour", "JN-QS-LX", "JN-QS-XFJ", {"route": "assign", "organ": "JN-QS-LX-RSJ"}),
    ("land", "JN-QS-LX-TY", "JN-QS-LX-XFJ", {"route": "assign", "organ": "JN-QS-LX-TY"}),
    ("labour", "JN-QS-LX-TY", "JN-QS-LX-RSJ", {"route": "accept", "organ": "JN-QS-LX-RSJ"}),
    ("environment", "JN-QS", "JN-QS-XFJ", {"route": "forward", "organ": "JN-QS-STHJJ"}),
    ("urban_management", "JN-QS-LX", "JN-QS-LX-XFJ", {"route": "forward", "organ": "JN-QS-LX-CGJ"}),
    ("suggestion", "JN-QS-LX", "JN-QS-LX-XFJ", {"route": "forward", "organ": "JN-QS-LX"}),
])
def test_suggest_route(organs, category, territory, receiving, expected):
    assert suggest_route(category, territory, receiving) == expected


def test_suggest_route_for_an_unknown_territory_says_so(organs):
    with pytest.raises(UnknownOrgan, match="NOWHERE"):
        suggest_route("labour", "NOWHERE", "JN-QS-LX-XFJ")


def test_organ_scope_is_the_organ_and_everything_below(organs):
    assert organ_scope("JN-QS-LX-RSJ") == {"JN-QS-LX-RSJ"}
    assert organ_scope("JN-QS-RSJ") == {"JN-QS-RSJ", "JN-QS-LX-RSJ"}
    county = organ_scope("JN-QS-LX")
    assert {"JN-QS-LX", "JN-QS-LX-RSJ", "JN-QS-LX-XFJ", "JN-QS-LX-TY", "JN-QS-LX-CGJ"} <= county
    assert "JN-QS-RSJ" not in county
    assert organ_scope("JN") == {o.code for o in list_organs()}
