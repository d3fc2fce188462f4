"""Domain rules pinned down one by one where mutation testing (``make mutate``) found nothing noticing a change."""

from __future__ import annotations
