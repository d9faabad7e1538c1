from koers.apps.audit.context import acting_as


class AuditActorMiddleware:
    """Makes the request's user the actor of every change made while handling it.

    The request itself is stored, not its user: the user is read when a change is recorded,
    so users authenticated later by the REST framework (token) are attributed too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with acting_as(request):
            return self.get_response(request)
