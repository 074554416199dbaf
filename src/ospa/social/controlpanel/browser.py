"""Site Setup → Social intranet."""

from ospa.social import _
from ospa.social.interfaces import ISocialSettings
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.z3cform import layout
from z3c.form.browser.checkbox import CheckBoxFieldWidget


class SocialSettingsForm(RegistryEditForm):
    """Edits the registry; ospa.social.core.settings.apply follows each change."""

    schema = ISocialSettings
    schema_prefix = "ospa.social"
    label = _("label_social_settings", default="Social intranet")
    description = _(
        "help_social_settings",
        default="Choose the content types people can recommend, follow and "
        "comment on. Content that already exists takes part at once.",
    )

    def updateFields(self):
        super().updateFields()
        for name in ("social_types", "comment_types"):
            self.fields[name].widgetFactory = CheckBoxFieldWidget


SocialSettingsView = layout.wrap_form(SocialSettingsForm, ControlPanelFormWrapper)
