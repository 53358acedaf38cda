"""The locales adservice renders in, and how a caller's spelling of one is read."""

from __future__ import annotations

from collections.abc import Mapping

from adservice.errors import UnknownLocaleError

__all__ = ["ALIASES", "LOCALES", "choose_locale", "normalize_locale"]

#: The locales every output exists in: English (the default), simplified and traditional Chinese.
LOCALES: tuple[str, ...] = ("en", "zh_CN", "zh_TW")

#: Other spellings accepted, and the locale each one reads (Hong Kong and Macao read traditional).
ALIASES: dict[str, str] = {
    "en": "en",
    "en_us": "en",
    "en_gb": "en",
    "c": "en",
    "posix": "en",
    "zh": "zh_CN",
    "zh_cn": "zh_CN",
    "zh_sg": "zh_CN",
    "zh_hans": "zh_CN",
    "zh_hans_cn": "zh_CN",
    "zh_tw": "zh_TW",
    "zh_hk": "zh_TW",
    "zh_mo": "zh_TW",
    "zh_hant": "zh_TW",
    "zh_hant_tw": "zh_TW",
    "zh_hant_hk": "zh_TW",
}

_ALLOWED = ("en", "zh_CN", "zh_TW", "zh_HK")


def normalize_locale(value: object) -> str:
    """One of :data:`LOCALES` for a locale name: ``"zh-cn"``, ``"zh_CN.UTF-8"``, ``"zh_HK"`` ...

    Case, ``-`` or ``_``, and an encoding or modifier suffix (``.UTF-8``, ``@euro``) do not matter;
    ``zh_HK`` (and ``zh_MO``) read traditional Chinese, so they give ``zh_TW``.

    >>> normalize_locale("en"), normalize_locale("zh-cn"), normalize_locale("zh_HK.UTF-8")
    ('en', 'zh_CN', 'zh_TW')

    Raises:
        UnknownLocaleError: not text, or a language adservice does not render in; the message
            names the value and the locales allowed.
    """
    if isinstance(value, str):
        if value in LOCALES:  # the common case, without string work
            return value
        key = value.split(".", 1)[0].split("@", 1)[0].replace("-", "_").lower()
        found = "en" if key.startswith("en_") else ALIASES.get(key)
        if found is not None:
            return found
    raise UnknownLocaleError(value, _ALLOWED)


#: The environment variables a locale is read from, in POSIX order of precedence.
LOCALE_VARIABLES: tuple[str, ...] = ("LC_ALL", "LC_MESSAGES", "LANG")


def choose_locale(asked: str | None, environment: Mapping[str, str]) -> str:
    """The language to render in: ``asked`` if given, else the environment's, else English.

    ``environment`` is a mapping such as ``os.environ`` (the command line passes it; the library
    never reads the environment itself). The first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is
    set decides; a language adservice does not render in (``de_DE.UTF-8``, ``C``) gives English.

    >>> choose_locale(None, {"LANG": "zh_TW.UTF-8"}), choose_locale("zh-cn", {"LANG": "zh_TW.UTF-8"})
    ('zh_TW', 'zh_CN')
    >>> choose_locale(None, {"LC_ALL": "de_DE.UTF-8", "LANG": "zh_CN.UTF-8"}), choose_locale(None, {})
    ('en', 'en')

    Raises:
        UnknownLocaleError: ``asked`` is a language adservice does not render in (the
            environment's choice never raises).
    """
    if asked is not None:
        return normalize_locale(asked)
    for name in LOCALE_VARIABLES:
        value = environment.get(name) if isinstance(environment, Mapping) else None
        if value:
            try:
                return normalize_locale(value)
            except UnknownLocaleError:
                return "en"
    return "en"
