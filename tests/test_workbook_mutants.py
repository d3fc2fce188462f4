"""The workbook store's rules pinned down where mutation testing (``make mutate``) found nothing noticing a change."""

from __future__ import annotations
