"""Module 04, Act 3 (notebooks/04_act3): a second North Star, and the whole career on one line."""
