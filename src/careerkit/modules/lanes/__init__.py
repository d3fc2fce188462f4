"""Module 02, pick a lane (notebooks/02_lanes): your expertise, your story, your path."""
