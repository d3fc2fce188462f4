"""The store: the participant's workbook (answers and plan versions), its files, and who is answering."""
