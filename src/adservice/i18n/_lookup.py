"""Message look-up in the compiled catalogs, gettext style; English is the message itself."""

from __future__ import annotations

from adservice.errors import InvalidInputError, brief
from adservice.i18n._catalogs import CATALOGS
from adservice.i18n._locale import normalize_locale

__all__ = ["NP_", "N_", "gettext", "ngettext", "pgettext"]


def _text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise InvalidInputError(f"{what} must be text (got {brief(value)}).")
    return value


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for a marked, untranslated message
    """Mark ``message`` for the catalogs without translating it (translate later with :func:`gettext`).

    >>> N_("weekend")
    'weekend'
    """
    return message


def NP_(context: str, message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark ``message`` in ``context`` for the catalogs; returns ``message`` (use :func:`pgettext` later).

    >>> NP_("stage", "closed")
    'closed'
    """
    return message


def pgettext(context: str, message: str, locale: str = "en") -> str:
    """``message`` in ``context`` (a stage name, a day kind...) translated into ``locale``.

    English, and a message the catalog lacks, is ``message`` itself.

    >>> pgettext("stage", "closed", "zh_CN"), pgettext("stage", "closed", "zh_TW")
    ('结案', '結案')
    >>> pgettext("stage", "closed")
    'closed'

    Raises:
        UnknownLocaleError: a locale adservice does not render in; InvalidInputError: not text.
    """
    loc = normalize_locale(locale)
    context, message = _text(context, "context"), _text(message, "message")
    if loc == "en":
        return message
    return CATALOGS[loc].get((context, message), message)


def gettext(message: str, locale: str = "en") -> str:
    """``message`` translated into ``locale`` (English: the message itself).

    >>> gettext("nothing overdue", "zh_CN"), gettext("nothing overdue", "zh_TW")
    ('没有逾期事项', '沒有逾期事項')

    Raises:
        UnknownLocaleError: a locale adservice does not render in; InvalidInputError: not text.
    """
    loc = normalize_locale(locale)
    message = _text(message, "message")
    if loc == "en":
        return message
    return CATALOGS[loc].get((None, message), message)


def ngettext(singular: str, plural: str, n: int, locale: str = "en") -> str:
    """The form of a message for ``n`` things (English has two, Chinese one).

    >>> ngettext("{n} obligation", "{n} obligations", 2).format(n=2)
    '2 obligations'
    >>> ngettext("{n} obligation", "{n} obligations", 2, "zh_CN").format(n=2)
    '共2项'

    Raises:
        UnknownLocaleError: a locale adservice does not render in; InvalidInputError: not text,
            or ``n`` not an int.
    """
    loc = normalize_locale(locale)
    singular, plural = _text(singular, "singular"), _text(plural, "plural")
    if isinstance(n, bool) or not isinstance(n, int):
        raise InvalidInputError(f"n must be an int (got {brief(n)}).")
    english = singular if n == 1 else plural
    if loc == "en":
        return english
    return CATALOGS[loc].get((None, singular), english)
