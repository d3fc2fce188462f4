"""Module 01, long-term versioning (notebooks/01_versioning): your career as a product."""
