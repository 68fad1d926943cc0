"""A figure said per period is a year of it before any yearly rule (issue #11, session 20).

"每季度算力费2万" was read as 2万 a year: Xiamen's 5万 yearly minimum was judged on a quarter and Shenzhen's
training voucher computed on a quarter's bill. Every period word (each month, quarter, half year, week; in Chinese
and English; before or after the figure) goes through one reader (`understand/periods.period_of`), and the arithmetic says
how the year was reached. A year the client works out themselves ("一年也就6万") is not multiplied again.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from app.advisor.engine.conditions import Status
from app.advisor.understand.budget import find_budget_money
from app.advisor.understand.profile import CompanyProfile
from app.advisor.understand.purchases import stated_purchases
from app.catalogue.loader import load_catalogue
from app.settings import PROJECT_ROOT
from app.text.normalize import normalize
from tests.helpers import judged, named_purchases

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
TODAY = date(2026, 11, 28)
XIAMEN = CompanyProfile(province="福建", city="厦门", employees=20, industry="I")

# How owners say a periodic compute bill, with {n} the figure in yuan: (template, periods in a year).
SAID_PER_PERIOD = [
    ("每季度算力费{n}元", 4),
    ("租GPU一个季度大概{n}元", 4),
    ("算力按季度付，每季度{n}块", 4),
    ("GPU rental about RMB {n} per quarter", 4),
    ("we pay RMB {n} a quarter for GPU rental", 4),
    ("每半年租一次GPU算力，每次{n}元", 2),
    ("GPU rental RMB {n} every six months", 2),
    ("每月算力费{n}元", 12),
    ("GPU rental about RMB {n} a month", 12),
    ("每周租GPU算力花{n}元", 52),
    ("租GPU算力{n}元一年", 1),
]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(SAID_PER_PERIOD), st.integers(min_value=1, max_value=400).map(lambda k: k * 500))
def test_a_periodic_compute_bill_is_a_year_of_it(said, amount):
    template, per_year = said
    (purchase,) = stated_purchases(normalize(template.format(n=amount)))
    assert purchase.amount_cny == amount * per_year
    assert (purchase.per_period == amount) == (per_year != 1)


def test_a_year_the_client_works_out_from_a_quarter_is_not_counted_again():
    (purchase,) = stated_purchases(normalize("算力按季度付，一季度1.5万，一年也就6万"))
    assert purchase.amount_cny == 60_000 and purchase.period == "quarter"


def test_a_quarter_of_a_year_is_no_date():
    # "今年一季度" names a quarter of the calendar, not a bill per quarter.
    (purchase,) = stated_purchases(normalize("今年一季度租GPU算力花了5万"))
    assert purchase.amount_cny == 50_000 and purchase.period is None


def test_the_arithmetic_says_how_the_year_was_reached():
    (item,) = named_purchases("每季度算力费2万")
    assert item.first_year.max == 80_000
    assert "每季度2万元×4个季度" in item.name_zh


def test_a_quarterly_bill_in_hong_kong_dollars_stays_in_them_for_the_year():
    (purchase,) = stated_purchases(normalize("we spend HK$30k a quarter on cloud GPU"))
    assert (purchase.currency, purchase.amount_other, purchase.amount_cny) == ("HKD", 120_000, None)
    (item,) = named_purchases("we spend HK$30k a quarter on cloud GPU")
    assert "HKD 30,000 a quarter × 4" in item.name_en


def test_a_quarterly_bill_clears_a_yearly_minimum_a_half_yearly_one_does_not():
    met = judged(CATALOGUE, "xm-compute-subsidy-2024", XIAMEN, "租GPU训练模型，一个季度大概1.5万", TODAY)
    short = judged(CATALOGUE, "xm-compute-subsidy-2024", XIAMEN, "每半年租一次GPU算力，每次2万", TODAY)
    status = {
        a: next(c.status for c in x.conditions if c.name == "threshold")
        for a, x in (("met", met), ("short", short))
    }
    assert status == {"met": Status.met, "short": Status.unmet}


def test_a_budget_said_per_quarter_is_the_first_years():
    assert find_budget_money(normalize("想上AI客服，每季度能花5000")) == (20_000, None)


def test_a_quarterly_hong_kong_bill_is_worked_out_on_its_year_or_not_at_all(advisor):
    answer = advisor.ask(
        "Hong Kong logistics SME, 25 staff, we spend HK$30k a quarter on cloud GPU. What can TVP cover?"
    )
    (purchase,) = answer.profile.purchases
    assert (purchase.currency, purchase.amount_other, purchase.period) == ("HKD", 120_000, "quarter")
    assert (
        "HKD 30,000 you named" not in answer.answer
    )  # no figure on a quarter, nor on a purchase TVP pays nothing for
