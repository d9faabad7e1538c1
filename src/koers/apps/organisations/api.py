"""REST API for organisations (members read, admins change settings) and their members (admins)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers

from koers.apps.organisations.forms import AddMemberForm
from koers.apps.organisations.models import Membership, Organisation, Role, has_role
from koers.apps.organisations.views import _would_leave_no_admin
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


class NewMemberSerializer(MemberSerializer):
    user = serializers.CharField(write_only=True, max_length=254,
                                 help_text="Gebruikersnaam of e-mailadres van een bestaande gebruiker.")

    class Meta(MemberSerializer.Meta):
        fields = ["id", "user", "username", "email", "role", "created_at"]

    def validate_user(self, value):
        # The same checks as the members page: an active user, found once, not yet a member.
        form = AddMemberForm({"user": value, "role": Role.VIEWER}, organisation=self.context["organisation"])
        if not form.is_valid():
            raise serializers.ValidationError(form.errors["user"][0])
        return form.cleaned_data["user"]


@extend_schema_view(
    list=extend_schema(summary="Leden van de organisatie (organisatiebeheerder)"),
    retrieve=extend_schema(summary="Eén lid (organisatiebeheerder)"),
    create=extend_schema(summary="Bestaande gebruiker als lid toevoegen (organisatiebeheerder)",
                         responses={201: MemberSerializer}),
    partial_update=extend_schema(summary="Rol van een lid wijzigen (organisatiebeheerder)",
                                 responses={200: MemberSerializer, 409: None}),
    destroy=extend_schema(summary="Lid verwijderen (organisatiebeheerder)", responses={204: None, 409: None}),
)
class MemberViewSet(OrganisationScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                    mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin, ApiViewSet):
    """Memberships of one organisation; only its admins may read or change them."""

    required_role = Role.ADMIN
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request
            return Membership.objects.none()
        return (Membership.objects.filter(organisation=self.organisation)
                .select_related("user").order_by("user__username"))

    def get_serializer_class(self):
        return NewMemberSerializer if self.action == "create" else MemberSerializer

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "organisation": self.organisation}

    def perform_create(self, serializer):
        serializer.save(organisation=self.organisation)

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
