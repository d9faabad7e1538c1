"""REST API for organisations (members read, admins change settings), their members and invitations (admins)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers

from koers.apps.organisations import invitations
from koers.apps.organisations.models import Invitation, Membership, Organisation, Role, has_role
from koers.apps.organisations.views import _would_leave_no_admin, accept_link
from koers.web.api.base import ApiViewSet, ConflictError
from koers.web.api.permissions import OrganisationScopedMixin


class OrganisationSerializer(serializers.ModelSerializer):
    size_class = serializers.CharField(read_only=True, allow_null=True,
                                       help_text="Grootteklasse: <50k, 50k-100k of >100k inwoners.")
    role = serializers.ChoiceField(source="user_role", choices=Role.choices, read_only=True,
                                   help_text="Uw eigen rol in deze organisatie.")

    class Meta:
        model = Organisation
        fields = ["slug", "name", "kind", "cbs_code", "population", "size_class", "role", "created_at"]
        read_only_fields = ["slug", "created_at"]


@extend_schema_view(
    list=extend_schema(summary="Organisaties waarvan u lid bent"),
    retrieve=extend_schema(summary="Eén organisatie"),
    partial_update=extend_schema(summary="Gegevens van de organisatie wijzigen (organisatiebeheerder)"),
)
class OrganisationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin,
                          ApiViewSet):
    """The organisations the user belongs to; any other slug is 404."""

    serializer_class = OrganisationSerializer
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request
            return Organisation.objects.none()
        # filter() and annotate() share one join: the role is the requesting user's own.
        return (Organisation.objects.filter(memberships__user=self.request.user)
                .annotate(user_role=F("memberships__role")).order_by("name"))

    def get_object(self):
        organisation = super().get_object()
        if self.action == "partial_update" and not has_role(organisation.user_role, Role.ADMIN):
            raise exceptions.PermissionDenied("Alleen een organisatiebeheerder kan de organisatie wijzigen.")
        return organisation


class MemberSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)
    email = serializers.CharField(source="user.email", read_only=True, help_text="Kan leeg zijn.")

    class Meta:
        model = Membership
        fields = ["id", "username", "email", "role", "created_at"]
        read_only_fields = ["id", "created_at"]


@extend_schema_view(
    list=extend_schema(summary="Leden van de organisatie (organisatiebeheerder)"),
    retrieve=extend_schema(summary="Eén lid (organisatiebeheerder)"),
    partial_update=extend_schema(summary="Rol van een lid wijzigen (organisatiebeheerder)",
                                 responses={200: MemberSerializer, 409: None}),
    destroy=extend_schema(summary="Lid verwijderen (organisatiebeheerder)", responses={204: None, 409: None}),
)
class MemberViewSet(OrganisationScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                    mixins.UpdateModelMixin, mixins.DestroyModelMixin, ApiViewSet):
    """Memberships of one organisation; only its admins may read or change them. New members come
    through an invitation they accept (``member-invitations``), never by looking a user up."""

    required_role = Role.ADMIN
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "patch", "delete", "head", "options"]
    serializer_class = MemberSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request
            return Membership.objects.none()
        return (Membership.objects.filter(organisation=self.organisation)
                .select_related("user").order_by("user__username"))

    @transaction.atomic
    def perform_update(self, serializer):
        if _would_leave_no_admin(serializer.instance, serializer.validated_data.get("role", serializer.instance.role)):
            raise ConflictError("De laatste organisatiebeheerder kan geen andere rol krijgen.")
        serializer.save()

    @transaction.atomic
    def perform_destroy(self, instance):
        if _would_leave_no_admin(instance, None):
            raise ConflictError("De laatste organisatiebeheerder kan niet worden verwijderd.")
        instance.delete()


class MemberInvitationSerializer(serializers.ModelSerializer):
    email = serializers.CharField(max_length=254, help_text="Het e-mailadres zoals u het invulde.")
    invited_by = serializers.CharField(source="invited_by.username", read_only=True, allow_null=True,
                                       default=None)

    class Meta:
        model = Invitation
        fields = ["id", "email", "role", "invited_by", "created_at", "expires_at"]
        read_only_fields = ["id", "created_at", "expires_at"]


@extend_schema_view(
    list=extend_schema(summary="Openstaande uitnodigingen (organisatiebeheerder)"),
    retrieve=extend_schema(summary="Eén openstaande uitnodiging (organisatiebeheerder)"),
    create=extend_schema(summary="Iemand per e-mail uitnodigen als lid (organisatiebeheerder)"),
    destroy=extend_schema(summary="Uitnodiging intrekken (organisatiebeheerder)", responses={204: None}),
)
class MemberInvitationViewSet(OrganisationScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                        mixins.CreateModelMixin, mixins.DestroyModelMixin, ApiViewSet):
    """Pending invitations of one organisation. The answer to a new one only echoes what was sent,
    whoever the address belongs to; the person becomes a member after accepting the mailed link."""

    required_role = Role.ADMIN
    lookup_value_regex = r"\d+"
    serializer_class = MemberInvitationSerializer
    http_method_names = ["get", "post", "delete", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request
            return Invitation.objects.none()
        return invitations.pending(self.organisation)

    def perform_create(self, serializer):
        data = serializer.validated_data
        try:
            serializer.instance = invitations.invite(self.organisation, data["email"], data["role"],
                                                     self.request.user, accept_link(self.request))
        except ValidationError as error:
            raise serializers.ValidationError({"email": error.messages}) from None

    def perform_destroy(self, instance):
        invitations.withdraw(instance)
