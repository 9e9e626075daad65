"""The application layer: Qt-free, shared by the app and the CLI, under mypy strict."""
