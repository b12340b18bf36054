"""The petition the tests submit unless they say otherwise: an online wage complaint."""
from __future__ import annotations

from typing import Any


def petition_fields(**changes: Any) -> dict[str, Any]:
    """Return the fields of a valid online wage complaint to 柳溪县信访局, with ``changes`` applied."""
    fields = {
        "channel": "online", "receiving_organ": "JN-QS-LX-XFJ", "territory": "JN-QS-LX", "category": "labour",
        "petitioners": [{"name": "周丽", "id_number": "330101199001011238", "phone": "13800000001",
                         "address": "柳溪县桃源镇幸福村5号"}],
        "request": "请求责令青山建材有限公司支付拖欠的工资三万元。",
        "facts": "本人于2025年在青山建材有限公司工作八个月，公司至今拖欠工资三万元未付，多次催要无果。",
        "reasons": "依照劳动合同法，用人单位应当按时足额支付劳动报酬。",
    }
    fields.update(changes)
    return fields
