"""Makes, sells or serves: what the owner says the business does with its product decides the section.
Phrasings here are not in the development set.
- Food a food-service word names is made (C) when it goes to other businesses or there is no counter; a bakery
  shop sells (F retail, 糕点、面包零售), a café-bakery where people eat stays catering (H).
- A workshop (坊, 工场) makes as a 厂 does; the farmers who buy the feed (养殖户) are customers.
- Design is a service (M 专业设计服务) whatever is designed; a chip's or a program's design is software (I).
- A machine's parts are made (C: 汽车零部件) unless what follows the machine is done to it (美容, 租赁: services).
- What the owner says the business does beats a later clause's topic or sales channel (review14 r14-04: a data
  labelling firm that built a coal-mine safety dataset is I, not mining); a trade's word before equipment names
  whom the equipment is for (风电叶片, 养殖设备 are made, C).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.advisor.understand.gazetteer import industries

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"


@pytest.mark.parametrize(
    ("message", "section"),
    [
        ("我们是烘焙坊，只做批发，给超市供货", "C"),
        ("We're a bakery in Xi'an supplying supermarkets and coffee shops, 25 bakers", "C"),
        ("小区里开了家面包店，夫妻俩", "F"),
        ("Our bakery cafe in Dali has twelve tables and a coffee bar", "H"),
        ("开了个染坊，做扎染", "C"),
        ("我们做饲料的，养殖户都用我们的料", "C"),
        ("我们是做包装设计的，8个设计师", "M"),
        ("做芯片设计的，20人", "I"),
        ("我们做汽车内饰，主要是顶棚", "C"),
        ("我们是做汽车美容的，两家店", "O"),
        ("做旗袍定制的，在苏州", "C"),
        ("做软件定制的，十几个程序员", "I"),
        ("太原一家做数据标注的公司，我们做过一个煤矿巡检的数据集", "I"),
        ("我们做箱包，基本都是做外贸，白沟", "C"),
        ("我们做首饰，做外贸为主", "C"),
        ("我们是做养殖设备的，青州", "C"),
        ("我们是做风电叶片的，员工五百", "C"),
        ("做物流设备租赁的", "L"),  # the equipment is leased, not made
        ("我们是做外贸的，主要卖家具", "F"),  # a trader: no making said
    ],
)
def test_what_is_done_with_the_product_decides(message: str, section: str):
    found = industries(KNOWLEDGE).find(message)
    assert found is not None and found.section == section, (message, found)
