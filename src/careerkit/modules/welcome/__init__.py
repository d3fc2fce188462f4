"""Module 00, welcome (notebooks/00_welcome): the banner each module starts with, choosing a participant, joining the room."""
