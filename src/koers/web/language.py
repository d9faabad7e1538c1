"""The interface language: Dutch unless the user chose another one with the language switch.

Django's LocaleMiddleware also follows the browser's Accept-Language, so a Dutch civil servant with
an English browser would get English pages. Here only the language cookie that the switch
(``django.views.i18n.set_language``) sets counts; without it the page is in ``LANGUAGE_CODE``.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.deprecation import MiddlewareMixin


class ChosenLanguageMiddleware(MiddlewareMixin):
    """In place of ``django.middleware.locale.LocaleMiddleware`` (Koers has no language in its URLs)."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        try:
            language = translation.get_supported_language_variant(chosen) if chosen else settings.LANGUAGE_CODE
        except LookupError:  # an unknown or stale cookie value
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
