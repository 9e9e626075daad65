"""The varg gateway's REST API (no Qt). MINIMAL STUB in branch ``costs``: the api helper owns this package."""
