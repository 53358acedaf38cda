"""Every output in English, simplified Chinese (zh_CN) and traditional Chinese (zh_TW).

The lowest layer any renderer may use (layer 1, beside ``_json`` and ``_display``):

* :func:`normalize_locale` turns what a caller asked for into one of :data:`LOCALES`
  (``zh_HK`` and ``zh_MO`` read traditional Chinese, so they map to ``zh_TW``);
* :func:`gettext`, :func:`pgettext` and :func:`ngettext` look a message up in the
  catalogs compiled from ``locales/*/LC_MESSAGES/adservice.po`` (see
  ``tools/build_catalogs.py``); English is the message itself;
* :func:`format_day`, :func:`format_short_day`, :func:`format_month`,
  :func:`format_time`, :func:`format_units` and :func:`format_number` write dates,
  weekdays, times and counts the way the locale's CLDR data (through Babel) does.

Values stay language-neutral; only renderings change. Nothing here reads a file
at run time: the catalogs are Python data (:mod:`adservice.i18n._catalogs`).

>>> from datetime import date
>>> gettext("nothing overdue", "zh_CN"), gettext("nothing overdue", "zh_HK")
('没有逾期事项', '沒有逾期事項')
>>> format_day(date(2025, 9, 29), "zh_CN"), format_day(date(2025, 9, 29), "zh_TW")
('2025年9月29日 周一', '2025年9月29日 週一')
>>> format_units(9, "working_days", "zh_CN")
'9个工作日'
"""

from __future__ import annotations

from adservice.i18n._format import (
    EN_MONTHS,
    format_day,
    format_month,
    format_number,
    format_short_day,
    format_time,
    format_units,
    weekday_names,
)
from adservice.i18n._locale import LOCALES, choose_locale, normalize_locale
from adservice.i18n._lookup import N_, NP_, gettext, ngettext, pgettext

__all__ = [
    "EN_MONTHS",
    "LOCALES",
    "NP_",
    "N_",
    "choose_locale",
    "format_day",
    "format_month",
    "format_number",
    "format_short_day",
    "format_time",
    "format_units",
    "gettext",
    "ngettext",
    "normalize_locale",
    "pgettext",
    "weekday_names",
]
