"""The few fixed colours the tool tabs use for state (read well on the light and the dark theme)."""

#: an error, a shortfall, a failed job
RED = "#c62828"
#: a job done
GREEN = "#2e7d32"
