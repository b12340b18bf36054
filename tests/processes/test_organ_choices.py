"""The organ picker's choices: the directory by level and territory, narrowed by a form's options."""
from __future__ import annotations

from processes.organs import organ_choices


def test_every_organ_is_offered_with_its_names_grouped_by_level_and_territory(organs):
    choices = organ_choices({})
    by_code = {choice.value: choice for choice in choices}
    labour = by_code["JN-QS-LX-RSJ"]
    assert labour.label == {"zh": "柳溪县人力资源和社会保障局（JN-QS-LX-RSJ）",
                            "en": "Liuxi County Human Resources and Social Security Bureau (JN-QS-LX-RSJ)"}
    assert labour.group == {"zh": "县级 · 柳溪县", "en": "County · Liuxi County"}
    assert by_code["JN-QS-LX-TY"].group == {"zh": "乡镇级 · 桃源镇", "en": "Township · Taoyuan Township"}
    groups = list(dict.fromkeys(choice.group["zh"] for choice in choices))
    assert groups == ["省级 · 江南省", "市级 · 青山市", "县级 · 柳溪县", "乡镇级 · 桃源镇"]
    county = [choice.value for choice in choices if choice.group["zh"] == "县级 · 柳溪县"]
    assert county[0] == "JN-QS-LX"  # the leading organ of the territory comes first


def test_options_narrow_the_directory(organs):
    assert [c.value for c in organ_choices({"kind": "petition_department"})] == ["JN-XFJ", "JN-QS-XFJ", "JN-QS-LX-XFJ"]
    assert [c.value for c in organ_choices({"kind": ["petition_department"], "level": ["city", "county"]})] == [
        "JN-QS-XFJ", "JN-QS-LX-XFJ"]
