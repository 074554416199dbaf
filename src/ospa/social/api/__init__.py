"""The Python API of ospa.social.

Every feature's logic lives here, once: the REST services, the views,
viewlets and forms all call these functions. They check permissions
themselves and raise :class:`~ospa.social.api.errors.SocialError` (bad
input: a 400 in REST, a form error in the UI) or
``AccessControl.Unauthorized``.
"""
