"""Verging Desktop: a desktop client for the Verging AI media API."""

__version__ = "0.1.0"
#: the freedesktop application id: the desktop entry's and the installed icon's name, Wayland's
#: app_id (set before the first window: ``QGuiApplication.setDesktopFileName``)
APP_ID = "ai.verging.VergingDesktop"
