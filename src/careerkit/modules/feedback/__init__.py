"""Module 03, feedback (notebooks/03_feedback): stalled promotions, and the shadows of superpowers."""
