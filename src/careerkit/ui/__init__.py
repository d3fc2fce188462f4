"""Shared views and charts: the exercise view base, the kit's widget style, live views and chart helpers."""
